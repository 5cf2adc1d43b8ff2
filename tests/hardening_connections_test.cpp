// Connections that hold the server up: clients that send half a request header and stop,
// idle keep-alive connections from a client's pool, and stopping the server while requests
// are in flight. A well-formed request from another client is never delayed by more than a
// fraction of a second, and stop() (or the destructor) returns at once.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "server_support.hpp"

namespace mockserver::test_support {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// Connections that each sent the first half of a request header and nothing more.
std::vector<std::unique_ptr<RawConnection>> half_sent(int port, int count) {
  std::vector<std::unique_ptr<RawConnection>> slow;
  for (int i = 0; i < count; ++i) {
    slow.push_back(std::make_unique<RawConnection>(port));
    EXPECT_TRUE(slow.back()->connected()) << i;
    slow.back()->send("POST " + kSeedUrl + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthoriz");
  }
  return slow;
}

// Connections that were answered once and now sit idle, kept alive.
std::vector<std::unique_ptr<RawConnection>> idle(int port, int count) {
  std::vector<std::unique_ptr<RawConnection>> pool;
  for (int i = 0; i < count; ++i) {
    pool.push_back(std::make_unique<RawConnection>(port));
    EXPECT_TRUE(pool.back()->send(raw_seed_post())) << i;
    auto reply = pool.back()->read();
    EXPECT_TRUE(reply && reply->status == 201) << i;
  }
  return pool;
}

Clock::duration timed_valid_post(const Server& server) {
  auto started = Clock::now();
  RawConnection fresh(server.port());
  EXPECT_TRUE(fresh.send(raw_seed_post()));
  auto reply = fresh.read(std::chrono::seconds(5));
  EXPECT_TRUE(reply && reply->status == 201);
  return Clock::now() - started;
}

TEST(SlowClients, HalfSentHeadersDoNotDelayOthers) {
  Server server(seed_catalog());
  auto slow = half_sent(server.port(), 64);
  std::this_thread::sleep_for(milliseconds(100));  // each holds a connection thread now
  EXPECT_LT(timed_valid_post(server), milliseconds(300));
  EXPECT_EQ(server.journal().received(), 1u);
}

TEST(SlowClients, IdleKeepAliveConnectionsAndHalfSentHeadersTogether) {
  Server server(seed_catalog());
  auto pool = idle(server.port(), 64);
  auto slow = half_sent(server.port(), 64);
  std::this_thread::sleep_for(milliseconds(100));
  for (int i = 0; i < 5; ++i) EXPECT_LT(timed_valid_post(server), milliseconds(300)) << i;
}

TEST(SlowClients, HalfSentRequestIsRefusedAfterTheReadTimeout) {
  ServerOptions options;
  options.read_timeout = std::chrono::seconds(1);
  options.keep_alive_timeout = std::chrono::seconds(1);  // which closes it: no request line
  Server server(seed_catalog(), options);
  auto slow = half_sent(server.port(), 1);
  auto reply = slow.front()->read(std::chrono::seconds(4));
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 400);
  EXPECT_EQ(str(graph_error(reply->body).if_contains("code")), "BadRequest");
  EXPECT_TRUE(slow.front()->closed_by_peer(std::chrono::seconds(3)));
}

TEST(SlowClients, IdleConnectionIsClosedAfterTheKeepAliveTimeout) {
  ServerOptions options;
  options.keep_alive_timeout = std::chrono::seconds(1);
  Server server(seed_catalog(), options);
  auto pool = idle(server.port(), 1);
  auto started = Clock::now();
  EXPECT_TRUE(pool.front()->closed_by_peer(std::chrono::seconds(4)));
  EXPECT_LT(Clock::now() - started, std::chrono::milliseconds(2500));
}

TEST(Stop, ReturnsAtOnceWithIdleAndHalfSentConnections) {
  auto server = std::make_unique<Server>(seed_catalog());  // keep-alive and read timeouts: 5 s
  auto pool = idle(server->port(), 32);
  auto slow = half_sent(server->port(), 32);
  std::this_thread::sleep_for(milliseconds(100));
  auto started = Clock::now();
  server.reset();
  EXPECT_LT(Clock::now() - started, milliseconds(1000));
  for (auto& c : pool) EXPECT_TRUE(c->closed_by_peer(milliseconds(500)));
  for (auto& c : slow) EXPECT_TRUE(c->closed_by_peer(milliseconds(500)));
}

TEST(Stop, RequestsInFlightCompleteOrTheirConnectionCloses) {
  auto server = std::make_unique<Server>(seed_catalog());
  server->add_override({.delay = milliseconds(300)});  // every request takes 300 ms
  const int clients = 16;
  std::vector<int> statuses(clients, 0);
  std::vector<char> closed(clients, 0);
  std::vector<std::thread> threads;
  std::atomic<int> sent{0};
  for (int i = 0; i < clients; ++i) {
    threads.emplace_back([&, i] {
      RawConnection raw(server->port());
      bool ok = raw.send(raw_seed_post());
      ++sent;
      if (!ok) return void(closed[i] = 1);
      if (auto reply = raw.read(std::chrono::seconds(10)))
        statuses[i] = reply->status;
      else
        closed[i] = raw.closed_by_peer(milliseconds(10)) ? 1 : 0;
    });
  }
  while (sent < clients) std::this_thread::sleep_for(milliseconds(1));
  std::this_thread::sleep_for(milliseconds(100));  // the requests are in their handlers
  auto started = Clock::now();
  Journal& journal = server->journal();
  server->stop();
  EXPECT_LT(Clock::now() - started, milliseconds(2500));
  for (auto& t : threads) t.join();
  int completed = 0;
  for (int i = 0; i < clients; ++i) {
    EXPECT_TRUE(statuses[i] == 201 || closed[i]) << i << ": status " << statuses[i];
    completed += statuses[i] == 201;
  }
  EXPECT_GE(static_cast<int>(journal.received()), completed);
  server.reset();  // the destructor returns too
}

TEST(Stop, DestructorReturnsWhileAClientIsSendingABody) {
  auto server = std::make_unique<Server>(seed_catalog());
  RawConnection raw(server->port());
  ASSERT_TRUE(raw.send("POST " + kSeedUrl +
                       " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n"
                       "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"st"));
  std::this_thread::sleep_for(milliseconds(100));
  auto started = Clock::now();
  server.reset();
  EXPECT_LT(Clock::now() - started, milliseconds(1000));
  EXPECT_TRUE(raw.closed_by_peer(milliseconds(1000)));
}

}  // namespace
}  // namespace mockserver::test_support
