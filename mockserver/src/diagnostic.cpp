// Formatting diagnostics as "file:line: severity: kind: message".
#include "mockserver/diagnostic.hpp"

namespace mockserver {

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::note:
      return "note";
    case Severity::warning:
      return "warning";
    case Severity::error:
      return "error";
  }
  return "?";
}

std::string format(const SourceLocation& where) {
  return where.line > 0 ? where.file + ":" + std::to_string(where.line) : where.file;
}

std::string format(const Diagnostic& d) {
  return format(d.where) + ": " + std::string(to_string(d.severity)) + ": " + d.kind + ": " +
         d.message;
}

}  // namespace mockserver
