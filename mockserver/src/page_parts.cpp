// Walks an API page section by section: templates, tables, example blocks and their pairing.
#include "page_parts.hpp"

#include "mockserver/lenient_json.hpp"
#include "text.hpp"

namespace mockserver::compiler {
namespace {

bool is_property_table(const Table& table) {
  if (table.rows.empty()) return false;
  bool name = false, type = false;
  for (const TableCell& cell : table.rows.front()) {
    std::string h = text::to_lower(text::trim(cell.text));
    name = name || h == "property" || h == "parameter" || h == "name" || h == "property name";
    type = type || h == "type";
  }
  return name && type;
}

std::string annotation_name(const boost::json::object& annotation) {
  auto it = annotation.find("name");
  if (it == annotation.end()) return {};
  if (it->value().is_string()) return std::string(it->value().as_string());
  if (it->value().is_array() && !it->value().as_array().empty() &&
      it->value().as_array()[0].is_string())
    return std::string(it->value().as_array()[0].as_string());
  return {};
}

// The line of a block's first non-blank line: its request or status line.
int start_line_of(const CodeBlock& block) {
  auto lines = text::split_lines(block.text);
  std::size_t i = 0;
  while (i < lines.size() && text::trim(lines[i]).empty()) ++i;
  return block.line + static_cast<int>(i == lines.size() ? 0 : i);
}

void read_template_block(const CodeBlock& block, std::vector<Template>& out,
                         const Reporter& report) {
  auto lines = text::split_lines(block.text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = text::trim(lines[i]);
    int at = block.line + static_cast<int>(i);
    if (line.empty()) continue;
    auto space = line.find_first_of(" \t");
    std::string method =
        text::to_lower(line.substr(0, space == std::string_view::npos ? 0 : space));
    for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (method != "GET" && method != "POST" && method != "PUT" && method != "PATCH" &&
        method != "DELETE") {
      report(at, Severity::note, "template-line",
             "not a request template line: '" + std::string(line) + "'");
      continue;
    }
    std::string_view rest = text::trim(line.substr(space));
    auto end = text::token_end(rest);
    if (end != std::string_view::npos) {
      report(at, Severity::warning, "request-line-text",
             "text after the template path is not part of it: '" +
                 std::string(text::trim(rest.substr(end))) + "'");
      rest = rest.substr(0, end);
    }
    if (!rest.starts_with("/") && rest.find("://") == std::string_view::npos)
      report(at, Severity::note, "template-no-leading-slash",
             "template path lacks its leading '/'");
    SplitUrl url = split_url(rest);
    out.push_back(Template{method, url.path, at});
  }
}

}  // namespace

PageParts walk_api_page(const Page& page, const Reporter& report) {
  PageParts parts;
  std::string section;
  std::optional<boost::json::object> annotation;
  for (const PageElement& element : page.elements) {
    if (const auto* h = std::get_if<Heading>(&element)) {
      if (h->level <= 3 && !h->text.starts_with("[")) section = text::to_lower(h->text);
      if (section == "request body") {
        parts.has_body_section = true;
        parts.body_section_line = h->line;
      }
    } else if (const auto* html = std::get_if<HtmlBlock>(&element)) {
      if (section != "http request") annotation = parse_annotation(*html, report);
    } else if (const auto* table = std::get_if<Table>(&element)) {
      if (section == "request headers" && !parts.header_table) parts.header_table = table;
      if (section == "request body" && !parts.body_table && is_property_table(*table))
        parts.body_table = table;
    } else if (const auto* p = std::get_if<Paragraph>(&element)) {
      if (section == "request body")
        for (const Link& link : p->links) parts.body_links.push_back(link);
    } else if (const auto* code = std::get_if<CodeBlock>(&element)) {
      if (section == "http request") {
        read_template_block(*code, parts.templates, report);
        continue;
      }
      HttpBlock http = parse_http_block(*code, report);
      if (http.kind != HttpBlock::Kind::none) {
        ExampleBlock block{std::move(http), start_line_of(*code), {}, {}, -1};
        if (annotation) {
          block.name = annotation_name(*annotation);
          block.annotation = std::move(*annotation);
        }
        auto& list = block.http.kind == HttpBlock::Kind::request ? parts.requests : parts.responses;
        list.push_back(std::move(block));
      }
      annotation.reset();
    }
  }
  return parts;
}

// A response pairs with the request whose name it repeats, else the nearest
// preceding request that has no response yet.
void pair_examples(PageParts& parts) {
  for (std::size_t r = 0; r < parts.responses.size(); ++r) {
    ExampleBlock& response = parts.responses[r];
    int chosen = -1;
    if (!response.name.empty())
      for (std::size_t q = 0; q < parts.requests.size() && chosen < 0; ++q)
        if (parts.requests[q].name == response.name && parts.requests[q].paired < 0)
          chosen = static_cast<int>(q);
    if (chosen < 0)
      for (std::size_t q = parts.requests.size(); q-- > 0;)
        if (parts.requests[q].line < response.line && parts.requests[q].paired < 0) {
          chosen = static_cast<int>(q);
          break;
        }
    if (chosen >= 0) {
      parts.requests[chosen].paired = static_cast<int>(r);
      response.paired = chosen;
    }
  }
}

// Parses an example body, reporting repairs; null when there is no JSON body.
boost::json::value read_example_body(const HttpBlock& http, const Reporter& report,
                                     bool is_request) {
  std::string_view body = http.body;
  if (body.empty()) return nullptr;
  std::string_view what = is_request ? "request body" : "response body";
  if (!body.starts_with("{") && !body.starts_with("[")) {
    report(http.body_line, Severity::note, "non-json-body", std::string(what) + " is not JSON");
    return nullptr;
  }
  LenientJson json = parse_lenient_json(body);
  if (!json.ok()) {
    report(http.body_line + json.error.line - 1, Severity::warning, "invalid-json",
           std::string(what) + " is not JSON and cannot be repaired: " + json.error.message);
    return nullptr;
  }
  for (const JsonRepair& repair : json.repairs)
    report(http.body_line + repair.line - 1, Severity::warning, "lenient-json",
           std::string(what) + " is not strict JSON: " + repair.what + "; served repaired");
  return std::move(json.value);
}

Example make_example(const Page& page, const ExampleBlock& request, const ExampleBlock* response,
                     const Reporter& report) {
  Example example;
  example.name = request.name;
  example.request_at = SourceLocation{page.path, request.line};
  example.method = request.http.method;
  example.url = request.http.url;
  SplitUrl url = split_url(request.http.url);
  example.version = url.version;
  example.path = url.path;
  example.request_headers = request.http.headers;
  example.request_body = request.http.body;
  example.request_json = read_example_body(request.http, report, true);
  if (response) {
    example.has_response = true;
    example.response_at = SourceLocation{page.path, response->line};
    example.status = response->http.status;
    example.response_headers = response->http.headers;
    example.response_body = response->http.body;
    example.response_json = read_example_body(response->http, report, false);
  }
  return example;
}

}  // namespace mockserver::compiler
