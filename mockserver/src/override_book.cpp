// Overrides: kept in order of addition, the newest matching one answers.
#include "override_book.hpp"

#include <strings.h>

#include <thread>

#include "responder.hpp"
#include "utf8.hpp"

namespace mockserver {

OverrideId OverrideBook::add(Override override) {
  std::lock_guard lock(mutex_);
  OverrideId id = next_++;
  active_.push_back({id, std::move(override), 0});
  return id;
}

void OverrideBook::remove(OverrideId id) {
  std::lock_guard lock(mutex_);
  std::erase_if(active_, [&](const Active& o) { return o.id == id; });
}

void OverrideBook::clear() {
  std::lock_guard lock(mutex_);
  active_.clear();
}

std::size_t OverrideBook::hits(OverrideId id) const {
  std::lock_guard lock(mutex_);
  for (const Active& o : active_)
    if (o.id == id) return o.hits;
  return 0;
}

std::optional<Override> OverrideBook::take(const JournalEntry& entry) {
  std::optional<Override> chosen;
  {
    std::lock_guard lock(mutex_);
    for (auto it = active_.rbegin(); it != active_.rend(); ++it) {
      if (it->override.times && it->hits >= *it->override.times) continue;
      if (it->override.matches && !it->override.matches(entry)) continue;
      ++it->hits;
      chosen = it->override;
      break;
    }
  }
  if (chosen && chosen->delay.count() > 0) std::this_thread::sleep_for(chosen->delay);
  return chosen;
}

void apply_override(const Override& o, Response& response, JournalEntry& entry) {
  entry.overridden = true;
  if (o.status == 0) return;  // a delay only
  std::string client_id;
  for (const auto& [name, value] : entry.headers)
    if (name.size() == 17 && strcasecmp(name.c_str(), "client-request-id") == 0)
      client_id = valid_utf8(value);
  if (!o.body && o.status >= 400) {
    entry.error_code = graph_error_code(o.status);
    response = render_error(
        {o.status,
         entry.error_code,
         "Answered by an override of the test (status " + std::to_string(o.status) + ")",
         {},
         {}},
        entry.request_id, client_id);
  } else {
    response = Response{o.status, {}, o.body.value_or("")};
    response.headers.emplace_back("request-id", entry.request_id);
    if (!client_id.empty()) response.headers.emplace_back("client-request-id", client_id);
    if (o.body) response.headers.emplace_back("Content-Type", "application/json");
  }
  for (const auto& header : o.headers) response.headers.push_back(header);
  entry.status = response.status;
  entry.response_body = response.body;
}

}  // namespace mockserver
