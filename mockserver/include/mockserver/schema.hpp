// The schema vocabulary: the types a request body is checked against.
//
// A TypeRef names what one JSON value must be: any value, an Edm primitive, one of
// an enumeration's members, or an object of a complex type; possibly a collection
// of those. Enumerations and complex types live in a TypeTable shared by all the
// contracts of a catalog, so types that refer to each other (user -> manager ->
// user) are plain indices, not pointers.
//
//   const TypeDef& t = types[ref.type];  // when ref.kind is enumeration or complex
#pragma once

#include <mockserver/diagnostic.hpp>
#include <mockserver/edm.hpp>

#include <string>
#include <unordered_map>
#include <vector>

namespace mockserver {

enum class TypeKind { any, primitive, enumeration, complex };

struct TypeRef {
  TypeKind kind = TypeKind::any;
  Edm edm = Edm::String;  // when kind == primitive
  int type = -1;          // index into the TypeTable when enumeration or complex
  bool collection = false;
};

struct Property {
  std::string name;
  TypeRef type;
  bool required = false;
  SourceLocation where;  // the table row (or example) that documents it
};

struct TypeDef {
  std::string name;                   // qualified, e.g. "microsoft.graph.windowsUpdateState"
  TypeKind kind = TypeKind::complex;  // enumeration or complex
  SourceLocation where;
  std::vector<std::string> members;  // enumeration members
  std::vector<Property> properties;  // complex: own and inherited properties
  int base = -1;                     // complex: index of the base type, -1 if none
  bool open = false;                 // complex: open type, unknown properties allowed
};

using TypeTable = std::vector<TypeDef>;

// Lower-case qualified type name ("microsoft.graph.user") -> the types of that name
// (one per API version folder), for resolving "@odata.type" values.
using TypeNames = std::unordered_map<std::string, std::vector<int>>;

// The schema of one contract's request body.
struct BodySchema {
  bool documented = false;  // false: the page documents no body; any JSON object is accepted
  std::string type_name;    // the documented resource type, "" if none
  int type = -1;            // its index in the TypeTable, -1 when not loaded
  std::vector<Property> properties;  // the resource's properties refined by the page's table
  bool open = false;                 // unknown properties allowed
  SourceLocation where;              // the request-body section
  std::vector<int> accepted_types;   // other "@odata.type" casts the page's own examples send
};

// Human name of a type reference, e.g. "DateTimeOffset", "windowsUpdateStatus collection".
std::string describe(const TypeRef& ref, const TypeTable& types);

}  // namespace mockserver
