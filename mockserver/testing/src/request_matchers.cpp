// Matchers over what a request sent: method, path, query, headers, JSON body.
#include "mockserver/testing/request_matchers.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <cctype>
#include <string_view>
#include <vector>

#include "part_matcher.hpp"

namespace mockserver::testing {
namespace {

using internal::part_matcher;
using internal::predicate_matcher;

std::string_view path_of(std::string_view target) {
  return target.substr(0, target.find_first_of("?#"));
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  while (!path.empty()) {
    std::size_t slash = path.find('/');
    if (slash != 0) out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

bool is_version(std::string_view s) {
  if (iequals(s, "beta") || iequals(s, "localtest")) return true;
  if (s.size() < 2 || std::tolower(static_cast<unsigned char>(s[0])) != 'v' ||
      !std::isdigit(static_cast<unsigned char>(s[1])))
    return false;
  for (char c : s.substr(1))
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.') return false;
  return true;
}

// Literals case-insensitively; each "{name}" takes one or more characters.
bool segment_matches(std::string_view pattern, std::string_view actual) {
  if (pattern.empty()) return actual.empty();
  if (pattern.front() == '{') {
    std::size_t close = pattern.find('}');
    if (close == std::string_view::npos) return iequals(pattern, actual);
    for (std::size_t take = 1; take <= actual.size(); ++take)
      if (segment_matches(pattern.substr(close + 1), actual.substr(take))) return true;
    return false;
  }
  return !actual.empty() &&
         std::tolower(static_cast<unsigned char>(pattern.front())) ==
             std::tolower(static_cast<unsigned char>(actual.front())) &&
         segment_matches(pattern.substr(1), actual.substr(1));
}

class PathTemplateMatcher : public ::testing::MatcherInterface<const std::string&> {
 public:
  explicit PathTemplateMatcher(std::string path_template) : template_(std::move(path_template)) {}

  bool MatchAndExplain(const std::string& path,
                       ::testing::MatchResultListener* listener) const override {
    std::vector<std::string_view> wanted = segments(template_);
    std::vector<std::string_view> got = segments(path);
    bool template_versioned = !wanted.empty() && is_version(wanted.front());
    if (!template_versioned && !got.empty() && is_version(got.front())) got.erase(got.begin());
    if (wanted.size() != got.size()) {
      *listener << "which has " << got.size() << " segments, the template " << wanted.size();
      return false;
    }
    for (std::size_t i = 0; i < wanted.size(); ++i) {
      if (segment_matches(wanted[i], got[i])) continue;
      *listener << "whose segment " << i + 1 << " \"" << got[i] << "\" doesn't match \""
                << wanted[i] << '"';
      return false;
    }
    return true;
  }
  void DescribeTo(std::ostream* os) const override {
    *os << "matches the template \"" << template_ << '"';
  }
  void DescribeNegationTo(std::ostream* os) const override {
    *os << "doesn't match the template \"" << template_ << '"';
  }

 private:
  std::string template_;
};

const std::string* find_header(const JournalEntry& entry, std::string_view name) {
  for (const auto& [key, value] : entry.headers)
    if (iequals(key, name)) return &value;
  return nullptr;
}

class JsonStringMatcher : public ::testing::MatcherInterface<const boost::json::value&> {
 public:
  explicit JsonStringMatcher(StringMatcher inner) : inner_(std::move(inner)) {}
  bool MatchAndExplain(const boost::json::value& value,
                       ::testing::MatchResultListener* listener) const override {
    if (!value.is_string()) {
      *listener << "which is not a JSON string";
      return false;
    }
    return inner_.MatchAndExplain(std::string(value.as_string()), listener);
  }
  void DescribeTo(std::ostream* os) const override {
    *os << "is a JSON string that ";
    inner_.DescribeTo(os);
  }
  void DescribeNegationTo(std::ostream* os) const override {
    *os << "is not a JSON string that ";
    inner_.DescribeTo(os);
  }

 private:
  StringMatcher inner_;
};

// The value at the pointer in the body, or nullopt with `absent` saying why there is none.
std::optional<boost::json::value> json_at(const JournalEntry& e, const std::string& pointer,
                                          std::string& absent) {
  boost::system::error_code ec;
  boost::json::value body = boost::json::parse(e.body, ec);
  if (ec) {
    absent = e.body.empty()
                 ? "whose body is empty"
                 : "whose body is not JSON (" + ec.message() + "): " + abbreviate(e.body, 120);
    return std::nullopt;
  }
  const boost::json::value* found = body.find_pointer(pointer, ec);
  if (!found) {
    absent = "whose JSON body has nothing at " + pointer + ": " +
             abbreviate(boost::json::serialize(body), 120);
    return std::nullopt;
  }
  return *found;
}

EntryMatcher method_and_path(const char* method, StringMatcher path) {
  return ::testing::AllOf(HasMethod(method), HasPath(std::move(path)));
}

}  // namespace

EntryMatcher HasMethod(StringMatcher method) {
  return part_matcher<std::string>(
      "method", [](const JournalEntry& e, std::string&) { return std::optional(e.method); },
      std::move(method));
}

EntryMatcher IsGet() { return HasMethod("GET"); }
EntryMatcher IsPost() { return HasMethod("POST"); }
EntryMatcher IsPut() { return HasMethod("PUT"); }
EntryMatcher IsPatch() { return HasMethod("PATCH"); }
EntryMatcher IsDelete() { return HasMethod("DELETE"); }
EntryMatcher IsGet(StringMatcher path) { return method_and_path("GET", std::move(path)); }
EntryMatcher IsPost(StringMatcher path) { return method_and_path("POST", std::move(path)); }
EntryMatcher IsPut(StringMatcher path) { return method_and_path("PUT", std::move(path)); }
EntryMatcher IsPatch(StringMatcher path) { return method_and_path("PATCH", std::move(path)); }
EntryMatcher IsDelete(StringMatcher path) { return method_and_path("DELETE", std::move(path)); }

EntryMatcher HasPath(StringMatcher path) {
  return part_matcher<std::string>(
      "path",
      [](const JournalEntry& e, std::string&) {
        return std::optional(std::string(path_of(e.target)));
      },
      std::move(path));
}

EntryMatcher HasQuery(StringMatcher query) {
  return part_matcher<std::string>(
      "query",
      [](const JournalEntry& e, std::string&) {
        std::size_t mark = e.target.find('?');
        std::string query = mark == std::string::npos ? "" : e.target.substr(mark + 1);
        return std::optional(query.substr(0, query.find('#')));
      },
      std::move(query));
}

EntryMatcher HasPathTemplate(const std::string& path_template) {
  return HasPath(::testing::MakeMatcher(new PathTemplateMatcher(path_template)));
}

EntryMatcher HasHeader(const std::string& name) {
  return predicate_matcher(
      "with header " + name, "without header " + name,
      [name](const JournalEntry& e) { return find_header(e, name) != nullptr; },
      [name](const JournalEntry& e) {
        const std::string* value = find_header(e, name);
        return value ? "whose header " + name + " is " + ::testing::PrintToString(*value)
                     : "which has no header " + name;
      });
}

EntryMatcher HasHeader(const std::string& name, StringMatcher value) {
  return part_matcher<std::string>(
      "header " + name,
      [name](const JournalEntry& e, std::string& absent) -> std::optional<std::string> {
        if (const std::string* value = find_header(e, name)) return *value;
        absent = "which has no header " + name;
        return std::nullopt;
      },
      std::move(value), "header " + name);
}

EntryMatcher HasJsonAt(const std::string& pointer, const boost::json::value& expected) {
  return HasJsonAt(pointer, JsonMatcher(::testing::Eq(expected)));
}

EntryMatcher HasJsonAt(const std::string& pointer, JsonMatcher matcher) {
  std::string at = pointer.empty() ? "JSON body" : "JSON body at " + pointer;
  return part_matcher<boost::json::value>(
      at,
      [pointer](const JournalEntry& e, std::string& absent) { return json_at(e, pointer, absent); },
      std::move(matcher), "a " + at);
}

EntryMatcher HasNoJsonAt(const std::string& pointer) {
  return predicate_matcher(
      "with nothing at " + pointer + " in its body", "with a JSON body that has " + pointer,
      [pointer](const JournalEntry& e) {
        std::string absent;
        return !json_at(e, pointer, absent);
      },
      [pointer](const JournalEntry& e) {
        std::string absent;
        auto value = json_at(e, pointer, absent);
        return value ? "whose JSON body at " + pointer + " is " + ::testing::PrintToString(*value)
                     : absent;
      });
}

JsonMatcher JsonString(StringMatcher matcher) {
  return ::testing::MakeMatcher(new JsonStringMatcher(std::move(matcher)));
}

}  // namespace mockserver::testing
