// Fresh ids and the journal through real Servers over sockets: ids unique across many
// sequential and concurrent requests, reproducible from a seed; every request journaled,
// the journal's limit, and servers in one process that share nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "server_support.hpp"

namespace mockserver::test_support {
namespace {

std::string created_id(httplib::Client& client) {
  auto res = client.Post(kSeedUrl.c_str(), bearer(), seed_text(), "application/json");
  if (!res) return "(" + httplib::to_string(res.error()) + ")";
  if (res->status != 201) return "(status " + std::to_string(res->status) + ")";
  return str(json_of(res->body).as_object().if_contains("id"));
}

TEST(Ids, UniqueAcrossTenThousandSequentialRequests) {
  Server server(seed_catalog());
  auto client = fast_client(server.url());
  std::set<std::string> ids;
  for (int i = 0; i < 10000; ++i) {
    std::string id = created_id(*client);
    ASSERT_TRUE(is_uuid(id)) << "request " << i << ": " << id;
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), 10000u);
  EXPECT_EQ(server.journal().received(), 10000u);
  std::set<std::string> request_ids;
  for (const JournalEntry& e : server.requests()) request_ids.insert(e.request_id);
  EXPECT_EQ(request_ids.size(), 10000u);
}

TEST(Ids, UniqueAcrossConcurrentClients) {
  Server server(seed_catalog());
  constexpr int kClients = 4, kEach = 500;
  std::vector<std::vector<std::string>> got(kClients);
  std::vector<std::thread> threads;
  for (int c = 0; c < kClients; ++c)
    threads.emplace_back([&, c] {
      auto client = fast_client(server.url());
      for (int i = 0; i < kEach; ++i) got[c].push_back(created_id(*client));
    });
  for (std::thread& t : threads) t.join();
  std::set<std::string> ids;
  for (const auto& list : got)
    for (const std::string& id : list) {
      EXPECT_TRUE(is_uuid(id)) << id;
      ids.insert(id);
    }
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kClients * kEach));
  EXPECT_EQ(server.journal().received(), static_cast<std::size_t>(kClients * kEach));
  // Sequence numbers are 1..N with no gaps or repeats.
  std::set<std::uint64_t> sequences;
  for (const JournalEntry& e : server.requests()) sequences.insert(e.sequence);
  EXPECT_EQ(sequences.size(), static_cast<std::size_t>(kClients * kEach));
  EXPECT_EQ(*sequences.begin(), 1u);
  EXPECT_EQ(*sequences.rbegin(), static_cast<std::uint64_t>(kClients * kEach));
}

std::vector<std::string> ids_from(std::optional<std::uint64_t> seed, int n) {
  ServerOptions options;
  options.seed = seed;
  Server server(seed_catalog(), options);
  auto client = fast_client(server.url());
  std::vector<std::string> ids;
  for (int i = 0; i < n; ++i) ids.push_back(created_id(*client));
  for (const JournalEntry& e : server.requests()) ids.push_back("request-id " + e.request_id);
  return ids;
}

TEST(Ids, SameSeedSameIdsDifferentSeedDifferentIds) {
  auto a = ids_from(42, 20), b = ids_from(42, 20), c = ids_from(43, 20);
  EXPECT_EQ(a, b);
  ASSERT_EQ(a.size(), c.size());
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_NE(a[i], c[i]) << i;
  std::set<std::string> all(a.begin(), a.end());
  all.insert(c.begin(), c.end());
  EXPECT_EQ(all.size(), a.size() + c.size());
  // Unseeded servers differ from each other.
  EXPECT_NE(ids_from(std::nullopt, 3), ids_from(std::nullopt, 3));
}

TEST(Journal, RecordsEveryRequestIncludingErrors) {
  Server server(seed_catalog());
  httplib::Client client(server.url());
  std::vector<int> statuses;
  auto post = [&](const std::string& target, const httplib::Headers& headers,
                  const std::string& body) {
    auto res = client.Post(target.c_str(), headers, body, "application/json");
    statuses.push_back(res ? res->status : 0);
  };
  post(kSeedUrl, bearer(), seed_text());                       // 201
  post("/nowhere", bearer(), seed_text());                     // 404
  post(kSeedUrl, {}, seed_text());                             // 401
  post(kSeedUrl, bearer(), "{");                               // 400
  post(kSeedUrl, bearer(), R"({"status": "nope"})");           // 400
  statuses.push_back(client.Get(kSeedUrl.c_str())->status);    // 405
  statuses.push_back(client.Delete("/v1.0/users/1")->status);  // 404
  statuses.push_back(client.Patch(kSeedUrl.c_str())->status);  // 405
  EXPECT_THAT(statuses, ::testing::ElementsAre(201, 404, 401, 400, 400, 405, 404, 405));

  auto entries = server.requests();
  ASSERT_EQ(entries.size(), statuses.size());
  EXPECT_EQ(server.journal().received(), statuses.size());
  EXPECT_EQ(server.journal().size(), statuses.size());
  EXPECT_EQ(server.journal().overflowed(), 0u);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    EXPECT_EQ(entries[i].status, statuses[i]) << i;
    EXPECT_EQ(entries[i].sequence, i + 1);
  }
  EXPECT_EQ(entries[1].target, "/nowhere");
  EXPECT_EQ(entries[3].body, "{");
  EXPECT_EQ(entries[4].violations.size(), 1u);
  EXPECT_EQ(entries[6].method, "DELETE");

  server.journal().clear();
  EXPECT_EQ(server.journal().size(), 0u);
  EXPECT_EQ(server.journal().received(), statuses.size());
}

TEST(Journal, LimitDropsTheOldestAndCountsThem) {
  ServerOptions options;
  options.journal_limit = 10;
  Server server(seed_catalog(), options);
  httplib::Client client(server.url());
  for (int i = 0; i < 25; ++i)
    ASSERT_EQ(client.Get(("/r/" + std::to_string(i)).c_str())->status, 404);
  EXPECT_EQ(server.journal().size(), 10u);
  EXPECT_EQ(server.journal().received(), 25u);
  EXPECT_EQ(server.journal().overflowed(), 15u);
  auto entries = server.requests();
  ASSERT_EQ(entries.size(), 10u);
  EXPECT_EQ(entries.front().target, "/r/15");
  EXPECT_EQ(entries.front().sequence, 16u);
  EXPECT_EQ(entries.back().target, "/r/24");
}

TEST(Journal, ListenersSeeEachEntry) {
  Server server(seed_catalog());
  std::mutex mutex;
  std::vector<int> seen;
  server.journal().on_record([&](const JournalEntry& e) {
    std::lock_guard lock(mutex);
    seen.push_back(e.status);
  });
  httplib::Client client(server.url());
  client.Post(kSeedUrl.c_str(), bearer(), seed_text(), "application/json");
  client.Get("/x");
  std::lock_guard lock(mutex);
  EXPECT_THAT(seen, ::testing::ElementsAre(201, 404));
}

TEST(ManyServers, AreIndependent) {
  constexpr int kServers = 6;
  std::vector<std::unique_ptr<Server>> servers;
  std::set<int> ports;
  ServerOptions options;
  options.seed = 7;  // even the same seed: each server has its own sequence
  for (int i = 0; i < kServers; ++i) {
    servers.push_back(std::make_unique<Server>(seed_catalog(), options));
    ports.insert(servers.back()->port());
    EXPECT_GT(servers.back()->port(), 0);
  }
  EXPECT_EQ(ports.size(), static_cast<std::size_t>(kServers));
  std::vector<std::string> first_ids;
  for (int i = 0; i < kServers; ++i) {
    httplib::Client client(servers[i]->url());
    for (int k = 0; k <= i; ++k) {
      std::string id = created_id(client);
      if (k == 0) first_ids.push_back(id);
    }
  }
  for (int i = 0; i < kServers; ++i) {
    EXPECT_EQ(servers[i]->journal().received(), static_cast<std::size_t>(i + 1));
    EXPECT_EQ(first_ids[i], first_ids[0]);
  }
  // Stopping one leaves the others serving.
  servers[0]->stop();
  httplib::Client client(servers[1]->url());
  EXPECT_TRUE(is_uuid(created_id(client)));
  EXPECT_EQ(servers[1]->journal().received(), 3u);
  EXPECT_EQ(servers[0]->journal().received(), 1u);
}

}  // namespace
}  // namespace mockserver::test_support
