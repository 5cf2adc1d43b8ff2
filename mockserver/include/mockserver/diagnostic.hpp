// A Diagnostic is something the compiler noticed about a page: where (file:line),
// how bad (error, warning, note), what kind (a stable identifier such as
// "ref-template-mismatch") and a sentence for people. Pages are never skipped
// silently: every page that yields no contract says why in a diagnostic.
//
//   for (const Diagnostic& d : catalog.diagnostics()) std::cerr << format(d) << '\n';
#pragma once

#include <string>
#include <string_view>

namespace mockserver {

enum class Severity { note, warning, error };

std::string_view to_string(Severity severity);

// Where something is documented: a page and a 1-based line (0 when unknown).
struct SourceLocation {
  std::string file;
  int line = 0;
};

// "file:line" (or "file" when the line is unknown).
std::string format(const SourceLocation& where);

struct Diagnostic {
  SourceLocation where;
  Severity severity = Severity::warning;
  std::string kind;
  std::string message;
};

// "file:line: severity: kind: message", the form editors and CI logs understand.
std::string format(const Diagnostic& diagnostic);

}  // namespace mockserver
