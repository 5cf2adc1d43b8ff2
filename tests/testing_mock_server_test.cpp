// mockserver::testing's MockServer and fixture: a fresh server per test, hooks seen by
// EXPECT_CALL, and waiting for asynchronous clients, over real sockets.
#include <gmock/gmock.h>
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "mockserver/testing.hpp"
#include "server_support.hpp"

namespace mockserver::testing {
namespace {

using namespace std::chrono_literals;
using test_support::bearer;
using test_support::fast_client;
using test_support::kSeedUrl;
using test_support::post_seed;
using test_support::seed_catalog;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::InSequence;
using ::testing::MockFunction;

int get(const std::string& url, const std::string& path) {
  auto response = fast_client(url)->Get(path.c_str(), bearer());
  return response ? response->status : -1;
}

TEST(MockServer, ServesThePagesOnAFreePort) {
  MockServer server(seed_catalog());
  EXPECT_GT(server.port(), 0);
  EXPECT_EQ(post_seed(server.url()), 201);
  EXPECT_THAT(server.requests(), ElementsAre(AllOf(IsPost(kSeedUrl), HasStatus(201))));
}

TEST(MockServer, LoadsPagesFromFiles) {
  MockServer server({test_support::kSeedPage});
  EXPECT_EQ(post_seed(server.url()), 201);
  EXPECT_THAT(server.requests(),
              ElementsAre(DocumentedIn(
                  "windowsupdateforbusinessconfiguration-post-deviceupdatestates.md")));
}

TEST(MockServer, PagesWithoutAContractAreASetupFailure) {
  auto serve_nothing = [] { MockServer server(compile_pages({{"notes.md", "# Just notes\n"}})); };
  EXPECT_NONFATAL_FAILURE(serve_nothing(), "compiled to no contract");
}

TEST(MockServer, HooksSeeEachRequestInOrder) {
  MockServer server(seed_catalog());
  MockFunction<void(const JournalEntry&)> on_request;
  {
    InSequence in_order;
    EXPECT_CALL(on_request, Call(IsPost(kSeedUrl))).Times(2);
    EXPECT_CALL(on_request, Call(AllOf(IsGet(), HasStatus(404))));
  }
  auto hook = server.on_request(on_request);
  EXPECT_EQ(post_seed(server.url()), 201);
  EXPECT_EQ(post_seed(server.url()), 201);
  EXPECT_EQ(get(server.url(), "/v1.0/nothing"), 404);
}

TEST(MockServer, AnyCallableCanBeAHook) {
  MockServer server(seed_catalog());
  std::vector<int> statuses;
  {
    auto hook = server.on_request([&](const JournalEntry& e) { statuses.push_back(e.status); });
    EXPECT_EQ(post_seed(server.url()), 201);
  }
  EXPECT_EQ(post_seed(server.url()), 201);  // the hook is gone with its subscription
  EXPECT_THAT(statuses, ElementsAre(201));
}

TEST(MockServer, TooFewCallsFailTheTest) {
  auto run = [] {
    MockServer server(seed_catalog());
    MockFunction<void(const JournalEntry&)> on_request;
    EXPECT_CALL(on_request, Call(IsPost())).Times(2);
    auto hook = server.on_request(on_request);
    EXPECT_EQ(post_seed(server.url()), 201);
  };
  EXPECT_NONFATAL_FAILURE(run(), "Actual: called once - unsatisfied and active");
}

TEST(MockServer, AnUnexpectedCallSaysWhichRequestAndWhy) {
  auto run = [] {
    MockServer server(seed_catalog());
    MockFunction<void(const JournalEntry&)> on_request;
    EXPECT_CALL(on_request, Call(IsGet())).Times(::testing::AnyNumber());
    auto hook = server.on_request(on_request);
    EXPECT_EQ(post_seed(server.url()), 201);
  };
  // The hook runs on the server's thread.
  EXPECT_NONFATAL_FAILURE_ON_ALL_THREADS(
      run(),
      "Expected arg #0: is a request whose method is equal to \"GET\"\n"
      "           Actual: #1 POST " +
          kSeedUrl + " -> 201 [POST ");
}

TEST(MockServer, WaitsForAnAsynchronousClient) {
  MockServer server(seed_catalog());
  auto client = std::async(std::launch::async, [url = server.url()] {
    std::this_thread::sleep_for(50ms);
    post_seed(url);
    post_seed(url);
  });
  EXPECT_TRUE(server.wait_for_requests(2, 5s));
  EXPECT_TRUE(server.wait_for(AllOf(IsPost(), HasStatus(201)), 5s));
  client.wait();
  EXPECT_EQ(server.requests().size(), 2u);
}

TEST(MockServer, WaitsForAMatchingRequest) {
  MockServer server(seed_catalog());
  auto client = std::async(std::launch::async, [url = server.url()] {
    get(url, "/v1.0/nothing");
    auto body = test_support::seed_body();
    body["status"] = "failed";
    post_seed(url, boost::json::serialize(body));
  });
  EXPECT_TRUE(server.wait_for(HasJsonAt("/status", "failed"), 5s));
  client.wait();
}

TEST(MockServer, AWaitThatTimesOutSaysWhatArrived) {
  MockServer server(seed_catalog());
  EXPECT_EQ(get(server.url(), "/v1.0/nothing"), 404);
  ::testing::AssertionResult waited = server.wait_for_requests(2, 20ms);
  EXPECT_FALSE(waited);
  EXPECT_THAT(waited.message(),
              HasSubstr("waited 20 ms for 2 requests; 1 request arrived:\n"
                        "  #1 GET /v1.0/nothing -> 404 ResourceNotFound [no contract]"));
  waited = server.wait_for(IsPost(), 20ms);
  EXPECT_FALSE(waited);
  EXPECT_THAT(waited.message(),
              HasSubstr("waited 20 ms for one that is a request whose method is equal to "
                        "\"POST\"; 1 request arrived:\n  #1 GET /v1.0/nothing -> 404"));
  EXPECT_THAT(waited.message(), HasSubstr("\n    whose method is \"GET\""));
  EXPECT_NONFATAL_FAILURE(EXPECT_TRUE(server.wait_for(IsPost(), 1ms)), "waited 1 ms for one");
}

class SeedFixture : public MockServerTest {
 protected:
  Catalog catalog() const override { return seed_catalog(); }
};

TEST_F(SeedFixture, GivesEachTestAFreshServer) {
  EXPECT_EQ(post_seed(server().url()), 201);
  EXPECT_EQ(server().requests().size(), 1u);
}

TEST_F(SeedFixture, AndAnotherOne) {
  EXPECT_TRUE(server().requests().empty());
  EXPECT_EQ(post_seed(server().url()), 201);
  EXPECT_THAT(server().requests(), ElementsAre(HasStatus(201)));
}

class StrictSeedFixture : public SeedFixture {
 protected:
  MockServerOptions options() const override { return {.strict = true}; }
};

TEST_F(StrictSeedFixture, KeepsTheContractsQuietly) {
  EXPECT_EQ(post_seed(server().url()), 201);
  EXPECT_TRUE(server().contracts_kept());
}

TEST_F(StrictSeedFixture, ToleratesWhatTheTestExpects) {
  server().tolerate(HasStatus(404));
  EXPECT_EQ(get(server().url(), "/v1.0/nothing"), 404);
}

}  // namespace
}  // namespace mockserver::testing
