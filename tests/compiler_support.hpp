// Helpers for the compiler tests: small pages written in the test, compiled in
// memory, and lookups into the resulting catalog.
#pragma once

#include "mockserver/catalog.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace mockserver::testing_support {

constexpr std::string_view kFence = "```";

// A fenced block: ```http, the lines, ```.
inline std::string http_block(std::string_view content, std::string_view info = "http") {
  return std::string(kFence) + std::string(info) + "\n" + std::string(content) + "\n" +
         std::string(kFence) + "\n";
}

// An annotation comment such as <!-- { "blockType": "request", "name": "a" } -->.
inline std::string annotation(std::string_view json) {
  return "<!-- " + std::string(json) + " -->\n";
}

// An API page: front matter, title, the ## HTTP request template block, then the
// given sections (request body, examples) as written.
inline std::string api_page(std::string_view template_lines, std::string_view sections,
                            std::string_view title = "Create widget") {
  return "---\ntitle: \"" + std::string(title) + "\"\ndoc_type: apiPageType\n---\n\n# " +
         std::string(title) + "\n\nNamespace: microsoft.graph\n\n## HTTP request\n\n" +
         http_block(template_lines) +
         "\n## Request headers\n\n|Header|Value|\n|:---|:---|\n|Authorization|Bearer {token}|\n"
         "|Content-Type|application/json|\n\n" +
         std::string(sections);
}

// An example section: an optionally annotated request block and response block.
inline std::string example(std::string_view request, std::string_view response,
                           std::string_view request_annotation = "",
                           std::string_view response_annotation = "") {
  std::string out = "## Example\n\n### Request\n\n";
  if (!request_annotation.empty()) out += annotation(request_annotation);
  out += http_block(request) + "\n### Response\n\n";
  if (!response_annotation.empty()) out += annotation(response_annotation);
  return out + http_block(response) + "\n";
}

// The 1-based line of the first line holding needle (at or after line `from`), 0 if none.
inline int line_of(std::string_view text, std::string_view needle, int from = 1) {
  int line = 1;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (line >= from && text.substr(start, end - start).find(needle) != std::string_view::npos)
      return line;
    if (end == text.size()) break;
    start = end + 1;
    ++line;
  }
  return 0;
}

inline std::vector<Diagnostic> of_kind(const Catalog& catalog, std::string_view kind) {
  std::vector<Diagnostic> out;
  for (const Diagnostic& d : catalog.diagnostics)
    if (d.kind == kind) out.push_back(d);
  return out;
}

inline std::string all_diagnostics(const Catalog& catalog) {
  std::string out;
  for (const Diagnostic& d : catalog.diagnostics) out += format(d) + "\n";
  return out;
}

inline const Contract* find_contract(const Catalog& catalog, std::string_view method,
                                     std::string_view path) {
  for (const Contract& c : catalog.contracts)
    if (c.method == method && c.path == path) return &c;
  return nullptr;
}

inline const Property* find_property(const std::vector<Property>& properties,
                                     std::string_view name) {
  for (const Property& p : properties)
    if (p.name == name) return &p;
  return nullptr;
}

inline int find_type(const Catalog& catalog, std::string_view qualified_name) {
  for (std::size_t i = 0; i < catalog.types.size(); ++i)
    if (catalog.types[i].name == qualified_name) return static_cast<int>(i);
  return -1;
}

// Every diagnostic names its page and, but for page-wide ones, a line.
inline void expect_located(const Catalog& catalog) {
  for (const Diagnostic& d : catalog.diagnostics) {
    EXPECT_FALSE(d.where.file.empty()) << format(d);
    EXPECT_GT(d.where.line, 0) << format(d);
  }
}

}  // namespace mockserver::testing_support
