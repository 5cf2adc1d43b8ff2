// Reads a markdown page with md4c into Page elements with line numbers.
#include "mockserver/page.hpp"

#include <md4c.h>

#include <algorithm>
#include <optional>

namespace mockserver {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// Splits off YAML front matter ("---\nkey: value\n---\n"); returns the body offset.
std::size_t read_front_matter(std::string_view text, std::map<std::string, std::string>& out) {
  std::size_t pos = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;
  if (text.substr(pos, 3) != "---") return 0;
  std::size_t line_end = text.find('\n', pos);
  if (line_end == std::string_view::npos || trim(text.substr(pos, line_end - pos)) != "---")
    return 0;
  pos = line_end + 1;
  while (pos < text.size()) {
    line_end = text.find('\n', pos);
    if (line_end == std::string_view::npos) line_end = text.size();
    std::string_view line = trim(text.substr(pos, line_end - pos));
    pos = std::min(line_end + 1, text.size());
    if (line == "---") return pos;
    auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view key = trim(line.substr(0, colon));
    std::string_view value = trim(line.substr(colon + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front())
      value = value.substr(1, value.size() - 2);
    out.emplace(std::string(key), std::string(value));
  }
  out.clear();  // no closing "---": not front matter after all
  return 0;
}

// Collects md4c's callbacks into elements. Text pointers into the input give lines.
struct Collector {
  std::string_view input;
  std::vector<std::size_t> line_starts;
  Page* page = nullptr;

  enum class Open { none, heading, paragraph, table, code, html };
  Open open = Open::none;
  int depth_in_cell = 0;
  std::optional<std::size_t> first_offset;
  int leading_newlines = 0;  // code: blank lines md4c gives before the first text in the input
  int heading_level = 0;
  std::string text;
  std::vector<Link> links;
  std::string info;
  Table table;
  std::vector<TableCell> row;
  std::optional<std::size_t> row_offset;
  bool in_cell = false;
  std::vector<std::string> link_hrefs;  // stack of open links
  std::vector<std::size_t> link_starts;

  int line_of(std::size_t offset) const {
    auto it = std::upper_bound(line_starts.begin(), line_starts.end(), offset);
    return static_cast<int>(it - line_starts.begin());
  }
  std::optional<std::size_t> offset_of(const MD_CHAR* p) const {
    if (p >= input.data() && p < input.data() + input.size())
      return static_cast<std::size_t>(p - input.data());
    return std::nullopt;
  }
  std::string& sink() { return in_cell ? row.back().text : text; }
  std::vector<Link>& link_sink() { return in_cell ? row.back().links : links; }

  void start(Open what) {
    open = what;
    text.clear();
    links.clear();
    first_offset.reset();
    leading_newlines = 0;
  }
  int start_line() const { return first_offset ? line_of(*first_offset) : 0; }

  void enter_block(MD_BLOCKTYPE type, void* detail) {
    switch (type) {
      case MD_BLOCK_H:
        start(Open::heading);
        heading_level = static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level);
        break;
      case MD_BLOCK_P:
        if (!in_cell && open == Open::none) start(Open::paragraph);
        break;
      case MD_BLOCK_TABLE:
        start(Open::table);
        table = Table{};
        break;
      case MD_BLOCK_TR:
        row.clear();
        row_offset.reset();
        break;
      case MD_BLOCK_TH:
      case MD_BLOCK_TD:
        row.emplace_back();
        in_cell = true;
        break;
      case MD_BLOCK_CODE: {
        start(Open::code);
        const auto* code = static_cast<MD_BLOCK_CODE_DETAIL*>(detail);
        info.assign(code->info.text, code->info.size);
        break;
      }
      case MD_BLOCK_HTML:
        start(Open::html);
        break;
      default:
        break;
    }
  }

  void leave_block(MD_BLOCKTYPE type) {
    switch (type) {
      case MD_BLOCK_H:
        if (open == Open::heading)
          page->elements.emplace_back(
              Heading{start_line(), heading_level, std::string(trim(text))});
        open = Open::none;
        break;
      case MD_BLOCK_P:
        if (open == Open::paragraph) {
          page->elements.emplace_back(Paragraph{start_line(), std::move(text), std::move(links)});
          open = Open::none;
        }
        break;
      case MD_BLOCK_TH:
      case MD_BLOCK_TD:
        row.back().text = std::string(trim(row.back().text));
        in_cell = false;
        break;
      case MD_BLOCK_TR:
        if (table.rows.empty() && first_offset) table.line = line_of(*first_offset);
        table.row_lines.push_back(row_offset ? line_of(*row_offset) : 0);
        table.rows.push_back(std::move(row));
        row.clear();
        break;
      case MD_BLOCK_TABLE:
        page->elements.emplace_back(std::move(table));
        open = Open::none;
        break;
      case MD_BLOCK_CODE:
        // md4c hands a code block's leading blank lines over as text outside the input,
        // so the first text in the input may stand lines below the first content line.
        page->elements.emplace_back(CodeBlock{first_offset ? start_line() - leading_newlines : 0,
                                              std::move(info), std::move(text)});
        open = Open::none;
        break;
      case MD_BLOCK_HTML:
        page->elements.emplace_back(HtmlBlock{start_line(), std::move(text)});
        open = Open::none;
        break;
      default:
        break;
    }
  }

  void enter_span(MD_SPANTYPE type, void* detail) {
    if (type == MD_SPAN_A) {
      const auto* a = static_cast<MD_SPAN_A_DETAIL*>(detail);
      link_hrefs.emplace_back(a->href.text, a->href.size);
      link_starts.push_back(sink().size());
    } else if (type == MD_SPAN_CODE) {
      sink() += '`';
    }
  }

  void leave_span(MD_SPANTYPE type) {
    if (type == MD_SPAN_A && !link_hrefs.empty()) {
      std::string& s = sink();
      std::size_t begin = std::min(link_starts.back(), s.size());
      link_sink().push_back(
          Link{std::string(trim(std::string_view(s).substr(begin))), std::move(link_hrefs.back())});
      link_hrefs.pop_back();
      link_starts.pop_back();
    } else if (type == MD_SPAN_CODE) {
      sink() += '`';
    }
  }

  void on_text(MD_TEXTTYPE type, const MD_CHAR* p, MD_SIZE size) {
    if (auto offset = offset_of(p)) {
      if (!first_offset) first_offset = offset;
      if (in_cell && !row_offset) row_offset = offset;
    } else if (open == Open::code && !first_offset) {
      leading_newlines += static_cast<int>(std::count(p, p + size, '\n'));
    }
    std::string& s = sink();
    switch (type) {
      case MD_TEXT_NULLCHAR:
        s += "\xEF\xBF\xBD";
        break;
      case MD_TEXT_BR:
      case MD_TEXT_SOFTBR:
        s += (open == Open::code || open == Open::html) ? '\n' : ' ';
        break;
      default:
        s.append(p, size);
    }
  }
};

int enter_block_cb(MD_BLOCKTYPE t, void* d, void* u) {
  static_cast<Collector*>(u)->enter_block(t, d);
  return 0;
}
int leave_block_cb(MD_BLOCKTYPE t, void*, void* u) {
  static_cast<Collector*>(u)->leave_block(t);
  return 0;
}
int enter_span_cb(MD_SPANTYPE t, void* d, void* u) {
  static_cast<Collector*>(u)->enter_span(t, d);
  return 0;
}
int leave_span_cb(MD_SPANTYPE t, void*, void* u) {
  static_cast<Collector*>(u)->leave_span(t);
  return 0;
}
int text_cb(MD_TEXTTYPE t, const MD_CHAR* p, MD_SIZE n, void* u) {
  static_cast<Collector*>(u)->on_text(t, p, n);
  return 0;
}

}  // namespace

std::string_view Page::doc_type() const {
  auto it = front_matter.find("doc_type");
  return it == front_matter.end() ? std::string_view() : std::string_view(it->second);
}

std::map<std::string, std::string> parse_front_matter(std::string_view text) {
  std::map<std::string, std::string> front_matter;
  read_front_matter(text, front_matter);
  return front_matter;
}

Page parse_page(std::string path, std::string_view text) {
  Page page;
  page.path = std::move(path);
  std::size_t body = read_front_matter(text, page.front_matter);

  Collector collector;
  collector.input = text;
  collector.page = &page;
  collector.line_starts.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') collector.line_starts.push_back(i + 1);

  MD_PARSER parser{};
  parser.abi_version = 0;
  parser.flags = MD_FLAG_TABLES | MD_FLAG_NOINDENTEDCODEBLOCKS;
  parser.enter_block = enter_block_cb;
  parser.leave_block = leave_block_cb;
  parser.enter_span = enter_span_cb;
  parser.leave_span = leave_span_cb;
  parser.text = text_cb;
  md_parse(text.data() + body, static_cast<MD_SIZE>(text.size() - body), &parser, &collector);
  return page;
}

}  // namespace mockserver
