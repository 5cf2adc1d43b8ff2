#include "mockserver/edm.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <array>
#include <atomic>
#include <cstdlib>
#include <initializer_list>
#include <new>
#include <string>
#include <string_view>
#include <utility>

// Counts global allocations, to check that validating a valid value allocates nothing.
namespace {
std::atomic<long> g_allocations{0};
}  // namespace

void* operator new(std::size_t size) {
  ++g_allocations;
  if (void* memory = std::malloc(size == 0 ? 1 : size)) return memory;
  throw std::bad_alloc();
}
// noinline: GCC otherwise flags free() on memory from an (inlined) operator new.
[[gnu::noinline]] void operator delete(void* memory) noexcept { std::free(memory); }
[[gnu::noinline]] void operator delete(void* memory, std::size_t) noexcept { std::free(memory); }

namespace mockserver {
namespace {

constexpr std::array<Edm, 17> kAllTypes = {
    Edm::String, Edm::Boolean,        Edm::Byte,     Edm::SByte,     Edm::Int16,  Edm::Int32,
    Edm::Int64,  Edm::Single,         Edm::Double,   Edm::Decimal,   Edm::Guid,   Edm::Binary,
    Edm::Date,   Edm::DateTimeOffset, Edm::Duration, Edm::TimeOfDay, Edm::Stream,
};

// Each entry is JSON text, e.g. "42" or "\"2024-01-01\"".
void expect_valid(Edm type, std::initializer_list<std::string_view> json_texts) {
  for (std::string_view text : json_texts) {
    const boost::json::value value = boost::json::parse(text);
    const auto expected = check_edm(type, value);
    EXPECT_FALSE(expected.has_value())
        << edm_name(type) << " should accept " << text << " but expected " << *expected;
  }
}

void expect_invalid(Edm type, std::initializer_list<std::string_view> json_texts) {
  for (std::string_view text : json_texts) {
    const boost::json::value value = boost::json::parse(text);
    EXPECT_TRUE(check_edm(type, value).has_value()) << edm_name(type) << " should reject " << text;
  }
}

TEST(ParseEdmName, CanonicalNamesRoundTrip) {
  for (Edm type : kAllTypes) {
    const std::string name(edm_name(type));
    EXPECT_EQ(parse_edm_name(name), type) << name;
    EXPECT_EQ(parse_edm_name("Edm." + name), type) << name;
  }
}

TEST(ParseEdmName, CanonicalNames) {
  EXPECT_EQ(edm_name(Edm::DateTimeOffset), "DateTimeOffset");
  EXPECT_EQ(edm_name(Edm::SByte), "SByte");
  EXPECT_EQ(edm_name(Edm::Boolean), "Boolean");
  EXPECT_EQ(edm_name(Edm::Int32), "Int32");
  EXPECT_EQ(edm_name(Edm::Stream), "Stream");
}

TEST(ParseEdmName, CaseInsensitiveAndTrimmed) {
  EXPECT_EQ(parse_edm_name("edm.int32"), Edm::Int32);
  EXPECT_EQ(parse_edm_name("EDM.STRING"), Edm::String);
  EXPECT_EQ(parse_edm_name("string"), Edm::String);
  EXPECT_EQ(parse_edm_name("  Edm.Guid  "), Edm::Guid);
  EXPECT_EQ(parse_edm_name("datetimeoffset"), Edm::DateTimeOffset);
  EXPECT_EQ(parse_edm_name("timeofday"), Edm::TimeOfDay);
}

TEST(ParseEdmName, Aliases) {
  EXPECT_EQ(parse_edm_name("bool"), Edm::Boolean);
  EXPECT_EQ(parse_edm_name("int"), Edm::Int32);
  EXPECT_EQ(parse_edm_name("Integer"), Edm::Int32);
  EXPECT_EQ(parse_edm_name("long"), Edm::Int64);
  EXPECT_EQ(parse_edm_name("float"), Edm::Single);
  EXPECT_EQ(parse_edm_name("DateTime"), Edm::DateTimeOffset);
  EXPECT_EQ(parse_edm_name("Edm.DateTime"), Edm::DateTimeOffset);
  EXPECT_EQ(parse_edm_name("timestamp"), Edm::DateTimeOffset);
}

TEST(ParseEdmName, RejectsUnknownNames) {
  for (std::string_view name :
       {"", "   ", "Edm.", "Edm", "Int31", "Int8", "Int128", "microsoft.graph.user", "Edm.Strin",
        "Strings", "Collection(Edm.String)", "Edm.Geography", "Edm..String", "Edm. String",
        "xEdm.String", "Str ing"}) {
    EXPECT_EQ(parse_edm_name(name), std::nullopt) << '"' << name << '"';
  }
}

TEST(CheckEdm, NullIsValidForEveryType) {
  for (Edm type : kAllTypes) EXPECT_EQ(check_edm(type, nullptr), std::nullopt) << edm_name(type);
}

TEST(CheckEdm, ArraysAndObjectsAreInvalidForEveryType) {
  for (Edm type : kAllTypes) expect_invalid(type, {"[]", "{}", "[\"a\"]", "{\"a\":1}"});
}

TEST(CheckEdm, SampleIsValidForEveryType) {
  for (Edm type : kAllTypes) {
    const boost::json::value sample = sample_edm(type);
    EXPECT_FALSE(sample.is_null()) << edm_name(type);
    EXPECT_EQ(check_edm(type, sample), std::nullopt)
        << edm_name(type) << " sample " << boost::json::serialize(sample);
  }
}

TEST(CheckEdm, SampleValues) {
  EXPECT_EQ(sample_edm(Edm::String), "string");
  EXPECT_EQ(sample_edm(Edm::Int32), 0);
  EXPECT_EQ(sample_edm(Edm::Boolean), false);
  EXPECT_EQ(sample_edm(Edm::Guid), "00000000-0000-0000-0000-000000000000");
  EXPECT_EQ(sample_edm(Edm::DateTimeOffset), "2024-01-01T00:00:00Z");
  EXPECT_EQ(sample_edm(Edm::Duration), "PT1H");
  EXPECT_EQ(sample_edm(Edm::Date), "2024-01-01");
  EXPECT_EQ(sample_edm(Edm::TimeOfDay), "12:00:00");
  EXPECT_EQ(sample_edm(Edm::Binary), "");
  EXPECT_TRUE(sample_edm(Edm::Double).is_double());
}

TEST(CheckEdm, ExpectedPhrases) {
  const boost::json::value text = "nope";
  EXPECT_EQ(check_edm(Edm::DateTimeOffset, text),
            "a DateTimeOffset (RFC 3339, e.g. 2016-12-31T23:56:31Z)");
  EXPECT_EQ(check_edm(Edm::Int32, text), "an Int32 (integer from -2147483648 to 2147483647)");
  EXPECT_EQ(check_edm(Edm::Boolean, text), "a Boolean (true or false)");
  EXPECT_EQ(check_edm(Edm::String, boost::json::value(1)), "a String");
  // Every type has a phrase that starts with an article and names the type.
  for (Edm type : kAllTypes) {
    const auto phrase = check_edm(type, boost::json::parse("[]"));
    ASSERT_TRUE(phrase.has_value()) << edm_name(type);
    EXPECT_TRUE(phrase->starts_with("a ") || phrase->starts_with("an ")) << *phrase;
    EXPECT_NE(phrase->find(edm_name(type)), std::string::npos) << *phrase;
  }
}

TEST(CheckEdm, ValidValuesDoNotAllocate) {
  const std::array<std::pair<Edm, boost::json::value>, 10> cases = {{
      {Edm::String, boost::json::parse(R"("a long enough string to need the heap")")},
      {Edm::Int32, boost::json::parse("2147483647")},
      {Edm::Int64, boost::json::parse("-9.2e18")},
      {Edm::Single, boost::json::parse(R"("-INF")")},
      {Edm::Guid, boost::json::parse(R"("01234567-89ab-cdef-0123-456789abcdef")")},
      {Edm::Binary, boost::json::parse(R"("SGVsbG8gV29ybGQh")")},
      {Edm::Date, boost::json::parse(R"("2024-02-29")")},
      {Edm::DateTimeOffset, boost::json::parse(R"("2016-12-31T23:56:31.6960562+03:00")")},
      {Edm::Duration, boost::json::parse(R"("P1Y2M3W4DT5H6M7.5S")")},
      {Edm::TimeOfDay, boost::json::parse(R"("23:59:59.9999999")")},
  }};
  const long before = g_allocations.load();
  int invalid = 0;
  for (const auto& [type, value] : cases) invalid += check_edm(type, value).has_value();
  EXPECT_EQ(g_allocations.load(), before);
  EXPECT_EQ(invalid, 0);
  // The counter works: an invalid value does allocate its (long) expected-phrase.
  EXPECT_TRUE(check_edm(Edm::Int32, cases[0].second).has_value());
  EXPECT_GT(g_allocations.load(), before);
}

TEST(CheckEdm, String) {
  expect_valid(Edm::String, {R"("")", R"("hello")", R"("2024-01-01")", R"("\u00e9")"});
  expect_invalid(Edm::String, {"1", "true", "false", "0.5"});
}

TEST(CheckEdm, Boolean) {
  expect_valid(Edm::Boolean, {"true", "false"});
  expect_invalid(Edm::Boolean, {R"("true")", R"("false")", "0", "1", R"("")"});
}

TEST(CheckEdm, Byte) {
  expect_valid(Edm::Byte, {"0", "1", "255", "255.0", "0.0", "-0.0", "2e2"});
  expect_invalid(Edm::Byte, {"-1", "256", "1.5", R"("1")", "true", "1e400"});
}

TEST(CheckEdm, SByte) {
  expect_valid(Edm::SByte, {"-128", "127", "0", "-128.0"});
  expect_invalid(Edm::SByte, {"-129", "128", "255", "0.1", R"("0")"});
}

TEST(CheckEdm, Int16) {
  expect_valid(Edm::Int16, {"-32768", "32767", "0"});
  expect_invalid(Edm::Int16, {"-32769", "32768", "1.25"});
}

TEST(CheckEdm, Int32) {
  expect_valid(Edm::Int32, {"2147483647", "-2147483648", "0", "42", "5.0", "2147483647.0"});
  expect_invalid(Edm::Int32, {"2147483648", "-2147483649", "5.5", "1e10", R"("42")", "true",
                              "9223372036854775807", "18446744073709551615", "1e400", "-1e400"});
}

TEST(CheckEdm, Int64) {
  expect_valid(Edm::Int64, {"9223372036854775807", "-9223372036854775808", "-9223372036854775808.0",
                            "0", "1e18", "-9.2e18"});
  expect_invalid(Edm::Int64, {"9223372036854775808", "18446744073709551615", "18446744073709551616",
                              "1e19", "-1e19", "0.5", "1e400", R"("9223372036854775807")"});
}

TEST(CheckEdm, Single) {
  expect_valid(Edm::Single, {"0", "-1", "1.5", "3.4028235e38", "-3.4028235e38", "1e-45", R"("NaN")",
                             R"("INF")", R"("-INF")", "18446744073709551615"});
  expect_invalid(Edm::Single, {"3.5e38", "-3.5e38", "1e39", "1e308", "1e400", R"("nan")",
                               R"("Infinity")", R"("1.5")", "true"});
}

TEST(CheckEdm, Double) {
  expect_valid(Edm::Double, {"0", "-1", "1.5", "1e308", "-1.7976931348623157e308", "5e-324",
                             R"("NaN")", R"("INF")", R"("-INF")", "9223372036854775807"});
  expect_invalid(Edm::Double, {"1e400", "-1e400", R"("+INF")", R"("inf")", R"("1.5")", "false"});
}

TEST(CheckEdm, Decimal) {
  expect_valid(Edm::Decimal, {"0", "1.25", "-99999999999.99", "18446744073709551615"});
  expect_invalid(Edm::Decimal, {R"("NaN")", R"("INF")", R"("1.25")", "1e400", "true"});
}

TEST(CheckEdm, Guid) {
  expect_valid(Edm::Guid, {R"("00000000-0000-0000-0000-000000000000")",
                           R"("01234567-89ab-cdef-0123-456789abcdef")",
                           R"("01234567-89AB-CDEF-0123-456789ABCDEF")"});
  expect_invalid(
      Edm::Guid,
      {R"("String")", R"("")", R"("00000000000000000000000000000000")",
       R"("{00000000-0000-0000-0000-000000000000}")", R"("0000000-00000-0000-0000-000000000000")",
       R"("00000000-0000-0000-0000-00000000000g")", R"("00000000-0000-0000-0000-0000000000000")",
       R"("00000000-0000-0000-0000-00000000000")", "0"});
}

TEST(CheckEdm, BinaryAndStream) {
  for (Edm type : {Edm::Binary, Edm::Stream}) {
    expect_valid(type,
                 {R"("")", R"("AAAA")", R"("aGVsbG8=")", R"("aGVsbG8")", R"("aGk=")", R"("aGk")",
                  R"("aA==")", R"("aA")", R"("+/+/")", R"("-_-_")", R"("SGVsbG8gV29ybGQh")"});
    expect_invalid(type, {R"("A")", R"("AAAAA")", R"("=")", R"("==")", R"("aA=")", R"("aA===")",
                          R"("AAAA=")", R"("AAAA====")", R"("aG=k")", R"("aG k")", R"("aGk!")",
                          R"("+/-_")", R"("Str!ng")", "0", "[1]"});
  }
}

TEST(CheckEdm, Date) {
  expect_valid(Edm::Date, {R"("2024-01-01")", R"("2024-02-29")", R"("2000-02-29")",
                           R"("2023-12-31")", R"("2023-04-30")", R"("0001-01-01")"});
  expect_invalid(Edm::Date,
                 {R"("2023-02-29")", R"("1900-02-29")", R"("2024-02-30")", R"("2024-04-31")",
                  R"("2024-13-01")", R"("2024-00-10")", R"("2024-01-00")", R"("2024-01-32")",
                  R"("2024-1-01")", R"("24-01-01")", R"("2024/01/01")", R"("2024-01-01T00:00:00Z")",
                  R"("2024-01-01 ")", R"("String")", R"("")", "20240101"});
}

TEST(CheckEdm, DateTimeOffset) {
  expect_valid(Edm::DateTimeOffset,
               {R"("2016-12-31T23:56:31.6960562+03:00")", R"("2016-12-31T23:56:31Z")",
                R"("2016-12-31t23:56:31z")", R"("2016-12-31T23:56Z")", R"("2016-12-31T23:56")",
                R"("2016-12-31T23:56:31")", R"("2016-12-31T23:56:31.1-08:00")",
                R"("2016-12-31T23:59:60Z")", R"("2024-02-29T00:00:00Z")",
                R"("2016-12-31T23:56:31.123456789Z")", R"("2016-12-31T00:00:00-23:59")"});
  expect_invalid(Edm::DateTimeOffset, {R"("String")",
                                       R"("")",
                                       R"("2016-12-31")",
                                       R"("2016-12-31T")",
                                       R"("2016-12-31 23:56:31Z")",
                                       R"("2016-12-31T24:00:00Z")",
                                       R"("2016-12-31T23:60:00Z")",
                                       R"("2016-12-31T23:56:61Z")",
                                       R"("2023-02-29T00:00:00Z")",
                                       R"("2016-13-31T23:56:31Z")",
                                       R"("2016-12-31T23:56:31.Z")",
                                       R"("2016-12-31T23:56:31+0300")",
                                       R"("2016-12-31T23:56:31+24:00")",
                                       R"("2016-12-31T23:56:31+03:60")",
                                       R"("2016-12-31T23:56:31+03")",
                                       R"("2016-12-31T23:56:31ZZ")",
                                       R"("2016-12-31T23:56:31Z ")",
                                       R"("2016-12-31T23")",
                                       R"("2016-12-31T2:56Z")",
                                       "1483228591"});
}

TEST(CheckEdm, Duration) {
  expect_valid(Edm::Duration, {R"("PT1H")", R"("P1D")", R"("-P1D")", R"("P1Y2M3W4DT5H6M7S")",
                               R"("PT0S")", R"("PT1.5S")", R"("PT30M")", R"("P1DT12H")",
                               R"("PT1H30M")", R"("P2W")", R"("PT0.000001S")", R"("P10Y")"});
  expect_invalid(
      Edm::Duration,
      {R"("P")",      R"("PT")",    R"("-P")",    R"("P1DT")", R"("1H")",   R"("T1H")",
       R"("PT1.5M")", R"("PT.5S")", R"("PT1.S")", R"("P1H")",  R"("PT1D")", R"("PT1M1H")",
       R"("P1D1Y")",  R"("P1Y1Y")", R"("PTH")",   R"("P-1D")", R"("pt1h")", R"("PT1H ")",
       R"("String")", R"("")",      "3600"});
}

TEST(CheckEdm, TimeOfDay) {
  expect_valid(Edm::TimeOfDay, {R"("12:00:00")", R"("00:00")", R"("23:59:59")",
                                R"("23:59:59.9999999")", R"("08:30")"});
  expect_invalid(Edm::TimeOfDay, {R"("24:00:00")", R"("12:60:00")", R"("12:00:60")", R"("12")",
                                  R"("12:00:")", R"("12:00:00.")", R"("1:00:00")", R"("12:00:00Z")",
                                  R"("T12:00:00")", R"("String")", R"("")", "43200"});
}

}  // namespace
}  // namespace mockserver
