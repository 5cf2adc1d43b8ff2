// A Catalog is the compiled form of a set of documentation pages: the contracts
// of the API pages, the types of the resource and enumeration pages, and every
// diagnostic the compiler raised. Loading reads the pages once; nothing after it
// touches the file system.
//
//   Catalog catalog = load_catalog({"docs/"});            // files and directories
//   Catalog inline_ = compile_pages({{"my.md", text}});  // page text in memory
#pragma once

#include <mockserver/contract.hpp>
#include <mockserver/diagnostic.hpp>
#include <mockserver/schema.hpp>

#include <cstddef>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace mockserver {

struct PageText {
  std::string path;  // used to resolve links between pages and in diagnostics
  std::string text;
};

struct Catalog {
  std::vector<Contract> contracts;
  TypeTable types;
  TypeNames type_names;
  std::vector<Diagnostic> diagnostics;
  std::size_t pages = 0;
};

// Called as pages are compiled: (pages done, pages in all).
using LoadProgress = std::function<void(std::size_t, std::size_t)>;

// Thrown when a path given to load_catalog cannot be read: a setup error.
class LoadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Compiles pages held in memory.
Catalog compile_pages(std::vector<PageText> pages);

// Reads every *.md file under the given files and directories (recursively, in
// sorted order) and compiles them. Throws LoadError when a path does not exist or
// cannot be read; reads nothing outside the given paths (links are not followed).
Catalog load_catalog(const std::vector<std::filesystem::path>& paths,
                     const LoadProgress& progress = {});

// Counts diagnostics of the given severity.
std::size_t count(const Catalog& catalog, Severity severity);

}  // namespace mockserver
