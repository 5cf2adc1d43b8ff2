// Success and error bodies, with Graph's headers (request-id, client-request-id).
#include "responder.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <ctime>

#include "text.hpp"

namespace mockserver {
namespace {

std::string utc_now() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

void add_ids(Headers& headers, const std::string& request_id, std::string_view client_request_id) {
  headers.emplace_back("request-id", request_id);
  if (!client_request_id.empty())
    headers.emplace_back("client-request-id", std::string(client_request_id));
}

}  // namespace

const ResponseDefinition& choose_response(const Contract& contract,
                                          const boost::json::object* request_body) {
  if (contract.example_responses.empty() || !request_body) return contract.response;
  const ExampleResponse* best = &contract.example_responses.front();
  long best_score = -1'000'000;
  for (const ExampleResponse& candidate : contract.example_responses) {
    long score = 0;
    for (const auto& member : *request_body)
      score += std::binary_search(candidate.request_keys.begin(), candidate.request_keys.end(),
                                  member.key())
                   ? 2
                   : -1;
    score -=
        static_cast<long>(candidate.request_keys.size());  // keys the request lacks count against
    if (const auto* type = request_body->if_contains("@odata.type"); type && type->is_string())
      score += text::iequals(type->as_string(), candidate.request_type) ? 100 : 0;
    if (score > best_score) best = &candidate, best_score = score;
  }
  return best->response;
}

Response render_error(const ErrorInfo& error, const std::string& request_id,
                      std::string_view client_request_id) {
  boost::json::object inner{{"date", utc_now()}, {"request-id", request_id}};
  inner["client-request-id"] = client_request_id.empty()
                                   ? boost::json::value(nullptr)
                                   : boost::json::value(std::string(client_request_id));
  boost::json::object body{
      {"code", error.code}, {"message", error.message}, {"innerError", std::move(inner)}};
  if (!error.details.empty()) {
    boost::json::array details;
    for (const ErrorDetail& d : error.details) {
      boost::json::object detail{{"code", d.code}, {"message", d.message}, {"target", d.target}};
      if (!d.source.empty()) detail["source"] = d.source;
      details.push_back(std::move(detail));
    }
    body["details"] = std::move(details);
  }
  if (!error.source.empty()) body["documentation"] = error.source;
  Response response;
  response.status = error.status;
  response.headers.emplace_back("Content-Type", "application/json");
  add_ids(response.headers, request_id, client_request_id);
  response.body = boost::json::serialize(boost::json::object{{"error", std::move(body)}});
  return response;
}

Response render_success(const Contract& contract, const boost::json::object* request_body,
                        ResponseMode mode, IdSequence& ids, const std::string& request_id,
                        std::string_view client_request_id) {
  const ResponseDefinition& definition = choose_response(contract, request_body);
  Response response;
  response.status = definition.status;
  response.headers = definition.headers;
  add_ids(response.headers, request_id, client_request_id);
  if (!definition.has_body) return response;

  boost::json::value body = definition.body;
  if (body.is_object()) {
    boost::json::object& object = body.as_object();
    if (mode == ResponseMode::echo && request_body)
      for (const auto& member : *request_body) object[member.key()] = member.value();
    if (definition.status == 201) object["id"] = ids.next_like(definition.documented_id);
  }
  response.headers.emplace_back("Content-Type", "application/json");
  response.body = boost::json::serialize(body);
  return response;
}

}  // namespace mockserver
