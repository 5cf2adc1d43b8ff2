// Route lookup against routers of 1, 1,000 and 10,000 routes: the seed's POST, found by
// the segment trie among synthetic Graph-like templates (literal segments from a
// vocabulary, placeholders, a version segment in the request). The lookup should cost the
// same whatever the number of routes.
#include <benchmark/benchmark.h>

#include <mockserver/router.hpp>

#include <random>
#include <set>

#include "bench_support.hpp"

namespace mockserver::bench {
namespace {

const char* const kWords[] = {"users",
                              "groups",
                              "devices",
                              "deviceManagement",
                              "messages",
                              "events",
                              "calendars",
                              "drives",
                              "items",
                              "children",
                              "sites",
                              "lists",
                              "teams",
                              "channels",
                              "members",
                              "applications",
                              "servicePrincipals",
                              "policies",
                              "reports",
                              "security",
                              "identity",
                              "education",
                              "classes",
                              "schools",
                              "contacts",
                              "planner",
                              "tasks",
                              "plans",
                              "buckets",
                              "onenote",
                              "notebooks",
                              "sections",
                              "pages",
                              "attachments",
                              "extensions",
                              "owners",
                              "assignments",
                              "settings",
                              "deviceConfigurations",
                              "userStatuses"};

// The seed's contract plus n - 1 distinct synthetic templates.
std::vector<Contract> routes(std::size_t n) {
  std::vector<Contract> contracts;
  Contract seed;
  seed.method = "POST";
  seed.path =
      "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/"
      "microsoft.graph.windowsUpdateForBusinessConfiguration/deviceUpdateStates";
  seed.api_version = "beta";
  contracts.push_back(seed);
  std::mt19937 random(42);
  std::set<std::string> seen{seed.path};
  const char* const methods[] = {"GET", "POST", "PATCH", "DELETE"};
  while (contracts.size() < n) {
    std::string path;
    std::size_t depth = 1 + random() % 6;
    for (std::size_t d = 0; d < depth; ++d) {
      if (d % 2 == 1 && random() % 10 < 7)
        path += "/{id" + std::to_string(d) + "}";
      else
        path += std::string("/") + kWords[random() % std::size(kWords)] +
                (random() % 3 == 0 ? std::to_string(random() % 50) : "");
    }
    if (!seen.insert(path).second) continue;
    Contract c;
    c.method = methods[random() % std::size(methods)];
    c.path = path;
    c.api_version = "v1.0";
    contracts.push_back(std::move(c));
  }
  return contracts;
}

void BM_RouteLookup(benchmark::State& state) {
  const std::vector<Contract> contracts = routes(static_cast<std::size_t>(state.range(0)));
  const Router router(contracts);
  for (auto _ : state) {
    RouteMatch match = router.match("POST", kSeedTarget);
    benchmark::DoNotOptimize(match);
    if (match.outcome != RouteMatch::Outcome::found) state.SkipWithError("seed route not found");
  }
  state.counters["routes"] = static_cast<double>(router.size());
}
BENCHMARK(BM_RouteLookup)->Arg(1)->Arg(1000)->Arg(10000);

// A path that matches nothing: the miss (before the 404's nearest-route search).
void BM_RouteMiss(benchmark::State& state) {
  const std::vector<Contract> contracts = routes(static_cast<std::size_t>(state.range(0)));
  const Router router(contracts);
  for (auto _ : state) {
    RouteMatch match = router.match("POST", "/beta/deviceManagement/nothing/here");
    benchmark::DoNotOptimize(match);
  }
}
BENCHMARK(BM_RouteMiss)->Arg(1)->Arg(10000);

void BM_RouterBuild(benchmark::State& state) {
  const std::vector<Contract> contracts = routes(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    Router router(contracts);
    benchmark::DoNotOptimize(router);
  }
}
BENCHMARK(BM_RouterBuild)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace mockserver::bench

BENCHMARK_MAIN();
