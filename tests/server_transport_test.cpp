// The socket layer: the cpp-httplib defaults the server fixes (TCP_NODELAY, keep-alive
// connections closed after 5 requests, a fixed pool that idle keep-alive connections exhaust)
// and the server's lifetime (listening when constructed, port closed when destroyed).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "server_support.hpp"

namespace mockserver::test_support {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

bool can_connect(int port) {
  RawConnection probe(port);
  return probe.connected();
}

// A port a server just listened on and released; SO_REUSEADDR lets it be bound again.
int released_port() {
  Server probe(seed_catalog());
  return probe.port();
}

TEST(Transport, FiftySequentialPostsOnOneKeepAliveConnection) {
  Server server(seed_catalog());
  auto client = fast_client(server.url());
  auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < 50; ++i) {
    auto res = client->Post(kSeedUrl.c_str(), bearer(), seed_text(), "application/json");
    ASSERT_TRUE(res) << "request " << i << ": " << httplib::to_string(res.error());
    ASSERT_EQ(res->status, 201) << "request " << i;
  }
  auto elapsed = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(server.journal().received(), 50u);
  // Without TCP_NODELAY on the server, each response (headers and body written apart) waits
  // for the client's delayed ACK, about 40 ms: 2 s for 50. Here they take milliseconds; the
  // bound only catches that stall.
  EXPECT_LT(elapsed, std::chrono::milliseconds(1500));
}

TEST(Transport, OneConnectionServesManySequentialRequests) {
  Server server(seed_catalog());
  RawConnection raw(server.port());
  ASSERT_TRUE(raw.connected());
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(raw.send(raw_seed_post())) << "request " << i << ": connection closed";
    auto reply = raw.read();
    ASSERT_TRUE(reply) << "no response to request " << i << " on the same connection";
    EXPECT_EQ(reply->status, 201) << i;
    EXPECT_THAT(reply->head, Not(HasSubstr("Connection: close"))) << i;
  }
  EXPECT_EQ(server.journal().received(), 20u);
  // Still open: a 21st request on the same socket is answered too.
  ASSERT_TRUE(raw.send(raw_seed_post()));
  auto reply = raw.read();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 201);
}

// cpp-httplib listens with a backlog of 5: in a burst of connects, those past the backlog
// wait for a SYN retransmit (1 s). The kernel completes handshakes up to the backlog without
// the server's help, so with a real backlog each connect takes microseconds.
TEST(Transport, BurstOfConnectionsIsAcceptedWithoutSynRetransmits) {
  Server server(seed_catalog());
  std::vector<std::unique_ptr<RawConnection>> burst;
  auto slowest = std::chrono::steady_clock::duration::zero();
  for (int i = 0; i < 60; ++i) {
    auto started = std::chrono::steady_clock::now();
    burst.push_back(std::make_unique<RawConnection>(server.port()));
    slowest = std::max(slowest, std::chrono::steady_clock::now() - started);
    ASSERT_TRUE(burst.back()->connected()) << i;
    ASSERT_TRUE(burst.back()->send(raw_seed_post())) << i;
  }
  EXPECT_LT(slowest, std::chrono::milliseconds(900));
  for (int i = 0; i < 60; ++i) {
    auto reply = burst[i]->read();
    ASSERT_TRUE(reply) << i;
    EXPECT_EQ(reply->status, 201);
  }
  EXPECT_EQ(server.journal().received(), 60u);
  burst.clear();
}

TEST(Transport, IdleKeepAliveConnectionsDoNotStarveNewClients) {
  Server server(seed_catalog());
  // More idle connections than cpp-httplib's fixed pool has threads (max(8, cores - 1)).
  const int idle_count =
      std::min(200, std::max(40, static_cast<int>(std::thread::hardware_concurrency()) + 8));
  std::vector<std::unique_ptr<RawConnection>> idle;
  for (int i = 0; i < idle_count; ++i) {
    idle.push_back(std::make_unique<RawConnection>(server.port()));
    ASSERT_TRUE(idle.back()->connected()) << i;
    ASSERT_TRUE(idle.back()->send(raw_seed_post())) << i;
  }
  // Each got its answer and now holds its connection open, doing nothing.
  for (int i = 0; i < idle_count; ++i) {
    auto reply = idle[i]->read();
    ASSERT_TRUE(reply) << "idle connection " << i << " got no answer";
    EXPECT_EQ(reply->status, 201);
  }

  httplib::Client fresh(server.url());
  fresh.set_connection_timeout(2, 0);
  fresh.set_read_timeout(2, 0);
  fresh.set_write_timeout(2, 0);
  auto res = fresh.Post(kSeedUrl.c_str(), bearer(), seed_text(), "application/json");
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 201);

  // The idle connections are still usable.
  for (int i = 0; i < idle_count; i += 7) {
    ASSERT_TRUE(idle[i]->send(raw_seed_post()));
    auto reply = idle[i]->read();
    ASSERT_TRUE(reply) << i;
    EXPECT_EQ(reply->status, 201);
  }
  idle.clear();  // closed before the server stops
}

TEST(Transport, ListeningWhenConstructedOnAFreePort) {
  Server a(seed_catalog());
  Server b(seed_catalog());
  EXPECT_GT(a.port(), 0);
  EXPECT_NE(a.port(), b.port());
  EXPECT_EQ(a.url(), "http://127.0.0.1:" + std::to_string(a.port()));
  EXPECT_EQ(a.host(), "127.0.0.1");
  EXPECT_TRUE(can_connect(a.port()));  // no wait: listening already
}

TEST(Transport, TakenPortIsAnError) {
  Server a(seed_catalog());
  ServerOptions options;
  options.port = a.port();
  EXPECT_THROW(Server(seed_catalog(), options), std::runtime_error);
  auto res = httplib::Client(a.url()).Get("/x");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);  // the first server is unharmed
}

TEST(Transport, DestructorStopsAndClosesThePort) {
  int port = 0;
  {
    Server server(seed_catalog());
    port = server.port();
    httplib::Client client(server.url());
    auto res = client.Post(kSeedUrl.c_str(), bearer(), seed_text(), "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 201);
  }
  EXPECT_FALSE(can_connect(port));
  httplib::Client late("127.0.0.1", port);
  late.set_connection_timeout(1, 0);
  EXPECT_FALSE(late.Get("/x"));
}

TEST(Transport, StopIsIdempotentAndClosesThePort) {
  Server server(seed_catalog());
  int port = server.port();
  server.stop();
  EXPECT_FALSE(can_connect(port));
  server.stop();
  EXPECT_EQ(server.journal().received(), 0u);
}

TEST(Transport, ExplicitPortIsUsed) {
  ServerOptions options;
  options.port = released_port();
  Server server(seed_catalog(), options);
  EXPECT_EQ(server.port(), options.port);
  EXPECT_TRUE(can_connect(options.port));
}

// The server listens, and its threads start, while its pages load. A request that comes
// in meanwhile (a client that knows the port) waits for them and is answered from them.
TEST(Transport, RequestSentWhilePagesLoadIsAnsweredFromThem) {
  using Clock = std::chrono::steady_clock;
  ServerOptions options;
  options.port = released_port();
  std::atomic<bool> constructed{false};
  Clock::time_point connected_at{};
  std::optional<RawConnection::Reply> reply;
  std::thread client([&] {
    while (!constructed) {
      RawConnection connection(options.port);
      if (!connection.connected()) continue;  // not listening yet
      connected_at = Clock::now();
      if (connection.send(raw_seed_post())) reply = connection.read(std::chrono::seconds(30));
      return;
    }
  });
  // Loading 1,000 copies of the seed page takes long enough to tell "while the pages load"
  // from "once they are loaded".
  const std::vector<std::filesystem::path> pages(1000, kSeedPage);
  const Clock::time_point started = Clock::now();
  Server server(pages, options);
  const Clock::time_point loaded = Clock::now();
  constructed = true;
  client.join();
  ASSERT_NE(connected_at, Clock::time_point{}) << "the client never connected";
  EXPECT_LT(connected_at - started, (loaded - started) / 2)
      << "the port was not listening while the pages loaded";
  ASSERT_TRUE(reply) << "no answer";
  EXPECT_EQ(reply->status, 201) << reply->head << reply->body;
  EXPECT_EQ(server.catalog().contracts.size(), 1000u);
  EXPECT_EQ(server.journal().received(), 1u);
}

TEST(Transport, PagesThatFailToLoadReleaseThePort) {
  ServerOptions options;
  options.port = released_port();
  EXPECT_THROW(Server({std::filesystem::path("/nonexistent/page.md")}, options), LoadError);
  EXPECT_FALSE(can_connect(options.port));
  Server next(seed_catalog(), options);
  EXPECT_EQ(post_seed(next.url()), 201);
}

// max_threads bounds the connections served at once; the others wait their turn.
TEST(Transport, OneThreadServesOneConnectionAtATime) {
  ServerOptions options;
  options.max_threads = 1;
  Server server(seed_catalog(), options);
  RawConnection first(server.port());
  ASSERT_TRUE(first.send(raw_seed_post()));
  auto reply = first.read();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 201);
  // `first` is kept alive, idle: the one thread waits on it.
  RawConnection second(server.port());
  ASSERT_TRUE(second.connected());  // the kernel queues it
  ASSERT_TRUE(second.send(raw_seed_post()));
  EXPECT_FALSE(second.read(std::chrono::milliseconds(300)));
  first.close();
  reply = second.read();
  ASSERT_TRUE(reply) << "the second connection was not served once the first closed";
  EXPECT_EQ(reply->status, 201);
}

}  // namespace
}  // namespace mockserver::test_support
