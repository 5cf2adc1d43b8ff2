// The cpp-httplib face of the exchange pipeline, with the defaults fixed for a mock:
// TCP_NODELAY on (no 40 ms delayed-ACK stalls), keep-alive connections not closed after 5
// requests, connection threads that idle keep-alive connections can't exhaust
// (http_server.hpp), a listen backlog larger than 5 (a burst of connects otherwise waits
// 1 s for SYN retransmits), and SO_REUSEADDR without SO_REUSEPORT (which let a second
// server bind the same port and take half of its connections).
//
// Hostile input: bodies are read by the handler itself (a content reader), after the
// framing is checked (framing.hpp): no Content-Length is an empty body, not a 5 s wait;
// ambiguous framing is refused and the connection closed. What cpp-httplib refuses by
// itself (a request line or header it cannot parse, a target over 8 KiB, an unknown
// method) reaches the error handler, which answers in Graph's shape and journals it.
#include "mockserver/server.hpp"

#include <sys/random.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "server_impl.hpp"

namespace mockserver {
namespace {

// From getrandom(2): std::random_device probes the CPU with cpuid first, which a virtual
// machine traps (a tenth of the in-process start-up time here).
std::uint64_t random_seed() {
  std::uint64_t seed = 0;
  if (::getrandom(&seed, sizeof seed, GRND_NONBLOCK) != sizeof seed)
    seed = static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()) ^
           reinterpret_cast<std::uintptr_t>(&seed);
  return seed;
}

}  // namespace

Server::Impl::Impl(ServerOptions o)
    : options(std::move(o)),
      router(catalog.contracts),
      seed(options.seed ? *options.seed : random_seed()),
      ids(seed),
      request_ids(~seed),
      journal(options.journal_limit) {}

void Server::Impl::start() {
  http.set_tcp_nodelay(true);
  http.set_socket_options([](socket_t sock) {  // replaces cpp-httplib's SO_REUSEPORT
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  http.set_keep_alive_max_count(1000000);  // cpp-httplib closes after 5 by default
  http.set_keep_alive_timeout(options.keep_alive_timeout.count());
  http.set_read_timeout(options.read_timeout.count(), 0);
  http.set_write_timeout(options.read_timeout.count(), 0);
  // The handlers enforce the limits themselves (and journal the 413); this only bounds memory.
  http.set_payload_max_length(limits().max_content_length);
  // Method handlers, not the pre-routing handler: cpp-httplib reaches them once the
  // headers are read. The single pattern matches every path.
  auto plain = [this](const httplib::Request& req, httplib::Response& res) { handle(req, res); };
  auto with_body = [this](const httplib::Request& req, httplib::Response& res,
                          const httplib::ContentReader& reader) {
    handle_with_body(req, res, reader);
  };
  http.Get(".*", plain).Options(".*", plain);
  http.Post(".*", with_body).Put(".*", with_body).Patch(".*", with_body);
  http.Delete(".*", with_body);
  http.set_error_handler(httplib::Server::HandlerWithResponse(
      [this](const httplib::Request& req, httplib::Response& res) { return on_error(req, res); }));
  http.set_exception_handler([this](const httplib::Request& req, httplib::Response& res,
                                    std::exception_ptr e) { on_exception(req, res, e); });
  http.set_expect_100_continue_handler([this](const httplib::Request& req, httplib::Response& res) {
    return expect_continue(req, res);
  });
  // Room for the request line (cpp-httplib's limit is 8 KiB), the header fields and their
  // line ends; a head within it is parsed and its fields checked against the exact limits.
  http.max_head_bytes = CPPHTTPLIB_REQUEST_URI_MAX_LENGTH + options.max_header_bytes +
                        2 * options.max_header_count + 1024;
  http.refuse_head = [this](std::string_view head, int status) {
    return refuse_head(head, status);
  };
  http.close_requested = [this] { return end_turn(); };
  errno = 0;
  if (options.port == 0) {
    port = http.bind_to_any_port(options.host);
  } else {
    port = http.bind_to_port(options.host, options.port) ? options.port : -1;
  }
  if (port <= 0) {
    std::string why = errno ? std::strerror(errno) : "unknown error";
    throw std::runtime_error("cannot listen on " + options.host + ":" +
                             std::to_string(options.port) + ": " + why);
  }
  ::listen(http.listening_socket(), SOMAXCONN);  // cpp-httplib listens with a backlog of 5
  // Bound and listening: a client may connect now; what it sends is answered once open.
  http.start_accepting(options.max_threads);
}

void Server::Impl::open(Catalog c) {
  catalog = std::move(c);
  router = Router(catalog.contracts);
  http.open();
}

Server::Server(Catalog catalog, ServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {
  impl_->start();
  impl_->open(std::move(catalog));
}

// The threads start while the pages load: a thread start costs tens of microseconds here.
Server::Server(const std::vector<std::filesystem::path>& pages, ServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {
  impl_->start();
  try {
    impl_->open(load_catalog(pages));
  } catch (...) {
    stop();
    throw;
  }
}

Server::~Server() { stop(); }

void Server::stop() {
  if (!impl_) return;
  impl_->http.stop_accepting();
  // The keep-alive loop would wait out the keep-alive timeout on each idle connection. Shutting
  // their read side ends idle and half-sent ones at once, while a request being answered still gets
  // its answer; what is left after a grace period (a client that will not read its answer) is shut
  // both ways.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  while (!impl_->http.finished(std::chrono::milliseconds(20))) {
    bool late = std::chrono::steady_clock::now() > deadline;
    impl_->http.shutdown_connections(late ? SHUT_RDWR : SHUT_RD);
  }
  impl_->http.join();
}

std::string Server::url() const {
  const std::string& host = impl_->options.host;
  bool v6 = host.find(':') != std::string::npos;
  return "http://" + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(impl_->port);
}
std::string Server::host() const { return impl_->options.host; }
int Server::port() const { return impl_->port; }
const Catalog& Server::catalog() const { return impl_->catalog; }
Journal& Server::journal() { return impl_->journal; }
std::vector<JournalEntry> Server::requests() const { return impl_->journal.entries(); }

OverrideId Server::add_override(Override override) {
  return impl_->overrides.add(std::move(override));
}
void Server::remove_override(OverrideId id) { impl_->overrides.remove(id); }
void Server::clear_overrides() { impl_->overrides.clear(); }
std::size_t Server::override_hits(OverrideId id) const { return impl_->overrides.hits(id); }

}  // namespace mockserver
