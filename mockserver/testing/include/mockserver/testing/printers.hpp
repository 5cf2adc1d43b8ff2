// How GoogleTest prints the server's records in failure messages: a journal entry as one
// line ("#2 POST /v1.0/users -> 400 BadRequest [POST /users at users-post.md:12] ..."), a
// violation as "pointer: message (page:line)", a contract as its route and page. Found by
// argument-dependent lookup, so EXPECT_THAT(server.requests(), ...) prints requests, not bytes.
//
//   std::string line = mockserver::testing::describe(entry);
#pragma once

#include <mockserver/journal.hpp>

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

namespace mockserver {

void PrintTo(const JournalEntry& entry, std::ostream* os);
void PrintTo(const Violation& violation, std::ostream* os);
void PrintTo(const Contract& contract, std::ostream* os);

namespace testing {

// "#2 POST /v1.0/users -> 201 [POST /users at users-post.md:12]", then each violation.
std::string describe(const JournalEntry& entry);

// "POST /users at users-post.md:12".
std::string describe(const Contract& contract);

// The "error.message" of a Graph error body, "" when the body is not one.
std::string graph_error_message(std::string_view body);

// The text cut to `limit` characters, with "..." when cut.
std::string abbreviate(std::string_view text, std::size_t limit);

}  // namespace testing
}  // namespace mockserver
