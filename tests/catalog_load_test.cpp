// Loading compiles pages in passes and parses a page for the types pass only when its
// text may declare a type: every way a page declares one must still be seen, and many
// pages (parsed on worker threads) must compile as if one by one, in page order.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "compiler_support.hpp"

namespace mockserver {
namespace {

using namespace testing_support;
using ::testing::ElementsAreArray;
using ::testing::Ge;

// A page titled without "resource type", declaring its type by the annotation alone.
std::string annotated_page(std::string_view block_type_value) {
  return "---\ntitle: \"Widget\"\ndoc_type: resourcePageType\n---\n\n# Widget\n\n"
         "## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n|name|String|Name.|\n\n"
         "## JSON representation\n\n" +
         annotation("{\"blockType\": " + std::string(block_type_value) +
                    ", \"@odata.type\": \"microsoft.graph.widget\"}") +
         http_block("{}", "json");
}

TEST(CatalogLoad, AResourceAnnotationDeclaresItsTypeInEveryQuoting) {
  for (std::string_view value :
       {R"("resource")", "'resource'", "\u201Cresource\u201D", "\u2018resource\u2019",
        "\u201Cresource\"", R"("\u0072esource")"}) {
    Catalog catalog = compile_pages({{"resources/widget.md", annotated_page(value)}});
    EXPECT_GE(find_type(catalog, "microsoft.graph.widget"), 0) << value;
  }
}

TEST(CatalogLoad, EnumerationsAndTitlesDeclareTypes) {
  const std::string table = "|Member|Value|Description|\n|:---|:---|:---|\n|red|0|Red.|\n";
  Catalog catalog = compile_pages({
      {"resources/color.md", "---\ntitle: \"Colors\"\ndoc_type: enumPageType\n---\n\n" + table},
      {"resources/shape.md", "---\ntitle: \"shape Enum Type\"\n---\n\n" + table},
      {"resources/gadget.md",
       "# gadget resource type\n\nNo front matter: the heading titles it.\n"},
      {"resources/part.md", "---\ntitle: \"part RESOURCE type\"\n---\n\n# Part\n"},
  });
  EXPECT_GE(find_type(catalog, "microsoft.graph.color"), 0) << all_diagnostics(catalog);
  EXPECT_GE(find_type(catalog, "microsoft.graph.shape"), 0);
  EXPECT_GE(find_type(catalog, "microsoft.graph.gadget"), 0);
  EXPECT_GE(find_type(catalog, "microsoft.graph.part"), 0);
}

TEST(CatalogLoad, ManyPagesCompileInPageOrder) {
  std::vector<PageText> pages;
  std::vector<std::string> paths;
  for (int i = 0; i < 300; ++i) {
    std::string path = "api/page" + std::to_string(1000 + i) + ".md";
    if (i % 3 == 0) {  // a page that documents neither a request nor a type: a note each
      pages.push_back({path, "# Overview " + std::to_string(i) + "\n\nText.\n"});
    } else {
      std::string route = "/widgets" + std::to_string(i);
      pages.push_back(
          {path, api_page("POST " + route, example("POST https://graph.microsoft.com/v1.0" + route +
                                                       "\nContent-Type: application/json\n\n{}",
                                                   "HTTP/1.1 201 Created\n\n{\"id\": \"1\"}"))});
      paths.push_back(path);
    }
  }
  pages.push_back({"resources/widget.md", annotated_page(R"("resource")")});
  Catalog catalog = compile_pages(pages);
  EXPECT_EQ(catalog.pages, 301u);
  EXPECT_GE(find_type(catalog, "microsoft.graph.widget"), 0);
  std::vector<std::string> compiled;
  for (const Contract& c : catalog.contracts) compiled.push_back(c.where.file);
  EXPECT_THAT(compiled, ElementsAreArray(paths));
  std::vector<Diagnostic> notes = of_kind(catalog, "not-an-api-page");
  ASSERT_EQ(notes.size(), 100u);
  for (std::size_t k = 0; k < notes.size(); ++k)
    EXPECT_EQ(notes[k].where.file, "api/page" + std::to_string(1000 + 3 * k) + ".md");
  std::vector<std::string> reported;  // every page's diagnostics, in page order
  for (const Diagnostic& d : catalog.diagnostics)
    if (d.where.file.starts_with("api/")) reported.push_back(d.where.file);
  EXPECT_THAT(reported.size(), Ge(300u));
  EXPECT_TRUE(std::is_sorted(reported.begin(), reported.end()));
}

}  // namespace
}  // namespace mockserver
