// GoogleMock matchers over what a request sent: its method, path (exact or against a
// template), headers and JSON body. Each describes itself and explains a mismatch, so
//
//   EXPECT_THAT(server.requests(), ElementsAre(IsPost("/v1.0/users"), IsGet()));
//
// fails with "whose method is "GET"" rather than a dump of bytes. Every argument that
// is a value may also be a matcher: HasPath(StartsWith("/beta/")), HasStatus(Ge(400)).
#pragma once

#include <mockserver/journal.hpp>

#include <gmock/gmock.h>

#include <boost/json/value.hpp>
#include <string>

namespace mockserver::testing {

using EntryMatcher = ::testing::Matcher<const JournalEntry&>;
using StringMatcher = ::testing::Matcher<const std::string&>;
using JsonMatcher = ::testing::Matcher<const boost::json::value&>;

EntryMatcher HasMethod(StringMatcher method);  // upper case, as sent: "POST"
EntryMatcher IsGet();
EntryMatcher IsPost();
EntryMatcher IsPut();
EntryMatcher IsPatch();
EntryMatcher IsDelete();
EntryMatcher IsGet(StringMatcher path);  // the method and HasPath(path)
EntryMatcher IsPost(StringMatcher path);
EntryMatcher IsPut(StringMatcher path);
EntryMatcher IsPatch(StringMatcher path);
EntryMatcher IsDelete(StringMatcher path);

// The path as sent, version segment included, query string removed: "/v1.0/users/42".
EntryMatcher HasPath(StringMatcher path);
// The query string as sent, without "?": "$select=id&$top=5"; "" when there is none.
EntryMatcher HasQuery(StringMatcher query);
// The path against a template: "{name}" takes one segment (or part of one, as in
// "range(start={s})"), literals compare case-insensitively, and a leading version
// segment ("v1.0", "beta") is skipped when the template has none: "/users/{id}/events".
EntryMatcher HasPathTemplate(const std::string& path_template);

// A header, its name compared case-insensitively.
EntryMatcher HasHeader(const std::string& name);
EntryMatcher HasHeader(const std::string& name, StringMatcher value);

// The value at a JSON pointer (RFC 6901; "" is the whole body) of a JSON body: equal to
// a value (HasJsonAt("/status", "upToDate"), HasJsonAt("/count", 3)) or matching a
// matcher (HasJsonAt("/deviceId", JsonString(StartsWith("d")))).
EntryMatcher HasJsonAt(const std::string& pointer, const boost::json::value& expected);
EntryMatcher HasJsonAt(const std::string& pointer, JsonMatcher matcher);
// The body has nothing at the pointer (or is not JSON).
EntryMatcher HasNoJsonAt(const std::string& pointer);

// A JSON value that is a string matching the matcher.
JsonMatcher JsonString(StringMatcher matcher);

}  // namespace mockserver::testing
