// `bench_process_start [--runs N] -- COMMAND ARGS...`: process start-up, from exec to the
// first 201. Starts COMMAND (which must print "listening on http://HOST:PORT" on stdout
// when ready, as `mockserver serve` does), posts the seed body until a 201 arrives, then
// stops it with SIGTERM (not timed). Prints "median p10 p90 (ms)" over N runs (default 20).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <regex>
#include <string>
#include <vector>

#include <httplib.h>
#include "bench_support.hpp"

namespace mockserver::bench {
namespace {

using Clock = std::chrono::steady_clock;

double run_once(std::vector<char*>& command) {
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe failed");
  auto t0 = Clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    execvp(command[0], command.data());
    _exit(127);
  }
  close(out[1]);
  std::string seen;
  std::smatch m;
  static const std::regex listening(R"(listening on http://([0-9.]+):([0-9]+))");
  char buffer[4096];
  while (!std::regex_search(seen, m, listening)) {
    ssize_t n = read(out[0], buffer, sizeof buffer);
    if (n <= 0) {
      waitpid(pid, nullptr, 0);
      throw std::runtime_error("the command exited before listening: " + seen);
    }
    seen.append(buffer, static_cast<std::size_t>(n));
  }
  httplib::Client client(m[1].str(), std::stoi(m[2].str()));
  client.set_tcp_nodelay(true);
  int status = -1;
  for (int attempt = 0; attempt < 1000 && status != 201; ++attempt) {
    auto response =
        client.Post(kSeedTarget, {{"Authorization", "Bearer x"}}, kSeedBody, "application/json");
    status = response ? response->status : -1;
  }
  auto t1 = Clock::now();
  kill(pid, SIGTERM);
  waitpid(pid, nullptr, 0);
  close(out[0]);
  if (status != 201) throw std::runtime_error("no 201, last status " + std::to_string(status));
  return std::chrono::duration<double, std::milli>(t1 - t0).count();
}

}  // namespace
}  // namespace mockserver::bench

int main(int argc, char** argv) {
  int runs = 20;
  std::vector<char*> command;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--runs") == 0 && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else if (std::strcmp(argv[i], "--") == 0) {
      command.assign(argv + i + 1, argv + argc);
      break;
    }
  }
  if (command.empty()) {
    std::cerr << "usage: bench_process_start [--runs N] -- COMMAND ARGS...\n";
    return 2;
  }
  command.push_back(nullptr);
  std::vector<double> ms;
  try {
    for (int i = 0; i < runs; ++i) ms.push_back(mockserver::bench::run_once(command));
  } catch (const std::exception& e) {
    std::cerr << "bench_process_start: " << e.what() << '\n';
    return 1;
  }
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) { return ms[static_cast<std::size_t>(q * (ms.size() - 1))]; };
  std::cout << at(0.5) << " " << at(0.1) << " " << at(0.9) << " (ms)" << std::endl;
}
