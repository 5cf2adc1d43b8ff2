// A Contract is what one documentation page promises for one (method, path
// template): the headers a request needs, the schema of its JSON body, the
// examples the page shows, and the response the service gives. It is the
// compiled, self-contained form of a page; the server never looks at pages.
//
//   for (const Contract& c : catalog.contracts) std::cout << c.method << ' ' << c.path << '\n';
#pragma once

#include <mockserver/diagnostic.hpp>
#include <mockserver/json_document.hpp>
#include <mockserver/schema.hpp>

#include <boost/json/value.hpp>
#include <string>
#include <utility>
#include <vector>

namespace mockserver {

using Headers = std::vector<std::pair<std::string, std::string>>;

// One documented example: a request block and the response block paired with it.
struct Example {
  std::string name;  // the annotation's name, "" when unannotated
  SourceLocation request_at;
  std::string method;
  std::string url;      // as written
  std::string version;  // "v1.0", "beta", "localtest", "" for none
  std::string path;     // version and query removed
  Headers request_headers;
  std::string request_body;
  JsonDocument request_json;  // null unless the body is (repairable) JSON
  bool has_response = false;
  SourceLocation response_at;
  int status = 0;
  Headers response_headers;
  std::string response_body;
  JsonDocument response_json;  // null unless the body is (repairable) JSON; shared with
                               // the ResponseDefinition served from it
};

// The response served when a request passes.
struct ResponseDefinition {
  int status = 200;
  Headers headers;    // documented headers, minus Content-Length and Content-Type
  JsonDocument body;  // strict JSON; null for no body
  bool has_body = false;
  std::string documented_id;  // the example's "id", whose shape fresh ids copy; "" if none
  SourceLocation where;
};

// A documented 2xx response and the top-level keys of the request it answers, so
// that a request like that example gets that example's response.
struct ExampleResponse {
  std::vector<std::string> request_keys;  // sorted
  std::string request_type;               // the request's "@odata.type", "" if none
  ResponseDefinition response;
};

struct Contract {
  std::string method;                // upper case
  std::string path;                  // template, version segment removed, e.g. /users/{id}/events
  std::vector<std::string> aliases;  // other paths that serve this contract (an example's path)
  std::string title;
  std::string api_version;             // "v1.0", "beta", ... from the page's examples or its folder
  SourceLocation where;                // the template line
  bool requires_authorization = true;  // Authorization: Bearer {token}
  bool requires_json = false;          // Content-Type: application/json
  BodySchema body;
  std::vector<Example> examples;
  ResponseDefinition response;  // the first documented 2xx response
  std::vector<ExampleResponse>
      example_responses;  // every documented 2xx response, when more than one
};

// How much a request body resembles a documented example's request: shared top-level
// keys count for, keys only one side has count against, the same "@odata.type" counts most.
long resemblance(const ExampleResponse& example, const boost::json::object& request_body);

// The documented response for a request body: that of the example it resembles most,
// else the first.
const ResponseDefinition& choose_response(const Contract& contract,
                                          const boost::json::object* request_body);

}  // namespace mockserver
