// Routing through a real Server over a socket: 404 and 405 in Graph's error shape, version
// segments, case-insensitive literals, the OData cast segment, query strings, the seed's
// /$ref template and example path, and placeholders that take exactly one segment.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "server_support.hpp"
#include "widget_pages.hpp"

namespace mockserver::test_support {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The seed page plus the widget pages (POST and GET /widgets).
Catalog routing_catalog() {
  std::vector<PageText> pages = widget_pages();
  pages.push_back({"api/windowsupdateforbusinessconfiguration-post-deviceupdatestates.md",
                   read_text(kSeedPage)});
  return compile_pages(std::move(pages));
}

class RoutingTest : public ::testing::Test {
 protected:
  Server server{routing_catalog()};
  httplib::Client client{server.url()};

  void SetUp() override { client.set_url_encode(false); }  // send targets exactly as written

  httplib::Result post(const std::string& target, const std::string& body = seed_text()) {
    return client.Post(target.c_str(), bearer(), body, "application/json");
  }
  JournalEntry last() {
    auto entries = server.requests();
    EXPECT_FALSE(entries.empty());
    return entries.empty() ? JournalEntry{} : entries.back();
  }
};

TEST_F(RoutingTest, CatalogHasTheSeedAndWidgetRoutes) {
  ASSERT_EQ(server.catalog().contracts.size(), 3u);
}

TEST_F(RoutingTest, UnknownPathIs404InGraphErrorShapeNamingNearestRoutes) {
  auto res = client.Post("/v1.0/widgetz?$top=1", {{"client-request-id", "crid-404"}}, "{}",
                         "application/json");
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 404);
  EXPECT_THAT(res->get_header_value("Content-Type"), StartsWith("application/json"));
  boost::json::object error = graph_error(res->body);
  EXPECT_EQ(str(error.if_contains("code")), "ResourceNotFound");
  std::string message = str(error.if_contains("message"));
  EXPECT_THAT(message, HasSubstr("POST /v1.0/widgetz"));
  EXPECT_THAT(message, HasSubstr("Nearest documented routes: POST /widgets"));
  EXPECT_THAT(message, Not(HasSubstr("$top")));
  const auto& inner = as_object(error["innerError"]);
  EXPECT_EQ(str(inner.if_contains("client-request-id")), "crid-404");
  EXPECT_EQ(str(inner.if_contains("request-id")), res->get_header_value("request-id"));
  EXPECT_TRUE(is_uuid(str(inner.if_contains("request-id"))));
  EXPECT_EQ(res->get_header_value("client-request-id"), "crid-404");

  JournalEntry entry = last();
  EXPECT_EQ(entry.status, 404);
  EXPECT_EQ(entry.error_code, "ResourceNotFound");
  EXPECT_EQ(entry.contract, nullptr);
  EXPECT_EQ(entry.route, "");
  EXPECT_EQ(entry.version, "v1.0");
  EXPECT_EQ(entry.target, "/v1.0/widgetz?$top=1");
}

TEST_F(RoutingTest, NotFoundWithoutClientRequestIdHasNullInnerClientRequestId) {
  auto res = client.Get("/nowhere");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  boost::json::object error = graph_error(res->body);
  EXPECT_TRUE(as_object(error["innerError"]).at("client-request-id").is_null());
  EXPECT_FALSE(res->has_header("client-request-id"));
  EXPECT_THAT(str(error.if_contains("message")), HasSubstr("GET /nowhere"));
}

TEST_F(RoutingTest, NearestRoutesForTheSeedNameItsTemplate) {
  auto res = post("/beta/deviceManagement/deviceConfigurations/c/deviceUpdateStates");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_THAT(str(graph_error(res->body).if_contains("message")),
              HasSubstr("Nearest documented routes: POST /deviceManagement/deviceConfigurations/"
                        "{deviceConfigurationId}/microsoft.graph."
                        "windowsUpdateForBusinessConfiguration/deviceUpdateStates"));
}

TEST_F(RoutingTest, KnownPathWithAnotherMethodIs405WithAllow) {
  auto res = client.Get(kSeedUrl.c_str(), bearer());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 405);
  EXPECT_EQ(res->get_header_value("Allow"), "POST");
  boost::json::object error = graph_error(res->body);
  EXPECT_EQ(str(error.if_contains("code")), "MethodNotAllowed");
  EXPECT_THAT(str(error.if_contains("message")), HasSubstr("POST"));
  EXPECT_EQ(last().status, 405);
  EXPECT_EQ(last().error_code, "MethodNotAllowed");

  auto del = client.Delete("/v1.0/widgets", bearer());
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 405);
  std::string allow = del->get_header_value("Allow");
  EXPECT_THAT(allow, HasSubstr("GET"));
  EXPECT_THAT(allow, HasSubstr("POST"));
  graph_error(del->body);
}

TEST_F(RoutingTest, VersionSegmentIsAcceptedAndJournaled) {
  for (std::string version : {"v1.0", "beta", "localtest", ""}) {
    SCOPED_TRACE("version '" + version + "'");
    std::string prefix = version.empty() ? "" : "/" + version;
    auto res = post(prefix + kSeedCollection);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 201) << res->body;
    JournalEntry entry = last();
    EXPECT_EQ(entry.version, version);
    EXPECT_EQ(entry.target, prefix + kSeedCollection);
    EXPECT_EQ(entry.status, 201);
  }
  auto widgets = client.Get("/beta/widgets", bearer());
  ASSERT_TRUE(widgets);
  EXPECT_EQ(widgets->status, 200);
  EXPECT_EQ(last().version, "beta");
}

TEST_F(RoutingTest, UnknownVersionLikeSegmentIsNotAVersion) {
  auto res = post("/v2beta" + kSeedCollection);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(last().version, "");
}

TEST_F(RoutingTest, LiteralSegmentsCompareCaseInsensitively) {
  auto res = post(
      "/BETA/DEVICEMANAGEMENT/deviceconfigurations/Cfg-1/"
      "MICROSOFT.GRAPH.WINDOWSUPDATEFORBUSINESSCONFIGURATION/DeviceUpdateStates");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 201) << res->body;
  EXPECT_EQ(last().version, "BETA");
  EXPECT_EQ(client.Get("/WIDGETS", bearer())->status, 200);
}

TEST_F(RoutingTest, ODataCastSegmentIsALiteral) {
  // Another cast, or none, in the cast's place does not match the placeholder-free segment.
  auto other = post(
      "/beta/deviceManagement/deviceConfigurations/cfg-1/"
      "microsoft.graph.windows10GeneralConfiguration/deviceUpdateStates");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 404);
  auto none = post("/beta/deviceManagement/deviceConfigurations/cfg-1/deviceUpdateStates");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 404);
}

TEST_F(RoutingTest, QueryStringIsIgnored) {
  std::string target = kSeedUrl + "?$select=id,status&$top=5&x=%2F/a";
  auto res = post(target);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 201) << res->body;
  JournalEntry entry = last();
  EXPECT_EQ(entry.target, target);
  EXPECT_EQ(entry.version, "localtest");
  EXPECT_NE(entry.contract, nullptr);
}

TEST_F(RoutingTest, RefTemplateAndExampleCollectionReachTheSameContract) {
  auto by_example = post(kSeedUrl);
  ASSERT_TRUE(by_example);
  EXPECT_EQ(by_example->status, 201) << by_example->body;
  JournalEntry first = last();

  auto by_template = post("/beta" + kSeedRefPath);
  ASSERT_TRUE(by_template);
  EXPECT_EQ(by_template->status, 201) << by_template->body;
  JournalEntry second = last();

  ASSERT_NE(first.contract, nullptr);
  EXPECT_EQ(first.contract, second.contract);
  EXPECT_EQ(first.route, second.route);
  EXPECT_THAT(first.route, StartsWith("POST /deviceManagement/deviceConfigurations/"
                                      "{deviceConfigurationId}/"));
  EXPECT_THAT(first.route, ::testing::EndsWith("/deviceUpdateStates/$ref"));
  // Both answers come from the same documented response.
  EXPECT_EQ(json_of(by_example->body).as_object().at("deviceId"),
            json_of(by_template->body).as_object().at("deviceId"));
}

TEST_F(RoutingTest, PlaceholderMatchesExactlyOneSegment) {
  const std::string cast = "/microsoft.graph.windowsUpdateForBusinessConfiguration";
  const std::string base = "/beta/deviceManagement/deviceConfigurations";
  EXPECT_EQ(post(base + "/a/b" + cast + "/deviceUpdateStates")->status, 404);
  EXPECT_EQ(post(base + cast + "/deviceUpdateStates")->status, 404);
  EXPECT_EQ(post(base + "/a" + cast + "/deviceUpdateStates/extra")->status, 404);
  EXPECT_EQ(post(base + "/{deviceConfigurationId}" + cast + "/deviceUpdateStates")->status, 201);
  EXPECT_EQ(post(base + "/a%2Fb" + cast + "/deviceUpdateStates")->status, 201);
  auto entries = server.requests();
  ASSERT_EQ(entries.size(), 5u);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(entries[i].contract, nullptr) << entries[i].target;
}

}  // namespace
}  // namespace mockserver::test_support
