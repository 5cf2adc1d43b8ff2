// A Page is one markdown documentation page read into the parts the compiler
// needs, in document order: headings, paragraphs, tables, fenced code blocks and
// HTML comments (the annotations), each with its 1-based line in the file.
// Markdown is parsed by md4c, a CommonMark parser; the YAML front matter (which
// CommonMark does not know) is read first.
//
//   Page page = parse_page("api/user-post-users.md", text);
//   for (const PageElement& e : page.elements) ...
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace mockserver {

struct Link {
  std::string text;
  std::string href;
};

struct Heading {
  int line = 0;
  int level = 0;
  std::string text;
};

struct Paragraph {
  int line = 0;
  std::string text;  // inline markup removed; code spans keep their backticks
  std::vector<Link> links;
};

struct TableCell {
  std::string text;  // as in Paragraph
  std::vector<Link> links;
};

struct Table {
  int line = 0;                              // the header row's line
  std::vector<std::vector<TableCell>> rows;  // rows[0] is the header row
  std::vector<int> row_lines;                // the line of each row
};

struct CodeBlock {
  int line = 0;  // the first content line (the fence is the line before)
  std::string info;
  std::string text;
};

// An HTML block, such as the annotation comment `<!-- { "blockType": ... } -->`.
struct HtmlBlock {
  int line = 0;
  std::string text;
};

using PageElement = std::variant<Heading, Paragraph, Table, CodeBlock, HtmlBlock>;

struct Page {
  std::string path;                                 // as given to parse_page
  std::map<std::string, std::string> front_matter;  // title, description, doc_type, ...
  std::vector<PageElement> elements;

  std::string_view doc_type() const;  // "" when the front matter has none
};

Page parse_page(std::string path, std::string_view text);

// The YAML front matter alone, as parse_page reads it: a quick look at a page.
std::map<std::string, std::string> parse_front_matter(std::string_view text);

}  // namespace mockserver
