// Strict mode: which requests broke a contract, and the explanation a test failure shows.
#include "mockserver/testing/strict.hpp"

#include <sstream>

#include "mockserver/exchange.hpp"
#include "mockserver/ids.hpp"
#include "mockserver/router.hpp"
#include "mockserver/testing/printers.hpp"

namespace mockserver::testing {
namespace {

// What the contracts alone answer, for a request an override answered.
JournalEntry replay(const JournalEntry& entry, const Catalog& catalog, std::size_t body_limit) {
  Router router(catalog.contracts);
  IdSequence ids(1), request_ids(2);
  ServingState state{catalog, router, ids, request_ids,
                     ExchangeOptions{ResponseMode::canned, Validation::strict, body_limit, 64}};
  JournalEntry replayed;
  exchange(state, Request{entry.method, entry.target, entry.headers, entry.body}, replayed);
  return replayed;
}

bool kept(const JournalEntry& entry) {
  return entry.contract && entry.violations.empty() && entry.status < 400;
}

// The contract's verdict in lines: route and page, then each violation or the error.
void explain(const JournalEntry& judged, std::ostream& out) {
  if (judged.contract)
    out << "\n    matched " << describe(*judged.contract);
  else
    out << "\n    matched no contract";
  for (const Violation& violation : judged.violations) {
    out << "\n    violation ";
    PrintTo(violation, &out);
  }
  std::string message = graph_error_message(judged.response_body);
  if (judged.violations.empty() && !message.empty()) out << "\n    " << message;
}

}  // namespace

std::optional<std::string> broken_contract(const JournalEntry& entry, const Catalog& catalog,
                                           std::size_t body_limit) {
  const JournalEntry* judged = &entry;
  JournalEntry replayed;
  if (entry.overridden && entry.contract && entry.violations.empty()) {
    replayed = replay(entry, catalog, body_limit);
    judged = &replayed;
  }
  if (kept(*judged)) return std::nullopt;
  std::ostringstream out;
  out << "#" << entry.sequence << ' ' << entry.method << ' ' << entry.target << " -> "
      << entry.status;
  if (!entry.error_code.empty()) out << ' ' << entry.error_code;
  if (entry.overridden) {
    out << " (answered by an override; the contract alone answers " << judged->status;
    if (!judged->error_code.empty()) out << ' ' << judged->error_code;
    out << ')';
  }
  explain(*judged, out);
  if (!entry.body.empty()) out << "\n    body: " << abbreviate(entry.body, 400);
  return out.str();
}

::testing::AssertionResult contracts_kept(const std::vector<JournalEntry>& entries,
                                          const Catalog& catalog, const StrictOptions& options) {
  std::vector<std::string> broken;
  for (const JournalEntry& entry : entries) {
    bool tolerated = false;
    for (const auto& matcher : options.tolerated) tolerated = tolerated || matcher.Matches(entry);
    if (tolerated) continue;
    if (auto why = broken_contract(entry, catalog, options.body_limit))
      broken.push_back(std::move(*why));
  }
  if (broken.empty()) return ::testing::AssertionSuccess();
  auto failure = ::testing::AssertionFailure();
  failure << "strict mode: " << broken.size() << " of " << entries.size()
          << (entries.size() == 1 ? " request" : " requests") << " broke the contracts:";
  for (const std::string& why : broken) failure << "\n  " << why;
  return failure;
}

}  // namespace mockserver::testing
