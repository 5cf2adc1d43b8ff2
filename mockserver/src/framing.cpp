// Request framing (RFC 9112 section 6) and header limits, before any body byte is read.
#include "framing.hpp"

#include "text.hpp"

namespace mockserver {
namespace {

bool may_have_body(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

std::string quoted(std::string_view value) {
  std::string out = "'";
  for (char c : value.substr(0, 64)) {
    unsigned char u = static_cast<unsigned char>(c);
    out += (u < 0x20 || u >= 0x7f) ? '?' : c;
  }
  return out + (value.size() > 64 ? "...'" : "'");
}

// 1*DIGIT, at most 18 digits (no overflow); leading and trailing blanks allowed.
std::optional<std::size_t> parse_length(std::string_view value) {
  value = text::trim(value);
  if (value.empty() || value.size() > 18) return std::nullopt;
  std::size_t n = 0;
  for (char c : value) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<std::size_t>(c - '0');
  }
  return n;
}

}  // namespace

std::optional<FramingError> check_framing(std::string_view method, const Headers& headers,
                                          const FramingLimits& limits, Framing& framing) {
  framing = {};
  std::size_t bytes = 0, lengths = 0, encodings = 0;
  std::string_view length, encoding, expect, coding;
  for (const auto& [name, value] : headers) {
    bytes += name.size() + value.size() + 4;
    if (text::iequals(name, "Content-Length")) {
      ++lengths;
      length = value;
    } else if (text::iequals(name, "Transfer-Encoding")) {
      ++encodings;
      encoding = value;
    } else if (text::iequals(name, "Expect")) {
      expect = value;
    } else if (text::iequals(name, "Content-Encoding")) {
      coding = value;
    }
  }
  if (headers.size() > limits.max_header_count)
    return FramingError{431, "RequestHeaderFieldsTooLarge",
                        std::to_string(headers.size()) + " header fields are over the limit of " +
                            std::to_string(limits.max_header_count)};
  if (bytes > limits.max_header_bytes)
    return FramingError{431, "RequestHeaderFieldsTooLarge",
                        "header fields of " + std::to_string(bytes) +
                            " bytes are over the limit of " +
                            std::to_string(limits.max_header_bytes) + " bytes"};
  if (!expect.empty() && !text::iequals(text::trim(expect), "100-continue"))
    return FramingError{417, "ExpectationFailed",
                        "Expect " + quoted(expect) + " is not supported; only 100-continue"};
  if (!coding.empty() && !text::iequals(text::trim(coding), "identity"))
    return FramingError{415, "UnsupportedMediaType",
                        "Content-Encoding " + quoted(coding) + " is not supported"};
  if (lengths > 1)
    return FramingError{
        400, "BadRequest",
        "Content-Length appears " + std::to_string(lengths) + " times; a request has one length"};
  if (encodings > 0 && lengths > 0)
    return FramingError{400, "BadRequest",
                        "Content-Length together with Transfer-Encoding; a request is framed "
                        "by one of them"};
  if (encodings > 1 || (encodings == 1 && !text::iequals(text::trim(encoding), "chunked")))
    return FramingError{
        501, "NotImplemented",
        "Transfer-Encoding " + quoted(encoding) + " is not supported; only chunked"};
  if (encodings == 1) {
    if (!may_have_body(method))
      return FramingError{400, "BadRequest", "a " + quoted(method) + " request has no body"};
    framing.chunked = true;
    return std::nullopt;
  }
  if (lengths == 1) {
    std::optional<std::size_t> n = parse_length(length);
    if (!n)
      return FramingError{400, "BadRequest",
                          "Content-Length " + quoted(length) + " is not a decimal number"};
    if (*n > 0 && !may_have_body(method))
      return FramingError{400, "BadRequest", "a " + quoted(method) + " request has no body"};
    if (*n > limits.max_content_length)
      return FramingError{413, "RequestEntityTooLarge",
                          "body of " + std::to_string(*n) + " bytes is over the limit of " +
                              std::to_string(limits.max_content_length) + " bytes"};
    framing.content_length = *n;
  }
  return std::nullopt;
}

FramingError transport_error(int status) {
  switch (status) {
    case 400:
      return {400, "BadRequest",
              "malformed request: the request line or a header field could not be parsed, or "
              "the body ended early"};
    case 413:
      return {413, "RequestEntityTooLarge", "the body is over the size limit"};
    case 414:
      return {414, "RequestUriTooLong", "the request target is over the limit of 8192 bytes"};
    case 416:
      return {416, "RequestedRangeNotSatisfiable", "the Range header could not be parsed"};
    case 417:
      return {417, "ExpectationFailed", "the expectation cannot be met"};
    default:
      return {status, status >= 500 ? "generalException" : "BadRequest",
              "the request was refused with status " + std::to_string(status)};
  }
}

}  // namespace mockserver
