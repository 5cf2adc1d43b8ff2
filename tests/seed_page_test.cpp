// The seed page, "Add deviceUpdateStates" (fixtures/), compiled field by field:
// the contract the product must serve exactly as the page writes it, and every
// contradiction of the page reported where it stands.
#include "mockserver/catalog.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace mockserver {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

constexpr const char* kSeed = "windowsupdateforbusinessconfiguration-post-deviceupdatestates.md";
constexpr const char* kCollection =
    "/deviceManagement/deviceConfigurations/{deviceConfigurationId}"
    "/microsoft.graph.windowsUpdateForBusinessConfiguration/deviceUpdateStates";

class SeedPageTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    catalog_ = new Catalog(load_catalog({MOCKSERVER_SOURCE_DIR "/fixtures"}));
  }
  static void TearDownTestSuite() {
    delete catalog_;
    catalog_ = nullptr;
  }
  static const Contract& contract() { return catalog_->contracts.at(0); }
  static const Example& example() { return contract().examples.at(0); }
  static std::vector<Diagnostic> diagnostics(const std::string& kind) {
    std::vector<Diagnostic> out;
    for (const Diagnostic& d : catalog_->diagnostics)
      if (d.kind == kind) out.push_back(d);
    return out;
  }
  static const Property* property(const std::string& name) {
    for (const Property& p : contract().body.properties)
      if (p.name == name) return &p;
    return nullptr;
  }
  static std::string type_of(const std::string& name) {
    const Property* p = property(name);
    return p ? describe(p->type, catalog_->types) : "<missing>";
  }
  static Catalog* catalog_;
};

Catalog* SeedPageTest::catalog_ = nullptr;

bool is_seed(const SourceLocation& where) { return where.file.ends_with(kSeed); }

TEST_F(SeedPageTest, CompilesToOneContract) {
  EXPECT_EQ(catalog_->pages, 1u);
  ASSERT_EQ(catalog_->contracts.size(), 1u);
  EXPECT_EQ(contract().title, "Add deviceUpdateStates");
}

TEST_F(SeedPageTest, TemplateIsTheRefPathAndTheExamplePathIsItsAlias) {
  EXPECT_EQ(contract().method, "POST");
  EXPECT_EQ(contract().path, std::string(kCollection) + "/$ref");
  EXPECT_THAT(contract().path, HasSubstr("/{deviceConfigurationId}/"));
  EXPECT_THAT(contract().aliases, ElementsAre(kCollection));
}

TEST_F(SeedPageTest, ContractLocationIsTheTemplateLine) {
  EXPECT_TRUE(is_seed(contract().where)) << contract().where.file;
  EXPECT_EQ(contract().where.line, 31);
  EXPECT_EQ(contract().api_version, "localtest");
  EXPECT_TRUE(contract().requires_authorization);
  EXPECT_TRUE(contract().requires_json);
}

TEST_F(SeedPageTest, BodySchemaHasTheTenTableProperties) {
  const BodySchema& body = contract().body;
  EXPECT_TRUE(body.documented);
  EXPECT_EQ(body.type_name, "windowsUpdateState");
  EXPECT_EQ(body.type, -1);  // the resource page is not loaded
  EXPECT_FALSE(body.open);
  EXPECT_EQ(body.where.line, 40);
  std::vector<std::string> names;
  for (const Property& p : body.properties) names.push_back(p.name);
  EXPECT_THAT(names, ElementsAre("id", "deviceId", "userId", "deviceDisplayName",
                                 "userPrincipalName", "status", "qualityUpdateVersion",
                                 "featureUpdateVersion", "lastScanDateTime", "lastSyncDateTime"));
  for (std::size_t i = 0; i < body.properties.size(); ++i) {
    EXPECT_EQ(body.properties[i].where.line, 47 + static_cast<int>(i)) << names[i];
    EXPECT_TRUE(is_seed(body.properties[i].where));
    EXPECT_FALSE(body.properties[i].required) << names[i];
  }
}

TEST_F(SeedPageTest, BodyPropertyTypes) {
  for (const char* name : {"id", "deviceId", "userId", "deviceDisplayName", "userPrincipalName",
                           "qualityUpdateVersion", "featureUpdateVersion"})
    EXPECT_EQ(type_of(name), "String") << name;
  EXPECT_EQ(type_of("lastScanDateTime"), "DateTimeOffset");
  EXPECT_EQ(type_of("lastSyncDateTime"), "DateTimeOffset");
  const Property* p = property("id");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->type.kind, TypeKind::primitive);
  EXPECT_EQ(p->type.edm, Edm::String);
  EXPECT_FALSE(p->type.collection);
}

TEST_F(SeedPageTest, StatusIsAnEnumerationOfTheFourDescribedValues) {
  const Property* status = property("status");
  ASSERT_NE(status, nullptr);
  ASSERT_EQ(status->type.kind, TypeKind::enumeration);
  EXPECT_FALSE(status->type.collection);
  ASSERT_GE(status->type.type, 0);
  const TypeDef& def = catalog_->types.at(status->type.type);
  EXPECT_EQ(def.kind, TypeKind::enumeration);
  EXPECT_THAT(def.members,
              ElementsAre("upToDate", "pendingInstallation", "pendingReboot", "failed"));
  EXPECT_EQ(def.where.line, 52);
}

TEST_F(SeedPageTest, ExampleRequestAsWritten) {
  ASSERT_EQ(contract().examples.size(), 1u);
  const Example& e = example();
  EXPECT_EQ(e.name, "create_windowsupdatestate_from_");
  EXPECT_TRUE(is_seed(e.request_at));
  EXPECT_EQ(e.request_at.line, 73);
  EXPECT_EQ(e.method, "POST");
  EXPECT_EQ(e.url, std::string("https://graph.microsoft.com/localtest") + kCollection);
  EXPECT_EQ(e.version, "localtest");
  EXPECT_EQ(e.path, kCollection);
  EXPECT_THAT(e.request_headers,
              ElementsAre(Pair("Content-type", "application/json"), Pair("Content-length", "491")));
  EXPECT_TRUE(e.request_body.starts_with("{")) << e.request_body;
  EXPECT_TRUE(e.request_body.ends_with("}")) << e.request_body;
}

TEST_F(SeedPageTest, ExampleRequestBodyIsTheTenMemberObject) {
  ASSERT_TRUE(example().request_json.is_object());
  const boost::json::object& body = example().request_json.as_object();
  EXPECT_EQ(body.size(), 10u);
  EXPECT_EQ(body.at("@odata.type"), "#microsoft.graph.windowsUpdateState");
  EXPECT_EQ(body.at("deviceId"), "Device Id value");
  EXPECT_EQ(body.at("status"), "String");
  EXPECT_EQ(body.at("lastSyncDateTime"), "2017-01-01T00:00:28.8363536+03:00");
  EXPECT_FALSE(body.contains("id"));
}

TEST_F(SeedPageTest, ExampleResponseIsThePaired201) {
  const Example& e = example();
  ASSERT_TRUE(e.has_response);
  EXPECT_TRUE(is_seed(e.response_at));
  EXPECT_EQ(e.response_at.line, 100);
  EXPECT_EQ(e.status, 201);
  EXPECT_THAT(e.response_headers,
              ElementsAre(Pair("Content-Type", "application/json"), Pair("Content-Length", "540")));
  ASSERT_TRUE(e.response_json.is_object());
  const boost::json::object& body = e.response_json.as_object();
  EXPECT_EQ(body.size(), 11u);
  EXPECT_EQ(body.at("id"), "98c6922f-922f-98c6-2f92-c6982f92c698");
  EXPECT_EQ(body.at("status"), "String");
}

TEST_F(SeedPageTest, ResponseDefinitionServesThe201Body) {
  const ResponseDefinition& r = contract().response;
  EXPECT_EQ(r.status, 201);
  EXPECT_TRUE(r.has_body);
  EXPECT_TRUE(r.headers.empty());  // only Content-Type and Content-Length are documented
  EXPECT_EQ(r.documented_id, "98c6922f-922f-98c6-2f92-c6982f92c698");
  EXPECT_EQ(r.body, example().response_json);
  EXPECT_EQ(r.where.line, 100);
}

TEST_F(SeedPageTest, ReportsTheRefTemplateMismatchOnce) {
  auto found = diagnostics("ref-template-mismatch");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::warning);
  EXPECT_EQ(found[0].where.line, 73);
  EXPECT_THAT(found[0].message, HasSubstr("line 31"));
  EXPECT_THAT(found[0].message, HasSubstr("/$ref"));
}

TEST_F(SeedPageTest, ReportsThePlaceholderStatusAsAnError) {
  auto found = diagnostics("placeholder-value");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::error);
  EXPECT_EQ(found[0].where.line, 73);
  EXPECT_THAT(found[0].message, HasSubstr("/status"));
  EXPECT_THAT(found[0].message, HasSubstr("\"String\""));
  EXPECT_THAT(found[0].message, HasSubstr(":52"));  // where the enumeration is documented
  EXPECT_EQ(count(*catalog_, Severity::error), 1u);
  EXPECT_TRUE(diagnostics("example-violates-schema").empty());
}

TEST_F(SeedPageTest, ContentLengthsCountingCrlfAreNotes) {
  auto found = diagnostics("content-length-mismatch");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].where.line, 75);
  EXPECT_EQ(found[1].where.line, 102);
  for (const Diagnostic& d : found) {
    EXPECT_EQ(d.severity, Severity::note) << format(d);
    EXPECT_THAT(d.message, HasSubstr("CRLF"));
  }
  EXPECT_THAT(found[0].message, HasSubstr("491"));
  EXPECT_THAT(found[1].message, HasSubstr("540"));
}

TEST_F(SeedPageTest, ReportsTheUnloadedResourcePage) {
  auto found = diagnostics("unresolved-link");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::warning);
  EXPECT_EQ(found[0].where.line, 40);
  EXPECT_THAT(found[0].message, HasSubstr("windowsupdatestate.md"));
}

TEST_F(SeedPageTest, ReportsNothingElse) {
  std::vector<std::string> kinds;
  for (const Diagnostic& d : catalog_->diagnostics) {
    kinds.push_back(d.kind);
    EXPECT_TRUE(is_seed(d.where)) << format(d);
    EXPECT_GT(d.where.line, 0) << format(d);
  }
  std::sort(kinds.begin(), kinds.end());
  EXPECT_THAT(kinds, ElementsAre("content-length-mismatch", "content-length-mismatch",
                                 "placeholder-value", "ref-template-mismatch", "unresolved-link"));
}

}  // namespace
}  // namespace mockserver
