// Loads pages from disk or memory and drives the compiler's stages over them.
#include "mockserver/catalog.hpp"

#include <malloc.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "compiler.hpp"
#include "lint.hpp"
#include "text.hpp"

namespace mockserver {
namespace {

namespace fs = std::filesystem;

bool is_api_page(const Page& page) {
  if (page.doc_type() == "apiPageType") return true;
  for (const auto& e : page.elements)
    if (const auto* h = std::get_if<Heading>(&e); h && text::iequals(h->text, "HTTP request"))
      return true;
  return false;
}

// Parses pages on all cores; pages[i] corresponds to texts[i].
template <typename TextOf>
std::vector<Page> parse_all(std::size_t n, TextOf text_of, const LoadProgress& progress) {
  std::vector<Page> pages(n);
  std::atomic<std::size_t> next{0}, done{0};
  auto work = [&] {
    for (std::size_t i; (i = next++) < n;) {
      auto [path, text] = text_of(i);
      pages[i] = parse_page(std::move(path), text);
      std::size_t d = ++done;
      if (progress && (d % 256 == 0 || d == n)) progress(d, n);
    }
  };
  unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
  if (n < 64) threads = 1;
  std::vector<std::jthread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  return pages;
}

Catalog compile(std::vector<Page> pages) {
  Catalog catalog;
  catalog.pages = pages.size();
  compiler::TypeIndex index;
  index.types = &catalog.types;
  std::vector<char> is_type(pages.size(), 0);
  for (std::size_t i = 0; i < pages.size(); ++i) {
    std::size_t before = catalog.types.size();
    compiler::declare_type_page(pages[i], index);
    is_type[i] = catalog.types.size() > before;
  }
  for (std::size_t i = 0; i < pages.size(); ++i) {
    if (!is_type[i]) continue;
    compiler::define_type_page(pages[i], index, {&catalog.diagnostics, &pages[i].path});
    if (!is_api_page(pages[i])) pages[i] = Page{};  // done with it (see below)
  }
  compiler::flatten_inheritance(catalog.types);
  for (int id = 0; id < static_cast<int>(catalog.types.size()); ++id) {
    if (catalog.types[id].kind != TypeKind::complex) continue;
    const std::string& name = catalog.types[id].name;
    catalog.type_names[text::to_lower(name)].push_back(id);
    if (auto dot = name.rfind('.'); dot != std::string::npos)
      catalog.type_names[text::to_lower(name.substr(dot + 1))].push_back(id);
  }

  for (std::size_t i = 0; i < pages.size(); ++i) {
    const Page& page = pages[i];
    compiler::Reporter report{&catalog.diagnostics, &page.path};
    if (is_api_page(page)) {
      std::vector<Contract> contracts = compiler::compile_api_page(page, index, report);
      if (contracts.empty())
        report(1, Severity::warning, "no-contract",
               "API page documents no request template and no example request");
      for (Contract& c : contracts) catalog.contracts.push_back(std::move(c));
    } else if (!is_type[i]) {
      report(1, Severity::note, "not-an-api-page",
             "page documents neither a request nor a type (doc_type '" +
                 std::string(page.doc_type()) + "')");
    }
    // Nothing compiled keeps a reference into a page: free it now, so that the contracts
    // reuse its memory instead of adding to it (the corpus's pages take ~140 MiB).
    pages[i] = Page{};
  }
  for (const Contract& c : catalog.contracts)
    lint_examples(c, catalog.types, catalog.type_names, catalog.diagnostics);
  lint_duplicate_routes(catalog.contracts, catalog.diagnostics);
  pages.clear();
  pages.shrink_to_fit();
  // The parsed pages are gone; hand their memory back to the system, which the allocator
  // does not do by itself while live allocations sit above it (the corpus: 250 -> 160 MiB).
  malloc_trim(0);
  return catalog;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw LoadError("cannot read " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return std::move(out).str();
}

}  // namespace

Catalog compile_pages(std::vector<PageText> texts) {
  auto pages =
      parse_all(texts.size(),
                [&](std::size_t i) {
                  return std::pair<std::string, std::string_view>(texts[i].path, texts[i].text);
                },
                {});
  return compile(std::move(pages));
}

Catalog load_catalog(const std::vector<fs::path>& paths, const LoadProgress& progress) {
  std::vector<fs::path> files;
  for (const fs::path& root : paths) {
    std::error_code ec;
    auto status = fs::status(root, ec);
    if (ec || !fs::exists(status)) throw LoadError("no such file or directory: " + root.string());
    if (fs::is_directory(status)) {
      std::vector<fs::path> found;
      fs::recursive_directory_iterator it(root, fs::directory_options::none, ec), end;
      if (ec) throw LoadError("cannot read directory " + root.string() + ": " + ec.message());
      for (; it != end; it.increment(ec)) {
        if (ec) throw LoadError("cannot read directory " + root.string() + ": " + ec.message());
        if (!it->is_regular_file() || it->path().extension() != ".md") continue;
        if (it->is_symlink()) {  // never read a file outside the paths given
          fs::path target = fs::weakly_canonical(it->path(), ec);
          fs::path base = fs::weakly_canonical(root, ec);
          auto [b, t] = std::mismatch(base.begin(), base.end(), target.begin(), target.end());
          if (b != base.end())
            throw LoadError(it->path().string() + " links to " + target.string() + ", outside " +
                            root.string());
        }
        found.push_back(it->path());
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.push_back(root);
    }
  }
  std::vector<std::string> errors(files.size());
  auto pages = parse_all(
      files.size(),
      [&](std::size_t i) {
        std::string text;
        try {
          text = read_file(files[i]);
        } catch (const LoadError& e) {
          errors[i] = e.what();
        }
        return std::pair<std::string, std::string>(files[i].generic_string(), std::move(text));
      },
      progress);
  for (const std::string& error : errors)
    if (!error.empty()) throw LoadError(error);
  return compile(std::move(pages));
}

std::size_t count(const Catalog& catalog, Severity severity) {
  return static_cast<std::size_t>(
      std::count_if(catalog.diagnostics.begin(), catalog.diagnostics.end(),
                    [&](const Diagnostic& d) { return d.severity == severity; }));
}

}  // namespace mockserver
