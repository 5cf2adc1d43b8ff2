// Builds contracts from an API page's parts: one per (method, template path).
#include <algorithm>
#include <optional>

#include "page_parts.hpp"
#include "path_match.hpp"
#include "text.hpp"

namespace mockserver::compiler {
namespace {

std::string version_from_path(std::string_view path) {
  if (path.find("/beta/") != std::string_view::npos) return "beta";
  if (path.find("/v1.0/") != std::string_view::npos) return "v1.0";
  return {};
}

std::size_t shared_suffix(std::string_view a, std::string_view b) {
  auto x = text::split_path(a), y = text::split_path(b);
  std::size_t n = 0;
  while (n < x.size() && n < y.size() && segment_matches(x[x.size() - 1 - n], y[y.size() - 1 - n]))
    ++n;
  return n;
}

bool has_body(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH";
}

// The resource type the request-body section names, else the one its response annotates.
int body_type(const Page& page, const PageParts& parts, TypeIndex& index, std::string& name,
              std::string& href) {
  for (const Link& link : parts.body_links) {
    if (link.href.find("resources/") == std::string::npos) continue;
    name = link.text;
    href = link.href;
    if (int found = index.find_linked(page.path, link);
        found >= 0 && (*index.types)[found].kind == TypeKind::complex)
      return found;
  }
  return -1;
}

// The request-body schema the page documents, read once for all the page's
// contracts (so its tables' diagnostics and enumerations are not repeated per
// template). owner names the enumerations that table descriptions define.
BodySchema page_schema(const Page& page, const PageParts& parts, const std::string& owner,
                       int template_line, TypeIndex& index, const Reporter& report) {
  BodySchema body;
  body.where = SourceLocation{page.path, parts.body_section_line};
  std::string href;
  body.type = body_type(page, parts, index, body.type_name, href);
  if (body.type < 0 && !body.type_name.empty())
    report(parts.body_section_line, Severity::warning, "unresolved-link",
           "request body names [" + body.type_name + "](" + href +
               "), which is not a loaded page; " +
               (parts.body_table ? "only the table is checked" : "any JSON object is accepted"));
  if (body.type >= 0) {
    const TypeDef& def = (*index.types)[body.type];
    body.type_name = def.name;
    body.properties = def.properties;
    body.open = def.open;
    body.documented = true;
  }
  if (parts.body_table) {
    for (Property& row : read_property_table(*parts.body_table, owner, page.path, index, report,
                                             /*mark_required=*/true)) {
      auto same = std::find_if(body.properties.begin(), body.properties.end(),
                               [&](const Property& p) { return p.name == row.name; });
      if (same != body.properties.end())
        *same = std::move(row);
      else
        body.properties.push_back(std::move(row));
    }
    body.documented = true;
  } else if (parts.has_body_section) {
    report(
        parts.body_section_line, Severity::note, "missing-table",
        body.documented
            ? "request body section has no property table; the schema is the resource type " +
                  body.type_name
            : "request body section has neither a property table nor a loaded resource type; any "
              "JSON object is accepted");
  } else {
    report(template_line, Severity::note, "missing-table",
           "page has no request body section; any JSON object is accepted");
  }
  return body;
}

// One type may be documented on several pages (v1.0, beta, Intune's copies).
bool same_type(const TypeIndex& index, int a, int b) {
  return a == b ||
         (a >= 0 && b >= 0 && text::iequals((*index.types)[a].name, (*index.types)[b].name));
}

bool derives(const TypeIndex& index, int type, int base) {
  for (int depth = 0; type >= 0 && depth < 32; ++depth, type = (*index.types)[type].base)
    if (same_type(index, type, base)) return true;
  return false;
}

// Whether a cast to type a fits a body documented as b: a derives from b, or both derive
// from one base below the root (socialIdentityProvider and openIdConnectIdentityProvider
// under identityProviderBase). Two types related only through entity are not.
bool related(const TypeIndex& index, int a, int b) {
  for (int x = a, depth = 0; x >= 0 && depth < 32; x = (*index.types)[x].base, ++depth)
    if (same_type(index, x, b) || ((*index.types)[x].base >= 0 && derives(index, b, x)))
      return true;
  return false;
}

// The type an "@odata.type" value names, or -1.
int cast_type(const boost::json::object& object, const std::string& page_path,
              const TypeIndex& index) {
  const auto* type = object.if_contains("@odata.type");
  if (!type || !type->is_string()) return -1;
  std::string_view name = type->as_string();
  if (name.starts_with("#")) name.remove_prefix(1);
  int found = index.find_named(page_path, name);
  if (found < 0) found = index.find_named(page_path, name.substr(name.rfind('.') + 1));
  return found >= 0 && (*index.types)[found].kind == TypeKind::complex ? found : -1;
}

// Properties that the page's own example sends are documented by that example: each
// one that neither the table nor the (nested) resource type lists is added, as any
// value, to where it was sent, and reported.
void document_by_example(const boost::json::object& object, std::vector<Property>& properties,
                         bool open, const Example& example, const std::string& at, TypeIndex& index,
                         const Reporter& report, int depth) {
  if (depth > 16) return;
  for (const auto& member : object) {
    std::string_view key = member.key();
    if (key.find('@') != std::string_view::npos) continue;
    auto known = std::find_if(properties.begin(), properties.end(),
                              [&](const Property& p) { return p.name == key; });
    if (known == properties.end()) {
      if (open) continue;
      report(
          example.request_at.line, Severity::warning, "undocumented-property",
          "the example sends '" + at + "/" + std::string(key) +
              "', which neither the table nor the resource type documents; accepted as any value");
      properties.push_back(Property{std::string(key), TypeRef{}, false, example.request_at});
      continue;
    }
    if (known->type.kind != TypeKind::complex) continue;
    const int declared = known->type.type;
    auto descend = [&](const boost::json::value& value, const std::string& where) {
      const auto* nested = value.if_object();
      if (!nested) return;
      int type = cast_type(*nested, example.request_at.file, index);
      if (type < 0) type = declared;
      TypeDef& def = (*index.types)[type];
      std::vector<Property> props = def.properties;  // the table may grow while we recurse
      document_by_example(*nested, props, def.open, example, where, index, report, depth + 1);
      (*index.types)[type].properties = std::move(props);
    };
    std::string where = at + "/" + std::string(key);
    if (known->type.collection) {
      if (const auto* array = member.value().if_array())
        for (const auto& item : *array) descend(item, where + "/*");
    } else {
      descend(member.value(), where);
    }
  }
}

void build_schema(const BodySchema& schema, Contract& contract, TypeIndex& index,
                  const Reporter& report) {
  BodySchema& body = contract.body;
  body = schema;
  if (!body.documented) return;
  for (const Example& example : contract.examples) {
    const auto* object = example.request_json.if_object();
    if (!object) continue;
    int cast = cast_type(*object, example.request_at.file, index);
    if (cast >= 0 && !same_type(index, cast, body.type)) {
      // A cast to an unrelated type is the page's mistake, which the lint reports; a cast
      // to a sibling (openIdConnectIdentityProvider beside socialIdentityProvider) is
      // documented as accepted by the example.
      if (body.type >= 0 && !related(index, cast, body.type)) continue;
      if (body.type >= 0 && !derives(index, cast, body.type) &&
          std::find(body.accepted_types.begin(), body.accepted_types.end(), cast) ==
              body.accepted_types.end())
        body.accepted_types.push_back(cast);
      std::vector<Property> props =
          (*index.types)[cast].properties;  // the validator checks against the cast type
      document_by_example(*object, props, (*index.types)[cast].open, example, "", index, report, 0);
      (*index.types)[cast].properties = std::move(props);
    } else {
      document_by_example(*object, body.properties, body.open, example, "", index, report, 0);
    }
  }
}

ResponseDefinition documented_response(const Contract& contract, const Example& example,
                                       const Reporter& report) {
  ResponseDefinition response;
  response.status = example.status;
  response.where = example.response_at;
  for (const auto& [name, value] : example.response_headers)
    if (!text::iequals(name, "Content-Length") && !text::iequals(name, "Content-Type"))
      response.headers.emplace_back(name, value);
  if (!example.response_json.is_null()) {
    response.body = example.response_json;
    response.has_body = true;
  } else if (!example.response_body.empty()) {
    report(example.response_at.line, Severity::warning, "unservable-body",
           "the documented response body cannot be served as JSON; the route answers with an empty "
           "object and a "
           "fresh id");
    response.body = boost::json::value(boost::json::object());
    response.has_body = true;
  }
  if (response.body.is_object())
    if (const auto* id = response.body.as_object().if_contains("id"); id && id->is_string())
      response.documented_id = std::string(id->as_string());
  (void)contract;
  return response;
}

void build_response(Contract& contract, const Reporter& report) {
  for (const Example& example : contract.examples) {
    if (!example.has_response || example.status < 200 || example.status > 299) continue;
    ExampleResponse alternative;
    if (const auto* body = example.request_json.if_object()) {
      for (const auto& member : *body) alternative.request_keys.emplace_back(member.key());
      std::sort(alternative.request_keys.begin(), alternative.request_keys.end());
      if (const auto* type = body->if_contains("@odata.type"); type && type->is_string())
        alternative.request_type = std::string(type->as_string());
    }
    alternative.response = documented_response(contract, example, report);
    contract.example_responses.push_back(std::move(alternative));
  }
  if (!contract.example_responses.empty()) {
    contract.response = contract.example_responses.front().response;
    return;
  }
  ResponseDefinition& response = contract.response;
  response.status = contract.method == "POST" ? 201 : contract.method == "GET" ? 200 : 204;
  if (response.status == 201) {
    response.body = boost::json::value(boost::json::object{{"id", ""}});
    response.has_body = true;
  }
  report(contract.where.line, Severity::note, "no-response-example",
         "no documented 2xx response; the route answers " + std::to_string(response.status));
}

// Whether the template holds a literal value where the example has a {placeholder}
// (the template was written with an example's ids).
bool has_literal_for_placeholder(std::string_view templ, std::string_view example) {
  auto t = text::split_path(templ), e = text::split_path(example);
  for (std::size_t i = 0; i < t.size() && i < e.size(); ++i)
    if (is_placeholder(e[i]) && !is_placeholder(t[i]) && !is_pattern(t[i])) return true;
  return false;
}

void add_alias(Contract& contract, const std::string& path) {
  if (std::find(contract.aliases.begin(), contract.aliases.end(), path) == contract.aliases.end())
    contract.aliases.push_back(path);
}

}  // namespace

std::vector<Contract> compile_api_page(const Page& page, TypeIndex& index, const Reporter& report) {
  PageParts parts = walk_api_page(page, report);
  pair_examples(parts);
  for (const ExampleBlock& response : parts.responses)
    if (response.paired < 0)
      report(response.line, Severity::note, "unpaired-response",
             "response " + std::to_string(response.http.status) +
                 " pairs with no request (none repeats its name and every request before it has "
                 "a response already); it is not served");
  std::string title;
  if (auto it = page.front_matter.find("title"); it != page.front_matter.end()) title = it->second;

  std::vector<Contract> contracts;
  auto add_contract = [&](const std::string& method, const std::string& path,
                          int line) -> Contract& {
    for (Contract& c : contracts)
      if (c.method == method && c.path == path) return c;
    Contract c;
    c.method = method;
    c.path = path;
    c.title = title;
    c.where = SourceLocation{page.path, line};
    contracts.push_back(std::move(c));
    return contracts.back();
  };
  for (const Template& t : parts.templates) add_contract(t.method, t.path, t.line);
  const std::size_t templated = contracts.size();

  for (const ExampleBlock& request : parts.requests) {
    const ExampleBlock* response = request.paired >= 0 ? &parts.responses[request.paired] : nullptr;
    Example example = make_example(page, request, response, report);
    Contract* home = nullptr;
    for (std::size_t i = 0; i < templated && !home; ++i)
      if (contracts[i].method == example.method && path_matches(contracts[i].path, example.path))
        home = &contracts[i];
    if (home && has_literal_for_placeholder(home->path, example.path)) {
      add_alias(*home, example.path);
      report(example.request_at.line, Severity::warning, "template-concrete-segment",
             "the template at line " + std::to_string(home->where.line) +
                 " has a value where the example " + example.path +
                 " has a placeholder; both paths are served");
    }
    if (!home) {
      for (std::size_t i = 0; i < templated && !home; ++i) {
        Contract& c = contracts[i];
        if (c.method == example.method && c.path.ends_with("/$ref") &&
            path_matches(c.path.substr(0, c.path.size() - 5), example.path)) {
          home = &c;
          std::string alias = c.path.substr(0, c.path.size() - 5);
          if (std::find(c.aliases.begin(), c.aliases.end(), alias) == c.aliases.end())
            c.aliases.push_back(alias);
          report(example.request_at.line, Severity::warning, "ref-template-mismatch",
                 "the template at line " + std::to_string(c.where.line) +
                     " ends in /$ref but the example " + example.method + "s to " + alias +
                     "; both paths are served by this contract");
        }
      }
    }
    if (!home) {
      std::size_t best = 0;
      for (std::size_t i = 0; i < templated; ++i)
        if (contracts[i].method == example.method) {
          std::size_t score = shared_suffix(contracts[i].path, example.path) + 1;
          if (score > best) best = score, home = &contracts[i];
        }
      if (home) {
        if (std::find(home->aliases.begin(), home->aliases.end(), example.path) ==
            home->aliases.end())
          home->aliases.push_back(example.path);
        report(example.request_at.line, Severity::warning, "template-example-mismatch",
               "the example " + example.method + "s to " + example.path + ", which the template " +
                   home->path + " at line " + std::to_string(home->where.line) +
                   " does not match; both paths are served");
      }
    }
    if (!home) {
      report(example.request_at.line, Severity::warning,
             templated ? "method-mismatch" : "no-template",
             templated ? "no template of the page has method " + example.method +
                             "; the example's path " + example.path + " is served as documented"
                       : "the page has no HTTP request template; the example's path " +
                             example.path + " is served as documented");
      for (Contract& c : contracts)
        if (c.method == example.method && c.path == example.path) home = &c;
      if (!home) home = &add_contract(example.method, example.path, example.request_at.line);
    }
    if (home->api_version.empty()) home->api_version = example.version;
    home->examples.push_back(std::move(example));
  }

  std::optional<BodySchema> schema;
  for (Contract& contract : contracts) {
    if (contract.api_version.empty()) contract.api_version = version_from_path(page.path);
    if (parts.header_table)
      for (const auto& row : parts.header_table->rows)
        if (row.size() >= 2 && text::iequals(text::trim(row[0].text), "Content-Type") &&
            text::ifind(row[1].text, "application/json") != std::string::npos)
          contract.requires_json = true;
    if (has_body(contract.method)) {
      for (const Example& e : contract.examples)
        contract.requires_json = contract.requires_json || e.request_json.is_object();
      if (!schema)
        schema = page_schema(page, parts, contract.method + " " + contract.path,
                             contract.where.line, index, report);
      build_schema(*schema, contract, index, report);
    }
    build_response(contract, report);
  }
  return contracts;
}

}  // namespace mockserver::compiler
