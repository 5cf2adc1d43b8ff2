// EDM primitive types as the OData v4 JSON format (and Microsoft Graph) encodes them.
// check_edm runs for every property of every request, so the string grammars below are
// hand-written scanners rather than regexes, and nothing is allocated for a valid value.
#include "mockserver/edm.hpp"

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>

namespace mockserver {
namespace {

namespace json = boost::json;

char to_lower_ascii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (to_lower_ascii(a[i]) != to_lower_ascii(b[i])) return false;
  return true;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex_digit(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// A forward-only cursor over a string, for the date, time and duration grammars.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  bool at_end() const { return pos_ == text_.size(); }
  // The next character, or '\0' at the end.
  char peek() const { return at_end() ? '\0' : text_[pos_]; }
  void advance() { ++pos_; }
  bool eat(char c) {
    if (at_end() || text_[pos_] != c) return false;
    ++pos_;
    return true;
  }
  // Exactly `count` digits forming a number in [min, max]; false (position unspecified) if not.
  bool number(std::size_t count, int min, int max, int* out = nullptr) {
    if (text_.size() - pos_ < count) return false;
    int value = 0;
    for (std::size_t i = 0; i < count; ++i, ++pos_) {
      if (!is_digit(text_[pos_])) return false;
      value = value * 10 + (text_[pos_] - '0');
    }
    if (out) *out = value;
    return value >= min && value <= max;
  }
  // One or more digits.
  bool digits() {
    const std::size_t start = pos_;
    while (!at_end() && is_digit(text_[pos_])) ++pos_;
    return pos_ > start;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

// YYYY-MM-DD with a real month and a day that exists in it.
bool scan_date(Scanner& in) {
  int year = 0, month = 0;
  return in.number(4, 0, 9999, &year) && in.eat('-') && in.number(2, 1, 12, &month) &&
         in.eat('-') && in.number(2, 1, days_in_month(year, month));
}

// HH:MM(:SS(.fraction)?)? ; max_second is 60 where a leap second is allowed.
bool scan_time(Scanner& in, int max_second) {
  if (!(in.number(2, 0, 23) && in.eat(':') && in.number(2, 0, 59))) return false;
  if (!in.eat(':')) return true;
  if (!in.number(2, 0, max_second)) return false;
  return !in.eat('.') || in.digits();
}

bool is_date(std::string_view text) {
  Scanner in(text);
  return scan_date(in) && in.at_end();
}

bool is_time_of_day(std::string_view text) {
  Scanner in(text);
  return scan_time(in, 59) && in.at_end();
}

// RFC 3339 date-time. Deliberately lenient about the offset: many Graph documentation
// examples omit it ("2016-12-31T23:56:31"), so a missing offset is accepted and read as UTC.
bool is_date_time_offset(std::string_view text) {
  Scanner in(text);
  if (!(scan_date(in) && (in.eat('T') || in.eat('t')) && scan_time(in, 60))) return false;
  if (in.eat('Z') || in.eat('z')) return in.at_end();
  if (in.eat('+') || in.eat('-'))
    return in.number(2, 0, 23) && in.eat(':') && in.number(2, 0, 59) && in.at_end();
  return in.at_end();
}

// ISO 8601 duration: -?P(nY)?(nM)?(nW)?(nD)?(T(nH)?(nM)?(n(.n)?S)?)? with at least one
// component, and at least one after a 'T'. Designators are upper case, in this order.
bool is_duration(std::string_view text) {
  Scanner in(text);
  in.eat('-');
  if (!in.eat('P')) return false;
  bool any_component = false;
  std::string_view date_units = "YMWD";
  while (!in.at_end() && in.peek() != 'T') {
    if (!in.digits()) return false;
    const std::size_t unit = date_units.find(in.peek());
    if (unit == std::string_view::npos) return false;
    in.advance();
    date_units.remove_prefix(unit + 1);
    any_component = true;
  }
  if (in.eat('T')) {
    std::string_view time_units = "HMS";
    bool any_time_component = false;
    while (!in.at_end()) {
      if (!in.digits()) return false;
      if (in.eat('.') && !(in.digits() && in.peek() == 'S')) return false;
      const std::size_t unit = time_units.find(in.peek());
      if (unit == std::string_view::npos) return false;
      in.advance();
      time_units.remove_prefix(unit + 1);
      any_time_component = true;
    }
    if (!any_time_component) return false;
    any_component = true;
  }
  return any_component;
}

// 8-4-4-4-12 hex digits, any case.
bool is_guid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool hyphen_position = i == 8 || i == 13 || i == 18 || i == 23;
    if (hyphen_position ? text[i] != '-' : !is_hex_digit(text[i])) return false;
  }
  return true;
}

// Base64 in the standard (+/) or URL-safe (-_) alphabet, not mixed. Padding is optional,
// but when present it must make the length a multiple of 4.
bool is_base64(std::string_view text) {
  std::size_t data_length = text.find('=');
  if (data_length == std::string_view::npos) data_length = text.size();
  const std::string_view padding = text.substr(data_length);
  if (padding.size() > 2 || padding.find_first_not_of('=') != std::string_view::npos) return false;
  if (!padding.empty() && text.size() % 4 != 0) return false;
  if (data_length % 4 == 1) return false;  // 6 bits cannot encode a byte
  bool standard = false, url_safe = false;
  for (const char c : text.substr(0, data_length)) {
    if (c == '+' || c == '/')
      standard = true;
    else if (c == '-' || c == '_')
      url_safe = true;
    else if (!is_alnum(c))
      return false;
  }
  return !(standard && url_safe);
}

// A JSON number with an integral value in [min, max]. An integer literal outside the int64 and
// uint64 ranges parses as a double, which may round into range (-9223372036854775809 reads as
// exactly -2^63 and is accepted as an Int64).
bool is_integer_in(const json::value& value, std::int64_t min, std::int64_t max) {
  if (value.is_int64()) return value.get_int64() >= min && value.get_int64() <= max;
  if (value.is_uint64()) return max >= 0 && value.get_uint64() <= static_cast<std::uint64_t>(max);
  if (!value.is_double()) return false;
  // The bounds convert exactly, except INT64_MAX, which rounds up to 2^63; hence "< max + 1".
  // NaN fails the trunc comparison and infinities fail the bounds.
  const double d = value.get_double();
  return std::trunc(d) == d && d >= static_cast<double>(min) && d < static_cast<double>(max) + 1;
}

// A finite JSON number (the parser reads overflowing literals like 1e400 as infinity).
std::optional<double> finite_number(const json::value& value) {
  if (!value.is_number()) return std::nullopt;
  const double d = value.to_number<double>();  // cannot fail for a double target
  if (!std::isfinite(d)) return std::nullopt;
  return d;
}

// The string spellings OData uses for the non-finite Single and Double values.
bool is_special_float(const json::value& value) {
  if (!value.is_string()) return false;
  const std::string_view s = value.get_string();
  return s == "NaN" || s == "INF" || s == "-INF";
}

bool is_string_where(const json::value& value, bool (*valid)(std::string_view)) {
  return value.is_string() && valid(value.get_string());
}

template <typename T>
bool is_integer_of(const json::value& value) {
  return is_integer_in(value, std::numeric_limits<T>::min(), std::numeric_limits<T>::max());
}

// Int64 and Decimal must be JSON numbers: the IEEE754Compatible string form is not accepted.
bool is_valid(Edm type, const json::value& value) {
  switch (type) {
    case Edm::String:
      return value.is_string();
    case Edm::Boolean:
      return value.is_bool();
    case Edm::Byte:
      return is_integer_of<std::uint8_t>(value);
    case Edm::SByte:
      return is_integer_of<std::int8_t>(value);
    case Edm::Int16:
      return is_integer_of<std::int16_t>(value);
    case Edm::Int32:
      return is_integer_of<std::int32_t>(value);
    case Edm::Int64:
      return is_integer_of<std::int64_t>(value);
    case Edm::Single: {
      // 3.4028235e38 is FLT_MAX as usually printed; the literal rounds to FLT_MAX.
      const auto number = finite_number(value);
      return is_special_float(value) || (number && std::fabs(*number) <= 3.4028235e38);
    }
    case Edm::Double:
      return is_special_float(value) || finite_number(value).has_value();
    case Edm::Decimal:
      return finite_number(value).has_value();
    case Edm::Guid:
      return is_string_where(value, is_guid);
    case Edm::Binary:
    case Edm::Stream:
      return is_string_where(value, is_base64);
    case Edm::Date:
      return is_string_where(value, is_date);
    case Edm::DateTimeOffset:
      return is_string_where(value, is_date_time_offset);
    case Edm::Duration:
      return is_string_where(value, is_duration);
    case Edm::TimeOfDay:
      return is_string_where(value, is_time_of_day);
  }
  return false;
}

struct TypeInfo {
  std::string_view name;
  std::string_view expected;  // the phrase check_edm returns
};

// Indexed by Edm, in declaration order.
constexpr std::array<TypeInfo, 17> kTypes = {{
    {"String", "a String"},
    {"Boolean", "a Boolean (true or false)"},
    {"Byte", "a Byte (integer from 0 to 255)"},
    {"SByte", "an SByte (integer from -128 to 127)"},
    {"Int16", "an Int16 (integer from -32768 to 32767)"},
    {"Int32", "an Int32 (integer from -2147483648 to 2147483647)"},
    {"Int64", "an Int64 (integer from -9223372036854775808 to 9223372036854775807)"},
    {"Single", "a Single (number within +/-3.4028235e38, or \"NaN\", \"INF\", \"-INF\")"},
    {"Double", "a Double (number, or \"NaN\", \"INF\", \"-INF\")"},
    {"Decimal", "a Decimal (number)"},
    {"Guid", "a Guid (e.g. 01234567-89ab-cdef-0123-456789abcdef)"},
    {"Binary", "a Binary (base64 string)"},
    {"Date", "a Date (YYYY-MM-DD, e.g. 2016-12-31)"},
    {"DateTimeOffset", "a DateTimeOffset (RFC 3339, e.g. 2016-12-31T23:56:31Z)"},
    {"Duration", "a Duration (ISO 8601, e.g. PT1H30M)"},
    {"TimeOfDay", "a TimeOfDay (HH:MM:SS, e.g. 23:56:31)"},
    {"Stream", "a Stream (base64 string)"},
}};

static_assert(kTypes.size() == static_cast<std::size_t>(Edm::Stream) + 1);

const TypeInfo& info(Edm type) { return kTypes[static_cast<std::size_t>(type)]; }

struct Alias {
  std::string_view name;
  Edm type;
};

// Other spellings seen in the documentation pages.
constexpr std::array<Alias, 7> kAliases = {{{"bool", Edm::Boolean},
                                            {"int", Edm::Int32},
                                            {"integer", Edm::Int32},
                                            {"long", Edm::Int64},
                                            {"float", Edm::Single},
                                            {"DateTime", Edm::DateTimeOffset},
                                            {"timestamp", Edm::DateTimeOffset}}};

}  // namespace

std::optional<Edm> parse_edm_name(std::string_view name) {
  constexpr std::string_view kSpaces = " \t\r\n";
  const std::size_t first = name.find_first_not_of(kSpaces);
  if (first == std::string_view::npos) return std::nullopt;
  name = name.substr(first, name.find_last_not_of(kSpaces) - first + 1);
  if (name.size() > 4 && iequals(name.substr(0, 4), "Edm.")) name.remove_prefix(4);
  for (std::size_t i = 0; i < kTypes.size(); ++i)
    if (iequals(kTypes[i].name, name)) return static_cast<Edm>(i);
  for (const Alias& alias : kAliases)
    if (iequals(alias.name, name)) return alias.type;
  return std::nullopt;
}

std::string_view edm_name(Edm type) { return info(type).name; }

// JSON null is accepted for every type: nullable properties are the norm in Graph, and
// whether a particular property may be null is for the caller to decide.
std::optional<std::string> check_edm(Edm type, const json::value& value) {
  if (value.is_null() || is_valid(type, value)) return std::nullopt;
  return std::string(info(type).expected);
}

json::value sample_edm(Edm type) {
  switch (type) {
    case Edm::String:
      return "string";
    case Edm::Boolean:
      return false;
    case Edm::Byte:
    case Edm::SByte:
    case Edm::Int16:
    case Edm::Int32:
    case Edm::Int64:
      return std::int64_t{0};
    case Edm::Single:
    case Edm::Double:
    case Edm::Decimal:
      return 0.0;
    case Edm::Guid:
      return "00000000-0000-0000-0000-000000000000";
    case Edm::Binary:
    case Edm::Stream:
      return "";
    case Edm::Date:
      return "2024-01-01";
    case Edm::DateTimeOffset:
      return "2024-01-01T00:00:00Z";
    case Edm::Duration:
      return "PT1H";
    case Edm::TimeOfDay:
      return "12:00:00";
  }
  return nullptr;
}

}  // namespace mockserver
