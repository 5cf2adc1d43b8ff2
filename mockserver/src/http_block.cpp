// Reads fenced example blocks as HTTP requests and responses.
#include <charconv>

#include "compiler.hpp"
#include "path_match.hpp"
#include "text.hpp"

namespace mockserver::compiler {
namespace {

constexpr std::string_view kMethods[] = {"GET",    "POST", "PUT",    "PATCH",
                                         "DELETE", "HEAD", "OPTIONS"};

std::optional<std::string> request_method(std::string_view line) {
  auto space = line.find_first_of(" \t");
  if (space == std::string_view::npos) return std::nullopt;
  for (std::string_view m : kMethods)
    if (line.substr(0, space) == m) return std::string(m);
  return std::nullopt;
}

// "HTTP/1.1 201 Created", "HTTP 201 Created", "HTTP/1.1 201": the status, or 0.
int status_of(std::string_view line) {
  if (!text::istarts_with(line, "HTTP")) return 0;
  line.remove_prefix(4);
  if (!line.empty() && line.front() == '/') {
    auto space = line.find(' ');
    if (space == std::string_view::npos) return 0;
    line.remove_prefix(space);
  }
  line = text::trim(line);
  int status = 0;
  auto [end, ec] =
      std::from_chars(line.data(), line.data() + std::min<std::size_t>(line.size(), 3), status);
  if (ec != std::errc() || end != line.data() + 3 || status < 100 || status > 599) return 0;
  return status;
}

bool looks_like_header(std::string_view line) {
  auto colon = line.find(':');
  if (colon == 0 || colon == std::string_view::npos) return false;
  for (char c : line.substr(0, colon))
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) return false;
  return true;
}

std::size_t crlf_length(std::string_view body) {
  std::size_t newlines = 0;
  for (char c : body) newlines += (c == '\n');
  return body.size() + newlines;
}

}  // namespace

SplitUrl split_url(std::string_view url) {
  SplitUrl out;
  url = text::trim(url);
  if (auto scheme = url.find("://"); scheme != std::string_view::npos && scheme < 8) {
    url.remove_prefix(scheme + 3);
    auto slash = url.find('/');
    out.host = std::string(url.substr(0, slash));
    url = slash == std::string_view::npos ? std::string_view() : url.substr(slash);
  }
  if (auto q = url.find_first_of("?#"); q != std::string_view::npos) url = url.substr(0, q);
  auto segments = text::split_path(url);
  std::size_t first = 0;
  if (!segments.empty() && is_version_segment(segments[0])) {
    out.version = std::string(segments[0]);
    first = 1;
  }
  for (std::size_t i = first; i < segments.size(); ++i) {
    out.path += '/';
    out.path += segments[i];
  }
  if (out.path.empty()) out.path.push_back('/');  // not = "/": GCC 12 -O3 warns (-Wrestrict)
  return out;
}

HttpBlock parse_http_block(const CodeBlock& block, const Reporter& report) {
  HttpBlock out;
  auto lines = text::split_lines(block.text);
  std::size_t i = 0;
  while (i < lines.size() && text::trim(lines[i]).empty()) ++i;
  if (i == lines.size()) return out;
  std::string_view first = text::trim(lines[i]);
  int first_line = block.line + static_cast<int>(i);
  out.start_line = std::string(first);

  if (auto method = request_method(first)) {
    out.kind = HttpBlock::Kind::request;
    out.method = *method;
    std::string_view rest = text::trim(first.substr(method->size()));
    if (text::iends_with(rest, " HTTP/1.1")) rest = text::trim(rest.substr(0, rest.size() - 9));
    auto space = text::token_end(rest);
    if (space != std::string_view::npos) {
      std::string_view url = rest.substr(0, space);
      if (url.find('?') != std::string_view::npos) {
        report(first_line, Severity::note, "url-with-spaces",
               "request URL holds spaces (an unencoded query): " + std::string(rest));
      } else {
        report(first_line, Severity::warning, "request-line-text",
               "text after the request URL is not part of it: '" +
                   std::string(text::trim(rest.substr(space))) + "'");
        rest = url;
      }
    }
    out.url = std::string(rest);
  } else if (int status = status_of(first)) {
    out.kind = HttpBlock::Kind::response;
    out.status = status;
  } else {
    return out;
  }

  // Headers, allowing one blank line between a request line and its headers.
  ++i;
  if (out.kind == HttpBlock::Kind::request && i + 1 < lines.size() &&
      text::trim(lines[i]).empty() && looks_like_header(text::trim(lines[i + 1])))
    ++i;
  std::optional<std::size_t> content_length;
  int content_length_line = 0;
  for (; i < lines.size(); ++i) {
    std::string_view line = text::trim(lines[i]);
    if (line.empty() || !looks_like_header(line)) break;
    auto colon = line.find(':');
    std::string name(text::trim(line.substr(0, colon)));
    std::string value(text::trim(line.substr(colon + 1)));
    if (text::iequals(name, "Content-Length")) {
      std::size_t n = 0;
      auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec == std::errc() && p == value.data() + value.size()) content_length = n;
      content_length_line = block.line + static_cast<int>(i);
    }
    out.headers.emplace_back(std::move(name), std::move(value));
  }
  while (i < lines.size() && text::trim(lines[i]).empty()) ++i;
  if (i < lines.size()) {
    out.body_line = block.line + static_cast<int>(i);
    std::size_t offset = static_cast<std::size_t>(lines[i].data() - block.text.data());
    out.body = std::string(text::trim(std::string_view(block.text).substr(offset)));
  }

  if (out.kind == HttpBlock::Kind::request) {
    int extra = 0;
    for (std::size_t j = i; j < lines.size(); ++j)
      if (request_method(text::trim(lines[j])) &&
          text::trim(lines[j]).find('/') != std::string_view::npos)
        ++extra;
    if (extra > 0)
      report(first_line, Severity::warning, "several-requests",
             "the block holds " + std::to_string(extra + 1) +
                 " request lines; only the first is used");
  }
  if (content_length && *content_length != out.body.size()) {
    bool crlf = *content_length == crlf_length(out.body);
    report(content_length_line, crlf ? Severity::note : Severity::warning,
           "content-length-mismatch",
           "Content-Length says " + std::to_string(*content_length) + " but the body has " +
               std::to_string(out.body.size()) + " bytes" +
               (crlf ? " (it counts CRLF line ends); the server sends the real length"
                     : "; the server sends the real length"));
  }
  return out;
}

}  // namespace mockserver::compiler
