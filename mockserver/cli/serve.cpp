// `mockserver serve`: a sandbox on a port, one log line per request, until SIGINT or SIGTERM.
#include <csignal>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>

#include <mockserver/server.hpp>

#include "commands.hpp"

namespace mockserver::cli {
namespace {

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.starts_with("127.");
}

}  // namespace

int run_serve(const ServeOptions& options) {
  // Block the stop signals in every thread; this one waits for them below.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  Catalog catalog = load(options.paths);
  std::size_t errors = count(catalog, Severity::error),
              warnings = count(catalog, Severity::warning);
  if (errors + warnings > 0)
    std::cerr << "mockserver: the pages have " << errors << " errors and " << warnings
              << " warnings; `mockserver check` lists them\n";
  for (const Diagnostic& d : catalog.diagnostics)
    if (d.severity == Severity::error) {  // the first one, so the cause is named right away
      std::cerr << "mockserver: first error: " << format(d) << '\n';
      break;
    }
  if (catalog.contracts.empty()) {
    std::cerr << "mockserver: no contract in the given pages; nothing to serve\n";
    return 2;
  }
  if (!is_loopback(options.host))
    std::cerr << "mockserver: WARNING: binding to " << options.host
              << ", not loopback: anyone who can reach this machine can reach the mock\n";

  ServerOptions server_options;
  server_options.host = options.host;
  server_options.port = options.port;
  if (options.has_seed) server_options.seed = options.seed;
  server_options.mode = options.mode == "echo" ? ResponseMode::echo : ResponseMode::canned;
  server_options.validation = options.lenient ? Validation::lenient : Validation::strict;
  // The command line reads the journal only to log each request as it arrives, so it keeps
  // the last 1,000 entries rather than every request of a long sandbox session.
  server_options.journal_limit = 1000;

  std::size_t routes = catalog.contracts.size();
  std::optional<Server> server;
  try {
    server.emplace(std::move(catalog), server_options);
  } catch (const std::runtime_error& e) {
    std::cerr << "mockserver: " << e.what() << '\n';
    return 2;
  }
  if (!options.quiet) {
    auto log_mutex = std::make_shared<std::mutex>();
    server->journal().on_record([log_mutex](const JournalEntry& e) {
      std::string why = !e.route.empty() ? e.route : e.error_code;
      if (!e.violations.empty())
        why += " (" + std::to_string(e.violations.size()) +
               " violations: " + format(e.violations.front()) + ")";
      std::lock_guard lock(*log_mutex);
      std::cout << e.method << ' ' << e.target << ' ' << e.status << ' ' << why << ' '
                << e.duration.count() << "us" << std::endl;
    });
  }
  std::cout << "mockserver: listening on " << server->url() << " with " << routes << " routes"
            << std::endl;

  int signal = 0;
  sigwait(&stop_signals, &signal);
  std::cout << "mockserver: stopping (" << (signal == SIGINT ? "SIGINT" : "SIGTERM") << ")"
            << std::endl;
  server->stop();
  return 0;
}

}  // namespace mockserver::cli
