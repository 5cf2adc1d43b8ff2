// A Server for one test, with its feed, matcher-driven overrides and strict mode.
#include "mockserver/testing/mock_server.hpp"

#include "mockserver/testing/overrides.hpp"

namespace mockserver::testing {
namespace {

// A catalog without contracts serves nothing: say why, once, on the test.
void check_catalog(const Catalog& catalog, const DeclaredAt& where) {
  if (!catalog.contracts.empty()) return;
  std::string why = "MockServer: the pages (" + std::to_string(catalog.pages) +
                    ") compiled to no contract; every request will be answered 404";
  for (const Diagnostic& diagnostic : catalog.diagnostics) why += "\n  " + format(diagnostic);
  ADD_FAILURE_AT(where.file, where.line) << why;
}

}  // namespace

MockServer::MockServer(Catalog catalog, MockServerOptions options, DeclaredAt where)
    : options_(std::move(options)), where_(where) {
  check_catalog(catalog, where_);
  server_ = std::make_unique<Server>(std::move(catalog), options_.server);
  feed_ = std::make_unique<RequestFeed>(server_->journal());
}

MockServer::MockServer(const std::vector<std::filesystem::path>& pages, MockServerOptions options,
                       DeclaredAt where)
    : MockServer(load_catalog(pages), std::move(options), where) {}

MockServer::~MockServer() {
  stop();
  if (!options_.strict) return;
  if (::testing::AssertionResult kept = contracts_kept(); !kept)
    ADD_FAILURE_AT(where_.file, where_.line) << kept.message();
}

std::string MockServer::url() const { return server_->url(); }
int MockServer::port() const { return server_->port(); }
Server& MockServer::server() { return *server_; }
const Catalog& MockServer::catalog() const { return server_->catalog(); }
std::vector<JournalEntry> MockServer::requests() const { return server_->requests(); }

Subscription MockServer::on_request(RequestHook hook) { return feed_->subscribe(std::move(hook)); }

Subscription MockServer::on_request(::testing::MockFunction<void(const JournalEntry&)>& mock) {
  return feed_->subscribe(mock.AsStdFunction());
}

::testing::AssertionResult MockServer::wait_for_requests(std::size_t count,
                                                         std::chrono::milliseconds timeout) const {
  return feed_->wait_for_requests(count, timeout);
}

::testing::AssertionResult MockServer::wait_for(
    const ::testing::Matcher<const JournalEntry&>& matcher,
    std::chrono::milliseconds timeout) const {
  return feed_->wait_for(matcher, timeout);
}

OverrideId MockServer::add_override(Override override) {
  return server_->add_override(std::move(override));
}

OverrideId MockServer::add_override(const ::testing::Matcher<const JournalEntry&>& matcher,
                                    Override override) {
  auto matches = when(matcher);
  if (override.matches)
    matches = [matches, also = std::move(override.matches)](const JournalEntry& e) {
      return matches(e) && also(e);
    };
  override.matches = std::move(matches);
  return server_->add_override(std::move(override));
}

void MockServer::remove_override(OverrideId id) { server_->remove_override(id); }
std::size_t MockServer::override_hits(OverrideId id) const { return server_->override_hits(id); }

void MockServer::set_strict(bool strict) { options_.strict = strict; }

void MockServer::tolerate(::testing::Matcher<const JournalEntry&> matcher) {
  tolerated_.push_back(std::move(matcher));
}

::testing::AssertionResult MockServer::contracts_kept() const {
  return testing::contracts_kept(
      server_->requests(), server_->catalog(),
      {.body_limit = options_.server.body_limit, .tolerated = tolerated_});
}

void MockServer::stop() { server_->stop(); }

}  // namespace mockserver::testing
