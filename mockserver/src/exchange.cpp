// The request pipeline: route, headers, body, schema, response.
#include "mockserver/exchange.hpp"

#include <limits>

#include "mockserver/lenient_json.hpp"
#include "responder.hpp"
#include "text.hpp"
#include "utf8.hpp"

namespace mockserver {
namespace {

std::string_view header(const Headers& headers, std::string_view name) {
  for (const auto& [key, value] : headers)
    if (text::iequals(key, name)) return value;
  return {};
}

bool has_header(const Headers& headers, std::string_view name) {
  for (const auto& [key, value] : headers)
    if (text::iequals(key, name)) return true;
  return false;
}

bool is_bearer(std::string_view authorization) {
  if (!text::istarts_with(authorization, "Bearer ")) return false;
  return !text::trim(authorization.substr(7)).empty();
}

bool is_json_media_type(std::string_view content_type) {
  std::string_view type = text::trim(content_type.substr(0, content_type.find(';')));
  return text::iequals(type, "application/json");
}

std::string_view without_hash(std::string_view s) { return s.starts_with("#") ? s.substr(1) : s; }

// Whether the contract's page documents bodies of this "@odata.type" (its type or an example's).
bool documents_type(const Contract& c, std::string_view type) {
  if (type.empty()) return false;
  if (text::iequals(without_hash(c.body.type_name), type)) return true;
  for (const Example& e : c.examples)
    if (const auto* b = e.request_json.if_object())
      if (const auto* t = b->if_contains("@odata.type");
          t && t->is_string() && text::iequals(without_hash(t->as_string()), type))
        return true;
  return false;
}

// Several pages may document one route (Intune documents POST /deviceConfigurations once per
// derived type; chat-post-messages and chatmessage-post share one). The request is held to
// the page, of those for its version, that documents its "@odata.type" and whose examples it
// resembles most: a body is checked against one page's schema, never the most lenient one.
int choose_contract(const Catalog& catalog, const RouteMatch& match,
                    const boost::json::object* body) {
  if (match.candidates.size() < 2 || !body) return match.contract;
  std::string_view type;
  if (const auto* t = body->if_contains("@odata.type"); t && t->is_string())
    type = without_hash(t->as_string());
  const bool version_known =
      !match.version.empty() &&
      text::iequals(catalog.contracts[match.contract].api_version, match.version);
  int best = match.contract;
  long best_score = std::numeric_limits<long>::min();
  for (int candidate : match.candidates) {
    const Contract& c = catalog.contracts[candidate];
    if (version_known && !text::iequals(c.api_version, match.version)) continue;
    long score = std::numeric_limits<long>::min() / 2;
    for (const ExampleResponse& e : c.example_responses)
      score = std::max(score, resemblance(e, *body));
    if (documents_type(c, type)) score += 1'000'000;
    if (score > best_score) {
      best = candidate;
      best_score = score;
    }
  }
  return best;
}

bool expects_body(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH";
}

// The response; fills the entry but for the request's headers and body.
Response respond(const ServingState& state, const Request& request, JournalEntry& entry) {
  entry.method = request.method;
  entry.target = request.target;
  entry.request_id = state.request_ids.next_uuid();
  // Echoed into JSON bodies: made valid UTF-8 (utf8.hpp), like the method, target and type below.
  const std::string client_request_id = valid_utf8(header(request.headers, "client-request-id"));

  auto fail = [&](ErrorInfo error) {
    entry.status = error.status;
    entry.error_code = error.code;
    Response response = render_error(error, entry.request_id, client_request_id);
    entry.response_body = response.body;
    return response;
  };

  RouteMatch match = state.router.match(request.method, request.target);
  entry.version = std::string(match.version);
  if (match.outcome == RouteMatch::Outcome::not_found) {
    std::string message = "No documented route for " + valid_utf8(request.method) + " " +
                          valid_utf8(request.target.substr(0, request.target.find('?')));
    auto nearest = state.router.nearest(request.method, request.target);
    if (!nearest.empty()) {
      message += ". Nearest documented routes: ";
      for (std::size_t i = 0; i < nearest.size(); ++i) message += (i ? "; " : "") + nearest[i];
    }
    return fail({404, "ResourceNotFound", std::move(message), {}, {}});
  }
  if (match.outcome == RouteMatch::Outcome::method_not_allowed) {
    Response response = fail({405,
                              "MethodNotAllowed",
                              valid_utf8(request.method) +
                                  " is not documented for this path; documented: " + match.allowed,
                              {},
                              {}});
    response.headers.emplace_back("Allow", match.allowed);
    return response;
  }

  const Contract* chosen = &state.catalog.contracts[match.contract];
  entry.contract = chosen;
  entry.route = chosen->method + " " + chosen->path;
  const std::string source = format(chosen->where);
  const bool strict = state.options.validation == Validation::strict;
  auto violate = [&](ErrorInfo error) -> std::optional<Response> {
    for (const ErrorDetail& d : error.details)
      entry.violations.push_back({d.target, d.message, {}, std::nullopt});
    if (error.details.empty())
      entry.violations.push_back({"", error.message, chosen->where, std::nullopt});
    if (strict) return fail(std::move(error));
    return std::nullopt;
  };

  if (chosen->requires_authorization && !is_bearer(header(request.headers, "Authorization"))) {
    std::string why =
        has_header(request.headers, "Authorization")
            ? "Authorization header is not 'Bearer <token>'"
            : "Authorization header is missing; the page requires 'Authorization: Bearer {token}'";
    if (auto r = violate({401,
                          "InvalidAuthenticationToken",
                          why,
                          {{"InvalidAuthenticationToken", why, "Authorization", source}},
                          source}))
      return *r;
  }

  const bool body_expected =
      expects_body(request.method) && (chosen->requires_json || !request.body.empty());
  if (body_expected) {
    std::string_view content_type = header(request.headers, "Content-Type");
    if (!is_json_media_type(content_type)) {
      std::string why =
          content_type.empty()
              ? "Content-Type header is missing; expected application/json"
              : "Content-Type '" + valid_utf8(content_type) + "' is not application/json";
      if (auto r = violate({415,
                            "UnsupportedMediaType",
                            why,
                            {{"UnsupportedMediaType", why, "Content-Type", source}},
                            source}))
        return *r;
    }
  }
  if (request.body.size() > state.options.body_limit) {
    std::string why = "body of " + std::to_string(request.body.size()) +
                      " bytes is over the limit of " + std::to_string(state.options.body_limit) +
                      " bytes";
    return fail(
        {413, "RequestEntityTooLarge", why, {}, source});  // never served, even when lenient
  }

  std::optional<StrictJson> json;
  const boost::json::object* body = nullptr;
  if (body_expected) {
    json = parse_strict_json(request.body, state.options.max_json_depth);
    if (!json->ok()) {
      std::string why = "body is not valid JSON: " + json->error.message + " at line " +
                        std::to_string(json->error.line) + ", column " +
                        std::to_string(json->error.column);
      return fail({400, "BadRequest", why, {{"InvalidJson", why, "", source}}, source});
    }
    if (!json->value.is_object()) {
      std::string why = "body must be a JSON object";
      return fail({400, "BadRequest", why, {{"InvalidJson", why, "", source}}, source});
    }
    body = &json->value.as_object();
    chosen = &state.catalog.contracts[choose_contract(state.catalog, match, body)];
    entry.contract = chosen;
    std::vector<Violation> violations;
    const Contract& contract = *chosen;
    validate_body(contract.body, state.catalog.types, state.catalog.type_names, *body, violations);
    if (!violations.empty()) {
      ErrorInfo error{400, "BadRequest", {}, {}, source};
      error.message = std::to_string(violations.size()) +
                      (violations.size() == 1 ? " violation" : " violations") +
                      " of the contract documented at " + source + ": ";
      for (std::size_t i = 0; i < violations.size(); ++i) {
        error.message += (i ? "; " : "") + format(violations[i]);
        error.details.push_back({"InvalidProperty", violations[i].message, violations[i].pointer,
                                 format(violations[i].where)});
      }
      entry.violations.insert(entry.violations.end(), violations.begin(), violations.end());
      if (strict) return fail(std::move(error));
    }
  }

  const Contract& contract = *chosen;
  Response response = render_success(contract, body, state.options.mode, state.ids,
                                     entry.request_id, client_request_id);
  entry.status = response.status;
  entry.response_body = response.body;
  return response;
}

}  // namespace

Response exchange(const ServingState& state, Request request, JournalEntry& entry) {
  Response response = respond(state, request, entry);
  entry.headers = std::move(request.headers);  // the journal keeps them: moved, not copied
  entry.body = std::move(request.body);
  return response;
}

}  // namespace mockserver
