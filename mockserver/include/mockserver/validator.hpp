// The validator checks a JSON request body against a contract's body schema and
// lists every violation as a JSON pointer with what was expected and what came:
//
//   /status: "String" is not one of upToDate, pendingInstallation, pendingReboot, failed
//
// Rules: each property's Edm type, enumeration members (a flags value may combine
// members with commas), collections, nested complex types, "@odata.type" (the
// documented type or one derived from it, whose properties then apply), unknown
// properties (rejected unless the type is open), and required properties. JSON
// null is accepted for every property; other instance annotations
// ("members@odata.bind") are accepted as sent.
//
//   std::vector<Violation> violations;
//   validate_body(contract.body, catalog.types, catalog.type_names, body, violations);
#pragma once

#include <mockserver/diagnostic.hpp>
#include <mockserver/schema.hpp>

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

namespace mockserver {

struct Violation {
  std::string pointer;              // RFC 6901 JSON pointer; "" for the body as a whole
  std::string message;              // what was expected and what came
  SourceLocation where;             // where the page documents the rule
  std::optional<TypeRef> expected;  // the type the value should have had, when a value broke it
};

// "pointer: message", e.g. "/deviceId: expected a String, got 42".
std::string format(const Violation& violation);

void validate_body(const BodySchema& schema, const TypeTable& types, const TypeNames& names,
                   const boost::json::object& body, std::vector<Violation>& out);

}  // namespace mockserver
