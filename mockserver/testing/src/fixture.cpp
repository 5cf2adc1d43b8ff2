// MockServerTest: a fresh MockServer per test.
#include "mockserver/testing/fixture.hpp"

namespace mockserver::testing {

void MockServerTest::SetUp() { server_ = std::make_unique<MockServer>(catalog(), options()); }

void MockServerTest::TearDown() { server_.reset(); }

}  // namespace mockserver::testing
