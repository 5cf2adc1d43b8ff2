// A RequestFeed follows a journal as requests arrive: hooks see each request (a
// ::testing::MockFunction works, so EXPECT_CALL's ordering and cardinality apply) and
// tests can wait, without sleeping, for a number of requests or for one that matches.
// Hooks run on the server's thread, one request at a time, before the client gets its
// answer; a hook is removed when its Subscription goes (waiting for a call in flight).
//
//   RequestFeed feed(server.journal());
//   ::testing::MockFunction<void(const JournalEntry&)> on_request;
//   EXPECT_CALL(on_request, Call(IsPost())).Times(2);
//   auto hook = feed.subscribe(on_request.AsStdFunction());
//   ASSERT_TRUE(feed.wait_for_requests(2, std::chrono::seconds(5)));
#pragma once

#include <mockserver/journal.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <vector>

namespace mockserver::testing {

using RequestHook = std::function<void(const JournalEntry&)>;

class Subscription {
 public:
  Subscription() = default;
  ~Subscription() { cancel(); }
  Subscription(Subscription&& other) noexcept { *this = std::move(other); }
  Subscription& operator=(Subscription&& other) noexcept;
  Subscription(const Subscription&) = delete;
  Subscription& operator=(const Subscription&) = delete;

  void cancel();  // the hook is not called after this returns; not from inside the hook

 private:
  friend class RequestFeed;
  explicit Subscription(std::function<void()> cancel) : cancel_(std::move(cancel)) {}
  std::function<void()> cancel_;
};

class RequestFeed {
 public:
  // Follows the journal from now on; requests already in it count as arrived.
  explicit RequestFeed(Journal& journal);
  ~RequestFeed();
  RequestFeed(const RequestFeed&) = delete;
  RequestFeed& operator=(const RequestFeed&) = delete;

  [[nodiscard]] Subscription subscribe(RequestHook hook);

  // Success once `count` requests have arrived (and their hooks have run); on timeout, a
  // failure listing those that did.
  ::testing::AssertionResult wait_for_requests(std::size_t count,
                                               std::chrono::milliseconds timeout) const;
  // Success once a request matching the matcher has arrived; on timeout, a failure that
  // explains why each arrived request did not match.
  ::testing::AssertionResult wait_for(const ::testing::Matcher<const JournalEntry&>& matcher,
                                      std::chrono::milliseconds timeout) const;

  std::vector<JournalEntry> arrived() const;  // in the order their hooks ran

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace mockserver::testing
