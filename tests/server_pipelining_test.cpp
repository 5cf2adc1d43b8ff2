// Pipelining: requests sent in one write before reading any answer are each answered, in
// order, on the same connection; bytes after a request that closes the connection are
// never read as another request.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <set>
#include <string>

#include "server_support.hpp"

namespace mockserver::test_support {
namespace {

using ::testing::HasSubstr;

std::string raw_get(const std::string& target) {
  return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer t\r\n\r\n";
}

TEST(Pipelining, RequestsInOneWriteAreAnsweredInOrder) {
  Server server(seed_catalog());
  RawConnection raw(server.port());
  ASSERT_TRUE(
      raw.send(raw_seed_post() + raw_get("/v1.0/nowhere") + raw_seed_post() + raw_seed_post()));
  std::vector<int> statuses;
  std::set<std::string> ids;
  for (int i = 0; i < 4; ++i) {
    auto reply = raw.read();
    ASSERT_TRUE(reply) << "response " << i << " is missing";
    statuses.push_back(reply->status);
    if (reply->status == 201) ids.insert(str(as_object(json_of(reply->body)).if_contains("id")));
  }
  EXPECT_THAT(statuses, ::testing::ElementsAre(201, 404, 201, 201));
  EXPECT_EQ(ids.size(), 3u);
  auto entries = server.requests();
  ASSERT_EQ(entries.size(), 4u);
  EXPECT_EQ(entries[1].target, "/v1.0/nowhere");
  EXPECT_EQ(entries[3].status, 201);
}

TEST(Pipelining, ManyRequestsInOneWrite) {
  Server server(seed_catalog());
  RawConnection raw(server.port());
  std::string burst;
  for (int i = 0; i < 200; ++i) burst += raw_seed_post();  // ~150 KB, several reads
  ASSERT_TRUE(raw.send(burst));
  for (int i = 0; i < 200; ++i) {
    auto reply = raw.read();
    ASSERT_TRUE(reply) << "response " << i << " is missing";
    ASSERT_EQ(reply->status, 201) << i;
  }
  EXPECT_EQ(server.journal().received(), 200u);
}

TEST(Pipelining, ChunkedBodiesAndHttp10InOneWrite) {
  Server server(seed_catalog());
  RawConnection raw(server.port());
  std::string body = seed_text();
  char size[16];
  std::snprintf(size, sizeof size, "%zx", body.size());
  std::string chunked = "POST " + std::string(kSeedUrl) +
                        " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n"
                        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" +
                        size + "\r\n" + body + "\r\n0\r\n\r\n";
  std::string http10 = raw_get("/v1.0/nowhere");
  http10.replace(http10.find("HTTP/1.1"), 8, "HTTP/1.0");
  ASSERT_TRUE(raw.send(chunked + raw_seed_post() + http10));
  auto first = raw.read(), second = raw.read(), third = raw.read();
  ASSERT_TRUE(first && second && third);
  EXPECT_EQ(first->status, 201);
  EXPECT_EQ(second->status, 201);
  EXPECT_EQ(third->status, 404);
  EXPECT_TRUE(raw.closed_by_peer(std::chrono::seconds(3)));  // HTTP/1.0 without keep-alive
}

TEST(Pipelining, BytesAfterARefusedFramingAreNotARequest) {
  Server server(seed_catalog());
  RawConnection raw(server.port());
  std::string smuggled = "POST " + std::string(kSeedUrl) +
                         " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nContent-Length: 5\r\n\r\n";
  ASSERT_TRUE(raw.send(smuggled + raw_seed_post()));
  auto reply = raw.read();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 400);
  EXPECT_THAT(reply->head, HasSubstr("Connection: close"));
  EXPECT_TRUE(raw.closed_by_peer(std::chrono::seconds(3)));
  EXPECT_EQ(server.journal().received(), 1u);
}

}  // namespace
}  // namespace mockserver::test_support
