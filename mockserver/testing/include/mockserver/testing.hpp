// GoogleTest and GoogleMock integration: everything a client's unit tests need to use
// mockserver as their fake Graph service. Link mockserver::testing.
//
//   #include <mockserver/testing.hpp>
//   using namespace mockserver::testing;
//
//   TEST(Client, CreatesAState) {
//     MockServer server({"docs/state-post.md"}, {.strict = true});
//     ... call the client with server.url() ...
//     EXPECT_THAT(server.requests(), ElementsAre(AllOf(IsPost(), HasStatus(201))));
//   }
#pragma once

#include <mockserver/testing/fixture.hpp>
#include <mockserver/testing/mock_server.hpp>
#include <mockserver/testing/outcome_matchers.hpp>
#include <mockserver/testing/overrides.hpp>
#include <mockserver/testing/printers.hpp>
#include <mockserver/testing/request_feed.hpp>
#include <mockserver/testing/request_matchers.hpp>
#include <mockserver/testing/strict.hpp>
