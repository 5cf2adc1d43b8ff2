// Parsing JSON as documentation pages write it, and as clients send it.
//
// parse_strict_json() is the request-time parser: strict RFC 8259 JSON (Boost.JSON),
// bounded nesting depth, and on failure the byte offset, line and column where
// parsing stopped, for a 400 that says where the body is broken.
//
// parse_lenient_json() is the page-time parser: documentation bodies and annotation
// comments are often almost JSON (trailing commas, comments, unquoted keys, smart
// quotes, `...` elisions, raw newlines inside strings, non-breaking spaces). It
// repairs what it can and lists every repair, so the compiler can report each one
// as a diagnostic while still serving strict JSON.
//
//   LenientJson doc = parse_lenient_json(text);
//   if (!doc.ok()) report(doc.error.message, doc.error.line);
//   for (const JsonRepair& r : doc.repairs) warn(r.line, r.what);
#pragma once

#include <boost/json/value.hpp>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mockserver {

// Where and why JSON text failed to parse. line and column are 1-based.
struct JsonError {
  std::size_t offset = 0;
  int line = 0;
  int column = 0;
  std::string message;  // e.g. "expected ',' or '}' after an object member"
};

struct StrictJson {
  boost::json::value value;  // meaningful only when ok()
  bool failed = false;
  JsonError error;
  bool ok() const { return !failed; }
};

// Strict JSON; nesting deeper than max_depth is an error.
StrictJson parse_strict_json(std::string_view text, std::size_t max_depth = 64);

// One change made to turn the text into strict JSON. line is 1-based within the text.
struct JsonRepair {
  int line = 0;
  std::string what;  // e.g. "removed a trailing comma", "quoted the key deviceId"
};

struct LenientJson {
  boost::json::value value;         // meaningful only when ok()
  std::vector<JsonRepair> repairs;  // empty when the text was strict JSON already
  bool failed = false;              // true when even the repaired text does not parse
  JsonError error;                  // of the repaired text, positions mapped to the input
  bool ok() const { return !failed; }
};

LenientJson parse_lenient_json(std::string_view text);

}  // namespace mockserver
