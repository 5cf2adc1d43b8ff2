// Strict mode's judgement: which requests broke a contract, and why, in words a test
// failure can show. A request breaks the contracts when it matched no route (404, 405),
// when the server found a violation (even one a lenient server let through), or when its
// answer was a 4xx of the contract's own (bad JSON, too large). A request an override
// answered is replayed against the contracts, so an error can't hide behind a 429 either.
//
//   ::testing::AssertionResult kept = contracts_kept(server.requests(), server.catalog());
//   EXPECT_TRUE(kept);  // on failure: every offending request, its route, page and violations
#pragma once

#include <mockserver/catalog.hpp>
#include <mockserver/journal.hpp>

#include <gmock/gmock.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace mockserver::testing {

struct StrictOptions {
  std::size_t body_limit = 1 << 20;  // the server's, for replaying overridden requests
  std::vector<::testing::Matcher<const JournalEntry&>> tolerated = {};  // exempt requests
};

// Why the request broke the contracts (several lines), or nullopt when it kept them.
std::optional<std::string> broken_contract(const JournalEntry& entry, const Catalog& catalog,
                                           std::size_t body_limit = 1 << 20);

// Success when every request kept the contracts; else a failure explaining each that didn't.
::testing::AssertionResult contracts_kept(const std::vector<JournalEntry>& entries,
                                          const Catalog& catalog,
                                          const StrictOptions& options = {});

}  // namespace mockserver::testing
