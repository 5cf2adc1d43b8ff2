// Request checks through a real Server over a socket, on the seed page: authorization,
// media type, body size, JSON syntax, the schema's violations as JSON pointers, the order of
// the checks, and lenient mode. The Edm types and @odata.type casts are in
// server_types_test.cpp.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "server_support.hpp"

namespace mockserver::test_support {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class SeedValidationTest : public ::testing::Test {
 protected:
  Server server{seed_catalog()};
  httplib::Client client{server.url()};

  httplib::Result post(const httplib::Headers& headers, const std::string& body,
                       const std::string& content_type = "application/json") {
    return client.Post(kSeedUrl.c_str(), headers, body, content_type.c_str());
  }
  static std::string code_of(const httplib::Result& res) {
    return res ? str(graph_error(res->body).if_contains("code")) : "(no response)";
  }
};

TEST_F(SeedValidationTest, ValidRequestPasses) {
  auto res = post(bearer(), seed_text());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 201) << res->body;
}

TEST_F(SeedValidationTest, MissingAuthorizationIs401) {
  auto res = post({}, seed_text());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  boost::json::object error = graph_error(res->body);
  EXPECT_EQ(str(error.if_contains("code")), "InvalidAuthenticationToken");
  EXPECT_THAT(str(error.if_contains("message")), HasSubstr("missing"));
  JournalEntry entry = server.requests().back();
  EXPECT_EQ(entry.status, 401);
  EXPECT_EQ(entry.error_code, "InvalidAuthenticationToken");
  EXPECT_NE(entry.contract, nullptr);
}

TEST_F(SeedValidationTest, AuthorizationThatIsNotBearerTokenIs401) {
  for (const char* value : {"Basic dXNlcjpwYXNz", "Bearer", "Bearer    ", "Token abc", "abc"}) {
    SCOPED_TRACE(value);
    auto res = post({{"Authorization", value}}, seed_text());
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401);
    EXPECT_EQ(code_of(res), "InvalidAuthenticationToken");
  }
  auto lower = post({{"authorization", "bearer abc.def.ghi"}}, seed_text());
  ASSERT_TRUE(lower);
  EXPECT_EQ(lower->status, 201) << lower->body;
}

TEST_F(SeedValidationTest, ContentTypeMustBeJson) {
  auto text = post(bearer(), seed_text(), "text/plain");
  ASSERT_TRUE(text);
  EXPECT_EQ(text->status, 415);
  EXPECT_EQ(code_of(text), "UnsupportedMediaType");

  // httplib::Client always sends a Content-Type with a body: write the request by hand.
  RawConnection raw(server.port());
  ASSERT_TRUE(raw.connected());
  std::string body = seed_text();
  ASSERT_TRUE(raw.send("POST " + kSeedUrl + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n" +
                       "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body));
  auto missing = raw.read();
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 415);
  EXPECT_THAT(str(graph_error(missing->body).if_contains("message")),
              HasSubstr("Content-Type header is missing"));
  EXPECT_EQ(server.requests().back().headers.size(), 3u);  // Host, Authorization, Content-Length

  for (const char* type : {"application/json; charset=utf-8",
                           "Application/JSON;odata.metadata=minimal", "application/json"}) {
    SCOPED_TRACE(type);
    auto res = post(bearer(), seed_text(), type);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 201) << res->body;
  }
}

TEST_F(SeedValidationTest, BodyOverTheLimitIs413) {
  ServerOptions options;
  options.body_limit = 64;
  Server small(seed_catalog(), options);
  httplib::Client c(small.url());
  auto res = c.Post(kSeedUrl.c_str(), bearer(), seed_text(), "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
  boost::json::object error = graph_error(res->body);
  EXPECT_EQ(str(error.if_contains("code")), "RequestEntityTooLarge");
  EXPECT_THAT(str(error.if_contains("message")), HasSubstr("limit of 64 bytes"));
  auto fits = c.Post(kSeedUrl.c_str(), bearer(), R"({"status":"failed"})", "application/json");
  ASSERT_TRUE(fits);
  EXPECT_EQ(fits->status, 201) << fits->body;
  EXPECT_EQ(small.journal().received(), 2u);
}

TEST_F(SeedValidationTest, BrokenJsonIs400NamingLineAndColumn) {
  auto res = post(bearer(), "{\n  \"deviceId\": \"d\",\n  \"status\" \"failed\"\n}");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  boost::json::object error = graph_error(res->body);
  EXPECT_EQ(str(error.if_contains("code")), "BadRequest");
  EXPECT_THAT(str(error.if_contains("message")), HasSubstr("line 3, column 12"));
}

TEST_F(SeedValidationTest, EmptyBodyIsBrokenJson) {
  auto res = post(bearer(), "");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_THAT(str(graph_error(res->body).if_contains("message")), HasSubstr("not valid JSON"));
}

TEST_F(SeedValidationTest, ArrayBodyIs400) {
  auto res = post(bearer(), "[" + seed_text() + "]");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_THAT(str(graph_error(res->body).if_contains("message")),
              HasSubstr("must be a JSON object"));
}

TEST_F(SeedValidationTest, EachViolationIsListedAsAJsonPointer) {
  boost::json::object body = seed_body();
  body["status"] = "String";  // the page's own placeholder
  body["lastSyncDateTime"] = "yesterday";
  body["deviceId"] = 42;
  auto res = post(bearer(), boost::json::serialize(body));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  boost::json::object error = graph_error(res->body);
  std::string message = str(error.if_contains("message"));
  EXPECT_THAT(message, HasSubstr("3 violations"));
  EXPECT_THAT(message, HasSubstr("/status: \"String\" is not one of upToDate, "
                                 "pendingInstallation, pendingReboot, failed"));
  EXPECT_THAT(message, HasSubstr("/deviceId: expected a String, got 42"));
  EXPECT_THAT(message, HasSubstr("/lastSyncDateTime: expected a DateTimeOffset"));

  ASSERT_TRUE(error.contains("details"));
  std::vector<std::string> targets;
  for (const auto& d : error.at("details").as_array()) {
    const auto& detail = d.as_object();
    targets.push_back(str(detail.if_contains("target")));
    EXPECT_EQ(str(detail.if_contains("code")), "InvalidProperty");
    // The page and line of the table row that documents the property.
    EXPECT_THAT(str(detail.if_contains("source")),
                ::testing::MatchesRegex(".*windowsupdateforbusinessconfiguration-post-"
                                        "deviceupdatestates\\.md:[0-9]+"));
  }
  EXPECT_THAT(targets,
              ::testing::UnorderedElementsAre("/status", "/lastSyncDateTime", "/deviceId"));
  for (const auto& d : error.at("details").as_array()) {
    if (str(d.as_object().if_contains("target")) == "/status") {
      EXPECT_THAT(str(d.as_object().if_contains("source")), ::testing::EndsWith(".md:52"));
    }
  }

  JournalEntry entry = server.requests().back();
  EXPECT_EQ(entry.status, 400);
  EXPECT_EQ(entry.violations.size(), 3u);
}

TEST_F(SeedValidationTest, UnknownPropertyIs400) {
  boost::json::object body = seed_body();
  body["deviceid"] = "wrong case";
  body["colour"] = "blue";
  auto res = post(bearer(), boost::json::serialize(body));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  std::string message = str(graph_error(res->body).if_contains("message"));
  EXPECT_THAT(message, HasSubstr("/colour: unknown property"));
  EXPECT_THAT(message, HasSubstr("/deviceid: unknown property (did you mean 'deviceId'?"));
}

TEST_F(SeedValidationTest, NullAndAnnotationsAreAccepted) {
  boost::json::object body = seed_body();
  body["userId"] = nullptr;
  body["deviceId@odata.bind"] = "https://graph.microsoft.com/v1.0/devices/1";
  auto res = post(bearer(), boost::json::serialize(body));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 201) << res->body;
}

TEST_F(SeedValidationTest, AuthorizationIsCheckedBeforeMediaTypeAndBody) {
  auto res = post({}, "[not json", "text/plain");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  EXPECT_EQ(code_of(res), "InvalidAuthenticationToken");
  auto media = post(bearer(), "[not json", "text/plain");
  ASSERT_TRUE(media);
  EXPECT_EQ(media->status, 415);
  auto syntax = post(bearer(), "[not json");
  ASSERT_TRUE(syntax);
  EXPECT_EQ(syntax->status, 400);
  // A route that does not exist is 404 whatever else is wrong.
  auto nowhere = client.Post("/beta/nowhere", "[not json", "text/plain");
  ASSERT_TRUE(nowhere);
  EXPECT_EQ(nowhere->status, 404);
}

TEST_F(SeedValidationTest, ErrorNamesTheContractSource) {
  auto res = post({}, seed_text());
  ASSERT_TRUE(res);
  boost::json::object error = graph_error(res->body);
  ASSERT_TRUE(error.contains("details"));
  const auto& detail = error.at("details").as_array().at(0).as_object();
  EXPECT_EQ(str(detail.if_contains("target")), "Authorization");
  EXPECT_THAT(str(detail.if_contains("source")), ::testing::EndsWith("deviceupdatestates.md:31"));
}

TEST(LenientValidation, AnswersAndJournalsTheViolations) {
  ServerOptions options;
  options.validation = Validation::lenient;
  Server server(seed_catalog(), options);
  httplib::Client client(server.url());
  boost::json::object body = seed_body();
  body["status"] = "String";
  body["extra"] = true;
  auto res = client.Post(kSeedUrl.c_str(), boost::json::serialize(body), "text/plain");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 201) << res->body;
  EXPECT_TRUE(is_uuid(str(json_of(res->body).as_object().if_contains("id"))));

  JournalEntry entry = server.requests().back();
  EXPECT_EQ(entry.status, 201);
  std::vector<std::string> pointers;
  for (const Violation& v : entry.violations) pointers.push_back(v.pointer);
  // Authorization, Content-Type, then the schema.
  EXPECT_THAT(pointers, ElementsAre("Authorization", "Content-Type", "/status", "/extra"));
  EXPECT_THAT(format(entry.violations[2]), HasSubstr("is not one of upToDate"));

  // Broken JSON cannot be served even when lenient.
  auto broken = client.Post(kSeedUrl.c_str(), bearer(), "{", "application/json");
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->status, 400);
}

}  // namespace
}  // namespace mockserver::test_support
