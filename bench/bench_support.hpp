// Shared inputs of the benchmarks (not a benchmark itself): the seed page, the valid
// request the load generator also posts, and where the corpus is. The corpus path can
// be overridden with MOCKSERVER_BENCH_CORPUS, which ctest points at fixtures/ so that
// each binary runs once on a tiny input.
#pragma once

#include <mockserver/catalog.hpp>
#include <mockserver/exchange.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace mockserver::bench {

inline const std::string kSourceDir = MOCKSERVER_SOURCE_DIR;
inline const std::string kSeedPage =
    kSourceDir + "/fixtures/windowsupdateforbusinessconfiguration-post-deviceupdatestates.md";

// The POST the throughput workload sends (scripts/bench posts the same bytes with wrk).
inline const std::string kSeedTarget =
    "/beta/deviceManagement/deviceConfigurations/42/"
    "microsoft.graph.windowsUpdateForBusinessConfiguration/deviceUpdateStates";
inline const std::string kSeedBody =
    R"({"@odata.type":"#microsoft.graph.windowsUpdateState","deviceId":"Device Id value",)"
    R"("userId":"User Id value","deviceDisplayName":"Device Display Name value",)"
    R"("userPrincipalName":"User Principal Name value","status":"upToDate",)"
    R"("qualityUpdateVersion":"Quality Update Version value",)"
    R"("featureUpdateVersion":"Feature Update Version value",)"
    R"("lastScanDateTime":"2016-12-31T23:56:31.6960562+03:00",)"
    R"("lastSyncDateTime":"2017-01-01T00:00:28.8363536+03:00"})";

inline Request seed_request() {
  return Request{"POST",
                 kSeedTarget,
                 {{"Host", "127.0.0.1"},
                  {"Authorization", "Bearer x"},
                  {"Content-Type", "application/json"},
                  {"Content-Length", std::to_string(kSeedBody.size())}},
                 kSeedBody};
}

inline std::string corpus_dir() {
  if (const char* dir = std::getenv("MOCKSERVER_BENCH_CORPUS"); dir && *dir) return dir;
  return kSourceDir + "/../shared/graph-docs";
}

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return std::move(out).str();
}

}  // namespace mockserver::bench
