// Tests for parse_strict_json (errors, positions, limits) and parse_lenient_json (each
// repair on the kind of snippet Microsoft Graph documentation pages contain).
#include "mockserver/lenient_json.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <string>

namespace mockserver {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;

auto Repair(int line, const std::string& what) {
  return ::testing::AllOf(Field(&JsonRepair::line, line), Field(&JsonRepair::what, what));
}

// Parses text leniently and checks the value equals the strict JSON `expected`.
LenientJson lenient_equals(std::string_view text, std::string_view expected) {
  LenientJson doc = parse_lenient_json(text);
  EXPECT_TRUE(doc.ok()) << doc.error.message << " at " << doc.error.line << ":" << doc.error.column;
  EXPECT_EQ(doc.value, boost::json::parse(expected)) << boost::json::serialize(doc.value);
  return doc;
}

// ---- parse_strict_json ----------------------------------------------------------------------

TEST(StrictJson, ParsesValueWithSurroundingWhitespace) {
  StrictJson doc = parse_strict_json(" \r\n\t{\"id\": \"1\", \"tags\": [true, null, 2.5]}\n\n");
  ASSERT_TRUE(doc.ok()) << doc.error.message;
  EXPECT_EQ(doc.value, boost::json::parse(R"({"id":"1","tags":[true,null,2.5]})"));
}

TEST(StrictJson, IgnoresLeadingByteOrderMark) {
  StrictJson doc = parse_strict_json("\xEF\xBB\xBF{\"a\": 1}");
  ASSERT_TRUE(doc.ok()) << doc.error.message;
  EXPECT_EQ(doc.value, boost::json::parse(R"({"a":1})"));
}

TEST(StrictJson, ReportsLineAndColumnOfMissingCommaInMultilineBody) {
  const std::string text =
      "{\n"
      "  \"displayName\": \"Adele Vance\",\n"
      "  \"mail\": \"adele@contoso.com\"\n"
      "  \"jobTitle\": \"Retail Manager\"\n"
      "}\n";
  StrictJson doc = parse_strict_json(text);
  ASSERT_TRUE(doc.failed);
  EXPECT_EQ(doc.error.offset, text.find("\"jobTitle\""));
  EXPECT_EQ(doc.error.line, 4);
  EXPECT_EQ(doc.error.column, 3);
  EXPECT_EQ(doc.error.message, "expected ',' or '}' after an object member, found '\"'");
}

TEST(StrictJson, ColumnCountsCharactersNotBytes) {
  const std::string text = "{\"name\": \"Zoë Åberg\" ]";
  StrictJson doc = parse_strict_json(text);
  ASSERT_TRUE(doc.failed);
  EXPECT_EQ(doc.error.offset, text.find(']'));
  EXPECT_EQ(doc.error.line, 1);
  EXPECT_EQ(doc.error.column, 22);  // 23 bytes precede ']' but only 21 characters
}

TEST(StrictJson, RejectsTrailingCommaSayingAKeyWasExpected) {
  StrictJson doc = parse_strict_json("{\n  \"a\": 1,\n}");
  ASSERT_TRUE(doc.failed);
  EXPECT_EQ(doc.error.line, 3);
  EXPECT_EQ(doc.error.column, 1);
  EXPECT_EQ(doc.error.message, "expected a quoted object key after ',', found '}'");
}

TEST(StrictJson, EnforcesMaxDepth) {
  EXPECT_TRUE(parse_strict_json(R"({"a": [{"b": 1}]})", 3).ok());
  StrictJson doc = parse_strict_json(R"({"a": [{"b": [1]}]})", 3);
  ASSERT_TRUE(doc.failed);
  EXPECT_EQ(doc.error.offset, 13u);  // the fourth opening bracket
  EXPECT_THAT(doc.error.message, HasSubstr("limit of 3 levels"));
  EXPECT_TRUE(parse_strict_json("[[[[1]]]]").ok());  // default limit is 64
  EXPECT_TRUE(parse_strict_json(std::string(65, '[') + std::string(65, ']')).failed);
}

TEST(StrictJson, RejectsInvalidUtf8InString) {
  StrictJson doc = parse_strict_json("{\"city\": \"M\xFCnchen\"}");
  ASSERT_TRUE(doc.failed);
  EXPECT_EQ(doc.error.offset, 11u);
  EXPECT_EQ(doc.error.message, "invalid UTF-8 in a string");
}

TEST(StrictJson, RejectsRawControlCharacterInString) {
  StrictJson doc = parse_strict_json("{\"note\": \"line one\nline two\"}");
  ASSERT_TRUE(doc.failed);
  EXPECT_EQ(doc.error.offset, 18u);
  EXPECT_EQ(doc.error.line, 1);
  EXPECT_EQ(doc.error.column, 19);
  EXPECT_EQ(doc.error.message, "raw control character U+000A in a string must be escaped");
}

TEST(StrictJson, RejectsTrailingGarbageAfterTheValue) {
  StrictJson doc = parse_strict_json("{\"a\": 1}\n  x");
  ASSERT_TRUE(doc.failed);
  EXPECT_EQ(doc.error.offset, 11u);
  EXPECT_EQ(doc.error.line, 2);
  EXPECT_EQ(doc.error.column, 3);
  EXPECT_EQ(doc.error.message, "expected end of input after the JSON value, found 'x'");
  EXPECT_EQ(parse_strict_json("[1] [2]").error.message,
            "expected end of input after the JSON value, found '['");
}

TEST(StrictJson, RejectsEmptyText) {
  for (std::string_view text : {"", "  \n\t ", "\xEF\xBB\xBF"}) {
    StrictJson doc = parse_strict_json(text);
    ASSERT_TRUE(doc.failed) << text;
    EXPECT_EQ(doc.error.message, "empty body: expected a JSON value");
    EXPECT_EQ(doc.error.offset, text.size());
  }
}

TEST(StrictJson, ReportsUnterminatedStringAtEndOfInput) {
  StrictJson doc = parse_strict_json("{\"a\": \"b");
  ASSERT_TRUE(doc.failed);
  EXPECT_EQ(doc.error.offset, 8u);
  EXPECT_EQ(doc.error.message, "unterminated string");
}

TEST(StrictJson, ReportsIncompleteDocument) {
  StrictJson doc = parse_strict_json("{\"value\": [1, 2");
  ASSERT_TRUE(doc.failed);
  EXPECT_EQ(doc.error.offset, 15u);
  EXPECT_EQ(doc.error.message, "expected ',' or ']' after an array element, found end of input");
}

TEST(StrictJson, ReportsInvalidNumbersAndLiterals) {
  EXPECT_EQ(parse_strict_json("[01]").error.message, "invalid number '01'");
  EXPECT_EQ(parse_strict_json("[1.]").error.message, "invalid number '1.'");
  EXPECT_EQ(parse_strict_json("{\"a\": True}").error.message,
            "expected a value after ':', found 'True'");
  EXPECT_EQ(parse_strict_json("nul").error.message, "invalid literal 'nul'");
}

TEST(StrictJson, ReportsInvalidEscape) {
  StrictJson doc = parse_strict_json(R"(["C:\path"])");
  ASSERT_TRUE(doc.failed);
  EXPECT_EQ(doc.error.message, "invalid escape sequence in a string");
}

// ---- parse_lenient_json ---------------------------------------------------------------------

TEST(LenientJson, StrictTextNeedsNoRepairs) {
  LenientJson doc = lenient_equals(R"({"id": "48d31887", "accountEnabled": true})",
                                   R"({"id":"48d31887","accountEnabled":true})");
  EXPECT_TRUE(doc.repairs.empty());
}

TEST(LenientJson, RemovesTrailingCommas) {
  LenientJson doc = lenient_equals(
      "{\n"
      "  \"businessPhones\": [\"+1 425 555 0109\",],\n"
      "  \"officeLocation\": \"18/2111\",\n"
      "}",
      R"({"businessPhones":["+1 425 555 0109"],"officeLocation":"18/2111"})");
  EXPECT_THAT(doc.repairs, ElementsAre(Repair(2, "removed a trailing comma"),
                                       Repair(3, "removed a trailing comma")));
}

TEST(LenientJson, RemovesLineAndBlockComments) {
  LenientJson doc = lenient_equals(
      "{\n"
      "  \"id\": \"1\", // the user id\n"
      "  /* optional\n"
      "     property */ \"url\": \"http://contoso.com/a//b\"\n"
      "}",
      R"({"id":"1","url":"http://contoso.com/a//b"})");
  EXPECT_THAT(doc.repairs,
              ElementsAre(Repair(2, "removed a comment"), Repair(3, "removed a comment")));
}

TEST(LenientJson, QuotesUnquotedKeys) {
  LenientJson doc = lenient_equals(
      "{\n"
      "  @odata.type: \"#microsoft.graph.user\",\n"
      "  deviceId: \"4c299165\", \"x\": { is-active: true }\n"
      "}",
      R"({"@odata.type":"#microsoft.graph.user","deviceId":"4c299165","x":{"is-active":true}})");
  EXPECT_THAT(doc.repairs, ElementsAre(Repair(2, "quoted the key @odata.type"),
                                       Repair(3, "quoted the key deviceId"),
                                       Repair(3, "quoted the key is-active")));
}

TEST(LenientJson, ReplacesSingleQuotes) {
  LenientJson doc = lenient_equals(R"({'subject': 'Say "hi"', "body": 'it\'s'})",
                                   R"({"subject":"Say \"hi\"","body":"it's"})");
  EXPECT_THAT(doc.repairs, ElementsAre(Repair(1, "replaced single quotes")));
}

TEST(LenientJson, ReplacesSmartQuoteDelimitersButKeepsThemInsideStrings) {
  LenientJson doc = lenient_equals(
      "{\n"
      "  \u201CdisplayName\u201D: \u201CContoso\u201D,\n"
      "  \u2018kind\u2019: \"a \u201Cquoted\u201D word\"\n"
      "}",
      "{\"displayName\": \"Contoso\", \"kind\": \"a \u201Cquoted\u201D word\"}");
  EXPECT_THAT(doc.repairs,
              ElementsAre(Repair(2, "replaced smart quotes"), Repair(3, "replaced smart quotes")));
}

TEST(LenientJson, ReplacesNonBreakingAndUnicodeSpacesOutsideStrings) {
  LenientJson doc = lenient_equals(
      "{\n"
      "\u00A0\u00A0\"name\":\u00A0\"a\u00A0b\",\n"
      "\u2003\"n\": 1\n"
      "}",
      "{\"name\": \"a\u00A0b\", \"n\": 1}");
  EXPECT_THAT(doc.repairs, ElementsAre(Repair(2, "replaced a non-breaking space"),
                                       Repair(3, "replaced a non-JSON whitespace character")));
}

TEST(LenientJson, EscapesRawControlCharactersInStrings) {
  LenientJson doc = lenient_equals(
      "{\n"
      "  \"content\": \"<html>\n<body>\r\n\tHi\x01</body>\"\n"
      "}",
      R"({"content":"<html>\n<body>\r\n\tHi\u0001</body>"})");
  EXPECT_THAT(doc.repairs, ElementsAre(Repair(2, "escaped a raw newline in a string"),
                                       Repair(3, "escaped a raw carriage return in a string"),
                                       Repair(3, "escaped a raw newline in a string"),
                                       Repair(4, "escaped a raw tab in a string"),
                                       Repair(4, "escaped a raw control character in a string")));
}

TEST(LenientJson, RemovesElidedArrayElementsWithTheirCommas) {
  LenientJson doc = lenient_equals(
      "{\n"
      "  \"value\": [\n"
      "    {...},\n"
      "    ...\n"
      "  ],\n"
      "  \"ids\": [1, 2, ...], \"more\": [\u2026, 3]\n"
      "}",
      R"({"value":[{}],"ids":[1,2],"more":[3]})");
  EXPECT_THAT(doc.repairs,
              ElementsAre(Repair(3, "removed an elision"), Repair(4, "removed an elision"),
                          Repair(6, "removed an elision")));
}

TEST(LenientJson, RemovesElidedObjectMembers) {
  LenientJson doc = lenient_equals("{\n  \"id\": \"1\", \"note\": \"see ...\",\n  ...\n}",
                                   R"({"id":"1","note":"see ..."})");
  EXPECT_THAT(doc.repairs, ElementsAre(Repair(3, "removed an elision")));
}

TEST(LenientJson, RemovesMembersWhoseValueIsElided) {
  LenientJson doc = lenient_equals(
      "{\n"
      "  \"id\": \"1\",\n"
      "  \"manager\": ...,\n"
      "  \"photo\": \u2026\n"
      "}",
      R"({"id":"1"})");
  EXPECT_THAT(doc.repairs,
              ElementsAre(Repair(3, "removed the member manager whose value was elided"),
                          Repair(4, "removed the member photo whose value was elided")));
}

TEST(LenientJson, InsertsMissingCommaBetweenLines) {
  LenientJson doc = lenient_equals(
      "{\n"
      "  \"givenName\": \"Adele\"\n"
      "  \"surname\": \"Vance\",\n"
      "  \"phones\": [\n"
      "    \"1\"\n"
      "    \"2\"\n"
      "  ]\n"
      "  \"nested\": {}\n"
      "}",
      R"({"givenName":"Adele","surname":"Vance","phones":["1","2"],"nested":{}})");
  EXPECT_THAT(doc.repairs, ElementsAre(Repair(2, "inserted a missing comma"),
                                       Repair(5, "inserted a missing comma"),
                                       Repair(7, "inserted a missing comma")));
}

TEST(LenientJson, DoesNotInsertCommaOnTheSameLine) {
  LenientJson doc = parse_lenient_json("{\"a\": 1 \"b\": 2,}");
  ASSERT_TRUE(doc.failed);
  EXPECT_EQ(doc.error.offset, 8u);
  EXPECT_EQ(doc.error.message, "expected ',' or '}' after an object member, found '\"'");
}

TEST(LenientJson, SkipsByteOrderMark) {
  LenientJson doc = lenient_equals("\xEF\xBB\xBF{\"a\": [1,],}", R"({"a":[1]})");
  EXPECT_THAT(doc.repairs, ElementsAre(Repair(1, "removed a trailing comma")));
  EXPECT_TRUE(lenient_equals("\xEF\xBB\xBF  [1]  ", "[1]").repairs.empty());
}

TEST(LenientJson, RepairsARealisticGraphResponse) {
  LenientJson doc = lenient_equals(
      "{\n"
      "  \"@odata.context\": \"https://graph.microsoft.com/v1.0/$metadata#users\",\n"
      "  \"value\": [\n"
      "    {\n"
      "      id: '87d349ed',  // truncated\n"
      "      \"displayName\": \u201CAdele\u201D,\n"
      "      ...\n"
      "    },\n"
      "  ]\n"
      "}\n",
      R"({"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users",
          "value":[{"id":"87d349ed","displayName":"Adele"}]})");
  EXPECT_THAT(doc.repairs,
              ElementsAre(Repair(5, "quoted the key id"), Repair(5, "replaced single quotes"),
                          Repair(5, "removed a comment"), Repair(6, "replaced smart quotes"),
                          Repair(7, "removed an elision"), Repair(8, "removed a trailing comma")));
}

TEST(LenientJson, UnrepairableTextFailsWithPositionInTheOriginalText) {
  const std::string text =
      "// Response\n"
      "{\n"
      "  \"id\": /* the id */ 1,\n"
      "  \"status\": /* see below */ Active,\n"
      "}\n";
  LenientJson doc = parse_lenient_json(text);
  ASSERT_TRUE(doc.failed);
  EXPECT_FALSE(doc.repairs.empty());
  EXPECT_EQ(doc.error.offset, text.find("Active"));
  EXPECT_EQ(doc.error.line, 4);
  EXPECT_EQ(doc.error.column, 29);
  EXPECT_EQ(doc.error.message, "expected a value after ':', found 'Active'");
}

TEST(LenientJson, UnrepairableStrictErrorIsReportedAsIs) {
  LenientJson doc = parse_lenient_json("{\n  \"a\": [1 2]\n}");
  ASSERT_TRUE(doc.failed);
  EXPECT_TRUE(doc.repairs.empty());
  EXPECT_EQ(doc.error.line, 2);
  EXPECT_EQ(doc.error.column, 11);
  EXPECT_EQ(doc.error.message, "expected ',' or ']' after an array element, found '2'");
}

TEST(LenientJson, EmptyAfterRemovingCommentsFails) {
  LenientJson doc = parse_lenient_json("// nothing here\n");
  ASSERT_TRUE(doc.failed);
  EXPECT_EQ(doc.error.message, "empty body: expected a JSON value");
  EXPECT_EQ(doc.error.line, 2);
}

}  // namespace
}  // namespace mockserver
