// Load: 32 concurrent clients, valid and invalid requests mixed, over keep-alive connections
// and raw sockets. Every response is the expected one, the journal holds exactly the
// requests sent, every id handed out is unique and nothing answers 5xx.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "server_support.hpp"

namespace mockserver::test_support {
namespace {

constexpr int kClients = 32;
constexpr int kRequestsPerClient = 100;

struct Outcome {
  int expected = 0;
  int got = 0;
  std::string id;  // of a 201
};

// Request i of a client: one of seven kinds, each with its expected status.
Outcome send_one(httplib::Client& client, int port, int i) {
  Outcome o;
  httplib::Result res{nullptr, httplib::Error::Unknown};
  switch (i % 7) {
    case 0:
    case 1:
      o.expected = 201;
      res = client.Post(kSeedUrl.c_str(), bearer(), seed_text(), "application/json");
      break;
    case 2: {
      o.expected = 400;  // a schema violation
      boost::json::object body = seed_body();
      body["status"] = "String";
      res =
          client.Post(kSeedUrl.c_str(), bearer(), boost::json::serialize(body), "application/json");
      break;
    }
    case 3:
      o.expected = 401;
      res = client.Post(kSeedUrl.c_str(), seed_text(), "application/json");
      break;
    case 4:
      o.expected = 404;
      res = client.Get("/v1.0/nowhere/at/all");
      break;
    case 5:
      o.expected = 400;  // broken JSON
      res = client.Post(kSeedUrl.c_str(), bearer(), "{\"status\": ", "application/json");
      break;
    default: {
      o.expected = 400;  // smuggling attempt over a raw socket: two Content-Lengths
      RawConnection raw(port);
      raw.send("POST " + kSeedUrl +
               " HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 30\r\n\r\n{}");
      auto reply = raw.read(std::chrono::seconds(10));
      o.got = reply ? reply->status : -1;
      return o;
    }
  }
  o.got = res ? res->status : -static_cast<int>(res.error());
  if (res && res->status == 201) o.id = str(as_object(json_of(res->body)).if_contains("id"));
  return o;
}

TEST(Stress, ThirtyTwoClientsMixedRequests) {
  Server server(seed_catalog());
  std::vector<std::vector<Outcome>> outcomes(kClients);
  std::vector<std::thread> threads;
  std::atomic<bool> go{false};
  for (int c = 0; c < kClients; ++c) {
    threads.emplace_back([&, c] {
      auto client = fast_client(server.url());
      client->set_read_timeout(10, 0);
      while (!go) std::this_thread::yield();
      for (int i = 0; i < kRequestsPerClient; ++i)
        outcomes[c].push_back(send_one(*client, server.port(), c + i));
    });
  }
  auto started = std::chrono::steady_clock::now();
  go = true;
  for (auto& t : threads) t.join();
  auto elapsed = std::chrono::steady_clock::now() - started;

  std::set<std::string> ids;
  int created = 0;
  for (int c = 0; c < kClients; ++c) {
    ASSERT_EQ(outcomes[c].size(), static_cast<std::size_t>(kRequestsPerClient));
    for (int i = 0; i < kRequestsPerClient; ++i) {
      const Outcome& o = outcomes[c][i];
      EXPECT_EQ(o.got, o.expected) << "client " << c << ", request " << i;
      if (o.expected == 201) {
        ++created;
        EXPECT_FALSE(o.id.empty());
        EXPECT_TRUE(ids.insert(o.id).second) << "id handed out twice: " << o.id;
      }
    }
  }
  EXPECT_EQ(static_cast<int>(ids.size()), created);
  const std::size_t sent = static_cast<std::size_t>(kClients) * kRequestsPerClient;
  EXPECT_EQ(server.journal().received(), sent);
  std::set<std::string> request_ids;
  for (const JournalEntry& e : server.requests()) {
    EXPECT_LT(e.status, 500) << e.method << " " << e.target;
    EXPECT_TRUE(request_ids.insert(e.request_id).second) << e.request_id;
  }
  EXPECT_LT(elapsed, std::chrono::seconds(50));
}

}  // namespace
}  // namespace mockserver::test_support
