// Request framing and header limits, checked before a body is read (internal).
// cpp-httplib frames a request by the first Content-Length it finds and ignores what it
// does not understand; a mock that is put behind proxies must not: two Content-Lengths,
// one that is not a number, Content-Length with Transfer-Encoding, or a body on a method
// cpp-httplib never reads one for would let the bytes after this request be read as
// another (request smuggling). Each is rejected, and the connection closed after the answer.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "mockserver/contract.hpp"

namespace mockserver {

struct FramingLimits {
  std::size_t max_header_count = 100;
  std::size_t max_header_bytes = 64 << 10;   // names, values and separators
  std::size_t max_content_length = 8 << 20;  // larger declared bodies are refused unread
};

struct FramingError {
  int status = 400;
  std::string code;  // Graph error code
  std::string message;
};

// How the body of an accepted request is framed.
struct Framing {
  bool chunked = false;
  std::size_t content_length = 0;  // meaningful when !chunked
};

// The framing of a request with these headers, or why it is refused. method is as sent;
// methods other than POST, PUT, PATCH and DELETE may not carry a body.
std::optional<FramingError> check_framing(std::string_view method, const Headers& headers,
                                          const FramingLimits& limits, Framing& framing);

// A Graph-shaped reason for a status cpp-httplib answered by itself (400: a request line or
// header it could not parse; 413; 414; 416 ...).
FramingError transport_error(int status);

}  // namespace mockserver
