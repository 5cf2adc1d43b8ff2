// load_catalog reads only the paths it is given: a page linked in from elsewhere is refused.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "mockserver/catalog.hpp"

namespace mockserver {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

TEST(CatalogPaths, ASymlinkToAPageOutsideTheDirectoryIsRefused) {
  fs::path base = fs::path(::testing::TempDir()) / ("catalog_paths_" + std::to_string(::getpid()));
  fs::remove_all(base);
  fs::create_directories(base / "pages");
  std::ofstream(base / "outside.md") << "# outside\n";
  std::ofstream(base / "pages" / "inside.md") << "# inside\n";
  fs::create_symlink(base / "outside.md", base / "pages" / "link.md");
  try {
    load_catalog({base / "pages"});
    ADD_FAILURE() << "a page outside the directory was read";
  } catch (const LoadError& e) {
    EXPECT_THAT(e.what(), HasSubstr("link.md links to"));
    EXPECT_THAT(e.what(), HasSubstr("outside"));
  }
  fs::remove(base / "pages" / "link.md");
  fs::create_symlink(base / "pages" / "inside.md", base / "pages" / "alias.md");  // inside: fine
  EXPECT_EQ(load_catalog({base / "pages"}).pages, 2u);
  fs::remove_all(base);
}

}  // namespace
}  // namespace mockserver
