// The compiler on small pages written here: annotations, pairing responses with
// requests, page-level diagnostics, and the form of a diagnostic.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "compiler_support.hpp"

namespace mockserver {
namespace {

using namespace testing_support;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using ::testing::StartsWith;

std::string request(std::string_view name) {
  return "POST https://graph.microsoft.com/v1.0/widgets\nContent-Type: application/json\n\n"
         "{\"name\": \"" +
         std::string(name) + "\"}";
}
std::string created(std::string_view id) {
  return "HTTP/1.1 201 Created\nContent-Type: application/json\n\n{\"id\": \"" + std::string(id) +
         "\"}";
}
std::string named(std::string_view block_type, std::string_view name) {
  return "{\"blockType\": \"" + std::string(block_type) + "\", \"name\": \"" + std::string(name) +
         "\"}";
}
std::string block(std::string_view content, std::string_view json = "") {
  return (json.empty() ? std::string() : annotation(json)) + http_block(content) + "\n";
}

Catalog compile_one(const std::string& text) { return compile_pages({{"api/x.md", text}}); }

// The id of each example's paired response ("" when it has none), in request order.
std::vector<std::string> paired_ids(const Catalog& catalog) {
  std::vector<std::string> ids;
  for (const Example& e : catalog.contracts.at(0).examples)
    ids.push_back(e.has_response && e.response_json.is_object()
                      ? std::string(e.response_json.as_object().at("id").as_string())
                      : std::string());
  return ids;
}

TEST(Pairing, ResponsesPairWithTheRequestWhoseNameTheyRepeat) {
  std::string text =
      api_page("POST /widgets", "## Examples\n\n" + block(request("a"), named("request", "ex_a")) +
                                    block(request("b"), named("request", "ex_b")) +
                                    block(created("for b"), named("response", "ex_b")) +
                                    block(created("for a"), named("response", "ex_a")));
  Catalog catalog = compile_one(text);
  ASSERT_THAT(catalog.contracts, SizeIs(1));
  const auto& examples = catalog.contracts[0].examples;
  ASSERT_THAT(examples, SizeIs(2));
  EXPECT_EQ(examples[0].name, "ex_a");
  EXPECT_EQ(examples[1].name, "ex_b");
  EXPECT_THAT(paired_ids(catalog), ElementsAre("for a", "for b"));
  EXPECT_EQ(examples[0].response_at.line, line_of(text, "HTTP/1.1 201", line_of(text, "for b")));
  EXPECT_EQ(catalog.contracts[0].response.documented_id, "for a");
}

TEST(Pairing, UnannotatedResponsesPairByOrder) {
  std::string text =
      api_page("POST /widgets", "## Examples\n\n" + block(request("a")) + block(created("1")) +
                                    block(request("b")) + block(created("2")));
  Catalog catalog = compile_one(text);
  ASSERT_THAT(catalog.contracts, SizeIs(1));
  EXPECT_THAT(paired_ids(catalog), ElementsAre("1", "2"));
  for (const Example& e : catalog.contracts[0].examples) {
    EXPECT_EQ(e.name, "");
    EXPECT_EQ(e.status, 201);
    EXPECT_TRUE(e.request_json.is_object());
  }
}

TEST(Pairing, AResponseTakesTheNearestPrecedingUnpairedRequest) {
  std::string text = api_page("POST /widgets", "## Examples\n\n" + block(request("a")) +
                                                   block(request("b")) + block(created("1")));
  Catalog catalog = compile_one(text);
  EXPECT_THAT(paired_ids(catalog), ElementsAre("", "1"));
  EXPECT_THAT(of_kind(catalog, "unpaired-response"), IsEmpty());
}

TEST(Pairing, AResponseWithNoRequestLeftIsReported) {
  std::string text =
      api_page("POST /widgets", "## Examples\n\n" + block(request("a")) + block(created("1")) +
                                    block("HTTP/1.1 202 Accepted"));
  Catalog catalog = compile_one(text);
  EXPECT_THAT(paired_ids(catalog), ElementsAre("1"));
  auto found = of_kind(catalog, "unpaired-response");
  ASSERT_THAT(found, SizeIs(1));
  EXPECT_EQ(found[0].where.line, line_of(text, "HTTP/1.1 202"));
}

TEST(Pairing, AnnotationNameMayBeAnArray) {
  std::string text =
      api_page("POST /widgets",
               "## Examples\n\n" +
                   block(request("a"), R"({"blockType": "request", "name": ["first", "second"]})") +
                   block(created("1"), R"({"blockType": "response", "name": "first"})"));
  Catalog catalog = compile_one(text);
  ASSERT_THAT(catalog.contracts.at(0).examples, SizeIs(1));
  EXPECT_EQ(catalog.contracts[0].examples[0].name, "first");
  EXPECT_THAT(paired_ids(catalog), ElementsAre("1"));
}

TEST(Annotations, AlmostJsonAnnotationsAreRepairedAndRead) {
  std::string text = api_page(
      "POST /widgets",
      "## Examples\n\n" +
          block(request("a"), "{\n  \"blockType\": \"request\",\n  \"name\": \"trailing\",\n}") +
          block(created("1"), "{\n  blockType: \"response\",\n  name: \"trailing\"\n}"));
  Catalog catalog = compile_one(text);
  auto found = of_kind(catalog, "lenient-annotation");
  ASSERT_GE(found.size(), 2u) << all_diagnostics(catalog);
  for (const Diagnostic& d : found) EXPECT_EQ(d.severity, Severity::note);
  EXPECT_EQ(found.front().where.line, line_of(text, "\"name\": \"trailing\","));
  EXPECT_EQ(catalog.contracts.at(0).examples.at(0).name, "trailing");
  EXPECT_THAT(paired_ids(catalog), ElementsAre("1"));
}

TEST(Annotations, BrokenAnnotationIsAWarningAndTheBlockStillCounts) {
  std::string text = api_page(
      "POST /widgets",
      "## Examples\n\n" + block(request("a"), "{ \"blockType\": [request }") + block(created("1")));
  Catalog catalog = compile_one(text);
  auto found = of_kind(catalog, "bad-annotation");
  ASSERT_THAT(found, SizeIs(1)) << all_diagnostics(catalog);
  EXPECT_EQ(found[0].severity, Severity::warning);
  EXPECT_EQ(found[0].where.line, line_of(text, "[request }"));
  EXPECT_THAT(paired_ids(catalog), ElementsAre("1"));
}

TEST(Templates, ExamplesWithoutTemplateBecomeContracts) {
  std::string text = api_page("", "## Examples\n\n" + block(request("a")) + block(created("1")));
  Catalog catalog = compile_one(text);
  ASSERT_NE(find_contract(catalog, "POST", "/widgets"), nullptr) << all_diagnostics(catalog);
  auto found = of_kind(catalog, "no-template");
  ASSERT_THAT(found, SizeIs(1));
  EXPECT_EQ(found[0].where.line, line_of(text, "POST https://"));
}

TEST(Templates, ExampleOnAnotherPathIsServedAsAlias) {
  std::string text = api_page(
      "POST /users/{id}/widgets",
      block("POST https://graph.microsoft.com/v1.0/me/widgets\n\n{}") + block(created("1")));
  Catalog catalog = compile_one(text);
  const Contract* c = find_contract(catalog, "POST", "/users/{id}/widgets");
  ASSERT_NE(c, nullptr);
  EXPECT_THAT(c->aliases, ElementsAre("/me/widgets"));
  EXPECT_THAT(of_kind(catalog, "template-example-mismatch"), SizeIs(1));
}

TEST(Templates, ExampleWithAnotherMethodIsReported) {
  std::string text = api_page("GET /widgets", block(request("a")) + block(created("1")));
  Catalog catalog = compile_one(text);
  EXPECT_NE(find_contract(catalog, "GET", "/widgets"), nullptr);
  EXPECT_NE(find_contract(catalog, "POST", "/widgets"), nullptr);
  EXPECT_THAT(of_kind(catalog, "method-mismatch"), SizeIs(1));
}

TEST(PageDiagnostics, RequestBodySectionWithoutTable) {
  std::string text = api_page(
      "POST /widgets", "## Request body\n\nSupply the widget's name.\n\n" + block(request("a")));
  Catalog catalog = compile_one(text);
  auto found = of_kind(catalog, "missing-table");
  ASSERT_THAT(found, SizeIs(1));
  EXPECT_EQ(found[0].severity, Severity::note);
  EXPECT_EQ(found[0].where.line, line_of(text, "## Request body"));
  EXPECT_FALSE(catalog.contracts.at(0).body.documented);
}

TEST(PageDiagnostics, PageWithoutRequestBodySection) {
  std::string text = api_page("POST /widgets", block(request("a")));
  auto found = of_kind(compile_one(text), "missing-table");
  ASSERT_THAT(found, SizeIs(1));
  EXPECT_EQ(found[0].where.line, line_of(text, "POST /widgets"));
}

TEST(PageDiagnostics, LinkToAPageNotLoaded) {
  std::string text = api_page("POST /widgets",
                              "## Request body\n\n|Property|Type|Description|\n|:---|:---|:---|\n"
                              "|gadget|[gadget](../resources/gadget.md)|The gadget.|\n\n" +
                                  block(request("a")));
  Catalog catalog = compile_one(text);
  auto found = of_kind(catalog, "unresolved-link");
  ASSERT_THAT(found, SizeIs(1));
  EXPECT_EQ(found[0].severity, Severity::warning);
  EXPECT_EQ(found[0].where.line, line_of(text, "|gadget|"));
  EXPECT_THAT(found[0].message, HasSubstr("../resources/gadget.md"));
  const Property* p = find_property(catalog.contracts.at(0).body.properties, "gadget");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->type.kind, TypeKind::any);
}

TEST(PageDiagnostics, SeveralTemplatesShareOneBodyTableReadOnce) {
  std::string text = api_page("POST /me/widgets\nPOST /users/{id}/widgets",
                              "## Request body\n\n|Property|Type|Description|\n|:---|:---|:---|\n"
                              "|gadget|[gadget](../resources/gadget.md)|The gadget.|\n"
                              "|state|Enumeration|Possible values are: `on`, `off`.|\n\n");
  Catalog catalog = compile_one(text);
  ASSERT_THAT(catalog.contracts, SizeIs(2));
  EXPECT_THAT(of_kind(catalog, "unresolved-link"), SizeIs(1)) << all_diagnostics(catalog);
  for (const Contract& c : catalog.contracts) {
    ASSERT_NE(find_property(c.body.properties, "gadget"), nullptr) << c.path;
    const Property* state = find_property(c.body.properties, "state");
    ASSERT_NE(state, nullptr) << c.path;
    ASSERT_EQ(state->type.kind, TypeKind::enumeration);
    EXPECT_EQ(catalog.types.at(state->type.type).members, (std::vector<std::string>{"on", "off"}));
  }
  EXPECT_EQ(catalog.types.size(), 1u);  // one enumeration for the page, not one per template
}

TEST(PageDiagnostics, ApiPageWithoutContractSaysSo) {
  Catalog catalog = compile_pages(
      {{"api/empty.md", "---\ntitle: Nothing\ndoc_type: apiPageType\n---\n# Nothing\n\nText.\n"},
       {"concepts/intro.md", "---\ntitle: Intro\ndoc_type: conceptualPageType\n---\n# Intro\n"}});
  EXPECT_THAT(catalog.contracts, IsEmpty());
  auto none = of_kind(catalog, "no-contract");
  ASSERT_THAT(none, SizeIs(1));
  EXPECT_EQ(none[0].where.file, "api/empty.md");
  EXPECT_EQ(none[0].severity, Severity::warning);
  auto other = of_kind(catalog, "not-an-api-page");
  ASSERT_THAT(other, SizeIs(1));
  EXPECT_EQ(other[0].where.file, "concepts/intro.md");
  EXPECT_THAT(other[0].message, HasSubstr("conceptualPageType"));
}

TEST(PageDiagnostics, EveryDiagnosticHasFileAndLine) {
  std::string text =
      api_page("POST widgets/$ref\nPATCH /widgets/{id} (beta)",
               "## Request body\n\n|Property|Type|Description|\n|:---|:---|:---|\n"
               "|kind|Enumeration|No list here.|\n|part|[part](../resources/part.md)|A part.|\n\n" +
                   block("POST https://graph.microsoft.com/v1.0/gadgets extra\nContent-Length: "
                         "3\n\n{\"a\": 1,}",
                         "{\"blockType\": \"request\",}") +
                   block("HTTP 201 Created\n\n{'id': }") + block("HTTP/1.1 204 No Content"));
  Catalog catalog = compile_one(text);
  EXPECT_GE(catalog.diagnostics.size(), 8u) << all_diagnostics(catalog);
  expect_located(catalog);
  for (const Diagnostic& d : catalog.diagnostics) EXPECT_EQ(d.where.file, "api/x.md");
}

TEST(DiagnosticFormat, FileLineSeverityKindMessage) {
  EXPECT_EQ(format(Diagnostic{{"api/x.md", 12}, Severity::warning, "lenient-json", "fixed"}),
            "api/x.md:12: warning: lenient-json: fixed");
  EXPECT_EQ(format(Diagnostic{{"api/x.md", 0}, Severity::note, "k", "m"}), "api/x.md: note: k: m");
  EXPECT_EQ(format(Diagnostic{{"a.md", 1}, Severity::error, "placeholder-value", "/s: bad"}),
            "a.md:1: error: placeholder-value: /s: bad");
  Catalog catalog = compile_one(api_page("POST widgets", ""));
  auto found = of_kind(catalog, "template-no-leading-slash");
  ASSERT_THAT(found, SizeIs(1));
  EXPECT_THAT(format(found[0]), StartsWith("api/x.md:" + std::to_string(found[0].where.line) +
                                           ": note: template-no-leading-slash: "));
}

}  // namespace
}  // namespace mockserver
