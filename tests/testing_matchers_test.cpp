// mockserver::testing matchers: each one's match, mismatch explanation and descriptions,
// on journal entries built by hand, and a whole EXPECT_THAT failure as a user sees it.
#include <gmock/gmock.h>
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include "mockserver/testing.hpp"

namespace mockserver::testing {
namespace {

using ::testing::AllOf;
using ::testing::DescribeMatcher;
using ::testing::ElementsAre;
using ::testing::EndsWith;
using ::testing::Ge;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

const Contract& events_contract() {
  static const Contract contract = [] {
    Contract c;
    c.method = "POST";
    c.path = "/users/{id}/events";
    c.where = {"docs/api/user-post-events.md", 12};
    return c;
  }();
  return contract;
}

JournalEntry created() {
  JournalEntry e;
  e.sequence = 1;
  e.method = "POST";
  e.target = "/v1.0/users/42/events?$top=5";
  e.version = "v1.0";
  e.headers = {{"Authorization", "Bearer t"}, {"Content-Type", "application/json"}};
  e.body = R"({"subject":"Lunch","attendees":[{"name":"Ada"}],"count":3})";
  e.contract = &events_contract();
  e.route = "POST /users/{id}/events";
  e.status = 201;
  return e;
}

JournalEntry rejected() {
  JournalEntry e = created();
  e.sequence = 2;
  e.body = R"({"subject":7})";
  e.status = 400;
  e.error_code = "BadRequest";
  e.violations = {{"/subject", "expected a String, got 7", {"docs/resources/event.md", 30}, {}}};
  return e;
}

JournalEntry not_found() {
  JournalEntry e;
  e.sequence = 3;
  e.method = "GET";
  e.target = "/v1.0/nothing";
  e.status = 404;
  e.error_code = "ResourceNotFound";
  e.response_body =
      R"({"error":{"code":"ResourceNotFound","message":"No documented route for GET /v1.0/nothing"}})";
  return e;
}

std::string explain(const EntryMatcher& matcher, const JournalEntry& entry) {
  ::testing::StringMatchResultListener listener;
  matcher.MatchAndExplain(entry, &listener);
  return listener.str();
}

TEST(Matchers, Method) {
  EXPECT_THAT(created(), IsPost());
  EXPECT_THAT(created(), Not(IsGet()));
  EXPECT_THAT(created(), HasMethod(StartsWith("PO")));
  EXPECT_EQ(explain(IsGet(), created()), "whose method is \"POST\"");
  EXPECT_EQ(DescribeMatcher<const JournalEntry&>(IsGet()),
            "is a request whose method is equal to \"GET\"");
  EXPECT_EQ(DescribeMatcher<const JournalEntry&>(IsGet(), true),
            "is a request whose method isn't equal to \"GET\"");
  for (const auto& m : {IsPut(), IsPatch(), IsDelete()}) EXPECT_THAT(created(), Not(m));
}

TEST(Matchers, MethodAndPath) {
  EXPECT_THAT(created(), IsPost("/v1.0/users/42/events"));
  EXPECT_THAT(created(), Not(IsPost("/v1.0/users/43/events")));
  EXPECT_THAT(not_found(), IsGet("/v1.0/nothing"));
  EXPECT_THAT(explain(IsPost("/v1.0/users"), created()),
              HasSubstr("whose path is \"/v1.0/users/42/events\""));
  EXPECT_THAT(DescribeMatcher<const JournalEntry&>(IsPost("/v1.0/users")),
              "(is a request whose method is equal to \"POST\") and "
              "(is a request whose path is equal to \"/v1.0/users\")");
}

TEST(Matchers, PathIgnoresTheQuery) {
  EXPECT_THAT(created(), HasPath("/v1.0/users/42/events"));
  EXPECT_THAT(created(), HasPath(StartsWith("/v1.0/")));
  EXPECT_THAT(created(), HasQuery("$top=5"));
  EXPECT_THAT(not_found(), HasQuery(""));
  EXPECT_EQ(explain(HasPath("/x"), created()), "whose path is \"/v1.0/users/42/events\"");
  EXPECT_EQ(DescribeMatcher<const JournalEntry&>(HasPath("/x")),
            "is a request whose path is equal to \"/x\"");
  EXPECT_EQ(DescribeMatcher<const JournalEntry&>(HasQuery("a=1"), true),
            "is a request whose query isn't equal to \"a=1\"");
}

TEST(Matchers, PathTemplate) {
  EXPECT_THAT(created(), HasPathTemplate("/users/{id}/events"));
  EXPECT_THAT(created(), HasPathTemplate("/USERS/{id}/Events"));  // literals ignore case
  EXPECT_THAT(created(), HasPathTemplate("/v1.0/users/{id}/events"));
  EXPECT_THAT(created(), Not(HasPathTemplate("/beta/users/{id}/events")));
  EXPECT_THAT(created(), Not(HasPathTemplate("/users/{id}")));
  JournalEntry function = created();
  function.target = "/v1.0/me/calendarView(start='1',end='2')";
  EXPECT_THAT(function, HasPathTemplate("/me/calendarView(start={s},end={e})"));
  EXPECT_EQ(explain(HasPathTemplate("/users/{id}"), created()),
            "whose path is \"/v1.0/users/42/events\", which has 3 segments, the template 2");
  EXPECT_EQ(explain(HasPathTemplate("/users/{id}/calendar"), created()),
            "whose path is \"/v1.0/users/42/events\", whose segment 3 \"events\" doesn't match "
            "\"calendar\"");
  EXPECT_EQ(DescribeMatcher<const JournalEntry&>(HasPathTemplate("/users/{id}")),
            "is a request whose path matches the template \"/users/{id}\"");
  EXPECT_EQ(DescribeMatcher<const JournalEntry&>(HasPathTemplate("/users/{id}"), true),
            "is a request whose path doesn't match the template \"/users/{id}\"");
}

TEST(Matchers, Header) {
  EXPECT_THAT(created(), HasHeader("authorization"));
  EXPECT_THAT(created(), HasHeader("Authorization", StartsWith("Bearer ")));
  EXPECT_THAT(not_found(), Not(HasHeader("Authorization")));
  EXPECT_EQ(explain(HasHeader("Authorization", "Bearer u"), created()),
            "whose header Authorization is \"Bearer t\"");
  EXPECT_EQ(explain(HasHeader("Authorization", "x"), not_found()),
            "which has no header Authorization");
  EXPECT_EQ(explain(HasHeader("Authorization"), not_found()), "which has no header Authorization");
  EXPECT_EQ(DescribeMatcher<const JournalEntry&>(HasHeader("If-Match")),
            "is a request with header If-Match");
  EXPECT_EQ(DescribeMatcher<const JournalEntry&>(HasHeader("If-Match"), true),
            "is a request without header If-Match");
  EXPECT_EQ(DescribeMatcher<const JournalEntry&>(HasHeader("If-Match", "*")),
            "is a request whose header If-Match is equal to \"*\"");
  EXPECT_EQ(DescribeMatcher<const JournalEntry&>(HasHeader("If-Match", "*"), true),
            "is a request without header If-Match or whose header If-Match isn't equal to \"*\"");
}

TEST(Matchers, JsonAtAPointer) {
  EXPECT_THAT(created(), HasJsonAt("/subject", "Lunch"));
  EXPECT_THAT(created(), HasJsonAt("/count", 3));
  EXPECT_THAT(created(), HasJsonAt("/attendees/0/name", JsonString(StartsWith("A"))));
  EXPECT_THAT(created(), HasJsonAt("/count", Not(boost::json::value(4))));
  EXPECT_THAT(created(), HasNoJsonAt("/location"));
  EXPECT_THAT(created(), Not(HasNoJsonAt("/subject")));
  EXPECT_EQ(explain(HasJsonAt("/subject", "Dinner"), created()),
            "whose JSON body at /subject is \"Lunch\"");
  EXPECT_THAT(explain(HasJsonAt("/location", "x"), created()),
              StartsWith("whose JSON body has nothing at /location: {\"subject\":\"Lunch\""));
  JournalEntry broken = created();
  broken.body = "{oops";
  EXPECT_THAT(explain(HasJsonAt("/subject", "x"), broken),
              AllOf(StartsWith("whose body is not JSON ("), EndsWith("): {oops")));
  EXPECT_EQ(explain(HasJsonAt("/subject", "x"), not_found()), "whose body is empty");
  EXPECT_EQ(explain(HasJsonAt("/subject", JsonString("Lunch")), rejected()),
            "whose JSON body at /subject is 7, which is not a JSON string");
  EXPECT_EQ(DescribeMatcher<const JournalEntry&>(HasJsonAt("/subject", "Lunch")),
            "is a request whose JSON body at /subject is equal to \"Lunch\"");
  EXPECT_EQ(DescribeMatcher<const JournalEntry&>(HasJsonAt("/subject", "Lunch"), true),
            "is a request without a JSON body at /subject or whose JSON body at /subject isn't "
            "equal to \"Lunch\"");
  EXPECT_EQ(DescribeMatcher<const JournalEntry&>(HasJsonAt("/a", JsonString(StartsWith("x")))),
            "is a request whose JSON body at /a is a JSON string that starts with \"x\"");
  EXPECT_EQ(DescribeMatcher<const JournalEntry&>(HasNoJsonAt("/a")),
            "is a request with nothing at /a in its body");
}

TEST(Matchers, Status) {
  EXPECT_THAT(created(), HasStatus(201));
  EXPECT_THAT(rejected(), HasStatus(Ge(400)));
  EXPECT_EQ(explain(HasStatus(201), rejected()), "whose status is 400");
  EXPECT_EQ(DescribeMatcher<const JournalEntry&>(HasStatus(201)),
            "is a request whose status is equal to 201");
  EXPECT_EQ(DescribeMatcher<const JournalEntry&>(HasStatus(201), true),
            "is a request whose status isn't equal to 201");
}

TEST(Matchers, Contract) {
  EXPECT_THAT(created(), MatchedContract());
  EXPECT_THAT(not_found(), MatchedNoContract());
  EXPECT_THAT(created(), MatchedContract(::testing::Field(&Contract::method, "POST")));
  EXPECT_THAT(created(), MatchedRoute("POST /users/{id}/events"));
  EXPECT_THAT(created(), DocumentedIn("user-post-events.md"));
  EXPECT_THAT(created(), DocumentedIn("docs/api/user-post-events.md"));
  EXPECT_THAT(created(), Not(DocumentedIn("post-events.md")));  // whole file names only
  EXPECT_THAT(created(), DocumentedAt("user-post-events.md", 12));
  EXPECT_THAT(created(), Not(DocumentedAt("user-post-events.md", 13)));

  EXPECT_EQ(explain(MatchedContract(), not_found()),
            "which matched no contract (No documented route for GET /v1.0/nothing)");
  EXPECT_EQ(explain(MatchedNoContract(), created()),
            "which matched POST /users/{id}/events at docs/api/user-post-events.md:12");
  EXPECT_EQ(explain(MatchedRoute("GET /users"), created()),
            "whose route is \"POST /users/{id}/events\"");
  EXPECT_EQ(explain(MatchedRoute("GET /users"), not_found()),
            "which matched no contract (No documented route for GET /v1.0/nothing)");
  EXPECT_EQ(explain(DocumentedAt("user-post-events.md", 13), created()),
            "whose contract's location is \"docs/api/user-post-events.md:12\"");
  EXPECT_THAT(explain(MatchedContract(::testing::Field(&Contract::method, "GET")), created()),
              StartsWith("which matched POST /users/{id}/events at "));

  EXPECT_EQ(DescribeMatcher<const JournalEntry&>(MatchedContract()),
            "is a request that matched a contract");
  EXPECT_EQ(DescribeMatcher<const JournalEntry&>(MatchedNoContract()),
            "is a request that matched no contract");
  EXPECT_EQ(DescribeMatcher<const JournalEntry&>(MatchedRoute("GET /users")),
            "is a request whose route is equal to \"GET /users\"");
  EXPECT_EQ(DescribeMatcher<const JournalEntry&>(MatchedRoute("GET /users"), true),
            "is a request without a route or whose route isn't equal to \"GET /users\"");
  EXPECT_EQ(DescribeMatcher<const JournalEntry&>(DocumentedIn("x.md")),
            "is a request whose contract's page is x.md (in any folder)");
  EXPECT_EQ(DescribeMatcher<const JournalEntry&>(DocumentedAt("x.md", 3), true),
            "is a request without a contract or whose contract's location isn't x.md:3 (in any "
            "folder)");
  EXPECT_THAT(DescribeMatcher<const JournalEntry&>(
                  MatchedContract(::testing::Field(&Contract::method, "GET"))),
              StartsWith("is a request that matched a contract that is an object whose given "
                         "field is equal to \"GET\""));
}

TEST(Matchers, Violations) {
  EXPECT_THAT(created(), HasNoViolations());
  EXPECT_THAT(rejected(), HasViolationAt("/subject"));
  EXPECT_THAT(rejected(), HasViolations(ElementsAre(ViolationAt("/subject", HasSubstr("String")))));
  EXPECT_THAT(rejected(), Not(HasViolationAt("/count")));
  EXPECT_EQ(explain(HasNoViolations(), rejected()),
            "whose list of violations is { /subject: expected a String, got 7 "
            "(docs/resources/event.md:30) }, whose size is 1");
  EXPECT_THAT(explain(HasViolations(ElementsAre(ViolationAt("/subject", "x"))), rejected()),
              HasSubstr("whose element #0 doesn't match, whose message is \"expected a String, "
                        "got 7\""));
  EXPECT_THAT(explain(HasViolations(ElementsAre(ViolationAt("/count"))), rejected()),
              HasSubstr("which is at \"/subject\""));
  EXPECT_EQ(DescribeMatcher<const JournalEntry&>(HasNoViolations()),
            "is a request whose list of violations is empty");
  EXPECT_EQ(DescribeMatcher<const JournalEntry&>(HasViolationAt("/a")),
            "is a request whose list of violations contains at least one element that is a "
            "violation at \"/a\"");
  EXPECT_EQ(DescribeMatcher<const Violation&>(ViolationAt("/a", "m")),
            "is a violation at \"/a\" whose message is equal to \"m\"");
  EXPECT_EQ(DescribeMatcher<const Violation&>(ViolationAt("/a", "m"), true),
            "is not a violation at \"/a\", or one whose message isn't equal to \"m\"");
}

TEST(Matchers, Overridden) {
  JournalEntry throttled = created();
  throttled.overridden = true;
  throttled.status = 429;
  EXPECT_THAT(throttled, WasOverridden());
  EXPECT_THAT(created(), Not(WasOverridden()));
  EXPECT_EQ(explain(WasOverridden(), created()), "which its contract answered with 201");
  EXPECT_EQ(explain(WasOverridden(), throttled), "which an override answered with 429");
  EXPECT_EQ(DescribeMatcher<const JournalEntry&>(WasOverridden()),
            "is a request answered by an override");
  EXPECT_EQ(DescribeMatcher<const JournalEntry&>(WasOverridden(), true),
            "is a request answered by its contract");
}

TEST(Matchers, PrintARequestOnOneLine) {
  EXPECT_EQ(::testing::PrintToString(rejected()),
            "#2 POST /v1.0/users/42/events?$top=5 -> 400 BadRequest [POST /users/{id}/events at "
            "docs/api/user-post-events.md:12]; /subject: expected a String, got 7 "
            "(docs/resources/event.md:30); body {\"subject\":7}");
  EXPECT_EQ(::testing::PrintToString(not_found()),
            "#3 GET /v1.0/nothing -> 404 ResourceNotFound [no contract]");
}

TEST(Matchers, AFailedExpectationShowsTheRequestsAndWhy) {
  std::vector<JournalEntry> requests = {created(), not_found()};
  EXPECT_NONFATAL_FAILURE(
      EXPECT_THAT(requests, ElementsAre(IsPost(), AllOf(IsGet(), HasStatus(200)))),
      "#3 GET /v1.0/nothing -> 404 ResourceNotFound [no contract] }, whose element #1 doesn't "
      "match, whose status is 404");
}

}  // namespace
}  // namespace mockserver::testing
