// Internal: the shape every journal-entry matcher shares. A PartMatcher takes one part
// of a request (its method, a header, the value at a JSON pointer...) and matches it
// with an inner matcher; a PredicateMatcher tests a property that has no value to show.
// Both describe themselves as "is a request whose <part> <inner description>" and
// explain a mismatch with the value the request had.
#pragma once

#include <gmock/gmock.h>

#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <utility>

#include "mockserver/journal.hpp"
#include "mockserver/testing/printers.hpp"

namespace mockserver::testing::internal {

template <typename T>
class PartMatcher : public ::testing::MatcherInterface<const JournalEntry&> {
 public:
  // The part, or nullopt with `absent` saying why the request has none.
  using Extract = std::function<std::optional<T>(const JournalEntry&, std::string& absent)>;

  // `part` reads after "whose": "method", "header Retry-After". When the part may be
  // absent, `absent_phrase` reads after "without": "header Retry-After".
  PartMatcher(std::string part, Extract extract, ::testing::Matcher<const T&> inner,
              std::string absent_phrase = {})
      : part_(std::move(part)),
        extract_(std::move(extract)),
        inner_(std::move(inner)),
        absent_phrase_(std::move(absent_phrase)) {}

  bool MatchAndExplain(const JournalEntry& entry,
                       ::testing::MatchResultListener* listener) const override {
    std::string absent;
    std::optional<T> value = extract_(entry, absent);
    if (!value) {
      *listener << absent;
      return false;
    }
    ::testing::StringMatchResultListener inner;
    bool matched = inner_.MatchAndExplain(*value, &inner);
    *listener << "whose " << part_ << " is " << ::testing::PrintToString(*value);
    if (!inner.str().empty()) *listener << ", " << inner.str();
    return matched;
  }

  void DescribeTo(std::ostream* os) const override {
    *os << "is a request whose " << part_ << ' ';
    inner_.DescribeTo(os);
  }

  void DescribeNegationTo(std::ostream* os) const override {
    *os << "is a request ";
    if (!absent_phrase_.empty()) *os << "without " << absent_phrase_ << " or ";
    *os << "whose " << part_ << ' ';
    inner_.DescribeNegationTo(os);
  }

 private:
  std::string part_;
  Extract extract_;
  ::testing::Matcher<const T&> inner_;
  std::string absent_phrase_;
};

template <typename T>
::testing::Matcher<const JournalEntry&> part_matcher(std::string part,
                                                     typename PartMatcher<T>::Extract extract,
                                                     ::testing::Matcher<const T&> inner,
                                                     std::string absent_phrase = {}) {
  return ::testing::MakeMatcher(new PartMatcher<T>(std::move(part), std::move(extract),
                                                   std::move(inner), std::move(absent_phrase)));
}

class PredicateMatcher : public ::testing::MatcherInterface<const JournalEntry&> {
 public:
  // `is` and `is_not` read after "is a request": "answered by an override". `explain`
  // says what the request was instead.
  PredicateMatcher(std::string is, std::string is_not,
                   std::function<bool(const JournalEntry&)> predicate,
                   std::function<std::string(const JournalEntry&)> explain)
      : is_(std::move(is)),
        is_not_(std::move(is_not)),
        predicate_(std::move(predicate)),
        explain_(std::move(explain)) {}

  bool MatchAndExplain(const JournalEntry& entry,
                       ::testing::MatchResultListener* listener) const override {
    *listener << explain_(entry);
    return predicate_(entry);
  }
  void DescribeTo(std::ostream* os) const override { *os << "is a request " << is_; }
  void DescribeNegationTo(std::ostream* os) const override { *os << "is a request " << is_not_; }

 private:
  std::string is_, is_not_;
  std::function<bool(const JournalEntry&)> predicate_;
  std::function<std::string(const JournalEntry&)> explain_;
};

inline ::testing::Matcher<const JournalEntry&> predicate_matcher(
    std::string is, std::string is_not, std::function<bool(const JournalEntry&)> predicate,
    std::function<std::string(const JournalEntry&)> explain) {
  return ::testing::MakeMatcher(new PredicateMatcher(std::move(is), std::move(is_not),
                                                     std::move(predicate), std::move(explain)));
}

}  // namespace mockserver::testing::internal
