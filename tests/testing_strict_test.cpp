// mockserver::testing's strict mode: requests that matched no contract or broke one fail the
// test when the server goes, with the whole explanation; overrides can't hide them.
#include <gmock/gmock.h>
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include "mockserver/testing.hpp"
#include "server_support.hpp"

namespace mockserver::testing {
namespace {

using test_support::bearer;
using test_support::fast_client;
using test_support::kSeedUrl;
using test_support::post_seed;
using test_support::seed_catalog;
using test_support::seed_text_with_status;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(StrictMode, IsQuietWhenEveryRequestKeptTheContracts) {
  MockServer server(seed_catalog(), {.strict = true});
  EXPECT_EQ(post_seed(server.url()), 201);
  EXPECT_EQ(post_seed(server.url()), 201);
}

TEST(StrictMode, FailsOnceWithEveryOffendingRequestExplained) {
  auto run = [] {
    MockServer server(seed_catalog(), {.strict = true});
    EXPECT_EQ(post_seed(server.url()), 201);
    EXPECT_EQ(post_seed(server.url(), seed_text_with_status("String")), 400);
    fast_client(server.url())->Get("/v1.0/nothing", bearer());
  };
  EXPECT_NONFATAL_FAILURE(run(), "strict mode: 2 of 3 requests broke the contracts:");
  EXPECT_NONFATAL_FAILURE(run(),
                          "  #2 POST " + kSeedUrl +
                              " -> 400 BadRequest\n"
                              "    matched POST /deviceManagement/deviceConfigurations/"
                              "{deviceConfigurationId}/microsoft.graph."
                              "windowsUpdateForBusinessConfiguration/deviceUpdateStates/$ref at ");
  EXPECT_NONFATAL_FAILURE(run(),
                          "    violation /status: \"String\" is not one of upToDate, "
                          "pendingInstallation, pendingReboot, failed");
  EXPECT_NONFATAL_FAILURE(run(), "\"status\":\"String\"");  // the body
  EXPECT_NONFATAL_FAILURE(run(),
                          "  #3 GET /v1.0/nothing -> 404 ResourceNotFound\n"
                          "    matched no contract\n"
                          "    No documented route for GET /v1.0/nothing");
}

TEST(StrictMode, PointsAtTheServersDeclaration) {
  auto run = [] {
    MockServer server(seed_catalog(), {.strict = true});
    post_seed(server.url(), "{not json");
  };
  EXPECT_NONFATAL_FAILURE(run(), "body is not valid JSON");
  ::testing::TestPartResultArray failures;
  {
    ::testing::ScopedFakeTestPartResultReporter reporter(&failures);
    run();
  }
  ASSERT_EQ(failures.size(), 1);
  EXPECT_THAT(failures.GetTestPartResult(0).file_name(), HasSubstr("testing_strict_test.cpp"));
}

TEST(StrictMode, CatchesWhatALenientServerLetThrough) {
  auto run = [] {
    MockServerOptions options{.strict = true};
    options.server.validation = Validation::lenient;
    MockServer server(seed_catalog(), options);
    EXPECT_EQ(post_seed(server.url(), seed_text_with_status("String")), 201);
  };
  EXPECT_NONFATAL_FAILURE(run(), "-> 201\n    matched POST ");
}

TEST(StrictMode, SeesThroughAnOverride) {
  auto run = [] {
    MockServer server(seed_catalog(), {.strict = true});
    server.add_override({.status = 429});
    EXPECT_EQ(post_seed(server.url(), R"({"status": )"), 429);
  };
  EXPECT_NONFATAL_FAILURE(
      run(),
      "-> 429 TooManyRequests (answered by an override; the contract alone answers 400 "
      "BadRequest)\n    matched POST");
}

TEST(StrictMode, AnOverriddenValidRequestKeepsTheContracts) {
  MockServer server(seed_catalog(), {.strict = true});
  server.add_override({.status = 503});
  EXPECT_EQ(post_seed(server.url()), 503);
}

TEST(StrictMode, ToleratedRequestsAreExempt) {
  MockServer server(seed_catalog(), {.strict = true});
  server.tolerate(HasJsonAt("/status", "String"));
  EXPECT_EQ(post_seed(server.url(), seed_text_with_status("String")), 400);
}

TEST(StrictMode, CanBeTurnedOffAndChecked) {
  MockServer server(seed_catalog(), {.strict = true});
  EXPECT_EQ(post_seed(server.url(), seed_text_with_status("String")), 400);
  ::testing::AssertionResult kept = server.contracts_kept();
  EXPECT_FALSE(kept);
  EXPECT_THAT(kept.message(), HasSubstr("strict mode: 1 of 1 request broke the contracts"));
  server.set_strict(false);
}

TEST(StrictMode, JudgesAnyJournal) {
  Server server(seed_catalog());
  fast_client(server.url())->Get("/v1.0/nothing", bearer());
  auto entries = server.requests();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_THAT(broken_contract(entries[0], server.catalog()),
              ::testing::Optional(HasSubstr("No documented route")));
  EXPECT_FALSE(contracts_kept(entries, server.catalog()));
  EXPECT_TRUE(contracts_kept(entries, server.catalog(), {.tolerated = {MatchedNoContract()}}));
  EXPECT_THAT(entries, Not(::testing::Contains(MatchedContract())));
}

}  // namespace
}  // namespace mockserver::testing
