// The compiler's internal stages (not installed): annotations, HTTP example
// blocks, type pages and API pages. catalog.cpp drives them in that order.
#pragma once

#include "mockserver/catalog.hpp"
#include "mockserver/page.hpp"

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace mockserver::compiler {

// Adds diagnostics for one page.
struct Reporter {
  std::vector<Diagnostic>* out;
  const std::string* file;
  void operator()(int line, Severity severity, std::string kind, std::string message) const {
    out->push_back(
        Diagnostic{SourceLocation{*file, line}, severity, std::move(kind), std::move(message)});
  }
};

// `<!-- { "blockType": "request", ... } -->` read with lenient JSON. nullopt for a
// comment that is not an annotation; a broken annotation is reported and nullopt.
std::optional<boost::json::object> parse_annotation(const HtmlBlock& block, const Reporter& report);

// A fenced block that holds an HTTP request or response.
struct HttpBlock {
  enum class Kind { none, request, response } kind = Kind::none;
  std::string method;  // request
  std::string url;     // request, as written (spaces kept)
  int status = 0;      // response
  std::string start_line;
  Headers headers;
  std::string body;
  int body_line = 0;  // line of the body's first character in the page, 0 if no body
};

// Reads a code block as an HTTP message; reports its quirks (leftover text after
// the URL, several request lines, Content-Length that does not match the body).
HttpBlock parse_http_block(const CodeBlock& block, const Reporter& report);

// Splits a URL into version segment and path: "https://graph.microsoft.com/beta/me/events?$top=1"
// gives version "beta" and path "/me/events". Relative URLs and a missing leading slash work too.
struct SplitUrl {
  std::string host;
  std::string version;
  std::string path;
};
SplitUrl split_url(std::string_view url);

// Maps pages and type names to TypeTable entries.
struct TypeIndex {
  TypeTable* types = nullptr;
  std::unordered_map<std::string, int> by_path;      // normalized page path
  std::unordered_map<std::string, int> by_dir_name;  // "<dir>|<lower-case name>"
  std::unordered_map<std::string, std::vector<int>>
      by_name;  // lower-case simple and qualified names

  // Finds a type by the link on a page: the linked file, then the link's text or
  // file name beside it, then a name unique among all pages. -1 if not loaded.
  int find_linked(const std::string& from_page, const Link& link) const;
  // Finds a type by (qualified) name, preferring the resources folder beside from_page.
  int find_named(const std::string& from_page, std::string_view name) const;
};

std::string normalize_page_path(std::string_view path);
std::string resolve_link(const std::string& from_page, std::string_view href);

// Pass 1: registers the type a resource or enumeration page defines (name only).
void declare_type_page(const Page& page, TypeIndex& index);
// A quick look at a page's text, before parsing it: false only when declare_type_page
// would declare no type for the page, so that pass 1 need not parse it.
bool may_declare_type(std::string_view text);
// Pass 2: fills members and properties, resolving links. Pass 3: flattens inheritance.
void define_type_page(const Page& page, TypeIndex& index, const Reporter& report);
void flatten_inheritance(TypeTable& types);

// A property table's row type: "String", "Int32 collection", "Collection(Edm.Guid)",
// "[windowsUpdateStatus](../resources/x.md)", "Enumeration" with possible values in
// the description (which adds an enumeration type named after owner and property).
TypeRef resolve_property_type(const TableCell& type_cell, std::string_view description,
                              const std::string& owner, const std::string& property,
                              const std::string& page_path, int line, TypeIndex& index,
                              const Reporter& report);

// Reads a Property | Type | Description table into properties. With mark_required (a
// request-body table), a description with the word "Required" makes the property required.
std::vector<Property> read_property_table(const Table& table, const std::string& owner,
                                          const std::string& page_path, TypeIndex& index,
                                          const Reporter& report, bool mark_required = false);

// An API page's contracts.
std::vector<Contract> compile_api_page(const Page& page, TypeIndex& index, const Reporter& report);

// Checks a page's own example requests against the compiled schema (the lint).
void check_examples(const Contract& contract, const TypeTable& types, const Reporter& report);

}  // namespace mockserver::compiler
