// Successful responses through a real Server over a socket: status, headers, the documented
// body with a fresh id, echo mode, and what the pages' odd bodies become. Id uniqueness, seeds
// and the journal are in server_ids_test.cpp.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cctype>
#include <string>

#include "server_support.hpp"
#include "widget_pages.hpp"

namespace mockserver::test_support {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// The seed page's documented response body.
boost::json::object documented_response() {
  const Contract& contract = seed_catalog().contracts.at(0);
  return contract.response.body.as_object();
}

class SeedResponseTest : public ::testing::Test {
 protected:
  Server server{seed_catalog()};
  httplib::Client client{server.url()};
};

TEST_F(SeedResponseTest, CreatedWithTheDocumentedBodyAndAFreshId) {
  auto res = client.Post(kSeedUrl.c_str(), bearer(), seed_text(), "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 201);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
  // The real size, not the page's Content-Length: 540 (which counts CRLF line ends).
  EXPECT_EQ(res->get_header_value("Content-Length"), std::to_string(res->body.size()));
  EXPECT_NE(res->body.size(), 540u);

  boost::json::object body = json_of(res->body).as_object();
  std::string id = str(body.if_contains("id"));
  EXPECT_TRUE(is_uuid(id)) << id;
  EXPECT_NE(id, "98c6922f-922f-98c6-2f92-c6982f92c698");
  boost::json::object expected = documented_response();
  ASSERT_EQ(str(expected.if_contains("id")), "98c6922f-922f-98c6-2f92-c6982f92c698");
  expected["id"] = id;
  EXPECT_EQ(body, expected);  // canned: the documented "status": "String" comes back as is

  EXPECT_TRUE(is_uuid(res->get_header_value("request-id")));
  EXPECT_FALSE(res->has_header("client-request-id"));
  EXPECT_EQ(server.requests().back().request_id, res->get_header_value("request-id"));
  EXPECT_EQ(server.requests().back().response_body, res->body);
}

TEST_F(SeedResponseTest, ContentLengthOnTheWireIsTheBodySize) {
  RawConnection raw(server.port());
  ASSERT_TRUE(raw.connected());
  ASSERT_TRUE(raw.send(raw_seed_post()));
  auto reply = raw.read();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 201);
  EXPECT_THAT(reply->head,
              HasSubstr("Content-Length: " + std::to_string(reply->body.size()) + "\r\n"));
  EXPECT_THAT(reply->head, Not(HasSubstr("Content-Length: 540\r\n")));
  json_of(reply->body);
  // Exactly one body: nothing follows it on the connection.
  EXPECT_FALSE(raw.read(std::chrono::milliseconds(100)));
}

TEST_F(SeedResponseTest, ClientRequestIdIsEchoed) {
  httplib::Headers headers = bearer();
  headers.emplace("client-request-id", "7f3c1d2e-0000-4000-8000-000000000001");
  auto res = client.Post(kSeedUrl.c_str(), headers, seed_text(), "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 201);
  EXPECT_EQ(res->get_header_value("client-request-id"), "7f3c1d2e-0000-4000-8000-000000000001");
  EXPECT_NE(res->get_header_value("request-id"), res->get_header_value("client-request-id"));
}

TEST_F(SeedResponseTest, RequestIdsDiffer) {
  auto a = client.Post(kSeedUrl.c_str(), bearer(), seed_text(), "application/json");
  auto b = client.Post(kSeedUrl.c_str(), bearer(), seed_text(), "application/json");
  ASSERT_TRUE(a && b);
  EXPECT_NE(a->get_header_value("request-id"), b->get_header_value("request-id"));
  EXPECT_NE(str(json_of(a->body).as_object().if_contains("id")),
            str(json_of(b->body).as_object().if_contains("id")));
}

TEST(EchoMode, OverlaysTheSentFields) {
  ServerOptions options;
  options.mode = ResponseMode::echo;
  Server server(seed_catalog(), options);
  httplib::Client client(server.url());
  boost::json::object sent{{"deviceId", "my device"},
                           {"status", "pendingReboot"},
                           {"lastSyncDateTime", "2024-05-01T10:00:00Z"}};
  auto res =
      client.Post(kSeedUrl.c_str(), bearer(), boost::json::serialize(sent), "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 201) << res->body;
  boost::json::object body = json_of(res->body).as_object();
  boost::json::object expected = documented_response();
  for (const auto& member : sent) expected[member.key()] = member.value();
  expected["id"] = body["id"];
  EXPECT_EQ(body, expected);
  EXPECT_TRUE(is_uuid(str(body.if_contains("id"))));
  EXPECT_EQ(res->get_header_value("Content-Length"), std::to_string(res->body.size()));
}

TEST(CannedMode, IgnoresTheSentFields) {
  Server server(seed_catalog());
  httplib::Client client(server.url());
  auto res =
      client.Post(kSeedUrl.c_str(), bearer(), R"({"deviceId": "my device"})", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(str(json_of(res->body).as_object().if_contains("deviceId")), "Device Id value");
}

class WidgetResponseTest : public ::testing::Test {
 protected:
  Server server{compile_pages(widget_pages())};
  httplib::Client client{server.url()};
};

// Same length, and each character of the same class as the documented one.
bool same_shape(const std::string& documented, const std::string& fresh) {
  if (documented.size() != fresh.size()) return false;
  for (std::size_t i = 0; i < documented.size(); ++i) {
    auto d = static_cast<unsigned char>(documented[i]), f = static_cast<unsigned char>(fresh[i]);
    if (std::isdigit(d)   ? !std::isdigit(f)
        : std::islower(d) ? !std::islower(f)
        : std::isupper(d) ? !std::isupper(f)
                          : d != f)
      return false;
  }
  return true;
}

TEST_F(WidgetResponseTest, NonUuidDocumentedIdGetsAFreshIdOfTheSameShape) {
  const std::string documented = "AAMkAGI2TG93AAA=";
  std::string previous;
  for (int i = 0; i < 20; ++i) {
    auto res = client.Post("/v1.0/widgets", bearer(), R"({"name": "n"})", "application/json");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 201) << res->body;
    std::string id = str(json_of(res->body).as_object().if_contains("id"));
    EXPECT_TRUE(same_shape(documented, id)) << id;
    EXPECT_NE(id, documented);
    EXPECT_NE(id, previous);
    previous = id;
  }
}

TEST_F(WidgetResponseTest, TrailingCommasInTheDocumentedBodyAreServedAsStrictJson) {
  auto res = client.Post("/widgets", bearer(), "{}", "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201);
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(res->body, ec);  // strict: no trailing commas
  ASSERT_FALSE(ec) << res->body;
  const auto& body = v.as_object();
  EXPECT_EQ(body.size(), 3u);
  EXPECT_EQ(str(body.if_contains("name")), "w");
  EXPECT_EQ(body.at("count"), 1);
  EXPECT_EQ(res->get_header_value("Content-Length"), std::to_string(res->body.size()));
}

TEST_F(WidgetResponseTest, RouteWithoutADocumentedResponseAnswersItsDefault) {
  auto res = client.Get("/widgets", bearer());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body, "");
  EXPECT_TRUE(is_uuid(res->get_header_value("request-id")));
}

TEST(BrokenDocumentedBody, ServedAsAnEmptyObjectWithAFreshId) {
  Server server(compile_pages({{"api/thing-post.md", kBrokenResponseApi}}));
  httplib::Client client(server.url());
  auto res = client.Post("/beta/things", bearer(), R"({"name": "t"})", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 201);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
  boost::json::object body = json_of(res->body).as_object();
  EXPECT_EQ(body.size(), 1u) << res->body;
  EXPECT_TRUE(is_uuid(str(body.if_contains("id")))) << res->body;
}

}  // namespace
}  // namespace mockserver::test_support
