// Overrides: another answer for the next N matching requests, or a delay, over a real socket.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "server_support.hpp"

namespace mockserver::test_support {
namespace {

using ::testing::HasSubstr;

int post_seed(httplib::Client& client) {
  auto response = client.Post(kSeedUrl.c_str(), bearer(), seed_text(), "application/json");
  return response ? response->status : -1;
}

TEST(Overrides, AnswerTheNextNRequestsThenExpire) {
  Server server(seed_catalog());
  auto client = fast_client(server.url());
  OverrideId id =
      server.add_override({.times = 2, .status = 429, .headers = {{"Retry-After", "3"}}});

  auto first = client->Post(kSeedUrl.c_str(), bearer(), seed_text(), "application/json");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 429);
  EXPECT_EQ(first->get_header_value("Retry-After"), "3");
  EXPECT_THAT(first->body, HasSubstr("\"code\":\"TooManyRequests\""));
  EXPECT_EQ(post_seed(*client), 429);
  EXPECT_EQ(post_seed(*client), 201);
  EXPECT_EQ(server.override_hits(id), 2u);

  auto entries = server.requests();
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_TRUE(entries[0].overridden);
  EXPECT_EQ(entries[0].status, 429);
  EXPECT_FALSE(entries[0].route.empty());  // the contract still matched
  EXPECT_FALSE(entries[2].overridden);
}

TEST(Overrides, OnlyMatchingRequestsAreAnswered) {
  Server server(seed_catalog());
  auto client = fast_client(server.url());
  server.add_override(
      {.matches =
           [](const JournalEntry& e) { return e.body.find("pendingReboot") != std::string::npos; },
       .status = 503});
  EXPECT_EQ(post_seed(*client), 201);  // the seed body says upToDate
  auto body = seed_body();
  body["status"] = "pendingReboot";
  auto response =
      client->Post(kSeedUrl.c_str(), bearer(), boost::json::serialize(body), "application/json");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 503);
  EXPECT_THAT(response->body, HasSubstr("ServiceUnavailable"));
}

TEST(Overrides, TheMostRecentMatchingOverrideWinsAndRemovalRestores) {
  Server server(seed_catalog());
  auto client = fast_client(server.url());
  OverrideId older = server.add_override({.status = 500});
  OverrideId newer =
      server.add_override({.status = 502, .body = std::string(R"({"custom":true})")});
  auto response = client->Post(kSeedUrl.c_str(), bearer(), seed_text(), "application/json");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 502);
  EXPECT_EQ(response->body, R"({"custom":true})");
  server.remove_override(newer);
  EXPECT_EQ(post_seed(*client), 500);
  EXPECT_EQ(server.override_hits(older), 1u);
  server.clear_overrides();
  EXPECT_EQ(post_seed(*client), 201);
}

TEST(Overrides, DelayOnlyKeepsTheDocumentedAnswer) {
  Server server(seed_catalog());
  auto client = fast_client(server.url());
  server.add_override({.times = 1, .delay = std::chrono::milliseconds(150)});
  auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(post_seed(*client), 201);
  // A functional bound (the delay happened), not a performance assertion.
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(150));
  EXPECT_TRUE(server.requests().back().overridden);
}

}  // namespace
}  // namespace mockserver::test_support
