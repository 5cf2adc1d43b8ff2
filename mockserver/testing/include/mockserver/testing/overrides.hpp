// Helpers for Overrides in tests: an override that answers only requests matching a
// GoogleMock matcher, throttling with Retry-After, and Graph error bodies of one's own.
// The matcher sees the request as the contract judged it (route, violations, the status
// the contract would give), before the override answers.
//
//   server.add_override({.matches = when(IsPost()), .times = 2, .status = 503});
//   server.add_override(throttle(2, std::chrono::seconds(1)));  // 429 twice, Retry-After: 1
//   server.add_override(graph_error(403, "accessDenied", "Insufficient privileges"));
#pragma once

#include <mockserver/override.hpp>

#include <gmock/gmock.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

namespace mockserver::testing {

// A predicate for Override::matches.
std::function<bool(const JournalEntry&)> when(::testing::Matcher<const JournalEntry&> matcher);

// {"error":{"code":..., "message":..., "innerError":{...}}}, Graph's error shape.
std::string graph_error_body(const std::string& code, const std::string& message);

// 429 TooManyRequests with Retry-After for the next `times` matching requests.
Override throttle(std::size_t times, std::chrono::seconds retry_after);

// Another status with a Graph error of the given code and message, until removed (set
// .times on the result to limit it).
Override graph_error(int status, const std::string& code, const std::string& message);

}  // namespace mockserver::testing
