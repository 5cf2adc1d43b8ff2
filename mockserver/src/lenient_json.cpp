// Strict JSON parsing with useful error positions, and a lenient parser that repairs the
// almost-JSON found in documentation pages (see lenient_json.hpp).
//
// parse_strict_json() runs Boost.JSON's stream_parser; only on failure does it rescan the
// consumed prefix with a tiny grammar tracker to phrase what was expected there.
// parse_lenient_json() tries the strict parser first; when that fails, a single forward
// pass (Repairer) rewrites the text into strict JSON, keeping for every output byte the
// offset of the input byte it came from, so errors and repairs point at the input.
// Columns count characters (UTF-8 code points); a leading byte order mark is ignored.
#include "mockserver/lenient_json.hpp"

#include <boost/json/stream_parser.hpp>

#include <algorithm>
#include <cstdio>
#include <utility>

namespace mockserver {
namespace {

namespace json = boost::json;

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kJsonSpace = " \t\r\n";
constexpr std::size_t kNone = std::string_view::npos;
constexpr char32_t kUndecoded = 0x110000;  // past the last code point

bool is_token_char(char c) {  // numbers, literals and (when repairing) unquoted keys
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '@' || c == '.' || c == '$' || c == '-' || c == '+';
}

std::string hex4(unsigned code) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%04X", code);
  return buffer;
}

// Fills offset, 1-based line and column (counted in characters, not bytes) of offset.
void locate(std::string_view text, std::size_t offset, JsonError& error) {
  error.offset = std::min(offset, text.size());
  error.line = 1;
  error.column = 1;
  for (std::size_t i = 0; i < error.offset; ++i) {
    if (text[i] == '\n') {
      ++error.line;
      error.column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++error.column;
    }
  }
}

// What the JSON grammar expects next; enough to phrase errors and to place repairs.
enum class Expect { value, key, colon, comma, end };

struct Grammar {
  std::string stack;  // '{' and '[' of the open containers
  Expect expect = Expect::value;
  bool just_opened = false;

  bool in_object() const { return !stack.empty() && stack.back() == '{'; }
  void value_done() {
    expect = stack.empty() ? Expect::end : Expect::comma;
    just_opened = false;
  }
  void open(char bracket) {
    stack.push_back(bracket);
    expect = bracket == '{' ? Expect::key : Expect::value;
    just_opened = true;
  }
  void close() {
    if (!stack.empty()) stack.pop_back();
    value_done();
  }
  void comma() {
    expect = in_object() ? Expect::key : Expect::value;
    just_opened = false;
  }
  void string() {  // a key or a string value
    if (expect != Expect::key) return value_done();
    expect = Expect::colon;
  }
  std::string expectation() const {
    switch (expect) {
      case Expect::key:
        return just_opened ? "expected a quoted object key or '}'"
                           : "expected a quoted object key after ','";
      case Expect::colon:
        return "expected ':' after an object key";
      case Expect::comma:
        return in_object() ? "expected ',' or '}' after an object member"
                           : "expected ',' or ']' after an array element";
      case Expect::end:
        return "expected end of input after the JSON value";
      case Expect::value:
        break;
    }
    if (stack.empty()) return "expected a JSON value";
    if (in_object()) return "expected a value after ':'";
    return just_opened ? "expected a value or ']'" : "expected a value after ','";
  }
};

unsigned byte(std::string_view text, std::size_t at) {
  return at < text.size() ? static_cast<unsigned char>(text[at]) : 0;
}

// The code point of the UTF-8 sequence at `at` and its length in bytes, or {kUndecoded, 1}.
std::pair<char32_t, std::size_t> decode(std::string_view text, std::size_t at) {
  const unsigned lead = byte(text, at);
  const std::size_t length = lead < 0x80   ? 1
                             : lead < 0xC2 ? 0
                             : lead < 0xE0 ? 2
                             : lead < 0xF0 ? 3
                             : lead < 0xF5 ? 4
                                           : 0;
  if (length == 0) return {kUndecoded, 1};
  char32_t code = length == 1 ? lead : lead & (0x7F >> length);
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(text, at + k) & 0xC0) != 0x80) return {kUndecoded, 1};
    code = code << 6 | (byte(text, at + k) & 0x3F);
  }
  return {code, length};
}

// 'text', built by appending: "'" + std::string(...) trips GCC 12's -Wrestrict at -O3.
std::string quoted(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '\'';
  out += text;
  out += '\'';
  return out;
}

std::string describe_char(std::string_view text, std::size_t at) {
  if (at >= text.size()) return "end of input";
  const auto c = static_cast<unsigned char>(text[at]);
  if (c < 0x20 || c == 0x7F) return "control character U+" + hex4(c);
  if (c < 0x80) {  // a whole word when it is one: "found 'Active'"
    std::size_t end = at + 1;
    while (is_token_char(text[at]) && end < text.size() && is_token_char(text[end])) ++end;
    return quoted(text.substr(at, end - at));
  }
  // Quote a whole UTF-8 sequence, but never copy invalid UTF-8 into the message.
  const auto [code, length] = decode(text, at);
  if (code == kUndecoded) return "invalid UTF-8 byte 0x" + hex4(c).substr(2);
  return quoted(text.substr(at, length));
}

// Phrases why strict parsing of text stopped at offset, by rescanning text[0, offset).
std::string describe_failure(std::string_view text, std::size_t offset, json::error_code ec,
                             std::size_t max_depth) {
  if (ec == json::error::too_deep) {
    return "nesting deeper than the limit of " + std::to_string(max_depth) + " levels";
  }
  if (ec == json::error::exponent_overflow) return "number exponent out of range";
  if (ec == json::error::expected_hex_digit || ec == json::error::expected_utf16_escape ||
      ec == json::error::illegal_leading_surrogate || ec == json::error::illegal_trailing_surrogate)
    return "invalid \\u escape in a string";
  if (ec != json::error::syntax && ec != json::error::incomplete && ec != json::error::extra_data)
    return ec.message();
  Grammar grammar;
  bool in_string = false, escaped = false;
  std::size_t scalar_start = kNone;
  for (std::size_t i = 0; i < offset; ++i) {
    const char c = text[i];
    if (in_string) {
      if (!escaped && c == '"') grammar.string();
      in_string = escaped || c != '"';
      escaped = !escaped && c == '\\';
      continue;
    }
    if (is_token_char(c)) {
      if (scalar_start == kNone) scalar_start = i;
      continue;
    }
    if (scalar_start != kNone) {
      grammar.value_done();
      scalar_start = kNone;
    }
    if (c == '"') in_string = true;
    if (c == '{' || c == '[') grammar.open(c);
    if (c == '}' || c == ']') grammar.close();
    if (c == ',') grammar.comma();
    if (c == ':') grammar.expect = Expect::value;
  }
  if (in_string) {
    if (offset >= text.size()) return "unterminated string";
    const auto c = static_cast<unsigned char>(text[offset]);
    if (escaped || c == '\\') return "invalid escape sequence in a string";
    if (c < 0x20) return "raw control character U+" + hex4(c) + " in a string must be escaped";
    if (c >= 0x80) return "invalid UTF-8 in a string";
    return "invalid string";
  }
  if (scalar_start != kNone) {
    std::size_t end = offset;
    while (end < text.size() && is_token_char(text[end])) ++end;
    const std::string_view token = text.substr(scalar_start, end - scalar_start);
    const bool number = token[0] == '-' || (token[0] >= '0' && token[0] <= '9');
    const bool complete =
        end == offset && (number ? token.back() >= '0' && token.back() <= '9'
                                 : token == "true" || token == "false" || token == "null");
    if (!complete)
      return (number ? "invalid number '" : "invalid literal '") + std::string(token) + "'";
    grammar.value_done();
  }
  return grammar.expectation() + ", found " + describe_char(text, offset);
}

// Rewrites almost-JSON into strict JSON; origin[i] is the input offset of out[i].
class Repairer {
 public:
  explicit Repairer(std::string_view text) : text_(text) {}

  void run(std::size_t start) {
    out.reserve(text_.size() + 16);
    origin.reserve(text_.size() + 16);
    for (i_ = start; i_ < text_.size();) step();
  }

  std::string out;
  std::vector<std::size_t> origin;
  std::vector<JsonRepair> repairs;

 private:
  void step() {
    const char c = text_[i_];
    const char next = i_ + 1 < text_.size() ? text_[i_ + 1] : '\0';
    const auto [code, length] = decode(text_, i_);
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      newline_ = newline_ || c == '\n';
      emit(c, i_++);
    } else if (c == '/' && (next == '/' || next == '*')) {
      const std::size_t end = next == '/' ? text_.find('\n', i_) : text_.find("*/", i_ + 2);
      const std::size_t stop = end == kNone ? text_.size() : next == '/' ? end : end + 2;
      newline_ = newline_ || text_.substr(i_, stop - i_).find('\n') != kNone;
      repair(i_, "removed a comment");
      i_ = stop;
    } else if (is_extra_space(code)) {
      repair(i_, code == 0xA0 ? "replaced a non-breaking space"
                              : "replaced a non-JSON whitespace character");
      emit(' ', i_);
      i_ += length;
    } else if (is_elision(i_)) {
      drop_elision();
      i_ = code == 0x2026 ? i_ + length : std::min(text_.find_first_not_of('.', i_), text_.size());
    } else if (c == '{' || c == '[') {
      begin_token();
      take(c);
      grammar_.open(c);
    } else if (c == '}' || c == ']') {
      const std::size_t last = last_significant();
      if (last != kNone && out[last] == ',') {
        if (!elided_) repair(origin[last], "removed a trailing comma");
        out.erase(last, 1);
        origin.erase(origin.begin() + static_cast<std::ptrdiff_t>(last));
      }
      take(c);
      grammar_.close();
    } else if (c == ',' && elided_ &&
               (grammar_.expect == Expect::value || grammar_.expect == Expect::key)) {
      ++i_;  // a comma with no value before it separated a dropped elision
    } else if (c == ',') {
      take(c);
      grammar_.comma();
    } else if (c == ':') {
      take(c);
      grammar_.expect = Expect::value;
    } else if (is_quote(code)) {
      string(code, length);
    } else if (is_token_char(c)) {
      word();
    } else {
      take(c);  // not repairable here: left for the strict parser to report
    }
  }

  void emit(char c, std::size_t from) {
    out.push_back(c);
    origin.push_back(from);
  }
  void take(char c) {  // emits the token at i_
    emit(c, i_++);
    newline_ = elided_ = false;
  }

  void repair(std::size_t at, std::string what) {
    while (line_pos_ < at) line_ += text_[line_pos_++] == '\n';
    while (line_pos_ > at) line_ -= text_[--line_pos_] == '\n';
    for (auto it = repairs.rbegin(); it != repairs.rend() && it->line == line_; ++it) {
      if (it->what == what) return;  // one report per kind and line is enough
    }
    repairs.push_back({line_, std::move(what)});
  }

  std::size_t last_significant() const {
    std::size_t i = out.size();
    while (i > 0 && kJsonSpace.find(out[i - 1]) != kNone) --i;
    return i == 0 ? kNone : i - 1;
  }

  // A value or key starts: supply the comma missing between it and a value on an earlier line.
  void begin_token() {
    if (grammar_.expect == Expect::comma && newline_) {
      const std::size_t last = last_significant();
      repair(origin[last], "inserted a missing comma");
      out.insert(last + 1, 1, ',');
      origin.insert(origin.begin() + static_cast<std::ptrdiff_t>(last) + 1, origin[last] + 1);
      grammar_.comma();
    }
    if (grammar_.expect == Expect::key) member_start_ = out.size();
  }

  // "..." or "…" standing for omitted values, elements or members.
  bool is_elision(std::size_t at) const {
    return text_.compare(at, 3, "...") == 0 || decode(text_, at).first == 0x2026;
  }

  void drop_elision() {
    if (grammar_.expect == Expect::value && grammar_.in_object() && member_start_ != kNone) {
      repair(origin[member_start_], "removed the member " + key_ + " whose value was elided");
      out.resize(member_start_);
      origin.resize(member_start_);
      grammar_.expect = Expect::key;
      member_start_ = kNone;
    } else {
      repair(i_, "removed an elision");
    }
    elided_ = true;
  }

  // Whitespace JSON does not allow: form feed, vertical tab and the Unicode spaces
  // (U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000), plus the
  // zero-width space U+200B and a byte order mark U+FEFF past the start.
  static bool is_extra_space(char32_t c) {
    return c == '\f' || c == '\v' || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200B) ||
           c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
  }
  static bool is_quote(char32_t c) {  // '"', '\'', and the smart quotes ‘ ’ “ ”
    return c == '"' || c == '\'' || c == 0x2018 || c == 0x2019 || c == 0x201C || c == 0x201D;
  }
  // Smart double quotes close at either smart double quote or at '"'; single ones likewise.
  static bool closes(char32_t opening, char32_t c) {
    if (opening == '"' || opening == '\'') return c == opening;
    if (opening >= 0x201C) return c == 0x201C || c == 0x201D || c == '"';
    return c == 0x2018 || c == 0x2019 || c == '\'';
  }

  void string(char32_t opening, std::size_t open_length) {
    begin_token();
    if (opening != '"') {
      repair(i_, opening == '\'' ? "replaced single quotes" : "replaced smart quotes");
    }
    const bool key = grammar_.expect == Expect::key;
    emit('"', i_);
    for (i_ += open_length; i_ < text_.size();) {
      const auto [code, length] = decode(text_, i_);
      if (code == '\\' && i_ + 1 < text_.size()) {
        if (opening != '\'' || text_[i_ + 1] != '\'') emit('\\', i_);  // \' becomes '
        emit(text_[i_ + 1], i_ + 1);
        i_ += 2;
      } else if (closes(opening, code)) {
        emit('"', i_);
        i_ += length;
        break;
      } else if (code == '"' || code < 0x20) {
        escape(static_cast<unsigned char>(text_[i_]));
      } else {
        emit(text_[i_], i_);
        ++i_;
      }
    }
    if (key) key_ = out.substr(member_start_ + 1, out.size() - member_start_ - 2);
    newline_ = elided_ = false;
    grammar_.string();
  }

  // Escapes a '"' inside a single- or smart-quoted string, or a raw control character.
  void escape(unsigned char c) {
    if (c != '"') {
      const char* name = c == '\n'   ? "newline"
                         : c == '\r' ? "carriage return"
                         : c == '\t' ? "tab"
                                     : "control character";
      repair(i_, std::string("escaped a raw ") + name + " in a string");
    }
    const std::string escaped = c == '\n'   ? "\\n"
                                : c == '\r' ? "\\r"
                                : c == '\t' ? "\\t"
                                : c == '"'  ? "\\\""
                                            : "\\u" + hex4(c);
    for (char e : escaped) emit(e, i_);
    ++i_;
  }

  // A number, a literal, or (where a key belongs) an unquoted key.
  void word() {
    begin_token();
    const std::size_t start = i_;
    while (i_ < text_.size() && is_token_char(text_[i_]) && !is_elision(i_)) ++i_;
    const std::string_view token = text_.substr(start, i_ - start);
    const bool key = grammar_.expect == Expect::key;
    if (key) {
      repair(start, "quoted the key " + std::string(token));
      key_ = token;
      emit('"', start);
    }
    for (std::size_t k = start; k < i_; ++k) emit(text_[k], k);
    if (key) emit('"', i_ - 1);
    key ? grammar_.string() : grammar_.value_done();
    newline_ = elided_ = false;
  }

  std::string_view text_;
  std::size_t i_ = 0;
  Grammar grammar_;
  bool newline_ = false;              // a newline since the last token
  bool elided_ = false;               // an elision was dropped since the last token
  std::size_t member_start_ = kNone;  // out offset of the current object key
  std::string key_;                   // and its text
  std::size_t line_pos_ = 0;          // line_ is the line of text_[line_pos_]
  int line_ = 1;
};

}  // namespace

StrictJson parse_strict_json(std::string_view text, std::size_t max_depth) {
  StrictJson result;
  // RFC 8259 lets parsers ignore a byte order mark; offsets still count it.
  const std::size_t skip = text.starts_with(kBom) ? kBom.size() : 0;
  const std::string_view body = text.substr(skip);
  const auto fail = [&](std::size_t offset, std::string message) {
    result.failed = true;
    locate(text, skip + offset, result.error);
    result.error.message = std::move(message);
    return result;
  };
  if (body.find_first_not_of(kJsonSpace) == kNone) {
    return fail(body.size(), "empty body: expected a JSON value");
  }
  json::parse_options options;
  options.max_depth = max_depth;
  json::stream_parser parser({}, options);
  json::error_code ec;
  std::size_t consumed = parser.write_some(body.data(), body.size(), ec);
  if (!ec && consumed < body.size()) ec = json::error::extra_data;
  if (!ec) parser.finish(ec);
  if (ec) return fail(consumed, describe_failure(body, consumed, ec, max_depth));
  result.value = parser.release();
  return result;
}

LenientJson parse_lenient_json(std::string_view text) {
  LenientJson result;
  StrictJson strict = parse_strict_json(text);  // the fast path: most bodies need no repair
  if (strict.failed) {
    Repairer repairer(text);
    repairer.run(text.starts_with(kBom) ? kBom.size() : 0);
    result.repairs = std::move(repairer.repairs);
    if (!result.repairs.empty()) strict = parse_strict_json(repairer.out);
    if (strict.failed && !result.repairs.empty()) {  // map the position back to the input
      const std::size_t at = strict.error.offset;
      locate(text, at < repairer.origin.size() ? repairer.origin[at] : text.size(), strict.error);
    }
  }
  result.value = std::move(strict.value);
  result.failed = strict.failed;
  result.error = std::move(strict.error);
  return result;
}

}  // namespace mockserver
