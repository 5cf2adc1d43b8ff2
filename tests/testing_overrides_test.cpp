// mockserver::testing's overrides: for the next N calls, for calls matching a matcher,
// throttling with Retry-After, Graph errors of the test's own, delays; counted and expiring.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "mockserver/testing.hpp"
#include "server_support.hpp"

namespace mockserver::testing {
namespace {

using namespace std::chrono_literals;
using test_support::bearer;
using test_support::fast_client;
using test_support::kSeedUrl;
using test_support::seed_catalog;
using test_support::seed_text;
using test_support::seed_text_with_status;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(TestingOverrides, ThrottleTheNextNCallsThenExpire) {
  MockServer server(seed_catalog(), {.strict = true});
  auto client = fast_client(server.url());
  OverrideId id = server.add_override(throttle(2, 7s));
  for (int i = 0; i < 2; ++i) {
    auto response = client->Post(kSeedUrl.c_str(), bearer(), seed_text(), "application/json");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 429);
    EXPECT_EQ(response->get_header_value("Retry-After"), "7");
  }
  auto third = client->Post(kSeedUrl.c_str(), bearer(), seed_text(), "application/json");
  ASSERT_TRUE(third);
  EXPECT_EQ(third->status, 201);
  EXPECT_EQ(server.override_hits(id), 2u);
  EXPECT_THAT(server.requests(), ElementsAre(AllOf(HasStatus(429), WasOverridden()),
                                             AllOf(HasStatus(429), WasOverridden()),
                                             AllOf(HasStatus(201), Not(WasOverridden()))));
}

TEST(TestingOverrides, OnlyCallsMatchingTheMatcher) {
  MockServer server(seed_catalog(), {.strict = true});
  auto client = fast_client(server.url());
  OverrideId id = server.add_override(HasJsonAt("/status", "pendingReboot"), {.status = 500});
  auto ok = client->Post(kSeedUrl.c_str(), bearer(), seed_text(), "application/json");
  auto failed = client->Post(kSeedUrl.c_str(), bearer(), seed_text_with_status("pendingReboot"),
                             "application/json");
  ASSERT_TRUE(ok && failed);
  EXPECT_EQ(ok->status, 201);
  EXPECT_EQ(failed->status, 500);
  EXPECT_THAT(failed->body, HasSubstr("\"code\":\"InternalServerError\""));
  EXPECT_EQ(server.override_hits(id), 1u);
}

TEST(TestingOverrides, MatcherAndCountTogether) {
  MockServer server(seed_catalog());
  auto client = fast_client(server.url());
  server.add_override(IsPost(), {.times = 1, .status = 503});
  auto get = client->Get("/v1.0/nothing", bearer());  // doesn't match: not counted
  auto first = client->Post(kSeedUrl.c_str(), bearer(), seed_text(), "application/json");
  auto second = client->Post(kSeedUrl.c_str(), bearer(), seed_text(), "application/json");
  ASSERT_TRUE(get && first && second);
  EXPECT_EQ(get->status, 404);
  EXPECT_EQ(first->status, 503);
  EXPECT_EQ(second->status, 201);
}

TEST(TestingOverrides, AGraphErrorOfTheTestsOwn) {
  MockServer server(seed_catalog());
  auto client = fast_client(server.url());
  Override denied = graph_error(403, "accessDenied", "Insufficient privileges");
  denied.times = 1;
  server.add_override(denied);
  auto response = client->Post(kSeedUrl.c_str(), bearer(), seed_text(), "application/json");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 403);
  EXPECT_EQ(graph_error_message(response->body), "Insufficient privileges");
  EXPECT_THAT(response->body, HasSubstr(R"({"error":{"code":"accessDenied",)"));
  auto again = client->Post(kSeedUrl.c_str(), bearer(), seed_text(), "application/json");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 201);
}

TEST(TestingOverrides, ADelayForMatchingCalls) {
  MockServer server(seed_catalog());
  auto client = fast_client(server.url());
  server.add_override(HasJsonAt("/status", "failed"), {.times = 1, .delay = 100ms});
  auto started = std::chrono::steady_clock::now();
  auto response =
      client->Post(kSeedUrl.c_str(), bearer(), seed_text_with_status("failed"), "application/json");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 201);  // the documented answer, later
  EXPECT_GE(std::chrono::steady_clock::now() - started, 100ms);
  EXPECT_THAT(server.requests(), ElementsAre(AllOf(WasOverridden(), HasStatus(201))));
}

TEST(TestingOverrides, RemovedOverridesAnswerNoMore) {
  MockServer server(seed_catalog());
  auto client = fast_client(server.url());
  OverrideId id = server.add_override({.status = 500});
  server.remove_override(id);
  auto response = client->Post(kSeedUrl.c_str(), bearer(), seed_text(), "application/json");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 201);
  EXPECT_EQ(server.override_hits(id), 0u);
}

TEST(TestingOverrides, WhenTurnsAMatcherIntoAPredicate) {
  auto predicate = when(AllOf(IsPost(), HasStatus(201)));
  JournalEntry entry;
  entry.method = "POST";
  entry.status = 201;
  EXPECT_TRUE(predicate(entry));
  entry.method = "GET";
  EXPECT_FALSE(predicate(entry));
}

TEST(TestingOverrides, GraphErrorBodyHasGraphsShape) {
  auto body = test_support::json_of(graph_error_body("tooBad", "It went wrong"));
  const auto& error = body.at("error").as_object();
  EXPECT_EQ(error.at("code"), "tooBad");
  EXPECT_EQ(error.at("message"), "It went wrong");
  EXPECT_TRUE(error.at("innerError").as_object().contains("date"));
}

}  // namespace
}  // namespace mockserver::testing
