// libFuzzer target for request handling: method, target, headers and body in, a response out,
// through the framing checks and the exchange, against the seed page and the suites' widget
// pages (every Edm type). The input is a raw request:
//   METHOD TARGET [VERSION]\r\n(Name: value\r\n)*\r\nbody      (bare \n also separates)
// Invariants, beyond not crashing: a status from 200 to 599, the journal entry agrees with
// the response, and every error is Graph-shaped JSON.
#include <boost/json/parse.hpp>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "../tests/widget_pages.hpp"
#include "framing.hpp"
#include "mockserver/catalog.hpp"
#include "mockserver/exchange.hpp"
#include "mockserver/router.hpp"

namespace {

using namespace mockserver;

struct Fixture {
  Catalog catalog;
  Router router{catalog.contracts};
  IdSequence ids{1};
  IdSequence request_ids{2};

  static Catalog load() {
    std::vector<PageText> pages = test_support::widget_pages();
    std::ifstream in(std::string(MOCKSERVER_SOURCE_DIR) +
                     "/fixtures/windowsupdateforbusinessconfiguration-post-deviceupdatestates.md");
    std::stringstream text;
    text << in.rdbuf();
    pages.push_back({"api-reference/beta/api/seed.md", text.str()});
    return compile_pages(std::move(pages));
  }
  Fixture() : catalog(load()), router(catalog.contracts) {}
};

std::string_view next_line(std::string_view& rest) {
  std::size_t end = rest.find('\n');
  std::string_view line = rest.substr(0, end);
  rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
  if (line.ends_with('\r')) line.remove_suffix(1);
  return line;
}

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Fixture fixture;
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  std::string_view line = next_line(rest);
  Request request;
  std::size_t space = line.find(' ');
  request.method = std::string(line.substr(0, space));
  if (space != std::string_view::npos) {
    std::string_view target = line.substr(space + 1);
    request.target = std::string(target.substr(0, target.find(' ')));
  }
  while (!rest.empty()) {
    line = next_line(rest);
    if (line.empty()) break;
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;  // as cpp-httplib does
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
      value.remove_prefix(1);
    request.headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
  }
  request.body = std::string(rest);

  Framing framing;
  FramingLimits limits;
  if (auto error = check_framing(request.method, request.headers, limits, framing)) {
    check(error->status >= 400 && error->status < 600 && !error->code.empty());
    return 0;
  }
  ServingState state{fixture.catalog, fixture.router, fixture.ids, fixture.request_ids,
                     ExchangeOptions{}};
  JournalEntry entry;
  Response response = exchange(state, request, entry);
  check(response.status >= 200 && response.status < 600);
  check(entry.status == response.status);
  check(entry.response_body == response.body);
  if (response.status >= 400) {
    boost::system::error_code ec;
    boost::json::value body = boost::json::parse(response.body, ec);
    check(!ec && body.is_object() && body.as_object().contains("error"));
  }
  return 0;
}
