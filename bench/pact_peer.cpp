// `bench_pact --lib PATH/libpact_ffi.so [--runs N] [--serve [--port P]]`: Pact's mock
// server, driven in-process through pact_ffi's C ABI. The library is dlopen()ed at run time
// (scripts/bench finds it in the npm package @pact-foundation/pact-core-linux-x64-glibc),
// so building this needs nothing of Pact. The seed's contract is one interaction: a POST on
// the path template (a regex), `Authorization: Bearer ...` (a regex), a JSON body shaped like
// the seed's example (a type matcher per string, a regex for `status` and for the dates) and
// the documented 201, its `id` a generated UUID.
//   default   in-process start-up, median of N runs (default 200), as bench_startup measures
//             the mock: building the pact and its interaction, starting the mock server on
//             127.0.0.1 and a client's first POST of the seed body, until its 201. Tearing the
//             server down is not timed. Prints "pact: median p10 p90 (ms)".
//   --serve   starts one mock server (on --port, default a free one), prints
//             "listening on http://127.0.0.1:PORT" and serves until SIGTERM or SIGINT.
//   --version prints the library's version ("libpact_ffi 0.5.8").
// Without --lib it says so and exits 77 (ctest's skip code).
#include <dlfcn.h>
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include <httplib.h>
#include "bench_support.hpp"

namespace mockserver::bench {
namespace {

using Clock = std::chrono::steady_clock;

// pact_ffi's C ABI as its pact.h declares it (0.4.x and 0.5.x): handles are structs holding
// one integer, InteractionPart and PactSpecification are C enums.
struct PactHandle {
  std::uint16_t pact_ref;
};
struct InteractionHandle {
  std::uint32_t interaction_ref;
};
enum InteractionPart : int { kRequestPart = 0, kResponsePart = 1 };
constexpr int kSpecificationV4 = 5;

struct PactFfi {
  const char* (*version)();
  PactHandle (*new_pact)(const char* consumer, const char* provider);
  bool (*with_specification)(PactHandle, int specification);
  InteractionHandle (*new_interaction)(PactHandle, const char* description);
  bool (*with_request)(InteractionHandle, const char* method, const char* path);
  bool (*with_header_v2)(InteractionHandle, int part, const char* name, std::size_t index,
                         const char* value);
  bool (*with_body)(InteractionHandle, int part, const char* content_type, const char* body);
  bool (*response_status)(InteractionHandle, unsigned short status);
  std::int32_t (*create_mock_server_for_transport)(PactHandle, const char* address,
                                                   std::uint16_t port, const char* transport,
                                                   const char* transport_config);
  char* (*mock_server_mismatches)(std::int32_t port);
  bool (*cleanup_mock_server)(std::int32_t port);
  std::uint32_t (*free_pact_handle)(PactHandle);
};

template <class F>
void bind(void* library, F& function, const char* name) {
  function = reinterpret_cast<F>(dlsym(library, name));
  if (!function) throw std::runtime_error(std::string(name) + " is not in the library");
}

PactFfi load(const std::string& path) {
  void* library = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!library) throw std::runtime_error(dlerror());
  PactFfi f{};
  bind(library, f.version, "pactffi_version");
  bind(library, f.new_pact, "pactffi_new_pact");
  bind(library, f.with_specification, "pactffi_with_specification");
  bind(library, f.new_interaction, "pactffi_new_interaction");
  bind(library, f.with_request, "pactffi_with_request");
  bind(library, f.with_header_v2, "pactffi_with_header_v2");
  bind(library, f.with_body, "pactffi_with_body");
  bind(library, f.response_status, "pactffi_response_status");
  bind(library, f.create_mock_server_for_transport, "pactffi_create_mock_server_for_transport");
  bind(library, f.mock_server_mismatches, "pactffi_mock_server_mismatches");
  bind(library, f.cleanup_mock_server, "pactffi_cleanup_mock_server");
  bind(library, f.free_pact_handle, "pactffi_free_pact_handle");
  return f;
}

// Pact's "integration JSON": a value with matching rules instead of a literal.
std::string like(const std::string& example) {
  return R"({"pact:matcher:type":"type","value":")" + example + R"("})";
}
std::string regex(const std::string& pattern, const std::string& example) {
  return R"({"pact:matcher:type":"regex","regex":")" + pattern + R"(","value":")" + example +
         R"("})";
}

const std::string kDate =
    R"(^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)$)";
const std::string kPath =
    regex(R"(^/beta/deviceManagement/deviceConfigurations/[^/]+/)"
          R"(microsoft\\.graph\\.windowsUpdateForBusinessConfiguration/deviceUpdateStates$)",
          kSeedTarget);
const std::string kAuthorization = regex("^Bearer .+$", "Bearer x");
const std::string kRequestBody =
    R"({"@odata.type":"#microsoft.graph.windowsUpdateState","deviceId":)" +
    like("Device Id value") + R"(,"userId":)" + like("User Id value") + R"(,"deviceDisplayName":)" +
    like("Device Display Name value") + R"(,"userPrincipalName":)" +
    like("User Principal Name value") + R"(,"status":)" +
    regex("^(upToDate|pendingInstallation|pendingReboot|failed)$", "upToDate") +
    R"(,"qualityUpdateVersion":)" + like("Quality Update Version value") +
    R"(,"featureUpdateVersion":)" + like("Feature Update Version value") +
    R"(,"lastScanDateTime":)" + regex(kDate, "2016-12-31T23:56:31.6960562+03:00") +
    R"(,"lastSyncDateTime":)" + regex(kDate, "2017-01-01T00:00:28.8363536+03:00") + "}";
const std::string kResponseBody =
    R"({"@odata.type":"#microsoft.graph.windowsUpdateState",)"
    R"("id":{"pact:matcher:type":"type","value":"98c6922f-922f-98c6-2f92-c6982f92c698",)"
    R"("pact:generator:type":"Uuid"},"deviceId":"Device Id value","userId":"User Id value",)"
    R"("deviceDisplayName":"Device Display Name value",)"
    R"("userPrincipalName":"User Principal Name value","status":"String",)"
    R"("qualityUpdateVersion":"Quality Update Version value",)"
    R"("featureUpdateVersion":"Feature Update Version value",)"
    R"("lastScanDateTime":"2016-12-31T23:56:31.6960562+03:00",)"
    R"("lastSyncDateTime":"2017-01-01T00:00:28.8363536+03:00"})";

void check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string(what) + " failed");
}

struct Running {
  PactHandle pact;
  std::int32_t port;
};

Running start(const PactFfi& ffi, std::uint16_t port) {
  PactHandle pact = ffi.new_pact("mockserver-bench", "seed");
  check(ffi.with_specification(pact, kSpecificationV4), "pactffi_with_specification");
  InteractionHandle post = ffi.new_interaction(pact, "a POST of the seed body");
  check(ffi.with_request(post, "POST", kPath.c_str()), "pactffi_with_request");
  check(ffi.with_header_v2(post, kRequestPart, "Authorization", 0, kAuthorization.c_str()),
        "pactffi_with_header_v2");
  check(ffi.with_body(post, kRequestPart, "application/json", kRequestBody.c_str()),
        "pactffi_with_body (request)");
  check(ffi.response_status(post, 201), "pactffi_response_status");
  check(ffi.with_body(post, kResponsePart, "application/json", kResponseBody.c_str()),
        "pactffi_with_body (response)");
  std::int32_t bound = ffi.create_mock_server_for_transport(pact, "127.0.0.1", port, "http", "{}");
  if (bound <= 0) {
    ffi.free_pact_handle(pact);
    throw std::runtime_error("pactffi_create_mock_server_for_transport: " + std::to_string(bound));
  }
  return {pact, bound};
}

void stop(const PactFfi& ffi, Running running) {
  ffi.cleanup_mock_server(running.port);
  ffi.free_pact_handle(running.pact);
}

int post_seed(int port) {
  httplib::Client client("127.0.0.1", port);
  client.set_tcp_nodelay(true);
  auto response =
      client.Post(kSeedTarget, {{"Authorization", "Bearer x"}}, kSeedBody, "application/json");
  return response ? response->status : -1;
}

double start_to_first_201(const PactFfi& ffi) {
  auto t0 = Clock::now();
  Running running = start(ffi, 0);
  int status = post_seed(running.port);
  auto t1 = Clock::now();
  if (status != 201) {
    char* mismatches = ffi.mock_server_mismatches(running.port);
    std::string why = mismatches ? mismatches : "";
    stop(ffi, running);
    throw std::runtime_error("pact answered " + std::to_string(status) + ": " + why);
  }
  stop(ffi, running);
  return std::chrono::duration<double, std::milli>(t1 - t0).count();
}

int serve(const PactFfi& ffi, int port) {
  // Every thread pact_ffi starts inherits this mask, so the signals wait for sigwait below.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  Running running = start(ffi, static_cast<std::uint16_t>(port));
  std::cout << "listening on http://127.0.0.1:" << running.port << std::endl;
  int received = 0;
  sigwait(&signals, &received);
  char* mismatches = ffi.mock_server_mismatches(running.port);
  if (mismatches && std::strcmp(mismatches, "[]") != 0)
    std::cerr << "bench_pact: mismatches: " << std::string(mismatches).substr(0, 2000) << '\n';
  stop(ffi, running);
  return 0;
}

}  // namespace
}  // namespace mockserver::bench

int main(int argc, char** argv) {
  using namespace mockserver::bench;
  const char* usage =
      "usage: bench_pact --lib PATH/libpact_ffi.so [--runs N | --serve [--port P] | --version]\n";
  std::string library;
  int runs = 200;
  int port = 0;
  bool serving = false;
  bool version = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::cout << usage;
      return 0;
    } else if (arg == "--serve") {
      serving = true;
    } else if (arg == "--version") {
      version = true;
    } else if (i + 1 < argc && arg == "--lib") {
      library = argv[++i];
    } else if (i + 1 < argc && arg == "--runs") {
      runs = std::max(1, std::atoi(argv[++i]));
    } else if (i + 1 < argc && arg == "--port") {
      port = std::atoi(argv[++i]);
    } else {
      std::cerr << usage;
      return 2;
    }
  }
  if (library.empty()) {
    std::cerr << "bench_pact: no libpact_ffi.so given (--lib PATH); skipped\n";
    return 77;
  }
  try {
    PactFfi ffi = load(library);
    if (version) {
      std::cout << "libpact_ffi " << ffi.version() << std::endl;
      return 0;
    }
    if (serving) return serve(ffi, port);
    start_to_first_201(ffi);  // warm the library's runtime and the allocator
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) ms.push_back(start_to_first_201(ffi));
    std::sort(ms.begin(), ms.end());
    auto at = [&](double q) { return ms[static_cast<std::size_t>(q * (ms.size() - 1))]; };
    std::cout << "pact: " << at(0.5) << " " << at(0.1) << " " << at(0.9) << " (ms)" << std::endl;
  } catch (const std::exception& e) {
    std::cerr << "bench_pact: " << e.what() << '\n';
    return 1;
  }
}
