// The subcommands of the `mockserver` command line (internal to the CLI).
#pragma once

#include <mockserver/catalog.hpp>

#include <string>
#include <vector>

namespace mockserver::cli {

// Loads pages with progress on a terminal (quiet otherwise). Throws LoadError.
Catalog load(const std::vector<std::string>& paths);

int run_routes(const std::vector<std::string>& paths, bool json);
int run_examples(const std::vector<std::string>& paths, bool valid);
int run_check(const std::vector<std::string>& paths, const std::string& format);

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 4010;
  unsigned long long seed = 0;
  bool has_seed = false;
  std::string mode = "canned";
  bool lenient = false;
  bool quiet = false;
  std::vector<std::string> paths;
};
int run_serve(const ServeOptions& options);

}  // namespace mockserver::cli
