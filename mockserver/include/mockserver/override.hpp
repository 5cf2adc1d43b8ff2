// An Override makes the server answer differently for a while: another status and
// body (429 with Retry-After, 500, 503, a Graph error) or a delay, for the next N
// matching requests or until removed. It is how a client's error and retry paths are
// tested. The request still goes through the contract first, so the journal keeps its
// route and violations; the override then replaces the answer.
//
//   server.add_override({.times = 2, .status = 429, .headers = {{"Retry-After", "1"}}});
//   server.add_override({.matches = [](const JournalEntry& e) { return e.method == "POST"; },
//                        .delay = std::chrono::milliseconds(200)});  // status 0: as documented
#pragma once

#include <mockserver/journal.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>

namespace mockserver {

struct Override {
  std::function<bool(const JournalEntry&)> matches = {};  // empty: every request
  std::optional<std::size_t> times = {};  // matching requests it answers; unset: until removed
  int status = 0;                         // 0: the documented answer (use with delay)
  Headers headers = {};
  std::optional<std::string> body =
      {};  // unset: a Graph error body for the status (or none below 400)
  std::chrono::milliseconds delay{0};
};

using OverrideId = std::uint64_t;

// Graph's error code for an HTTP status, e.g. 429 -> "TooManyRequests".
std::string graph_error_code(int status);

}  // namespace mockserver
