// Renders responses (internal): the documented success payload with a fresh id,
// and errors in Microsoft Graph's JSON error shape.
#pragma once

#include "mockserver/exchange.hpp"

namespace mockserver {

struct ErrorDetail {
  std::string code;
  std::string message;
  std::string target;  // a JSON pointer or header name
  std::string source;  // page:line that documents the rule
};

struct ErrorInfo {
  int status = 400;
  std::string code;
  std::string message;
  std::vector<ErrorDetail> details;
  std::string source;  // page:line of the contract, "" for none
};

Response render_error(const ErrorInfo& error, const std::string& request_id,
                      std::string_view client_request_id);

// The documented response; in echo mode overlaid with the request's fields. "id"
// gets a fresh id of the documented shape when the response creates something.
Response render_success(const Contract& contract, const boost::json::object* request_body,
                        ResponseMode mode, IdSequence& ids, const std::string& request_id,
                        std::string_view client_request_id);

}  // namespace mockserver
