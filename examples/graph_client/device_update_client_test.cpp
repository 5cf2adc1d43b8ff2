// Unit tests of DeviceUpdateClient against mockserver serving the Graph page that documents
// the endpoint: a fresh server per test (the fixture), expectations on the requests (the
// matchers), a MockFunction that sees each request (the hook), strict mode (a request that
// breaks the page's contract fails the test) and overrides for the error and retry paths.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <mockserver/testing.hpp>

#include <future>

#include "device_update_client.hpp"

namespace graph_client {
namespace {

using namespace std::chrono_literals;
using namespace mockserver::testing;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::InSequence;
using ::testing::IsEmpty;
using ::testing::MockFunction;
using ::testing::Not;
using Outcome = CreateResult::Outcome;

const char* const kStates =
    "/deviceManagement/deviceConfigurations/{id}/"
    "microsoft.graph.windowsUpdateForBusinessConfiguration/deviceUpdateStates";

DeviceUpdateState up_to_date() {
  return {.device_id = "device-1",
          .user_id = "user-1",
          .device_display_name = "Ada's laptop",
          .user_principal_name = "ada@contoso.com",
          .status = "upToDate",
          .last_scan = "2024-05-01T10:00:00Z"};
}

class DeviceUpdateClientTest : public MockServerTest {
 protected:
  mockserver::Catalog catalog() const override {
    static const mockserver::Catalog pages = mockserver::load_catalog(
        {GRAPH_CLIENT_PAGES "/windowsupdateforbusinessconfiguration-post-deviceupdatestates.md"});
    return pages;
  }
  MockServerOptions options() const override { return {.strict = true}; }

  // A client whose retries are recorded instead of slept.
  DeviceUpdateClient client(std::string token = "token-1") {
    return DeviceUpdateClient(server().url(), std::move(token),
                              {.sleep = [this](std::chrono::seconds s) { waits.push_back(s); }});
  }
  std::vector<std::chrono::seconds> waits;
};

TEST_F(DeviceUpdateClientTest, CreatesAState) {
  CreateResult result = client().createDeviceUpdateState("cfg-1", up_to_date());

  EXPECT_EQ(result.outcome, Outcome::created);
  EXPECT_THAT(result.id, Not(IsEmpty()));
  EXPECT_THAT(
      server().requests(),
      ElementsAre(AllOf(
          IsPost(), HasPathTemplate(kStates), HasHeader("Authorization", "Bearer token-1"),
          HasJsonAt("/@odata.type", "#microsoft.graph.windowsUpdateState"),
          HasJsonAt("/deviceId", "device-1"), HasJsonAt("/status", "upToDate"), HasStatus(201))));
}

TEST_F(DeviceUpdateClientTest, ReportsTheServicesReasonForA400) {
  server().tolerate(HasStatus(400));  // this test sends a bad state on purpose

  CreateResult result =
      client().createDeviceUpdateState("cfg-1", {.device_id = "device-1", .status = "asleep"});

  EXPECT_EQ(result.outcome, Outcome::invalid);
  EXPECT_THAT(result.error, HasSubstr("/status: \"asleep\" is not one of upToDate"));
  EXPECT_THAT(server().requests(), ElementsAre(HasViolationAt("/status")));
}

TEST_F(DeviceUpdateClientTest, DoesNotRetryWhenUnauthorized) {
  server().add_override(
      graph_error(401, "InvalidAuthenticationToken", "Access token has expired."));

  CreateResult result = client().createDeviceUpdateState("cfg-1", up_to_date());

  EXPECT_EQ(result.outcome, Outcome::unauthorized);
  EXPECT_EQ(result.error, "Access token has expired.");
  EXPECT_EQ(result.attempts, 1);
}

TEST_F(DeviceUpdateClientTest, RetriesWhenThrottledAfterRetryAfter) {
  MockFunction<void(const mockserver::JournalEntry&)> on_request;
  {
    InSequence in_order;
    EXPECT_CALL(on_request, Call(AllOf(HasStatus(429), WasOverridden()))).Times(2);
    EXPECT_CALL(on_request, Call(HasStatus(201)));
  }
  auto hook = server().on_request(on_request);
  mockserver::OverrideId throttled = server().add_override(IsPost(), throttle(2, 3s));

  CreateResult result = client().createDeviceUpdateState("cfg-1", up_to_date());

  EXPECT_EQ(result.outcome, Outcome::created);
  EXPECT_EQ(result.attempts, 3);
  EXPECT_THAT(waits, ElementsAre(3s, 3s));
  EXPECT_EQ(server().override_hits(throttled), 2u);
}

TEST_F(DeviceUpdateClientTest, GivesUpAfterThreeThrottledAttempts) {
  server().add_override(throttle(5, 1s));

  CreateResult result = client().createDeviceUpdateState("cfg-1", up_to_date());

  EXPECT_EQ(result.outcome, Outcome::throttled);
  EXPECT_EQ(result.status, 429);
  EXPECT_EQ(result.attempts, 3);
  EXPECT_THAT(waits, ElementsAre(1s, 1s));  // no wait after the last attempt
}

TEST_F(DeviceUpdateClientTest, AnOutageIsAFailure) {
  server().add_override({.times = 1, .status = 503});

  CreateResult result = client().createDeviceUpdateState("cfg-1", up_to_date());

  EXPECT_EQ(result.outcome, Outcome::failed);
  EXPECT_EQ(result.status, 503);
}

TEST_F(DeviceUpdateClientTest, WorksFromAnotherThread) {
  auto pending = std::async(std::launch::async, [client = client()]() mutable {
    return client.createDeviceUpdateState("cfg-2", up_to_date());
  });

  ASSERT_TRUE(server().wait_for(AllOf(IsPost(HasSubstr("/cfg-2/")), HasStatus(201)), 5s));
  EXPECT_EQ(pending.get().outcome, Outcome::created);
}

}  // namespace
}  // namespace graph_client
