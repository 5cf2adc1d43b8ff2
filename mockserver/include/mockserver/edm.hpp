// The Entity Data Model primitive types that Graph pages name in their property
// tables (String, Int32, DateTimeOffset, ...), and what a valid JSON value of each
// looks like on the wire.
//
//   if (auto edm = parse_edm_name("DateTimeOffset"))
//     if (auto expected = check_edm(*edm, value)) report(*expected);  // "a DateTimeOffset ..."
#pragma once

#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace mockserver {

enum class Edm {
  String,
  Boolean,
  Byte,
  SByte,
  Int16,
  Int32,
  Int64,
  Single,
  Double,
  Decimal,
  Guid,
  Binary,
  Date,
  DateTimeOffset,
  Duration,
  TimeOfDay,
  Stream,
};

// Case-insensitive; accepts "Edm.Int32", "int32", "string", "bool", "DateTime" (an
// alias of DateTimeOffset in the pages) and the like. nullopt for anything else.
std::optional<Edm> parse_edm_name(std::string_view name);

// The canonical name, e.g. "DateTimeOffset".
std::string_view edm_name(Edm type);

// nullopt when value is a valid JSON encoding of type; otherwise what was expected,
// phrased to follow "expected ", e.g. "an Int32 (integer from -2147483648 to 2147483647)".
std::optional<std::string> check_edm(Edm type, const boost::json::value& value);

// A valid value of the type, used to replace placeholders in documented examples.
boost::json::value sample_edm(Edm type);

}  // namespace mockserver
