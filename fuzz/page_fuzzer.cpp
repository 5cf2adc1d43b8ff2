// libFuzzer target for page compilation: any text as a documentation page (an API page path,
// so the request templates, tables and examples are all tried), then the same text through
// the lenient and strict JSON parsers. Invariants, beyond not crashing: every contract has a
// method and a path, and the lenient parser's repaired value serializes to strict JSON.
#include <boost/json/serialize.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>

#include "mockserver/catalog.hpp"
#include "mockserver/lenient_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mockserver;
  std::string text(reinterpret_cast<const char*>(data), size);
  Catalog catalog = compile_pages({{"api-reference/v1.0/api/fuzz-post.md", text},
                                   {"api-reference/v1.0/resources/fuzz.md", text}});
  for (const Contract& c : catalog.contracts)
    if (c.method.empty() || c.path.empty()) std::abort();
  LenientJson lenient = parse_lenient_json(text);
  if (lenient.ok()) {
    StrictJson again = parse_strict_json(boost::json::serialize(lenient.value), 100000);
    if (!again.ok()) std::abort();
  }
  parse_strict_json(text);
  return 0;
}
