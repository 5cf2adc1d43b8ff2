// A Server serves a catalog's contracts over HTTP from its own threads. It is
// listening when the constructor returns and stops in the destructor; port 0 picks
// a free port. Servers are independent: each has its own contracts, journal and
// id sequence, so many can live in one process.
//
//   mockserver::Server server({"docs/"});               // or Server(compile_pages(...))
//   httplib::Client client(server.url());
//   EXPECT_EQ(server.requests().back().status, 201);
#pragma once

#include <mockserver/catalog.hpp>
#include <mockserver/exchange.hpp>
#include <mockserver/journal.hpp>
#include <mockserver/override.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mockserver {

struct ServerOptions {
  std::string host = "127.0.0.1";     // loopback unless told otherwise
  int port = 0;                       // 0: a free port
  std::optional<std::uint64_t> seed;  // ids: the same seed gives the same ids; unset: random
  ResponseMode mode = ResponseMode::canned;
  Validation validation = Validation::strict;
  std::size_t body_limit = 1 << 20;
  std::size_t journal_limit = 0;  // 0: unbounded
  std::chrono::seconds read_timeout{5};
  std::chrono::seconds keep_alive_timeout{5};
  std::size_t max_threads = 256;  // connection threads; idle keep-alive connections hold one each
  // Limits on hostile input; each refusal is answered in Graph's error shape and journaled.
  std::size_t max_header_count = 100;       // more header fields: 431
  std::size_t max_header_bytes = 64 << 10;  // more bytes of header fields: 431
  std::size_t max_json_depth = 64;          // deeper JSON nesting: 400
};

class Server {
 public:
  explicit Server(Catalog catalog, ServerOptions options = {});
  explicit Server(const std::vector<std::filesystem::path>& pages, ServerOptions options = {});
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  std::string url() const;  // "http://127.0.0.1:4010"
  std::string host() const;
  int port() const;

  const Catalog& catalog() const;
  Journal& journal();
  std::vector<JournalEntry> requests() const;  // journal snapshot

  // Overrides: the most recently added matching one answers. Expired ones (times used
  // up) stay listed with their hit count until removed.
  OverrideId add_override(Override override);
  void remove_override(OverrideId id);
  void clear_overrides();
  std::size_t override_hits(OverrideId id) const;  // requests the override answered

  // Idempotent; the destructor calls it. Closes the port, lets requests being answered
  // finish, and ends idle keep-alive connections and half-sent requests at once.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mockserver
