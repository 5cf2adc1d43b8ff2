// Override helpers: matchers as predicates, throttling, Graph error bodies.
#include "mockserver/testing/overrides.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <ctime>

namespace mockserver::testing {

std::function<bool(const JournalEntry&)> when(::testing::Matcher<const JournalEntry&> matcher) {
  return
      [matcher = std::move(matcher)](const JournalEntry& entry) { return matcher.Matches(entry); };
}

std::string graph_error_body(const std::string& code, const std::string& message) {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char date[32];
  std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &utc);
  boost::json::value body = {
      {"error", {{"code", code}, {"message", message}, {"innerError", {{"date", date}}}}}};
  return boost::json::serialize(body);
}

Override throttle(std::size_t times, std::chrono::seconds retry_after) {
  return {.times = times,
          .status = 429,
          .headers = {{"Retry-After", std::to_string(retry_after.count())}}};
}

Override graph_error(int status, const std::string& code, const std::string& message) {
  return {.status = status, .body = graph_error_body(code, message)};
}

}  // namespace mockserver::testing
