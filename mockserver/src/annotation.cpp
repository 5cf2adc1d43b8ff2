// Reads the annotation comments that precede example and resource blocks.
#include "compiler.hpp"
#include "mockserver/lenient_json.hpp"
#include "text.hpp"

namespace mockserver::compiler {

std::optional<boost::json::object> parse_annotation(const HtmlBlock& block,
                                                    const Reporter& report) {
  std::string_view body = text::trim(block.text);
  if (!body.starts_with("<!--")) return std::nullopt;
  body.remove_prefix(4);
  auto end = body.rfind("-->");
  if (end != std::string_view::npos) body = body.substr(0, end);
  body = text::trim(body);
  if (!body.starts_with("{")) return std::nullopt;

  LenientJson json = parse_lenient_json(body);
  if (!json.ok()) {
    report(block.line + json.error.line - 1, Severity::warning, "bad-annotation",
           "annotation comment is not JSON even after repair: " + json.error.message);
    return std::nullopt;
  }
  for (const JsonRepair& repair : json.repairs)
    report(block.line + repair.line - 1, Severity::note, "lenient-annotation",
           "annotation comment is not strict JSON: " + repair.what);
  if (!json.value.is_object()) return std::nullopt;
  return std::move(json.value.as_object());
}

}  // namespace mockserver::compiler
