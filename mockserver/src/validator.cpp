// Checks JSON bodies against body schemas, property by property.
#include "mockserver/validator.hpp"

#include <boost/json/serialize.hpp>

#include "text.hpp"

namespace mockserver {
namespace {

// A JSON pointer built on the stack while descending; rendered only on failure.
struct PointerPart {
  const PointerPart* parent = nullptr;
  std::string_view key;
  std::size_t index = 0;
  bool is_index = false;
};

void append_escaped(std::string& out, std::string_view key) {
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
}

std::string render(const PointerPart* part) {
  if (!part) return {};
  std::string out = render(part->parent);
  out += '/';
  if (part->is_index)
    out += std::to_string(part->index);
  else
    append_escaped(out, part->key);
  return out;
}

std::string shown(const boost::json::value& value) {
  std::string s = boost::json::serialize(value);
  if (s.size() > 80) s = s.substr(0, 77) + "...";
  return s;
}

std::string_view simple_name(std::string_view qualified) {
  return qualified.substr(qualified.rfind('.') + 1);
}

struct Checker {
  const TypeTable& types;
  const TypeNames& names;
  std::vector<Violation>& out;
  const std::vector<int>* accepted = nullptr;  // set while checking the top-level object

  void fail(const PointerPart* at, std::string message, const SourceLocation& where,
            std::optional<TypeRef> expected = std::nullopt) {
    out.push_back(Violation{render(at), std::move(message), where, expected});
  }

  // By name: one type may be documented on several pages (v1.0, beta, Intune's copies).
  bool derives_from(int type, int base) const {
    for (int depth = 0; type >= 0 && depth < 32; ++depth, type = types[type].base)
      if (type == base || text::iequals(types[type].name, types[base].name)) return true;
    return false;
  }

  // The type an "@odata.type" value names, if it is `documented` or derives from it; -2 if it names
  // nothing loaded, -3 if it names an unrelated type.
  int resolve_cast(std::string_view value, int documented) const {
    if (value.starts_with("#")) value.remove_prefix(1);
    auto it = names.find(text::to_lower(value));
    if (it == names.end())
      it = names.find(text::to_lower(simple_name(value)));  // another namespace
    if (it == names.end()) return -2;
    for (int candidate : it->second)
      if (documented < 0 || derives_from(candidate, documented)) return candidate;
    if (accepted)  // casts the page's own examples make at the top level
      for (int candidate : it->second)
        for (int a : *accepted)
          if (derives_from(candidate, a)) return candidate;
    // Same name in another API version folder counts as the documented type.
    if (documented >= 0 && text::iequals(types[documented].name, value)) return documented;
    return -3;
  }

  void check_object(const std::vector<Property>& properties, bool open, int documented,
                    const boost::json::object& object, const PointerPart* at,
                    const SourceLocation& where) {
    const std::vector<Property>* props = &properties;
    if (const auto* cast = object.if_contains("@odata.type")) {
      PointerPart part{at, "@odata.type"};
      if (!cast->is_string()) {
        fail(&part, "expected a type name such as \"#microsoft.graph.x\", got " + shown(*cast),
             where);
      } else {
        int type = resolve_cast(cast->as_string(), documented);
        if (type == -2 && documented >= 0) {
          fail(&part,
               shown(*cast) + " names no loaded type; expected #" + types[documented].name +
                   " or a type derived from it",
               where, TypeRef{TypeKind::complex, Edm::String, documented, false});
        } else if (type == -3) {
          fail(&part,
               shown(*cast) + " is not " + types[documented].name + " or a type derived from it",
               where, TypeRef{TypeKind::complex, Edm::String, documented, false});
        } else if (type >= 0 && type != documented &&
                   !(documented >= 0 && text::iequals(types[type].name, types[documented].name))) {
          props = &types[type].properties;  // a derived type: its own properties apply
          open = types[type].open;
        }
      }
    }
    accepted = nullptr;  // nested objects follow their declared types only
    for (const auto& member : object) {
      std::string_view key = member.key();
      if (key.find('@') != std::string_view::npos) continue;  // instance annotations
      const Property* property = nullptr;
      for (const Property& p : *props)
        if (p.name == key) {
          property = &p;
          break;
        }
      PointerPart part{at, key};
      if (property) {
        check_value(property->type, member.value(), &part, property->where);
      } else if (!open) {
        std::string message = "unknown property";
        for (const Property& p : *props)
          if (text::iequals(p.name, key))
            message += " (did you mean '" + p.name + "'? names are case-sensitive)";
        message += documented >= 0 ? "; " + std::string(simple_name(types[documented].name)) +
                                         " does not document it"
                                   : "; the page does not document it";
        fail(&part, std::move(message), where);
      }
    }
    for (const Property& p : *props)
      if (p.required && !object.contains(p.name)) {
        PointerPart part{at, p.name};
        fail(&part, "required property is missing", p.where, p.type);
      }
  }

  void check_value(const TypeRef& type, const boost::json::value& value, const PointerPart* at,
                   const SourceLocation& where) {
    if (value.is_null() || type.kind == TypeKind::any) return;
    if (type.collection) {
      if (!value.is_array()) {
        fail(at,
             "expected an array of " +
                 describe(TypeRef{type.kind, type.edm, type.type, false}, types) + ", got " +
                 shown(value),
             where, type);
        return;
      }
      TypeRef element = type;
      element.collection = false;
      std::size_t i = 0;
      for (const auto& item : value.as_array()) {
        PointerPart part{at, {}, i++, true};
        check_value(element, item, &part, where);
      }
      return;
    }
    switch (type.kind) {
      case TypeKind::any:
        return;
      case TypeKind::primitive:
        if (auto expected = check_edm(type.edm, value))
          fail(at, "expected " + *expected + ", got " + shown(value), where, type);
        return;
      case TypeKind::enumeration:
        check_enum(type, value, at, where);
        return;
      case TypeKind::complex:
        if (!value.is_object()) {
          fail(at,
               "expected a " + std::string(simple_name(types[type.type].name)) + " object, got " +
                   shown(value),
               where, type);
          return;
        }
        check_object(types[type.type].properties, types[type.type].open, type.type,
                     value.as_object(), at, where);
        return;
    }
  }

  void check_enum(const TypeRef& type, const boost::json::value& value, const PointerPart* at,
                  const SourceLocation& where) {
    const TypeDef& def = types[type.type];
    if (def.members.empty()) return;
    if (value.is_string()) {
      std::string_view s = value.as_string();
      bool ok = true;
      std::size_t pos = 0;
      while (ok && pos <= s.size()) {  // flags enums combine members with commas
        std::size_t comma = std::min(s.find(',', pos), s.size());
        std::string_view member = text::trim(s.substr(pos, comma - pos));
        ok = std::find(def.members.begin(), def.members.end(), member) != def.members.end();
        pos = comma + 1;
      }
      if (ok) return;
    }
    std::string list;
    for (const std::string& m : def.members) list += (list.empty() ? "" : ", ") + m;
    fail(at, shown(value) + " is not one of " + list, where, type);
  }
};

}  // namespace

std::string format(const Violation& violation) {
  return (violation.pointer.empty() ? std::string("(body)") : violation.pointer) + ": " +
         violation.message;
}

void validate_body(const BodySchema& schema, const TypeTable& types, const TypeNames& names,
                   const boost::json::object& body, std::vector<Violation>& out) {
  if (!schema.documented) return;
  Checker checker{types, names, out};
  checker.accepted = &schema.accepted_types;
  checker.check_object(schema.properties, schema.open, schema.type, body, nullptr, schema.where);
}

}  // namespace mockserver
