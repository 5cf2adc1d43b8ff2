// `mockserver routes` and `mockserver check`: the compiler's two faces.
#include <unistd.h>
#include <boost/json/serialize.hpp>
#include <iostream>
#include <map>

#include <mockserver/contract_json.hpp>

#include "commands.hpp"

namespace mockserver::cli {

Catalog load(const std::vector<std::string>& paths) {
  std::vector<std::filesystem::path> roots(paths.begin(), paths.end());
  LoadProgress progress;
  if (isatty(STDERR_FILENO))
    progress = [](std::size_t done, std::size_t all) {
      std::cerr << "\rloading pages " << done << "/" << all << (done == all ? "\r\033[K" : "")
                << std::flush;
    };
  return load_catalog(roots, progress);
}

int run_routes(const std::vector<std::string>& paths, bool json) {
  Catalog catalog = load(paths);
  if (json) {
    boost::json::array out;
    for (const Contract& c : catalog.contracts) out.push_back(to_json(c, catalog.types));
    std::cout << boost::json::serialize(out) << '\n';
    return 0;
  }
  for (const Contract& c : catalog.contracts) {
    std::cout << c.method << '\t' << c.path << '\t' << format(c.where) << '\t'
              << c.body.properties.size() << " properties\t" << c.examples.size() << " examples\n";
    for (const std::string& alias : c.aliases)
      std::cout << c.method << '\t' << alias << "\t(alias of the above)\n";
  }
  std::cerr << catalog.contracts.size() << " routes from " << catalog.pages << " pages\n";
  return 0;
}

int run_check(const std::vector<std::string>& paths, const std::string& format_name) {
  Catalog catalog = load(paths);
  std::map<std::pair<Severity, std::string>, std::size_t> by_kind;
  for (const Diagnostic& d : catalog.diagnostics) ++by_kind[{d.severity, d.kind}];
  if (format_name == "json") {
    boost::json::array diagnostics;
    for (const Diagnostic& d : catalog.diagnostics) diagnostics.push_back(to_json(d));
    boost::json::object counts;
    for (const auto& [key, n] : by_kind) counts[key.second] = n;
    std::cout << boost::json::serialize(
                     boost::json::object{{"pages", catalog.pages},
                                         {"routes", catalog.contracts.size()},
                                         {"errors", count(catalog, Severity::error)},
                                         {"warnings", count(catalog, Severity::warning)},
                                         {"notes", count(catalog, Severity::note)},
                                         {"counts", std::move(counts)},
                                         {"diagnostics", std::move(diagnostics)}})
              << '\n';
  } else {
    for (const Diagnostic& d : catalog.diagnostics) std::cout << format(d) << '\n';
    std::cout << '\n' << catalog.pages << " pages, " << catalog.contracts.size() << " routes\n";
    for (const auto& [key, n] : by_kind)
      std::cout << n << '\t' << to_string(key.first) << '\t' << key.second << '\n';
  }
  return count(catalog, Severity::error) > 0 ? 1 : 0;
}

}  // namespace mockserver::cli
