// Limits and hostile input beyond the raw-request corpus: what each limit answers, that it is
// an option, that refusals are journaled with what arrived, numbers out of range for their
// Edm type, JSON nesting, and bytes that are not UTF-8 echoed into error bodies.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "server_support.hpp"
#include "widget_pages.hpp"

namespace mockserver::test_support {
namespace {

using ::testing::HasSubstr;

std::string raw_post(const std::string& body, const std::string& extra_headers = "") {
  return "POST " + kSeedUrl +
         " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nContent-Type: application/json\r\n" +
         extra_headers + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

RawConnection::Reply exchange_raw(const Server& server, const std::string& bytes) {
  RawConnection raw(server.port());
  EXPECT_TRUE(raw.send(bytes));
  auto reply = raw.read();
  EXPECT_TRUE(reply);
  return reply.value_or(RawConnection::Reply{});
}

TEST(Limits, PostWithoutContentLengthIsAnsweredAtOnce) {
  Server server(seed_catalog());  // read timeout 5 s: cpp-httplib alone would wait for it
  auto started = std::chrono::steady_clock::now();
  auto reply = exchange_raw(server, "POST " + kSeedUrl +
                                        " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n"
                                        "Content-Type: application/json\r\n\r\n");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(500));
  EXPECT_EQ(reply.status, 400);
  EXPECT_THAT(str(graph_error(reply.body).if_contains("message")), HasSubstr("empty body"));
  EXPECT_EQ(server.requests().back().status, 400);
}

TEST(Limits, RefusalIsJournaledWithWhatArrived) {
  Server server(seed_catalog());
  auto reply = exchange_raw(server, "POST " + kSeedUrl +
                                        "?a=1 HTTP/1.1\r\nHost: x\r\nclient-request-id: c-1\r\n"
                                        "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}");
  EXPECT_EQ(reply.status, 400);
  boost::json::object error = graph_error(reply.body);
  EXPECT_THAT(str(error.if_contains("message")), HasSubstr("Content-Length appears 2 times"));
  ASSERT_EQ(server.journal().received(), 1u);
  JournalEntry entry = server.requests().back();
  EXPECT_EQ(entry.method, "POST");
  EXPECT_EQ(entry.target, kSeedUrl + "?a=1");
  EXPECT_EQ(entry.status, 400);
  EXPECT_EQ(entry.error_code, "BadRequest");
  EXPECT_EQ(entry.response_body, reply.body);
  EXPECT_TRUE(is_uuid(entry.request_id));
  EXPECT_EQ(str(as_object(error.at("innerError")).if_contains("client-request-id")), "c-1");
}

TEST(Limits, TargetOverTheLimitIs414AndJournaled) {
  Server server(seed_catalog());
  auto reply = exchange_raw(server, "GET /v1.0/" + std::string(9000, 'a') + " HTTP/1.1\r\n\r\n");
  EXPECT_EQ(reply.status, 414);
  EXPECT_EQ(str(graph_error(reply.body).if_contains("code")), "RequestUriTooLong");
  EXPECT_EQ(server.requests().back().status, 414);
}

TEST(Limits, HeaderLimitsAreOptions) {
  ServerOptions options;
  options.max_header_count = 6;
  options.max_header_bytes = 300;
  Server server(seed_catalog(), options);
  EXPECT_EQ(exchange_raw(server, raw_post(seed_text())).status, 201);  // 4 fields
  auto count = exchange_raw(server, raw_post(seed_text(), "A: 1\r\nB: 2\r\nC: 3\r\n"));
  EXPECT_EQ(count.status, 431);
  EXPECT_THAT(str(graph_error(count.body).if_contains("message")),
              HasSubstr("7 header fields are over the limit of 6"));
  auto bytes = exchange_raw(server, raw_post(seed_text(), "X: " + std::string(300, 'x') + "\r\n"));
  EXPECT_EQ(bytes.status, 431);
  EXPECT_EQ(str(graph_error(bytes.body).if_contains("code")), "RequestHeaderFieldsTooLarge");
}

TEST(Limits, ChunkedBodyOverTheLimitIs413) {
  ServerOptions options;
  options.body_limit = 64;
  Server server(seed_catalog(), options);
  std::string chunk(100, ' ');
  chunk[0] = '{';
  chunk[99] = '}';
  auto reply = exchange_raw(server, "POST " + kSeedUrl +
                                        " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n"
                                        "Content-Type: application/json\r\n"
                                        "Transfer-Encoding: chunked\r\n\r\n64\r\n" +
                                        chunk + "\r\n0\r\n\r\n");
  EXPECT_EQ(reply.status, 413);
  EXPECT_THAT(str(graph_error(reply.body).if_contains("message")), HasSubstr("limit of 64"));
}

TEST(Limits, JsonNestingDepthIsAnOption) {
  ServerOptions options;
  options.max_json_depth = 8;
  Server server(seed_catalog(), options);
  auto nested = [](int depth) {
    return "{\"deviceId\":" + std::string(depth, '[') + std::string(depth, ']') + "}";
  };
  auto deep = exchange_raw(server, raw_post(nested(10)));
  EXPECT_EQ(deep.status, 400);
  EXPECT_THAT(str(graph_error(deep.body).if_contains("message")), HasSubstr("not valid JSON"));
  auto shallow = exchange_raw(server, raw_post(nested(3)));
  EXPECT_EQ(shallow.status, 400);  // valid JSON; the schema wants a String
  EXPECT_THAT(str(graph_error(shallow.body).if_contains("message")), HasSubstr("/deviceId"));
}

TEST(Limits, NumbersOutOfRangeForTheirEdmTypeAre400) {
  Server server(compile_pages(widget_pages()));
  httplib::Client client(server.url());
  auto edge = client.Post("/v1.0/widgets", bearer(),
                          R"({"name":"w","count":2147483647,"total":-9223372036854775808})",
                          "application/json");
  ASSERT_TRUE(edge);
  EXPECT_EQ(edge->status, 201) << edge->body;
  for (const char* body :
       {R"({"name":"w","count":2147483648})", R"({"name":"w","count":1.5})",
        R"({"name":"w","total":9223372036854775808})", R"({"name":"w","ratio":1e400})"}) {
    SCOPED_TRACE(body);
    auto res = client.Post("/v1.0/widgets", bearer(), body, "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << res->body;
    graph_error(res->body);
  }
}

TEST(Limits, BytesThatAreNotUtf8AreEchoedAsValidJson) {
  Server server(seed_catalog());
  auto reply = exchange_raw(
      server, "GET /v1.0/caf\xe9/\xff HTTP/1.1\r\nclient-request-id: \xc0\xaf\r\n\r\n");
  EXPECT_EQ(reply.status, 404);
  boost::json::object error = graph_error(reply.body);  // parses: valid UTF-8
  EXPECT_THAT(str(error.if_contains("message")), HasSubstr("caf\xEF\xBF\xBD/\xEF\xBF\xBD"));
  auto type = exchange_raw(server, "POST " + kSeedUrl +
                                       " HTTP/1.1\r\nAuthorization: Bearer t\r\nContent-Type: "
                                       "text/\xfe\r\nContent-Length: 2\r\n\r\n{}");
  EXPECT_EQ(type.status, 415);
  graph_error(type.body);
}

TEST(Limits, LenientModeStillRefusesAmbiguousFraming) {
  ServerOptions options;
  options.validation = Validation::lenient;
  Server server(seed_catalog(), options);
  auto reply = exchange_raw(server, "POST " + kSeedUrl +
                                        " HTTP/1.1\r\nContent-Length: 2\r\n"
                                        "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
  EXPECT_EQ(reply.status, 400);
  EXPECT_THAT(reply.head, HasSubstr("Connection: close"));
}

}  // namespace
}  // namespace mockserver::test_support
