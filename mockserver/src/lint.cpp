// The page's own examples must satisfy the page's own schema; placeholders such
// as "String" for an enumeration are reported as what they are.
#include "lint.hpp"

#include <map>
#include <tuple>

#include "mockserver/validator.hpp"
#include "text.hpp"

namespace mockserver {
namespace {

const boost::json::value* at_pointer(const boost::json::value& root, std::string_view pointer) {
  boost::system::error_code ec;
  std::string p(pointer);
  const boost::json::value* v = root.find_pointer(p, ec);
  return ec ? nullptr : v;
}

bool is_placeholder_value(const boost::json::value* value) {
  if (!value || !value->is_string()) return false;
  std::string_view s = value->as_string();
  return text::iequals(s, "string") || text::istarts_with(s, "string (") ||
         parse_edm_name(s).has_value() || text::iends_with(s, "-value") ||
         (s.starts_with("<") && s.ends_with(">")) || (s.starts_with("{") && s.ends_with("}"));
}

}  // namespace

void lint_examples(const Contract& contract, const TypeTable& types, const TypeNames& names,
                   std::vector<Diagnostic>& out) {
  for (const Example& example : contract.examples) {
    if (!example.request_json.is_object()) continue;
    std::vector<Violation> violations;
    validate_body(contract.body, types, names, example.request_json.as_object(), violations);
    for (const Violation& v : violations) {
      bool placeholder = is_placeholder_value(at_pointer(example.request_json, v.pointer));
      out.push_back(Diagnostic{example.request_at, Severity::error,
                               placeholder ? "placeholder-value" : "example-violates-schema",
                               "the page's own example request breaks its schema: " + format(v) +
                                   (placeholder ? " (a placeholder, not a value)" : "") +
                                   " [documented at " + format(v.where) + "]"});
    }
  }
}

void lint_duplicate_routes(const std::vector<Contract>& contracts, std::vector<Diagnostic>& out) {
  std::map<std::tuple<std::string, std::string, std::string>, const Contract*> seen;
  for (const Contract& c : contracts) {
    auto [it, fresh] =
        seen.emplace(std::make_tuple(c.method, text::to_lower(c.path), c.api_version), &c);
    if (!fresh)
      out.push_back(Diagnostic{c.where, Severity::note, "duplicate-route",
                               c.method + " " + c.path + " (" + c.api_version +
                                   ") is documented at " + format(it->second->where) +
                                   " already; a request is held to the page that documents its "
                                   "@odata.type and whose examples it resembles"});
  }
}

}  // namespace mockserver
