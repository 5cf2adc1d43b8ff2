// MockServerTest is a GoogleTest fixture that gives each test a fresh MockServer and
// stops it after the test (strict mode's failure, if any, lands on that test). Derive
// from it and say what to serve:
//
//   class UsersClientTest : public mockserver::testing::MockServerTest {
//     mockserver::Catalog catalog() const override { return mockserver::load_catalog({kPages}); }
//     MockServerOptions options() const override { return {.strict = true}; }
//   };
//   TEST_F(UsersClientTest, Creates) { UsersClient client(server().url()); ... }
#pragma once

#include <mockserver/testing/mock_server.hpp>

#include <gtest/gtest.h>

#include <memory>

namespace mockserver::testing {

class MockServerTest : public ::testing::Test {
 protected:
  virtual Catalog catalog() const = 0;  // called once per test; cache it if it is large
  virtual MockServerOptions options() const { return {}; }

  void SetUp() override;
  void TearDown() override;  // stops the server and applies strict mode

  MockServer& server() { return *server_; }

 private:
  std::unique_ptr<MockServer> server_;
};

}  // namespace mockserver::testing
