// GoogleMock matchers over what the server made of a request: the status it returned,
// the contract (route, page) it matched, the violations it found, whether an override
// answered. Like the request matchers, each explains a mismatch:
//
//   EXPECT_THAT(server.requests().back(), AllOf(HasStatus(400), HasViolationAt("/status")));
//   EXPECT_THAT(entry, MatchedRoute("POST /users"));  // the contract's template, no version
#pragma once

#include <mockserver/testing/request_matchers.hpp>

#include <mockserver/contract.hpp>
#include <mockserver/validator.hpp>

#include <gmock/gmock.h>

#include <string>
#include <vector>

namespace mockserver::testing {

using ViolationMatcher = ::testing::Matcher<const Violation&>;
using ViolationsMatcher = ::testing::Matcher<const std::vector<Violation>&>;

EntryMatcher HasStatus(::testing::Matcher<int> status);

// Any contract, or one whose Contract matches.
EntryMatcher MatchedContract();
EntryMatcher MatchedContract(::testing::Matcher<const Contract&> contract);
EntryMatcher MatchedNoContract();  // 404 or 405
// The matched contract's route: "POST /users/{id}/events".
EntryMatcher MatchedRoute(StringMatcher route);
// The page documenting the matched contract: its path, or the end of it after a '/'
// ("users-post.md" matches "docs/api/users-post.md"); with a line, the template's line.
EntryMatcher DocumentedIn(const std::string& page);
EntryMatcher DocumentedAt(const std::string& page, int line);

EntryMatcher HasViolations(ViolationsMatcher violations);
EntryMatcher HasNoViolations();
EntryMatcher HasViolationAt(const std::string& pointer);  // at least one at that pointer
// One violation: its JSON pointer ("" for the body, a header name for header rules) and
// its message.
ViolationMatcher ViolationAt(const std::string& pointer);
ViolationMatcher ViolationAt(const std::string& pointer, StringMatcher message);

EntryMatcher WasOverridden();  // answered by an Override rather than the contract

}  // namespace mockserver::testing
