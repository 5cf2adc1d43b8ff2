// Loads pages from disk or memory and drives the compiler's stages over them.
#include "mockserver/catalog.hpp"

#include <fcntl.h>
#include <malloc.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>

#include "compiler.hpp"
#include "lint.hpp"
#include "page_stream.hpp"
#include "text.hpp"

namespace mockserver {
namespace {

constexpr std::size_t kTrimFrom = 64;  // pages

namespace fs = std::filesystem;

bool is_api_page(const Page& page) {
  if (page.doc_type() == "apiPageType") return true;
  for (const auto& e : page.elements)
    if (const auto* h = std::get_if<Heading>(&e); h && text::iequals(h->text, "HTTP request"))
      return true;
  return false;
}

// Frees a page's text and path (assigning an empty string would keep their buffers).
void release(PageText& page) {
  std::string().swap(page.path);
  std::string().swap(page.text);
}

template <typename Predicate>
std::vector<std::size_t> pages_where(std::size_t n, Predicate predicate) {
  std::vector<std::size_t> pages;
  for (std::size_t i = 0; i < n; ++i)
    if (predicate(i)) pages.push_back(i);
  return pages;
}

// Compiles pages in three passes: declare the types, define them, then compile the API
// pages against them. Each pass parses its pages afresh from their text, a few at a time
// (parsing is cheap, parsed pages are not: the corpus's take 136 MiB, its texts 45 MiB);
// each page's text is freed once its last pass is done with it, and its memory goes to
// the contracts.
class Compilation {
 public:
  explicit Compilation(std::vector<PageText>& texts)
      : texts_(texts), is_type_(texts.size(), 0), is_api_(texts.size(), 0) {
    catalog_.pages = texts.size();
    index_.types = &catalog_.types;
  }

  Catalog run(const LoadProgress& progress) {
    declare_types();
    define_types();
    compile_api_pages(progress);
    for (const Contract& c : catalog_.contracts)
      lint_examples(c, catalog_.types, catalog_.type_names, catalog_.diagnostics);
    lint_duplicate_routes(catalog_.contracts, catalog_.diagnostics);
    // Hand the memory that loading used and freed back to the system, which the allocator
    // does not do by itself while live allocations sit above it. A few pages leave little to
    // hand back, and trimming walks every arena: not worth it for them.
    if (texts_.size() >= kTrimFrom) malloc_trim(0);
    return std::move(catalog_);
  }

 private:
  // Parses the given pages (ascending indices) and visits each, in order, on this thread.
  template <typename Visit>
  void for_each_page(const std::vector<std::size_t>& pages, Visit visit) {
    PageStream stream(pages.size(), [&](std::size_t k) {
      return parse_page(texts_[pages[k]].path, texts_[pages[k]].text);
    });
    for (std::size_t k = 0; k < pages.size(); ++k) visit(k, pages[k], stream.next());
  }

  // Parses only the pages that may declare a type, which most pages' text rules out.
  void declare_types() {
    auto candidates = pages_where(
        texts_.size(), [&](std::size_t i) { return compiler::may_declare_type(texts_[i].text); });
    for_each_page(candidates, [&](std::size_t, std::size_t i, const Page& page) {
      std::size_t before = catalog_.types.size();
      compiler::declare_type_page(page, index_);
      is_type_[i] = catalog_.types.size() > before ? 1 : 0;
      is_api_[i] = is_type_[i] && is_api_page(page) ? 1 : 0;
    });
  }

  // Properties may name any type declared in the first pass.
  void define_types() {
    auto types = pages_where(texts_.size(), [&](std::size_t i) { return is_type_[i] != 0; });
    for_each_page(types, [&](std::size_t, std::size_t i, const Page& page) {
      compiler::define_type_page(page, index_, {&catalog_.diagnostics, &page.path});
      if (!is_api_[i]) release(texts_[i]);
    });
    compiler::flatten_inheritance(catalog_.types);
    for (int id = 0; id < static_cast<int>(catalog_.types.size()); ++id) {
      if (catalog_.types[id].kind != TypeKind::complex) continue;
      const std::string& name = catalog_.types[id].name;
      catalog_.type_names[text::to_lower(name)].push_back(id);
      if (auto dot = name.rfind('.'); dot != std::string::npos)
        catalog_.type_names[text::to_lower(name.substr(dot + 1))].push_back(id);
    }
  }

  // Compiles the API pages, and notes each page that is neither kind.
  void compile_api_pages(const LoadProgress& progress) {
    const std::size_t n = texts_.size();
    auto rest = pages_where(n, [&](std::size_t i) { return !is_type_[i] || is_api_[i]; });
    for_each_page(rest, [&](std::size_t k, std::size_t i, const Page& page) {
      compiler::Reporter report{&catalog_.diagnostics, &page.path};
      if (is_api_page(page)) {
        std::vector<Contract> contracts = compiler::compile_api_page(page, index_, report);
        if (contracts.empty())
          report(1, Severity::warning, "no-contract",
                 "API page documents no request template and no example request");
        for (Contract& c : contracts) catalog_.contracts.push_back(std::move(c));
      } else if (!is_type_[i]) {
        report(1, Severity::note, "not-an-api-page",
               "page documents neither a request nor a type (doc_type '" +
                   std::string(page.doc_type()) + "')");
      }
      release(texts_[i]);
      if (progress && (k + 1) % 256 == 0) progress(i + 1, n);
    });
    if (progress && n > 0) progress(n, n);
  }

  std::vector<PageText>& texts_;
  std::vector<char> is_type_;
  std::vector<char> is_api_;  // known for type pages only
  Catalog catalog_;
  compiler::TypeIndex index_;
};

// An open file descriptor, closed when it goes out of scope.
struct File {
  int fd;
  explicit File(const fs::path& path) : fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {}
  ~File() {
    if (fd >= 0) ::close(fd);
  }
  File(const File&) = delete;
  File& operator=(const File&) = delete;
};

// What is left of an open file, read with as few calls as its size allows.
std::string read_rest(const File& file, const fs::path& path, const struct stat& info) {
  std::string text(static_cast<std::size_t>(std::max<off_t>(info.st_size, 0)) + 1, '\0');
  std::size_t size = 0;
  for (;;) {
    if (size == text.size()) text.resize(text.size() * 2);
    ssize_t n = ::read(file.fd, text.data() + size, text.size() - size);
    if (n == 0) break;
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw LoadError("cannot read " + path.string() + ": " + std::strerror(errno));
    size += static_cast<std::size_t>(n);
  }
  text.resize(size);
  return text;
}

std::string read_file(const fs::path& path) {
  File file(path);
  struct stat info {};
  if (file.fd < 0 || ::fstat(file.fd, &info) != 0) throw LoadError("cannot read " + path.string());
  return read_rest(file, path, info);
}

// The .md files under a directory, sorted; none that links outside it.
std::vector<fs::path> pages_under(const fs::path& root) {
  std::vector<fs::path> found;
  std::error_code ec;
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
  return found;
}

}  // namespace

Catalog compile_pages(std::vector<PageText> texts) { return Compilation(texts).run({}); }

Catalog load_catalog(const std::vector<fs::path>& paths, const LoadProgress& progress) {
  // Read here, on the thread that compiles: the texts' memory, freed page by page, then
  // holds the contracts (a worker's allocations would stay in that worker's arena).
  std::vector<PageText> texts;
  for (const fs::path& root : paths) {
    // A page given by name is opened once: its descriptor tells a file from a directory.
    File file(root);
    struct stat info {};
    if (file.fd < 0 && (errno == ENOENT || errno == ENOTDIR))
      throw LoadError("no such file or directory: " + root.string());
    if (file.fd < 0 || ::fstat(file.fd, &info) != 0)
      throw LoadError("cannot read " + root.string());
    if (!S_ISDIR(info.st_mode)) {
      texts.push_back(PageText{root.generic_string(), read_rest(file, root, info)});
      continue;
    }
    std::vector<fs::path> pages = pages_under(root);
    texts.reserve(texts.size() + pages.size());
    for (const fs::path& page : pages)
      texts.push_back(PageText{page.generic_string(), read_file(page)});
  }
  return Compilation(texts).run(progress);
}

std::size_t count(const Catalog& catalog, Severity severity) {
  return static_cast<std::size_t>(
      std::count_if(catalog.diagnostics.begin(), catalog.diagnostics.end(),
                    [&](const Diagnostic& d) { return d.severity == severity; }));
}

}  // namespace mockserver
