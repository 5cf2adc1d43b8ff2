// One-line descriptions of journal entries, violations and contracts for failure messages.
#include "mockserver/testing/printers.hpp"

#include <boost/json/parse.hpp>

#include <sstream>

namespace mockserver {

void PrintTo(const JournalEntry& entry, std::ostream* os) { *os << testing::describe(entry); }

void PrintTo(const Violation& violation, std::ostream* os) {
  *os << format(violation);
  if (!violation.where.file.empty()) *os << " (" << format(violation.where) << ')';
}

void PrintTo(const Contract& contract, std::ostream* os) { *os << testing::describe(contract); }

namespace testing {

std::string describe(const Contract& contract) {
  return contract.method + " " + contract.path + " at " + format(contract.where);
}

std::string describe(const JournalEntry& entry) {
  std::ostringstream out;
  out << '#' << entry.sequence << ' ' << entry.method << ' ' << entry.target << " -> "
      << entry.status;
  if (!entry.error_code.empty()) out << ' ' << entry.error_code;
  if (entry.overridden) out << " (override)";
  if (entry.contract)
    out << " [" << describe(*entry.contract) << ']';
  else
    out << " [no contract]";
  for (const Violation& violation : entry.violations) {
    out << "; ";
    PrintTo(violation, &out);
  }
  if (!entry.body.empty()) out << "; body " << abbreviate(entry.body, 120);
  return out.str();
}

std::string graph_error_message(std::string_view body) {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(body, ec);
  if (ec || !value.is_object()) return {};
  const auto* error = value.as_object().if_contains("error");
  if (!error || !error->is_object()) return {};
  const auto* message = error->as_object().if_contains("message");
  if (!message || !message->is_string()) return {};
  return std::string(message->as_string());
}

std::string abbreviate(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return std::string(text);
  return std::string(text.substr(0, limit)) + "...";
}

}  // namespace testing
}  // namespace mockserver
