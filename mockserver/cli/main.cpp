// mockserver: turns API documentation pages into a live, contract-checking HTTP mock.
#include <CLI/CLI.hpp>
#include <iostream>

#include "commands.hpp"

int main(int argc, char** argv) {
  using namespace mockserver;
  CLI::App app{"mockserver: serves API documentation pages as a contract-checking HTTP mock"};
  app.require_subcommand(1);

  std::vector<std::string> paths;
  bool json = false;
  auto* routes = app.add_subcommand("routes", "Compile pages and print the route table");
  routes->add_option("paths", paths, "Pages and directories (searched recursively for *.md)")
      ->required();
  routes->add_flag("--json", json, "Print the compiled contracts as a JSON array");

  std::string format = "text";
  auto* check =
      app.add_subcommand("check", "Compile pages and print every diagnostic; exit 1 on errors");
  check->add_option("paths", paths, "Pages and directories")->required();
  check->add_option("--format", format, "text or json")->check(CLI::IsMember({"text", "json"}));

  bool valid = false;
  auto* examples =
      app.add_subcommand("examples", "Print every documented example request as a JSON line");
  examples->add_option("paths", paths, "Pages and directories")->required();
  examples->add_flag("--valid", valid,
                     "Replace values that break the schema (placeholders) with valid ones");

  cli::ServeOptions serve_options;
  auto* serve = app.add_subcommand("serve", "Serve the pages' contracts over HTTP");
  serve->add_option("paths", serve_options.paths, "Pages and directories (default: fixtures/)");
  serve->add_option("--host", serve_options.host,
                    "Address to bind (default 127.0.0.1, loopback only)");
  serve->add_option("--port", serve_options.port, "Port (0 picks a free one)")
      ->check(CLI::Range(0, 65535));
  serve->add_option("--seed", serve_options.seed, "Seed for generated ids (same seed, same ids)");
  serve->add_option("--mode", serve_options.mode, "canned or echo")
      ->check(CLI::IsMember({"canned", "echo"}));
  serve->add_flag("--lenient", serve_options.lenient,
                  "Accept requests that break a contract, as warnings");
  serve->add_flag("--quiet", serve_options.quiet, "Do not log each request");

  CLI11_PARSE(app, argc, argv);
  try {
    if (*routes) return cli::run_routes(paths, json);
    if (*check) return cli::run_check(paths, format);
    if (*examples) return cli::run_examples(paths, valid);
    serve_options.has_seed = serve->count("--seed") > 0;
    if (serve_options.paths.empty()) serve_options.paths.push_back("fixtures/");
    return cli::run_serve(serve_options);
  } catch (const LoadError& e) {
    std::cerr << "mockserver: " << e.what() << '\n';
    return 2;
  }
}
