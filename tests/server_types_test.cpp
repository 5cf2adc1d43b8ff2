// Schema checks of the Edm types, a string collection, a nested complex type (from a
// resource page), an enumeration (from an enum page) and "@odata.type" casts, through a
// real Server over a socket, on small pages written in widget_pages.hpp.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "server_support.hpp"
#include "widget_pages.hpp"

namespace mockserver::test_support {
namespace {

using ::testing::HasSubstr;

class TypesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { catalog_ = new Catalog(compile_pages(widget_pages())); }
  static void TearDownTestSuite() {
    delete catalog_;
    catalog_ = nullptr;
  }

  Server server{*catalog_};
  httplib::Client client{server.url()};

  // Status and, for a 400, the error message.
  std::pair<int, std::string> send(const std::string& body) {
    auto res = client.Post("/v1.0/widgets", bearer(), body, "application/json");
    if (!res) return {0, httplib::to_string(res.error())};
    std::string message;
    if (res->status >= 400) message = str(graph_error(res->body).if_contains("message"));
    return {res->status, message};
  }
  std::pair<int, std::string> send_property(const std::string& name, const std::string& json) {
    return send("{\"" + name + "\": " + json + "}");
  }

  static Catalog* catalog_;
};
Catalog* TypesTest::catalog_ = nullptr;

struct Case {
  const char* property;
  std::vector<const char*> valid;
  std::vector<const char*> invalid;
  const char* expected;  // in the message for an invalid value
};

TEST_F(TypesTest, EdmTypesFromTheRequestBodyTable) {
  const std::vector<Case> cases = {
      {"count",
       {"0", "-2147483648", "2147483647"},
       {"2147483648", "1.5", "\"1\"", "true"},
       "Int32"},
      {"total", {"9223372036854775807", "-5", "3000000000"}, {"\"5\"", "0.5"}, "Int64"},
      {"enabled", {"true", "false"}, {"\"true\"", "1"}, "Boolean"},
      {"ratio", {"0.25", "3", "-1e10", "\"NaN\""}, {"\"0.25\"", "false"}, "Double"},
      {"ownerId",
       {"\"01234567-89ab-cdef-0123-456789abcdef\""},
       {"\"01234567\"", "\"01234567-89ab-cdef-0123-456789abcdeg\"", "7"},
       "Guid"},
      {"madeOn", {"\"2016-12-31\""}, {"\"2016-13-01\"", "\"2016-12-31T00:00:00Z\""}, "Date"},
      {"madeAt",
       {"\"2016-12-31T23:56:31.6960562+03:00\"", "\"2016-12-31T23:56:31Z\""},
       {"\"2016-12-31\"", "\"yesterday\"", "0"},
       "DateTimeOffset"},
      {"lifetime", {"\"PT1H30M\"", "\"P1D\""}, {"\"1 hour\"", "3600"}, "Duration"},
      {"opensAt", {"\"23:56:31\"", "\"08:00:00.5\""}, {"\"25:00:00\"", "\"8am\""}, "TimeOfDay"},
      {"thumbnail", {"\"aGVsbG8=\"", "\"\""}, {"\"not base64!\"", "12"}, "Binary"},
      {"tags", {"[]", "[\"a\", \"b\"]"}, {"\"a\"", "[\"a\", 1]", "{}"}, "String"},
  };
  for (const Case& c : cases) {
    for (const char* value : c.valid) {
      auto [status, message] = send_property(c.property, value);
      EXPECT_EQ(status, 201) << c.property << " = " << value << ": " << message;
    }
    for (const char* value : c.invalid) {
      auto [status, message] = send_property(c.property, value);
      EXPECT_EQ(status, 400) << c.property << " = " << value;
      EXPECT_THAT(message, HasSubstr(c.expected)) << c.property << " = " << value;
      EXPECT_THAT(message, HasSubstr(std::string("/") + c.property)) << value;
    }
    auto [status, message] = send_property(c.property, "null");
    EXPECT_EQ(status, 201) << c.property << " = null: " << message;
  }
}

TEST_F(TypesTest, CollectionElementsArePointedAtByIndex) {
  auto [status, message] = send(R"({"tags": ["a", "b", 3, "d", false]})");
  EXPECT_EQ(status, 400);
  EXPECT_THAT(message, HasSubstr("2 violations"));
  EXPECT_THAT(message, HasSubstr("/tags/2: expected a String, got 3"));
  EXPECT_THAT(message, HasSubstr("/tags/4: expected a String, got false"));
}

TEST_F(TypesTest, NestedComplexTypeFromItsResourcePage) {
  EXPECT_EQ(send(R"({"part": {"label": "x", "weight": 3}})").first, 201);
  EXPECT_EQ(send(R"({"part": {}})").first, 201);

  auto [status, message] = send(R"({"part": {"label": 7, "weight": "heavy", "size": 1}})");
  EXPECT_EQ(status, 400);
  EXPECT_THAT(message, HasSubstr("/part/label: expected a String, got 7"));
  EXPECT_THAT(message, HasSubstr("/part/weight: expected an Int32"));
  EXPECT_THAT(message, HasSubstr("/part/size: unknown property; widgetPart does not document it"));

  auto [not_object, why] = send(R"({"part": "label"})");
  EXPECT_EQ(not_object, 400);
  EXPECT_THAT(why, HasSubstr("/part: expected a widgetPart object"));
}

TEST_F(TypesTest, EnumerationFromItsEnumPage) {
  EXPECT_EQ(send(R"({"color": "red"})").first, 201);
  EXPECT_EQ(send(R"({"color": "unknownFutureValue"})").first, 201);
  auto [status, message] = send(R"({"color": "blue"})");
  EXPECT_EQ(status, 400);
  EXPECT_THAT(message, HasSubstr("/color: \"blue\" is not one of red, green, unknownFutureValue"));
  EXPECT_EQ(send(R"({"color": "Red"})").first, 400);  // members are case-sensitive
  EXPECT_EQ(send(R"({"color": 1})").first, 400);
}

TEST_F(TypesTest, UnknownPropertyIsRejected) {
  auto [status, message] = send(R"({"name": "w", "flavour": "mint"})");
  EXPECT_EQ(status, 400);
  EXPECT_THAT(message, HasSubstr("/flavour: unknown property; widget does not document it"));
}

TEST_F(TypesTest, ODataTypeOfTheDocumentedType) {
  EXPECT_EQ(send(R"({"@odata.type": "#microsoft.graph.widget", "count": 2})").first, 201);
  EXPECT_EQ(send(R"({"@odata.type": "microsoft.graph.widget", "name": "w"})").first, 201);
}

TEST_F(TypesTest, ODataTypeOfADerivedTypeAppliesItsProperties) {
  const char* derived = R"({"@odata.type": "#microsoft.graph.specialWidget", "name": "s",
                            "sparkle": 9})";
  auto [status, message] = send(derived);
  EXPECT_EQ(status, 201) << message;
  // The derived property is unknown without the cast, and checked with it.
  EXPECT_EQ(send(R"({"sparkle": 9})").first, 400);
  auto [bad, why] = send(R"({"@odata.type": "#microsoft.graph.specialWidget", "sparkle": "x"})");
  EXPECT_EQ(bad, 400);
  EXPECT_THAT(why, HasSubstr("/sparkle: expected an Int32"));
}

TEST_F(TypesTest, ODataTypeOfAnUnrelatedTypeIsRejected) {
  auto [status, message] = send(R"({"@odata.type": "#microsoft.graph.gadget", "name": "g"})");
  EXPECT_EQ(status, 400);
  EXPECT_THAT(message, HasSubstr("/@odata.type: \"#microsoft.graph.gadget\" is not "
                                 "microsoft.graph.widget or a type derived from it"));
  auto [unknown, why] = send(R"({"@odata.type": "#microsoft.graph.nothing"})");
  EXPECT_EQ(unknown, 400);
  EXPECT_THAT(why, HasSubstr("names no loaded type"));
  EXPECT_EQ(send(R"({"@odata.type": 5})").first, 400);
}

TEST_F(TypesTest, ErrorDetailsNameTheRowThatDocumentsTheRule) {
  auto res = client.Post("/widgets", bearer(), R"({"count": "x", "part": {"weight": "y"}})",
                         "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 400);
  boost::json::object error = graph_error(res->body);
  std::vector<std::pair<std::string, std::string>> details;
  for (const auto& d : error.at("details").as_array())
    details.emplace_back(str(d.as_object().if_contains("target")),
                         str(d.as_object().if_contains("source")));
  EXPECT_THAT(details, ::testing::UnorderedElementsAre(
                           std::pair<std::string, std::string>("/count", "api/widget-post.md:31"),
                           std::pair<std::string, std::string>("/part/weight",
                                                               "resources/widgetpart.md:15")));
}

}  // namespace
}  // namespace mockserver::test_support
