// Matching request path segments against template segments (internal).
// A template segment is a literal (compared case-insensitively, as Graph does), a
// placeholder "{id}" (any one segment), or a pattern mixing both, such as
// "reminderView(startDateTime={start},endDateTime={end})".
#pragma once

#include <cctype>
#include <string_view>

#include "text.hpp"

namespace mockserver {

// "v1.0", "beta", "localtest": the API version a URL's first segment names.
inline bool is_version_segment(std::string_view s) {
  if (text::iequals(s, "beta") || text::iequals(s, "localtest")) return true;
  if (s.size() < 2 || (s[0] != 'v' && s[0] != 'V')) return false;
  for (char c : s.substr(1))
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.')) return false;
  return std::isdigit(static_cast<unsigned char>(s[1]));
}

inline bool is_placeholder(std::string_view segment) {
  return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}' &&
         segment.find('{', 1) == std::string_view::npos;
}

inline bool is_pattern(std::string_view segment) {
  return !is_placeholder(segment) && segment.find('{') != std::string_view::npos;
}

// Glob-like match of a pattern segment: literal parts case-insensitively, each
// {placeholder} taking one or more characters.
inline bool pattern_matches(std::string_view pattern, std::string_view actual) {
  if (pattern.empty()) return actual.empty();
  if (pattern.front() == '{') {
    auto close = pattern.find('}');
    if (close == std::string_view::npos) return text::iequals(pattern, actual);
    std::string_view rest = pattern.substr(close + 1);
    for (std::size_t take = 1; take <= actual.size(); ++take)
      if (pattern_matches(rest, actual.substr(take))) return true;
    return false;
  }
  if (actual.empty() || text::lower(pattern.front()) != text::lower(actual.front())) return false;
  return pattern_matches(pattern.substr(1), actual.substr(1));
}

inline bool segment_matches(std::string_view templ, std::string_view actual) {
  if (is_placeholder(templ)) return !actual.empty();
  if (is_placeholder(actual)) return true;  // an example that kept the placeholder
  if (is_pattern(templ)) return pattern_matches(templ, actual);
  return text::iequals(templ, actual);
}

inline bool path_matches(std::string_view templ, std::string_view actual) {
  auto t = text::split_path(templ);
  auto a = text::split_path(actual);
  if (t.size() != a.size()) return false;
  for (std::size_t i = 0; i < t.size(); ++i)
    if (!segment_matches(t[i], a[i])) return false;
  return true;
}

}  // namespace mockserver
