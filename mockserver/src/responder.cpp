// Success and error bodies, with Graph's headers (request-id, client-request-id).
#include "responder.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <boost/json/serializer.hpp>
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

// Appends values (or strings) to `out` as boost::json::serialize would write them.
struct JsonWriter {
  std::string& out;
  boost::json::serializer serializer{};

  template <typename T>
  void operator()(const T& value) {
    serializer.reset(value);
    char buffer[1024];
    while (!serializer.done()) {
      boost::json::string_view chunk = serializer.read(buffer, sizeof buffer);
      out.append(chunk.data(), chunk.size());
    }
  }
};

// serialize(body) with "id" set to `id` (replaced where the body has it, else appended
// last), without copying the documented body: the per-request path of a 201.
std::string serialize_with_id(const boost::json::object& body, const std::string& id) {
  std::string out;
  out.reserve(512);
  JsonWriter write{out};
  out += '{';
  bool replaced = false;
  for (const auto& member : body) {
    if (out.size() > 1) out += ',';
    write(member.key());
    out += ':';
    if (member.key() == "id") {
      write(boost::json::string_view(id));
      replaced = true;
    } else {
      write(&member.value());
    }
  }
  if (!replaced) {
    if (out.size() > 1) out += ',';
    out += "\"id\":";
    write(boost::json::string_view(id));
  }
  out += '}';
  return out;
}

}  // namespace

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

  // One fresh id per created resource, shared by the body's "id" and its Location.
  std::string fresh;
  auto fresh_id = [&](std::string_view like) -> const std::string& {
    if (fresh.empty()) fresh = ids.next_like(like);
    return fresh;
  };
  if (definition.status == 201) {
    const std::string& documented = definition.documented_id;
    for (auto& [name, value] : response.headers) {
      if (!text::iequals(name, "Location") && !text::iequals(name, "Content-Location")) continue;
      if (!documented.empty()) {
        for (std::size_t at = value.find(documented); at != std::string::npos;
             at = value.find(documented, at + fresh.size()))
          value.replace(at, documented.size(), fresh_id(documented));
      } else if (auto slash = value.rfind('/');
                 slash != std::string::npos && slash + 1 < value.size()) {
        value.replace(slash + 1, std::string::npos,
                      fresh_id(std::string_view(value).substr(slash + 1)));
      }
    }
  }
  if (!definition.has_body) return response;

  const bool echoes = mode == ResponseMode::echo && request_body;
  if (!echoes && definition.status == 201 && definition.body.is_object()) {
    const std::string& id = fresh_id(definition.documented_id);
    response.headers.emplace_back("Content-Type", "application/json");
    response.body = serialize_with_id(definition.body.get_object(), id);
    return response;
  }
  boost::json::value body = definition.body;
  if (body.is_object()) {
    boost::json::object& object = body.as_object();
    if (mode == ResponseMode::echo && request_body)
      for (const auto& member : *request_body) object[member.key()] = member.value();
    if (definition.status == 201) object["id"] = fresh_id(definition.documented_id);
  }
  response.headers.emplace_back("Content-Type", "application/json");
  response.body = boost::json::serialize(body);
  return response;
}

}  // namespace mockserver
