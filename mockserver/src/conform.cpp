// Replaces the values that the validator rejects with valid values of their type.
#include "mockserver/conform.hpp"

#include "mockserver/validator.hpp"

namespace mockserver {
namespace {

// Splits "/a/0/b" into unescaped tokens.
std::vector<std::string> tokens(std::string_view pointer) {
  std::vector<std::string> out;
  std::size_t pos = 1;
  while (pos <= pointer.size() && !pointer.empty()) {
    std::size_t end = std::min(pointer.find('/', pos), pointer.size());
    std::string token;
    for (std::size_t i = pos; i < end; ++i) {
      if (pointer[i] == '~' && i + 1 < end)
        token += pointer[++i] == '1' ? '/' : '~';
      else
        token += pointer[i];
    }
    out.push_back(std::move(token));
    pos = end + 1;
  }
  return out;
}

// Sets the value at a path whose parent exists (Boost 1.81 has no set_at_pointer).
bool set_at(boost::json::value& root, const std::vector<std::string>& path,
            boost::json::value value) {
  boost::json::value* parent = &root;
  for (std::size_t i = 0; i + 1 < path.size(); ++i) {
    if (auto* object = parent->if_object())
      parent = object->if_contains(path[i]);
    else if (auto* array = parent->if_array()) {
      std::size_t index = std::strtoul(path[i].c_str(), nullptr, 10);
      parent = index < array->size() ? &(*array)[index] : nullptr;
    } else
      parent = nullptr;
    if (!parent) return false;
  }
  if (auto* object = parent->if_object()) {
    (*object)[path.back()] = std::move(value);
    return true;
  }
  if (auto* array = parent->if_array()) {
    std::size_t index = std::strtoul(path.back().c_str(), nullptr, 10);
    if (index >= array->size()) return false;
    (*array)[index] = std::move(value);
    return true;
  }
  return false;
}

}  // namespace

boost::json::value sample_value(const TypeRef& type, const TypeTable& types) {
  if (type.collection)
    return boost::json::array{sample_value(TypeRef{type.kind, type.edm, type.type, false}, types)};
  switch (type.kind) {
    case TypeKind::primitive:
      return sample_edm(type.edm);
    case TypeKind::enumeration:
      return types[type.type].members.empty()
                 ? boost::json::value("")
                 : boost::json::value(types[type.type].members.front());
    case TypeKind::complex:
      return boost::json::object();
    case TypeKind::any:
      return nullptr;
  }
  return nullptr;
}

boost::json::value conform(const BodySchema& schema, const Catalog& catalog,
                           boost::json::value body) {
  if (!body.is_object()) return body;
  for (int round = 0; round < 4; ++round) {
    std::vector<Violation> violations;
    validate_body(schema, catalog.types, catalog.type_names, body.as_object(), violations);
    bool changed = false;
    for (const Violation& v : violations) {
      auto path = tokens(v.pointer);
      if (path.empty()) continue;
      const std::optional<TypeRef>& type = v.expected;
      if (!type) continue;
      boost::json::value valid = path.back() == "@odata.type" && type->kind == TypeKind::complex
                                     ? boost::json::value("#" + catalog.types[type->type].name)
                                     : sample_value(*type, catalog.types);
      changed = set_at(body, path, std::move(valid)) || changed;
    }
    if (!changed) break;
  }
  return body;
}

}  // namespace mockserver
