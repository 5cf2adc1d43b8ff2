// One request of the throughput workload, stage by stage and whole, without sockets:
// parsing the seed body, validating it against the seed's schema, rendering the 201,
// the whole exchange, and recording it in the journal.
#include <benchmark/benchmark.h>

#include <mockserver/exchange.hpp>
#include <mockserver/lenient_json.hpp>
#include <mockserver/validator.hpp>

#include "bench_support.hpp"
#include "responder.hpp"

namespace mockserver::bench {
namespace {

const Catalog& seed_catalog() {
  static const Catalog catalog = load_catalog({kSeedPage});
  return catalog;
}

const Contract& seed_contract() {
  static const Router router(seed_catalog().contracts);
  RouteMatch match = router.match("POST", kSeedTarget);
  return seed_catalog().contracts.at(static_cast<std::size_t>(match.contract));
}

void BM_ParseBody(benchmark::State& state) {
  for (auto _ : state) {
    StrictJson json = parse_strict_json(kSeedBody);
    benchmark::DoNotOptimize(json);
  }
}
BENCHMARK(BM_ParseBody);

void BM_ValidateSeedBody(benchmark::State& state) {
  const Catalog& catalog = seed_catalog();
  const Contract& contract = seed_contract();
  const boost::json::object body = parse_strict_json(kSeedBody).value.as_object();
  std::vector<Violation> violations;
  for (auto _ : state) {
    violations.clear();
    validate_body(contract.body, catalog.types, catalog.type_names, body, violations);
    benchmark::DoNotOptimize(violations);
  }
  if (!violations.empty()) state.SkipWithError(format(violations.front()).c_str());
}
BENCHMARK(BM_ValidateSeedBody);

void BM_Render201(benchmark::State& state) {
  const Contract& contract = seed_contract();
  const boost::json::object body = parse_strict_json(kSeedBody).value.as_object();
  IdSequence ids(1);
  const std::string request_id = "00000000-0000-4000-8000-000000000000";
  for (auto _ : state) {
    Response response = render_success(contract, &body, ResponseMode::canned, ids, request_id, {});
    benchmark::DoNotOptimize(response);
    if (response.status != 201) state.SkipWithError("not a 201");
  }
}
BENCHMARK(BM_Render201);

void BM_Exchange(benchmark::State& state) {
  const Catalog& catalog = seed_catalog();
  const Router router(catalog.contracts);
  IdSequence ids(1), request_ids(2);
  const ServingState serving{catalog, router, ids, request_ids, {}};
  const Request request = seed_request();
  for (auto _ : state) {
    JournalEntry entry;
    Response response = exchange(serving, request, entry);
    benchmark::DoNotOptimize(response);
    if (response.status != 201) state.SkipWithError(response.body.c_str());
  }
}
BENCHMARK(BM_Exchange);

// The exchange as the server runs it: the entry recorded in an unbounded journal.
void BM_ExchangeAndJournal(benchmark::State& state) {
  const Catalog& catalog = seed_catalog();
  const Router router(catalog.contracts);
  IdSequence ids(1), request_ids(2);
  const ServingState serving{catalog, router, ids, request_ids, {}};
  const Request request = seed_request();
  Journal journal;
  for (auto _ : state) {
    JournalEntry entry;
    Response response = exchange(serving, request, entry);
    journal.record(std::move(entry));
    benchmark::DoNotOptimize(response);
  }
}
BENCHMARK(BM_ExchangeAndJournal);

}  // namespace
}  // namespace mockserver::bench

BENCHMARK_MAIN();
