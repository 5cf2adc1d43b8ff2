// A MockServer is a Server made for one test: a fresh one on a free port, with hooks and
// waiting (a RequestFeed), matcher-driven overrides, and strict mode, which adds a test
// failure when it goes if any request broke a contract, so a client bug can't hide behind
// a 4xx the client swallowed. Declare it in the test (or use MockServerTest).
//
//   MockServer server({"docs/user-post.md"}, {.strict = true});
//   httplib::Client client(server.url());
//   client.Post("/v1.0/users", headers, body, "application/json");
//   EXPECT_THAT(server.requests(), ElementsAre(AllOf(IsPost("/v1.0/users"), HasStatus(201))));
#pragma once

#include <mockserver/server.hpp>
#include <mockserver/testing/request_feed.hpp>
#include <mockserver/testing/strict.hpp>

#include <gmock/gmock.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace mockserver::testing {

struct MockServerOptions {
  ServerOptions server = {};
  bool strict = false;  // a failure at the end for each request that broke a contract
};

// Where a MockServer was declared: the caller's file and line, by default arguments
// (std::source_location is missing from clang 14 with libstdc++ 12).
struct DeclaredAt {
  DeclaredAt(const char* file = __builtin_FILE(), int line = __builtin_LINE())
      : file(file), line(line) {}
  const char* file;
  int line;
};

class MockServer {
 public:
  // A catalog that has no contract is a setup error: it adds a failure naming the
  // diagnostics. Strict mode's failure points at `where`.
  explicit MockServer(Catalog catalog, MockServerOptions options = {}, DeclaredAt where = {});
  explicit MockServer(const std::vector<std::filesystem::path>& pages,
                      MockServerOptions options = {}, DeclaredAt where = {});
  ~MockServer();  // stops the server, then applies strict mode
  MockServer(const MockServer&) = delete;
  MockServer& operator=(const MockServer&) = delete;

  std::string url() const;  // "http://127.0.0.1:40123"
  int port() const;
  Server& server();
  const Catalog& catalog() const;
  std::vector<JournalEntry> requests() const;

  // Hooks: each request, as it arrives, until the Subscription goes.
  [[nodiscard]] Subscription on_request(RequestHook hook);
  [[nodiscard]] Subscription on_request(::testing::MockFunction<void(const JournalEntry&)>& mock);

  ::testing::AssertionResult wait_for_requests(
      std::size_t count, std::chrono::milliseconds timeout = std::chrono::seconds(5)) const;
  ::testing::AssertionResult wait_for(
      const ::testing::Matcher<const JournalEntry&>& matcher,
      std::chrono::milliseconds timeout = std::chrono::seconds(5)) const;

  // Overrides; with a matcher, only requests matching it (and override.matches, if set).
  OverrideId add_override(Override override);
  OverrideId add_override(const ::testing::Matcher<const JournalEntry&>& when, Override override);
  void remove_override(OverrideId id);
  std::size_t override_hits(OverrideId id) const;

  // Strict mode: on, off, requests it lets pass (a test of the client's 400 handling),
  // and the check itself, which strict mode runs when the server goes.
  void set_strict(bool strict);
  void tolerate(::testing::Matcher<const JournalEntry&> matcher);
  ::testing::AssertionResult contracts_kept() const;

  void stop();  // idempotent

 private:
  MockServerOptions options_;
  DeclaredAt where_;
  std::vector<::testing::Matcher<const JournalEntry&>> tolerated_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<RequestFeed> feed_;
};

}  // namespace mockserver::testing
