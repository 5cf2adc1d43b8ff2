// Contracts and diagnostics as JSON values.
#include "mockserver/contract_json.hpp"

namespace mockserver {
namespace {

boost::json::array to_json(const Headers& headers) {
  boost::json::array out;
  for (const auto& [name, value] : headers)
    out.push_back(boost::json::array{name.c_str(), value.c_str()});
  return out;
}

std::string_view kind_name(TypeKind kind) {
  switch (kind) {
    case TypeKind::any:
      return "any";
    case TypeKind::primitive:
      return "primitive";
    case TypeKind::enumeration:
      return "enumeration";
    case TypeKind::complex:
      return "complex";
  }
  return "any";
}

}  // namespace

boost::json::value to_json(const TypeRef& ref, const TypeTable& types) {
  boost::json::object out{{"kind", kind_name(ref.kind)},
                          {"collection", ref.collection},
                          {"name", describe(ref, types)}};
  if (ref.kind == TypeKind::primitive) out["edm"] = edm_name(ref.edm);
  if (ref.kind == TypeKind::enumeration) {
    boost::json::array members;
    for (const std::string& m : types[ref.type].members) members.emplace_back(m);
    out["members"] = std::move(members);
  }
  if (ref.kind == TypeKind::complex) out["type"] = types[ref.type].name;
  return out;
}

boost::json::value to_json(const Contract& c, const TypeTable& types) {
  boost::json::object out{{"method", c.method},
                          {"path", c.path},
                          {"source", format(c.where)},
                          {"title", c.title},
                          {"api_version", c.api_version},
                          {"requires_authorization", c.requires_authorization},
                          {"requires_json", c.requires_json}};
  boost::json::array aliases;
  for (const std::string& a : c.aliases) aliases.emplace_back(a);
  out["aliases"] = std::move(aliases);

  boost::json::object body{
      {"documented", c.body.documented}, {"type", c.body.type_name}, {"open", c.body.open}};
  boost::json::array properties;
  for (const Property& p : c.body.properties)
    properties.push_back(boost::json::object{{"name", p.name},
                                             {"type", to_json(p.type, types)},
                                             {"required", p.required},
                                             {"source", format(p.where)}});
  body["properties"] = std::move(properties);
  out["body"] = std::move(body);

  boost::json::array examples;
  for (const Example& e : c.examples) {
    boost::json::object example{{"name", e.name},
                                {"source", format(e.request_at)},
                                {"method", e.method},
                                {"url", e.url},
                                {"version", e.version},
                                {"path", e.path},
                                {"request_headers", to_json(e.request_headers)},
                                {"request_body", e.request_json.value()}};
    if (e.has_response)
      example["response"] = boost::json::object{{"source", format(e.response_at)},
                                                {"status", e.status},
                                                {"headers", to_json(e.response_headers)},
                                                {"body", e.response_json.value()}};
    examples.push_back(std::move(example));
  }
  out["examples"] = std::move(examples);
  out["response"] = boost::json::object{{"status", c.response.status},
                                        {"headers", to_json(c.response.headers)},
                                        {"body", c.response.body.value()},
                                        {"source", format(c.response.where)}};
  return out;
}

boost::json::value to_json(const Diagnostic& d) {
  return {{"file", d.where.file},
          {"line", d.where.line},
          {"severity", to_string(d.severity)},
          {"kind", d.kind},
          {"message", d.message}};
}

}  // namespace mockserver
