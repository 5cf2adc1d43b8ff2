// A listener on the journal that runs hooks, then wakes the tests waiting for requests.
#include "mockserver/testing/request_feed.hpp"

#include <gmock/gmock.h>

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <sstream>
#include <utility>

#include "mockserver/testing/printers.hpp"

namespace mockserver::testing {

struct RequestFeed::State {
  std::mutex calling;  // held while hooks run and while one is removed: one request at a time
  std::mutex mutex;    // guards what follows
  std::condition_variable arrival;
  std::vector<std::pair<std::uint64_t, RequestHook>> hooks;
  std::uint64_t next_hook = 1;
  std::vector<JournalEntry> arrived;
  bool detached = false;

  void deliver(const JournalEntry& entry) {
    std::lock_guard calling_lock(calling);
    std::vector<std::pair<std::uint64_t, RequestHook>> current;
    {
      std::lock_guard lock(mutex);
      if (detached) return;
      current = hooks;
    }
    for (const auto& [id, hook] : current) hook(entry);
    {
      std::lock_guard lock(mutex);
      arrived.push_back(entry);
    }
    arrival.notify_all();
  }

  void remove(std::uint64_t id) {
    std::lock_guard calling_lock(calling);
    std::lock_guard lock(mutex);
    std::erase_if(hooks, [id](const auto& hook) { return hook.first == id; });
  }
};

Subscription& Subscription::operator=(Subscription&& other) noexcept {
  if (this != &other) {
    cancel();
    cancel_ = std::exchange(other.cancel_, nullptr);
  }
  return *this;
}

void Subscription::cancel() {
  if (cancel_) std::exchange(cancel_, nullptr)();
}

RequestFeed::RequestFeed(Journal& journal) : state_(std::make_shared<State>()) {
  state_->arrived = journal.entries();
  journal.on_record([state = state_](const JournalEntry& entry) { state->deliver(entry); });
}

RequestFeed::~RequestFeed() {
  std::lock_guard calling_lock(state_->calling);
  std::lock_guard lock(state_->mutex);
  state_->detached = true;  // the journal keeps its listener; it does nothing from now on
  state_->hooks.clear();
}

Subscription RequestFeed::subscribe(RequestHook hook) {
  std::lock_guard lock(state_->mutex);
  std::uint64_t id = state_->next_hook++;
  state_->hooks.emplace_back(id, std::move(hook));
  return Subscription([weak = std::weak_ptr<State>(state_), id] {
    if (auto state = weak.lock()) state->remove(id);
  });
}

std::vector<JournalEntry> RequestFeed::arrived() const {
  std::lock_guard lock(state_->mutex);
  return state_->arrived;
}

namespace {

std::string listing(const std::vector<JournalEntry>& entries,
                    const ::testing::Matcher<const JournalEntry&>* matcher) {
  std::ostringstream out;
  out << entries.size() << (entries.size() == 1 ? " request" : " requests") << " arrived";
  out << (entries.empty() ? "." : ":");
  for (const JournalEntry& entry : entries) {
    out << "\n  " << describe(entry);
    ::testing::StringMatchResultListener why;
    if (matcher && !matcher->MatchAndExplain(entry, &why) && !why.str().empty())
      out << "\n    " << why.str();
  }
  return out.str();
}

}  // namespace

::testing::AssertionResult RequestFeed::wait_for_requests(std::size_t count,
                                                          std::chrono::milliseconds timeout) const {
  std::unique_lock lock(state_->mutex);
  if (state_->arrival.wait_for(lock, timeout, [&] { return state_->arrived.size() >= count; }))
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "waited " << timeout.count() << " ms for " << count
         << (count == 1 ? " request" : " requests") << "; " << listing(state_->arrived, nullptr);
}

::testing::AssertionResult RequestFeed::wait_for(
    const ::testing::Matcher<const JournalEntry&>& matcher,
    std::chrono::milliseconds timeout) const {
  std::unique_lock lock(state_->mutex);
  std::size_t checked = 0;
  auto found = [&] {
    for (; checked < state_->arrived.size(); ++checked)
      if (matcher.Matches(state_->arrived[checked])) return true;
    return false;
  };
  if (state_->arrival.wait_for(lock, timeout, found)) return ::testing::AssertionSuccess();
  std::ostringstream wanted;
  matcher.DescribeTo(&wanted);
  return ::testing::AssertionFailure()
         << "waited " << timeout.count() << " ms for one that " << wanted.str() << "; "
         << listing(state_->arrived, &matcher);
}

}  // namespace mockserver::testing
