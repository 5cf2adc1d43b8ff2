// `bench_startup [--runs N]`: in-process start-up, from nothing to the first response,
// median of N runs (default 200). Three ways:
//   mock, from the page:    Server({seed page}) reads and compiles the page, binds, listens
//   mock, from a catalog:   Server(catalog) with the seed page already compiled
//   ceiling:                a bare cpp-httplib server constructed, bound, started on a thread
// each followed by a client's first POST of the seed body, until its 201 arrives. Tearing
// the server down is not timed. Prints "name: median p10 p90 (ms)".
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <iostream>
#include <thread>
#include <vector>

#include <mockserver/server.hpp>

#include "bench_support.hpp"
#include "ceiling.hpp"

namespace mockserver::bench {
namespace {

using Clock = std::chrono::steady_clock;

int post_seed(const std::string& host, int port) {
  httplib::Client client(host, port);
  client.set_tcp_nodelay(true);
  auto response =
      client.Post(kSeedTarget, {{"Authorization", "Bearer x"}}, kSeedBody, "application/json");
  return response ? response->status : -1;
}

// One timed run: returns milliseconds from start to the first 201.
using Run = std::function<double()>;

double mock_from_page() {
  auto t0 = Clock::now();
  Server server({kSeedPage});
  int status = post_seed(server.host(), server.port());
  auto t1 = Clock::now();
  if (status != 201) throw std::runtime_error("mock answered " + std::to_string(status));
  return std::chrono::duration<double, std::milli>(t1 - t0).count();
}

double mock_from_catalog() {
  static const Catalog seed = load_catalog({kSeedPage});
  Catalog copy = seed;
  auto t0 = Clock::now();
  Server server(std::move(copy));
  int status = post_seed(server.host(), server.port());
  auto t1 = Clock::now();
  if (status != 201) throw std::runtime_error("mock answered " + std::to_string(status));
  return std::chrono::duration<double, std::milli>(t1 - t0).count();
}

double ceiling() {
  auto t0 = Clock::now();
  httplib::Server server;
  configure_ceiling(server, 0);
  int port = server.bind_to_any_port("127.0.0.1");
  std::thread thread([&] { server.listen_after_bind(); });
  while (!server.is_running()) std::this_thread::yield();
  int status = post_seed("127.0.0.1", port);
  auto t1 = Clock::now();
  server.stop();
  thread.join();
  if (status != 201) throw std::runtime_error("ceiling answered " + std::to_string(status));
  return std::chrono::duration<double, std::milli>(t1 - t0).count();
}

void report(const char* name, const Run& run, int runs) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) ms.push_back(run());
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) { return ms[static_cast<std::size_t>(q * (ms.size() - 1))]; };
  std::cout << name << ": " << at(0.5) << " " << at(0.1) << " " << at(0.9) << " (ms)" << std::endl;
}

}  // namespace
}  // namespace mockserver::bench

int main(int argc, char** argv) {
  using namespace mockserver::bench;
  int runs = 200;
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], "--runs") == 0) runs = std::max(1, std::atoi(argv[i + 1]));
  try {
    mock_from_page();  // warm the page cache and the allocator
    report("mock_from_page", mock_from_page, runs);
    report("mock_from_catalog", mock_from_catalog, runs);
    report("ceiling", ceiling, runs);
  } catch (const std::exception& e) {
    std::cerr << "bench_startup: " << e.what() << '\n';
    return 1;
  }
}
