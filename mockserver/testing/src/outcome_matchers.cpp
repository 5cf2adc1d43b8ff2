// Matchers over what the server made of a request: status, contract, violations, override.
#include "mockserver/testing/outcome_matchers.hpp"

#include "part_matcher.hpp"

namespace mockserver::testing {
namespace {

using internal::part_matcher;
using internal::predicate_matcher;

std::string no_contract(const JournalEntry& e) {
  std::string why = graph_error_message(e.response_body);
  return "which matched no contract" + (why.empty() ? "" : " (" + why + ")");
}

class ContractMatcher : public ::testing::MatcherInterface<const JournalEntry&> {
 public:
  explicit ContractMatcher(::testing::Matcher<const Contract&> inner) : inner_(std::move(inner)) {}

  bool MatchAndExplain(const JournalEntry& entry,
                       ::testing::MatchResultListener* listener) const override {
    if (!entry.contract) {
      *listener << no_contract(entry);
      return false;
    }
    ::testing::StringMatchResultListener inner;
    bool matched = inner_.MatchAndExplain(*entry.contract, &inner);
    *listener << "which matched " << describe(*entry.contract);
    if (!inner.str().empty()) *listener << ", " << inner.str();
    return matched;
  }
  void DescribeTo(std::ostream* os) const override {
    *os << "is a request that matched a contract that ";
    inner_.DescribeTo(os);
  }
  void DescribeNegationTo(std::ostream* os) const override {
    *os << "is a request that matched no contract or one that ";
    inner_.DescribeNegationTo(os);
  }

 private:
  ::testing::Matcher<const Contract&> inner_;
};

// "x.md:30" matches "x.md:30" and "docs/api/x.md:30".
class PageMatcher : public ::testing::MatcherInterface<const std::string&> {
 public:
  explicit PageMatcher(std::string page) : page_(std::move(page)) {}
  bool MatchAndExplain(const std::string& where, ::testing::MatchResultListener*) const override {
    return where == page_ ||
           (where.size() > page_.size() &&
            where.compare(where.size() - page_.size(), page_.size(), page_) == 0 &&
            where[where.size() - page_.size() - 1] == '/');
  }
  void DescribeTo(std::ostream* os) const override { *os << "is " << page_ << " (in any folder)"; }
  void DescribeNegationTo(std::ostream* os) const override {
    *os << "isn't " << page_ << " (in any folder)";
  }

 private:
  std::string page_;
};

class ViolationAtMatcher : public ::testing::MatcherInterface<const Violation&> {
 public:
  ViolationAtMatcher(std::string pointer, std::optional<StringMatcher> message)
      : pointer_(std::move(pointer)), message_(std::move(message)) {}

  bool MatchAndExplain(const Violation& v,
                       ::testing::MatchResultListener* listener) const override {
    if (v.pointer != pointer_) {
      *listener << "which is at \"" << v.pointer << '"';
      return false;
    }
    if (!message_) return true;
    ::testing::StringMatchResultListener inner;
    bool matched = message_->MatchAndExplain(v.message, &inner);
    *listener << "whose message is " << ::testing::PrintToString(v.message);
    if (!inner.str().empty()) *listener << ", " << inner.str();
    return matched;
  }
  void DescribeTo(std::ostream* os) const override {
    *os << "is a violation at \"" << pointer_ << '"';
    if (message_) {
      *os << " whose message ";
      message_->DescribeTo(os);
    }
  }
  void DescribeNegationTo(std::ostream* os) const override {
    *os << "is not a violation at \"" << pointer_ << '"';
    if (message_) {
      *os << ", or one whose message ";
      message_->DescribeNegationTo(os);
    }
  }

 private:
  std::string pointer_;
  std::optional<StringMatcher> message_;
};

EntryMatcher located(std::string part, std::function<std::string(const SourceLocation&)> render,
                     const std::string& expected) {
  return part_matcher<std::string>(
      std::move(part),
      [render](const JournalEntry& e, std::string& absent) -> std::optional<std::string> {
        if (e.contract) return render(e.contract->where);
        absent = no_contract(e);
        return std::nullopt;
      },
      ::testing::MakeMatcher(new PageMatcher(expected)), "a contract");
}

}  // namespace

EntryMatcher HasStatus(::testing::Matcher<int> status) {
  return part_matcher<int>(
      "status", [](const JournalEntry& e, std::string&) { return std::optional(e.status); },
      ::testing::SafeMatcherCast<const int&>(std::move(status)));
}

EntryMatcher MatchedContract() {
  return predicate_matcher(
      "that matched a contract", "that matched no contract",
      [](const JournalEntry& e) { return e.contract != nullptr; },
      [](const JournalEntry& e) {
        return e.contract ? "which matched " + describe(*e.contract) : no_contract(e);
      });
}

EntryMatcher MatchedContract(::testing::Matcher<const Contract&> contract) {
  return ::testing::MakeMatcher(new ContractMatcher(std::move(contract)));
}

EntryMatcher MatchedNoContract() { return ::testing::Not(MatchedContract()); }

EntryMatcher MatchedRoute(StringMatcher route) {
  return part_matcher<std::string>(
      "route",
      [](const JournalEntry& e, std::string& absent) -> std::optional<std::string> {
        if (!e.route.empty()) return e.route;
        absent = no_contract(e);
        return std::nullopt;
      },
      std::move(route), "a route");
}

EntryMatcher DocumentedIn(const std::string& page) {
  return located(
      "contract's page", [](const SourceLocation& where) { return where.file; }, page);
}

EntryMatcher DocumentedAt(const std::string& page, int line) {
  return located(
      "contract's location", [](const SourceLocation& where) { return format(where); },
      page + ":" + std::to_string(line));
}

EntryMatcher HasViolations(ViolationsMatcher violations) {
  return part_matcher<std::vector<Violation>>(
      "list of violations",
      [](const JournalEntry& e, std::string&) { return std::optional(e.violations); },
      std::move(violations));
}

EntryMatcher HasNoViolations() { return HasViolations(::testing::IsEmpty()); }

EntryMatcher HasViolationAt(const std::string& pointer) {
  return HasViolations(::testing::Contains(ViolationAt(pointer)));
}

ViolationMatcher ViolationAt(const std::string& pointer) {
  return ::testing::MakeMatcher(new ViolationAtMatcher(pointer, std::nullopt));
}

ViolationMatcher ViolationAt(const std::string& pointer, StringMatcher message) {
  return ::testing::MakeMatcher(new ViolationAtMatcher(pointer, std::move(message)));
}

EntryMatcher WasOverridden() {
  return predicate_matcher(
      "answered by an override", "answered by its contract",
      [](const JournalEntry& e) { return e.overridden; },
      [](const JournalEntry& e) {
        return e.overridden ? "which an override answered with " + std::to_string(e.status)
                            : "which its contract answered with " + std::to_string(e.status);
      });
}

}  // namespace mockserver::testing
