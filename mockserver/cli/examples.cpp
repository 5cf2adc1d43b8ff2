// `mockserver examples`: every documented example request as a JSON line, with
// --valid its body conformed to the schema (placeholders replaced by valid values).
#include <boost/json/serialize.hpp>
#include <iostream>

#include <mockserver/conform.hpp>
#include <mockserver/contract_json.hpp>

#include "commands.hpp"

namespace mockserver::cli {
namespace {

std::string location_of(const Headers& headers) {
  for (const auto& [name, value] : headers)
    if (name.size() == 8 && (name[0] == 'L' || name[0] == 'l') && name.substr(1) == "ocation")
      return value;
  return {};
}

}  // namespace

int run_examples(const std::vector<std::string>& paths, bool valid) {
  Catalog catalog = load(paths);
  for (const Contract& c : catalog.contracts) {
    std::string string_property;  // a top-level String property, for negative probes
    for (const Property& p : c.body.properties)
      if (p.type.kind == TypeKind::primitive && p.type.edm == Edm::String && !p.type.collection &&
          p.name != "id") {
        string_property = p.name;
        break;
      }
    for (const Example& e : c.examples) {
      boost::json::value body = e.request_json;
      if (valid && c.body.documented) body = conform(c.body, catalog, std::move(body));
      boost::json::object line{
          {"page", e.request_at.file},
          {"line", e.request_at.line},
          {"method", e.method},
          {"url", e.url},
          {"route", c.method + " " + c.path},
          {"body", std::move(body)},
          {"documented_status", e.status},
          {"documented_response", e.response_json.value()},
          {"documented_response_body_empty", e.has_response && e.response_body.empty()},
          {"documented_location", location_of(e.response_headers)},
          {"schema_documented", c.body.documented},
          {"schema_open", c.body.open},
          {"string_property", string_property}};
      std::cout << boost::json::serialize(line) << '\n';
    }
  }
  return 0;
}

}  // namespace mockserver::cli
