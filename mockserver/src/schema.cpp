// Names of type references for messages.
#include "mockserver/schema.hpp"

namespace mockserver {

std::string describe(const TypeRef& ref, const TypeTable& types) {
  std::string name;
  switch (ref.kind) {
    case TypeKind::any:
      name = "any value";
      break;
    case TypeKind::primitive:
      name = std::string(edm_name(ref.edm));
      break;
    case TypeKind::enumeration:
    case TypeKind::complex: {
      const std::string& full = types[ref.type].name;
      name = full.substr(full.rfind('.') + 1);
      break;
    }
  }
  return ref.collection ? name + " collection" : name;
}

}  // namespace mockserver
