// The compiler on small pages written here, one documentation quirk at a time:
// templates against examples, HTTP blocks, example bodies, annotations and pairing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "compiler_support.hpp"

namespace mockserver {
namespace {

using namespace testing_support;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::Pair;
using ::testing::SizeIs;

const std::string kBodySection =
    "## Request body\n\n|Property|Type|Description|\n|:---|:---|:---|\n"
    "|name|String|The name.|\n"
    "|status|Enumeration|The state. Possible values are: `ready`, `broken`.|\n\n";

const std::string kCreated =
    "HTTP/1.1 201 Created\nContent-Type: application/json\n\n{\"id\": \"w1\"}";

std::string post(std::string_view body, std::string_view url = "/v1.0/widgets") {
  return "POST https://graph.microsoft.com" + std::string(url) +
         "\nContent-Type: application/json\n\n" + std::string(body);
}

// One API page "api/x.md" with the template POST /widgets, the body table and the sections.
Catalog compile_one(const std::string& text) { return compile_pages({{"api/x.md", text}}); }
std::string widget_page(std::string_view sections, std::string_view templ = "POST /widgets") {
  return api_page(templ, kBodySection + std::string(sections));
}

TEST(Compiler, RefTemplateServesTheExamplePathAsAlias) {
  std::string text =
      widget_page(example(post("{\"name\": \"a\"}", "/v1.0/shelves/7/widgets"), kCreated),
                  "POST /shelves/{shelfId}/widgets/$ref");
  Catalog catalog = compile_one(text);
  ASSERT_THAT(catalog.contracts, SizeIs(1)) << all_diagnostics(catalog);
  const Contract& c = catalog.contracts[0];
  EXPECT_EQ(c.path, "/shelves/{shelfId}/widgets/$ref");
  EXPECT_THAT(c.aliases, ElementsAre("/shelves/{shelfId}/widgets"));
  EXPECT_EQ(c.where.line, line_of(text, "POST /shelves/{shelfId}"));
  auto found = of_kind(catalog, "ref-template-mismatch");
  ASSERT_THAT(found, SizeIs(1));
  EXPECT_EQ(found[0].severity, Severity::warning);
  EXPECT_EQ(found[0].where.line, line_of(text, "POST https://"));
  EXPECT_EQ(found[0].where.file, "api/x.md");
}

TEST(Compiler, PlaceholderEnumValueIsAnErrorOfItsOwnKind) {
  Catalog placeholder =
      compile_one(widget_page(example(post("{\"status\": \"String\"}"), kCreated)));
  auto found = of_kind(placeholder, "placeholder-value");
  ASSERT_THAT(found, SizeIs(1)) << all_diagnostics(placeholder);
  EXPECT_EQ(found[0].severity, Severity::error);
  EXPECT_THAT(found[0].message, HasSubstr("/status"));
  EXPECT_THAT(of_kind(placeholder, "example-violates-schema"), IsEmpty());

  Catalog wrong = compile_one(widget_page(example(post("{\"status\": \"green\"}"), kCreated)));
  EXPECT_THAT(of_kind(wrong, "placeholder-value"), IsEmpty());
  EXPECT_THAT(of_kind(wrong, "example-violates-schema"), SizeIs(1)) << all_diagnostics(wrong);

  Catalog valid = compile_one(widget_page(example(post("{\"status\": \"ready\"}"), kCreated)));
  EXPECT_EQ(count(valid, Severity::error), 0u) << all_diagnostics(valid);
}

TEST(Compiler, ContentLengthCountingCrlfIsANoteOtherwiseAWarning) {
  const std::string body = "{\n  \"name\": \"a\"\n}";
  auto with_length = [&](std::size_t n) {
    return widget_page(example("POST https://graph.microsoft.com/v1.0/widgets\nContent-Length: " +
                                   std::to_string(n) + "\n\n" + body,
                               kCreated));
  };
  std::string crlf_text = with_length(body.size() + 2);  // two line ends, one byte more each
  Catalog crlf = compile_one(crlf_text);
  auto found = of_kind(crlf, "content-length-mismatch");
  ASSERT_THAT(found, SizeIs(1));
  EXPECT_EQ(found[0].severity, Severity::note);
  EXPECT_THAT(found[0].message, HasSubstr("CRLF"));
  EXPECT_EQ(found[0].where.line, line_of(crlf_text, "Content-Length:"));

  found = of_kind(compile_one(with_length(body.size() + 40)), "content-length-mismatch");
  ASSERT_THAT(found, SizeIs(1));
  EXPECT_EQ(found[0].severity, Severity::warning);
  EXPECT_THAT(found[0].message, Not(HasSubstr("CRLF")));

  EXPECT_THAT(of_kind(compile_one(with_length(body.size())), "content-length-mismatch"), IsEmpty());
}

// A request body that is almost JSON: repaired, parsed and reported as lenient-json.
void expect_repaired(const std::string& body, const std::string& member, const char* why) {
  std::string text = widget_page(example(post(body), kCreated));
  Catalog catalog = compile_one(text);
  ASSERT_THAT(catalog.contracts, SizeIs(1)) << why;
  ASSERT_THAT(catalog.contracts[0].examples, SizeIs(1)) << why;
  const Example& e = catalog.contracts[0].examples[0];
  ASSERT_TRUE(e.request_json.is_object()) << why << "\n" << all_diagnostics(catalog);
  EXPECT_TRUE(e.request_json.as_object().contains(member)) << why;
  auto found = of_kind(catalog, "lenient-json");
  ASSERT_THAT(found, Not(IsEmpty())) << why;
  for (const Diagnostic& d : found) {
    EXPECT_EQ(d.severity, Severity::warning) << why;
    EXPECT_GE(d.where.line, line_of(text, "POST https://")) << why;
  }
  EXPECT_THAT(of_kind(catalog, "invalid-json"), IsEmpty()) << why;
}

TEST(Compiler, AlmostJsonRequestBodiesAreRepaired) {
  expect_repaired("{\n  \"name\": \"a\",\n}", "name", "trailing comma");
  expect_repaired("{\n  \"name\": \"a\",\n  ...\n}", "name", "elision");
  expect_repaired("{\n  // the name\n  \"name\": \"a\" /* required */\n}", "name", "comments");
  expect_repaired(
      "{\n  \xE2\x80\x9Cname\xE2\x80\x9D: \xE2\x80\x9C"
      "a\xE2\x80\x9D\n}",
      "name", "smart quotes");
}

TEST(Compiler, TrailingCommaRepairPointsAtItsLine) {
  std::string text =
      widget_page(example(post("{\n  \"name\": \"a\",\n  \"status\": \"ready\",\n}"), kCreated));
  auto found = of_kind(compile_one(text), "lenient-json");
  ASSERT_THAT(found, SizeIs(1));
  EXPECT_EQ(found[0].where.line, line_of(text, "\"status\": \"ready\","));
}

TEST(Compiler, UnrepairableResponseIsServedAsEmptyObjectWithItsStatus) {
  std::string response = "HTTP/1.1 201 Created\nContent-Type: application/json\n\n{\"id\": [1,}";
  std::string text = widget_page(example(post("{\"name\": \"a\"}"), response));
  Catalog catalog = compile_one(text);
  ASSERT_THAT(catalog.contracts, SizeIs(1));
  const Contract& c = catalog.contracts[0];
  EXPECT_TRUE(c.examples.at(0).response_json.is_null());
  auto invalid = of_kind(catalog, "invalid-json");
  ASSERT_THAT(invalid, SizeIs(1)) << all_diagnostics(catalog);
  EXPECT_EQ(invalid[0].severity, Severity::warning);
  EXPECT_EQ(invalid[0].where.line, line_of(text, "{\"id\": [1,}"));
  auto unservable = of_kind(catalog, "unservable-body");
  ASSERT_THAT(unservable, SizeIs(1));
  EXPECT_EQ(unservable[0].where.line, line_of(text, "HTTP/1.1 201"));
  EXPECT_EQ(c.response.status, 201);
  EXPECT_TRUE(c.response.has_body);
  EXPECT_EQ(c.response.body, boost::json::value(boost::json::object()));
}

TEST(Compiler, NonJsonBodyIsANote) {
  std::string text = widget_page(example(
      "POST https://graph.microsoft.com/v1.0/widgets\nContent-Type: text/plain\n\nhello there",
      "HTTP/1.1 201 Created"));
  Catalog catalog = compile_one(text);
  auto found = of_kind(catalog, "non-json-body");
  ASSERT_THAT(found, SizeIs(1)) << all_diagnostics(catalog);
  EXPECT_EQ(found[0].severity, Severity::note);
  EXPECT_EQ(found[0].where.line, line_of(text, "hello there"));
  const Example& e = catalog.contracts.at(0).examples.at(0);
  EXPECT_EQ(e.request_body, "hello there");
  EXPECT_TRUE(e.request_json.is_null());
}

TEST(Compiler, LeftoverTextAfterTheRequestUrlIsDropped) {
  std::string text = widget_page(example(
      "POST https://graph.microsoft.com/v1.0/widgets (not available in China)\n\n{\"name\": \"a\"}",
      kCreated));
  Catalog catalog = compile_one(text);
  auto found = of_kind(catalog, "request-line-text");
  ASSERT_THAT(found, SizeIs(1));
  EXPECT_EQ(found[0].severity, Severity::warning);
  EXPECT_THAT(found[0].message, HasSubstr("(not available in China)"));
  const Example& e = catalog.contracts.at(0).examples.at(0);
  EXPECT_EQ(e.url, "https://graph.microsoft.com/v1.0/widgets");
  EXPECT_EQ(e.path, "/widgets");
  EXPECT_EQ(e.version, "v1.0");
}

TEST(Compiler, UrlWithSpacesInTheQueryIsKept) {
  std::string text =
      api_page("GET /widgets",
               example("GET https://graph.microsoft.com/beta/widgets?$filter=name eq 'a'",
                       "HTTP/1.1 200 OK\nContent-Type: application/json\n\n{\"value\": []}"));
  Catalog catalog = compile_one(text);
  auto found = of_kind(catalog, "url-with-spaces");
  ASSERT_THAT(found, SizeIs(1)) << all_diagnostics(catalog);
  EXPECT_EQ(found[0].severity, Severity::note);
  EXPECT_THAT(of_kind(catalog, "request-line-text"), IsEmpty());
  const Example& e = catalog.contracts.at(0).examples.at(0);
  EXPECT_EQ(e.url, "https://graph.microsoft.com/beta/widgets?$filter=name eq 'a'");
  EXPECT_EQ(e.path, "/widgets");
  EXPECT_EQ(e.version, "beta");
}

TEST(Compiler, SeveralRequestLinesInOneBlockUseTheFirst) {
  std::string text =
      widget_page(example("POST https://graph.microsoft.com/v1.0/widgets\n\nPOST "
                          "https://graph.microsoft.com/v1.0/gadgets",
                          kCreated));
  Catalog catalog = compile_one(text);
  auto found = of_kind(catalog, "several-requests");
  ASSERT_THAT(found, SizeIs(1)) << all_diagnostics(catalog);
  EXPECT_EQ(found[0].severity, Severity::warning);
  EXPECT_THAT(found[0].message, HasSubstr("2 request lines"));
  EXPECT_EQ(catalog.contracts.at(0).examples.at(0).path, "/widgets");
}

TEST(Compiler, TemplateWithoutLeadingSlashIsANote) {
  std::string text = widget_page(example(post("{}"), kCreated), "POST widgets/{id}/parts");
  Catalog catalog = compile_one(text);
  auto found = of_kind(catalog, "template-no-leading-slash");
  ASSERT_THAT(found, SizeIs(1));
  EXPECT_EQ(found[0].where.line, line_of(text, "POST widgets/{id}/parts"));
  EXPECT_NE(find_contract(catalog, "POST", "/widgets/{id}/parts"), nullptr);
}

TEST(Compiler, StatusLineVariantsAllGiveTheStatus) {
  for (const char* status_line :
       {"HTTP/1.1 201 Created", "HTTP 201 Created", "HTTP/1.1 201", "HTTP/1.1 201 OK"}) {
    Catalog catalog = compile_one(widget_page(
        example(post("{\"name\": \"a\"}"), std::string(status_line) + "\n\n{\"id\": \"7\"}")));
    ASSERT_THAT(catalog.contracts, SizeIs(1)) << status_line;
    const Example& e = catalog.contracts[0].examples.at(0);
    EXPECT_TRUE(e.has_response) << status_line;
    EXPECT_EQ(e.status, 201) << status_line;
    EXPECT_EQ(catalog.contracts[0].response.documented_id, "7") << status_line;
  }
}

TEST(Compiler, BlankLineBetweenRequestLineAndHeaders) {
  std::string text = widget_page(
      example("POST https://graph.microsoft.com/v1.0/widgets\n\nContent-Type: application/json\n\n"
              "{\"name\": \"a\"}",
              kCreated));
  Catalog catalog = compile_one(text);
  const Example& e = catalog.contracts.at(0).examples.at(0);
  EXPECT_THAT(e.request_headers, ElementsAre(Pair("Content-Type", "application/json")));
  ASSERT_TRUE(e.request_json.is_object()) << all_diagnostics(catalog);
  EXPECT_EQ(e.request_json.as_object().at("name"), "a");
}

TEST(Compiler, ExampleIsLocatedAtItsRequestLinePastLeadingBlankLines) {
  std::string text = widget_page(example("\n\n" + post("{\n  \"name\": \"a\",\n}"), kCreated));
  Catalog catalog = compile_one(text);
  const Example& e = catalog.contracts.at(0).examples.at(0);
  EXPECT_EQ(e.request_at.line, line_of(text, "POST https://"));
  auto found = of_kind(catalog, "lenient-json");
  ASSERT_THAT(found, SizeIs(1));
  EXPECT_EQ(found[0].where.line, line_of(text, "\"name\": \"a\","));
}

}  // namespace
}  // namespace mockserver
