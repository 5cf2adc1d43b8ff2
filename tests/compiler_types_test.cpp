// The compiler on a small set of pages written here: resource and enumeration pages
// define types, API pages link to them, and request-body schemas come from the
// resource type, refined by the page's own table.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "compiler_support.hpp"

namespace mockserver {
namespace {

using namespace testing_support;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using ::testing::UnorderedElementsAre;

std::string resource_page(std::string_view name, std::string_view intro, std::string_view rows,
                          std::string_view annotation_json = "") {
  std::string out = "---\ntitle: \"" + std::string(name) +
                    " resource type\"\ndoc_type: resourcePageType\n---\n\n# " + std::string(name) +
                    " resource type\n\nNamespace: microsoft.graph\n\n" + std::string(intro) +
                    "\n\n## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n" +
                    std::string(rows) + "\n## JSON representation\n\n";
  if (!annotation_json.empty()) out += annotation(annotation_json) + http_block("{}", "json");
  return out;
}

const std::string kEntity =
    resource_page("entity", "The base of all entities.", "|id|String|The identifier. Read-only.|\n",
                  R"({"blockType": "resource", "@odata.type": "microsoft.graph.entity"})");
const std::string kWidget = resource_page(
    "widget", "A widget.",
    "|name|String|The name.|\n"
    "|color|[color](color.md)|The color.|\n"
    "|size|Int32|The size.|\n"
    "|tags|String collection|Tags.|\n"
    "|labels|Collection(Edm.String)|Labels.|\n"
    "|parts|[part](part.md) collection|The parts.|\n"
    "|spares|Collection(microsoft.graph.part)|Spare parts.|\n"
    "|state|Enumeration|The state. Possible values are: `new`, `used`.|\n"
    "|shape|Enumeration|The shape. Possible values are: round, square.|\n",
    R"({"blockType": "resource", "@odata.type": "microsoft.graph.widget", "baseType": "microsoft.graph.entity"})");
const std::string kPart = resource_page("part", "Inherits from [entity](entity.md).",
                                        "|serial|String|The serial number.|\n");
const std::string kColor =
    "---\ntitle: \"color enum type\"\ndoc_type: enumPageType\n---\n\n# color enum type\n\n"
    "Namespace: microsoft.graph\n\n|Member|Value|Description|\n|:---|:---|:---|\n"
    "|red|0|Red.|\n|green|1|Green.|\n";

std::string post_widget(std::string_view body) {
  return "POST https://graph.microsoft.com/v1.0/widgets\nContent-Type: application/json\n\n" +
         std::string(body);
}
const std::string kCreated = "HTTP/1.1 201 Created\n\n{\"id\": \"1\"}";

// The create page has no table: its schema is the widget resource type.
std::string create_page(std::string_view request_body) {
  return api_page("POST /widgets",
                  "## Request body\n\nIn the request body, supply a JSON representation of a "
                  "[widget](../resources/widget.md) object.\n\n" +
                      example(post_widget(request_body), kCreated));
}
// The update page's table refines the widget type.
const std::string kUpdate = api_page(
    "PATCH /widgets/{id}",
    "## Request body\n\nSupply the [widget](../resources/widget.md) properties to change.\n\n"
    "|Property|Type|Description|\n|:---|:---|:---|\n"
    "|name|String|The new name. Required.|\n"
    "|note|String|Why it changed.|\n\n",
    "Update widget");

Catalog compile_all(std::string_view create_body = "{\"name\": \"w\"}") {
  return compile_pages({{"resources/entity.md", kEntity},
                        {"resources/widget.md", kWidget},
                        {"resources/part.md", kPart},
                        {"resources/color.md", kColor},
                        {"api/widget-post.md", create_page(create_body)},
                        {"api/widget-update.md", kUpdate}});
}

class TypePages : public ::testing::Test {
 protected:
  void SetUp() override {
    catalog = compile_all();
    widget = find_type(catalog, "microsoft.graph.widget");
    ASSERT_GE(widget, 0) << all_diagnostics(catalog);
  }
  const TypeDef& type(int id) const { return catalog.types.at(id); }
  std::string type_of(int owner, std::string_view property) const {
    const Property* p = find_property(type(owner).properties, property);
    return p ? describe(p->type, catalog.types) : "<missing>";
  }
  Catalog catalog;
  int widget = -1;
};

TEST_F(TypePages, ResourcePagesDefineComplexTypes) {
  EXPECT_EQ(type(widget).kind, TypeKind::complex);
  EXPECT_EQ(type(widget).where.file, "resources/widget.md");
  int part = find_type(catalog, "microsoft.graph.part");
  ASSERT_GE(part, 0);
  EXPECT_EQ(type(part).kind, TypeKind::complex);
  EXPECT_FALSE(type(widget).open);
}

TEST_F(TypePages, PrimitiveAndCollectionPropertyTypes) {
  EXPECT_EQ(type_of(widget, "name"), "String");
  EXPECT_EQ(type_of(widget, "size"), "Int32");
  EXPECT_EQ(type_of(widget, "tags"), "String collection");
  EXPECT_EQ(type_of(widget, "labels"), "String collection");
  EXPECT_EQ(type_of(widget, "parts"), "part collection");
  EXPECT_EQ(type_of(widget, "spares"), "part collection");
  const Property* parts = find_property(type(widget).properties, "parts");
  ASSERT_NE(parts, nullptr);
  EXPECT_EQ(parts->type.kind, TypeKind::complex);
  EXPECT_TRUE(parts->type.collection);
  EXPECT_EQ(parts->type.type, find_type(catalog, "microsoft.graph.part"));
  EXPECT_EQ(parts->where.file, "resources/widget.md");
  EXPECT_EQ(parts->where.line, line_of(kWidget, "|parts|"));
}

TEST_F(TypePages, EnumerationMembersComeFromTheEnumPage) {
  int color = find_type(catalog, "microsoft.graph.color");
  ASSERT_GE(color, 0);
  EXPECT_EQ(type(color).kind, TypeKind::enumeration);
  EXPECT_THAT(type(color).members, ElementsAre("red", "green"));
  const Property* p = find_property(type(widget).properties, "color");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->type.kind, TypeKind::enumeration);
  EXPECT_EQ(p->type.type, color);
}

TEST_F(TypePages, EnumerationMembersFromPossibleValues) {
  for (auto [property, members] :
       {std::pair<const char*, std::vector<std::string>>{"state", {"new", "used"}},
        {"shape", {"round", "square"}}}) {
    const Property* p = find_property(type(widget).properties, property);
    ASSERT_NE(p, nullptr) << property;
    ASSERT_EQ(p->type.kind, TypeKind::enumeration) << property;
    EXPECT_EQ(type(p->type.type).members, members) << property;
  }
}

TEST_F(TypePages, BaseTypePropertiesViaAnnotationAndViaInheritsFrom) {
  int entity = find_type(catalog, "microsoft.graph.entity");
  int part = find_type(catalog, "microsoft.graph.part");
  ASSERT_GE(entity, 0);
  EXPECT_EQ(type(widget).base, entity);  // "baseType" in the resource annotation
  EXPECT_EQ(type(part).base, entity);    // "Inherits from [entity](entity.md)."
  EXPECT_EQ(type_of(widget, "id"), "String");
  std::vector<std::string> names;
  for (const Property& p : type(part).properties) names.push_back(p.name);
  EXPECT_THAT(names, UnorderedElementsAre("serial", "id"));
  EXPECT_EQ(find_property(type(part).properties, "id")->where.file, "resources/entity.md");
}

TEST_F(TypePages, TypeNamesIndexQualifiedAndSimpleNames) {
  EXPECT_THAT(catalog.type_names["microsoft.graph.widget"], Contains(widget));
  EXPECT_THAT(catalog.type_names["widget"], Contains(widget));
}

TEST_F(TypePages, BodySchemaIsTheResourceTypeWhenThePageHasNoTable) {
  const Contract* create = find_contract(catalog, "POST", "/widgets");
  ASSERT_NE(create, nullptr);
  const BodySchema& body = create->body;
  EXPECT_TRUE(body.documented);
  EXPECT_EQ(body.type, widget);
  EXPECT_EQ(body.type_name, "microsoft.graph.widget");
  ASSERT_EQ(body.properties.size(), type(widget).properties.size());
  for (std::size_t i = 0; i < body.properties.size(); ++i)
    EXPECT_EQ(body.properties[i].name, type(widget).properties[i].name);
  auto notes = of_kind(catalog, "missing-table");
  ASSERT_THAT(notes, SizeIs(1)) << all_diagnostics(catalog);
  EXPECT_EQ(notes[0].where.file, "api/widget-post.md");
  EXPECT_THAT(notes[0].message, HasSubstr("microsoft.graph.widget"));
}

TEST_F(TypePages, TableRefinesTheResourceType) {
  const Contract* update = find_contract(catalog, "PATCH", "/widgets/{id}");
  ASSERT_NE(update, nullptr);
  const BodySchema& body = update->body;
  EXPECT_TRUE(body.documented);
  EXPECT_EQ(body.type, widget);
  const Property* name = find_property(body.properties, "name");
  ASSERT_NE(name, nullptr);
  EXPECT_TRUE(name->required);
  EXPECT_EQ(name->where.file, "api/widget-update.md");
  EXPECT_EQ(name->where.line, line_of(kUpdate, "|name|"));
  const Property* note = find_property(body.properties, "note");
  ASSERT_NE(note, nullptr);
  EXPECT_EQ(describe(note->type, catalog.types), "String");
  const Property* size = find_property(body.properties, "size");  // from the type only
  ASSERT_NE(size, nullptr);
  EXPECT_EQ(size->where.file, "resources/widget.md");
  EXPECT_FALSE(size->required);
  EXPECT_EQ(body.properties.size(), type(widget).properties.size() + 1);
}

TEST_F(TypePages, NothingIsUnresolved) {
  EXPECT_THAT(of_kind(catalog, "unresolved-link"), IsEmpty()) << all_diagnostics(catalog);
  EXPECT_THAT(of_kind(catalog, "unknown-type"), IsEmpty()) << all_diagnostics(catalog);
  EXPECT_EQ(count(catalog, Severity::error), 0u) << all_diagnostics(catalog);
  expect_located(catalog);
}

TEST(TypedExamples, ExamplesAreCheckedAgainstLinkedTypes) {
  Catalog bad_enum = compile_all(R"({"color": "blue"})");
  auto found = of_kind(bad_enum, "example-violates-schema");
  ASSERT_THAT(found, SizeIs(1)) << all_diagnostics(bad_enum);
  EXPECT_THAT(found[0].message, HasSubstr("/color"));

  Catalog bad_part = compile_all(R"({"parts": [{"serial": "s1"}, {"serial": 7}]})");
  found = of_kind(bad_part, "example-violates-schema");
  ASSERT_THAT(found, SizeIs(1)) << all_diagnostics(bad_part);
  EXPECT_THAT(found[0].message, HasSubstr("/parts/1/serial"));

  Catalog good = compile_all(R"({"color": "green", "parts": [{"serial": "s1", "id": "p"}],
                                 "tags": ["a"], "state": "used", "size": 3})");
  EXPECT_EQ(count(good, Severity::error), 0u) << all_diagnostics(good);
}

TEST(TypedExamples, UndocumentedPropertyInAnExampleIsAcceptedAndReported) {
  Catalog catalog = compile_all(R"({"name": "w", "weight": 3})");
  auto found = of_kind(catalog, "undocumented-property");
  ASSERT_THAT(found, SizeIs(1)) << all_diagnostics(catalog);
  EXPECT_THAT(found[0].message, HasSubstr("'/weight'"));
  const Contract* create = find_contract(catalog, "POST", "/widgets");
  ASSERT_NE(create, nullptr);
  const Property* weight = find_property(create->body.properties, "weight");
  ASSERT_NE(weight, nullptr);
  EXPECT_EQ(weight->type.kind, TypeKind::any);
  EXPECT_EQ(count(catalog, Severity::error), 0u) << all_diagnostics(catalog);
}

TEST(TypedExamples, NestedUndocumentedPropertyIsAddedToItsType) {
  // The example documents a property of a nested complex type that its resource page lacks.
  Catalog catalog = compile_all(R"({"name": "w", "parts": [{"serial": "s1", "batch": 4}]})");
  auto found = of_kind(catalog, "undocumented-property");
  ASSERT_THAT(found, SizeIs(1)) << all_diagnostics(catalog);
  EXPECT_THAT(found[0].message, HasSubstr("'/parts/*/batch'"));
  EXPECT_EQ(count(catalog, Severity::error), 0u) << all_diagnostics(catalog);
}

}  // namespace
}  // namespace mockserver
