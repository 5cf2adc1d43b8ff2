// The compiler against the real corpus: the published Microsoft Graph API reference
// (../shared/graph-docs). Every page compiles without throwing, every page that
// yields nothing says why, and the documented POST -> 201 example pairs listed in
// post201.jsonl are found as (request, paired 201 response) examples.
#include "mockserver/catalog.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace mockserver {
namespace {

namespace fs = std::filesystem;

const fs::path kCorpus = fs::path(MOCKSERVER_SHARED_DIR) / "graph-docs";

// Loads the corpus once for all tests of this file.
class CorpusTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!fs::is_directory(kCorpus / "api-reference")) return;
    try {
      catalog_ = new Catalog(load_catalog({kCorpus / "api-reference"}));
    } catch (const std::exception& e) {
      load_error_ = new std::string(e.what());
    }
  }
  static void TearDownTestSuite() {
    delete catalog_;
    catalog_ = nullptr;
    delete load_error_;
    load_error_ = nullptr;
  }
  void SetUp() override {
    if (!fs::is_directory(kCorpus / "api-reference"))
      GTEST_SKIP() << "corpus not found at " << kCorpus / "api-reference";
    ASSERT_EQ(load_error_, nullptr) << "load_catalog threw: " << *load_error_;
  }
  static Catalog* catalog_;
  static std::string* load_error_;
};

Catalog* CorpusTest::catalog_ = nullptr;
std::string* CorpusTest::load_error_ = nullptr;

std::string generic(const fs::path& p) { return p.lexically_normal().generic_string(); }

bool ends_with_path(const std::string& file, const std::string& page) {
  return file == page || (file.size() > page.size() && file.ends_with(page) &&
                          file[file.size() - page.size() - 1] == '/');
}

TEST_F(CorpusTest, LoadsWithoutExceptionAndReadsEveryPage) {
  ASSERT_NE(catalog_, nullptr);
  EXPECT_EQ(catalog_->pages, 11289u);
  EXPECT_FALSE(catalog_->contracts.empty());
  EXPECT_FALSE(catalog_->types.empty());
}

TEST_F(CorpusTest, EveryPageYieldsSomethingOrSaysWhy) {
  std::unordered_set<std::string> accounted;
  for (const Contract& c : catalog_->contracts) accounted.insert(c.where.file);
  for (const TypeDef& t : catalog_->types) accounted.insert(t.where.file);
  for (const Diagnostic& d : catalog_->diagnostics) accounted.insert(d.where.file);

  std::size_t files = 0;
  std::vector<std::string> silent;
  for (const auto& entry : fs::recursive_directory_iterator(kCorpus / "api-reference")) {
    if (!entry.is_regular_file() || entry.path().extension() != ".md") continue;
    ++files;
    // The catalog names files as load_catalog was given them (generic form).
    if (!accounted.contains(entry.path().generic_string())) silent.push_back(generic(entry.path()));
  }
  EXPECT_EQ(files, catalog_->pages);
  EXPECT_TRUE(silent.empty()) << silent.size() << " pages yield nothing and say nothing, e.g. "
                              << silent.front();
}

TEST_F(CorpusTest, EveryDiagnosticNamesALoadedPageAndALine) {
  std::unordered_set<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(kCorpus / "api-reference"))
    if (entry.is_regular_file()) files.insert(entry.path().generic_string());
  for (const Diagnostic& d : catalog_->diagnostics) {
    ASSERT_TRUE(files.contains(d.where.file)) << format(d);
    ASSERT_GT(d.where.line, 0) << format(d);
  }
}

struct DocumentedPair {
  std::string page;
  int request_line = 0;   // the request block's opening fence
  int response_line = 0;  // the response block's opening fence
};

std::vector<DocumentedPair> read_post201() {
  std::vector<DocumentedPair> pairs;
  std::ifstream in(kCorpus / "post201.jsonl");
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    boost::json::object row = boost::json::parse(line).as_object();
    pairs.push_back(DocumentedPair{std::string(row.at("page").as_string()),
                                   row.at("request_line_no").to_number<int>(),
                                   row.at("response_line_no").to_number<int>()});
  }
  return pairs;
}

// post201.jsonl numbers each block's opening fence; an Example is located at the
// block's request or status line: the first non-blank line after the fence.
int first_line_after_fence(const std::vector<std::string>& lines, int fence) {
  for (int n = fence + 1; n <= static_cast<int>(lines.size()); ++n)
    if (lines[n - 1].find_first_not_of(" \t\r") != std::string::npos) return n;
  return 0;
}

std::vector<std::string> read_lines(const fs::path& file) {
  std::vector<std::string> lines;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) lines.push_back(std::move(line));
  return lines;
}

TEST_F(CorpusTest, FindsTheDocumentedPost201Pairs) {
  std::vector<DocumentedPair> pairs = read_post201();
  ASSERT_EQ(pairs.size(), 1088u);

  // The examples by page file name, to keep the search short.
  std::unordered_map<std::string, std::vector<std::pair<const Contract*, const Example*>>> by_file;
  for (const Contract& c : catalog_->contracts)
    for (const Example& e : c.examples)
      by_file[fs::path(e.request_at.file).filename().string()].emplace_back(&c, &e);

  std::size_t found = 0, documented_body = 0;
  std::vector<std::string> missed;
  for (const DocumentedPair& pair : pairs) {
    std::vector<std::string> lines = read_lines(kCorpus / pair.page);
    const int request_line = first_line_after_fence(lines, pair.request_line);
    const int response_line = first_line_after_fence(lines, pair.response_line);
    ASSERT_GT(request_line, 0) << pair.page;
    const Contract* home = nullptr;
    for (const auto& [c, e] : by_file[fs::path(pair.page).filename().string()])
      if (ends_with_path(e->request_at.file, pair.page) && e->request_at.line == request_line &&
          e->has_response && e->status == 201 && e->response_at.line == response_line) {
        EXPECT_EQ(e->method, "POST") << pair.page << ':' << request_line;
        home = c;
        break;
      }
    if (!home) {
      missed.push_back(pair.page + ":" + std::to_string(request_line) + " -> " +
                       std::to_string(response_line));
      continue;
    }
    ++found;
    if (home->body.documented) ++documented_body;
  }
  std::cout << "post201: found " << found << " of " << pairs.size() << " documented pairs; "
            << documented_body << " of them with a documented body schema\n";
  for (const std::string& m : missed) std::cout << "  missed " << m << '\n';
  EXPECT_GE(found, 1050u);
  EXPECT_GT(documented_body, found / 2);
}

}  // namespace
}  // namespace mockserver
