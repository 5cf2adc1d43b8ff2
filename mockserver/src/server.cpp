// The cpp-httplib face of the exchange pipeline, with the defaults fixed for a mock:
// TCP_NODELAY on (no 40 ms delayed-ACK stalls), keep-alive connections not closed
// after 5 requests, a thread pool that idle keep-alive connections can't exhaust, a
// listen backlog larger than 5 (a burst of connects otherwise waits 1 s for SYN
// retransmits), and SO_REUSEADDR without SO_REUSEPORT (which let a second server bind
// the same port and take half of its connections).
#include "mockserver/server.hpp"

#include <httplib.h>
#include <sys/socket.h>

#include <strings.h>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <random>
#include <stdexcept>
#include <thread>

#include "elastic_pool.hpp"
#include "responder.hpp"

namespace mockserver {
namespace {

std::uint64_t random_seed() {
  std::random_device device;
  return (static_cast<std::uint64_t>(device()) << 32) ^ device();
}

// cpp-httplib's server, with its listening socket reachable to raise the backlog.
class HttpServer : public httplib::Server {
 public:
  socket_t listening_socket() const { return svr_sock_; }
};

}  // namespace

struct Server::Impl {
  Catalog catalog;
  ServerOptions options;
  Router router;
  std::uint64_t seed;
  IdSequence ids;
  IdSequence request_ids;
  Journal journal;
  HttpServer http;
  std::thread thread;
  int port = 0;

  struct ActiveOverride {
    OverrideId id;
    Override override;
    std::size_t hits = 0;
  };
  mutable std::mutex overrides_mutex;
  std::vector<ActiveOverride> overrides;
  OverrideId next_override = 1;

  // The override that answers this request, if any (counting the hit); applies its delay.
  std::optional<Override> take_override(const JournalEntry& entry) {
    std::optional<Override> chosen;
    {
      std::lock_guard lock(overrides_mutex);
      for (auto it = overrides.rbegin(); it != overrides.rend(); ++it) {
        if (it->override.times && it->hits >= *it->override.times) continue;
        if (it->override.matches && !it->override.matches(entry)) continue;
        ++it->hits;
        chosen = it->override;
        break;
      }
    }
    if (chosen && chosen->delay.count() > 0) std::this_thread::sleep_for(chosen->delay);
    return chosen;
  }

  static void apply(const Override& o, Response& response, JournalEntry& entry) {
    entry.overridden = true;
    if (o.status == 0) return;  // a delay only
    std::string_view client_request_id;
    for (const auto& [name, value] : entry.headers)
      if (name.size() == 17 && strcasecmp(name.c_str(), "client-request-id") == 0)
        client_request_id = value;
    if (!o.body && o.status >= 400) {
      entry.error_code = graph_error_code(o.status);
      response = render_error(
          {o.status,
           entry.error_code,
           "Answered by an override of the test (status " + std::to_string(o.status) + ")",
           {},
           {}},
          entry.request_id, client_request_id);
    } else {
      response = Response{o.status, {}, o.body.value_or("")};
      response.headers.emplace_back("request-id", entry.request_id);
      if (!client_request_id.empty())
        response.headers.emplace_back("client-request-id", std::string(client_request_id));
      if (o.body) response.headers.emplace_back("Content-Type", "application/json");
    }
    for (const auto& header : o.headers) response.headers.push_back(header);
    entry.status = response.status;
    entry.response_body = response.body;
  }

  Impl(Catalog c, ServerOptions o)
      : catalog(std::move(c)),
        options(std::move(o)),
        router(catalog.contracts),
        seed(options.seed ? *options.seed : random_seed()),
        ids(seed),
        request_ids(~seed),
        journal(options.journal_limit) {}

  void handle(const httplib::Request& req, httplib::Response& res) {
    auto started = std::chrono::steady_clock::now();
    JournalEntry entry;
    entry.received = std::chrono::system_clock::now();
    Request request{req.method, req.target, {}, req.body};
    request.headers.reserve(req.headers.size());
    for (const auto& [name, value] : req.headers)
      if (name != "REMOTE_ADDR" && name != "REMOTE_PORT" && name != "LOCAL_ADDR" &&
          name != "LOCAL_PORT")
        request.headers.emplace_back(name, value);
    ServingState state{catalog, router, ids, request_ids,
                       ExchangeOptions{options.mode, options.validation, options.body_limit, 64}};
    Response response = exchange(state, request, entry);
    if (auto o = take_override(entry)) apply(*o, response, entry);
    res.status = response.status;
    std::string content_type;
    for (auto& [name, value] : response.headers) {
      if (name == "Content-Type")
        content_type = value;
      else
        res.set_header(name, value);
    }
    if (!response.body.empty() || !content_type.empty())
      res.set_content(std::move(response.body), content_type);
    entry.duration = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - started);
    journal.record(std::move(entry));
  }

  void start() {
    http.new_task_queue = [max = options.max_threads] { return new ElasticPool(2, max); };
    http.set_tcp_nodelay(true);
    http.set_socket_options([](socket_t sock) {  // replaces cpp-httplib's SO_REUSEPORT
      int yes = 1;
      ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    http.set_keep_alive_max_count(1000000);  // cpp-httplib closes after 5 by default
    http.set_keep_alive_timeout(options.keep_alive_timeout.count());
    http.set_read_timeout(options.read_timeout.count(), 0);
    // The exchange enforces body_limit itself (and journals the 413); this cap only bounds memory.
    http.set_payload_max_length(std::max<std::size_t>(options.body_limit * 4, 8 << 20));
    // Method handlers, not the pre-routing handler: cpp-httplib reads the body only
    // on the way to these. The single pattern matches every path.
    auto handler = [this](const httplib::Request& req, httplib::Response& res) {
      handle(req, res);
    };
    http.Get(".*", handler).Post(".*", handler).Put(".*", handler).Patch(".*", handler);
    http.Delete(".*", handler).Options(".*", handler);
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
    thread = std::thread([this] { http.listen_after_bind(); });
    while (!http.is_running())
      std::this_thread::yield();  // bound and listening already; this is microseconds
  }
};

Server::Server(Catalog catalog, ServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(catalog), std::move(options))) {
  impl_->start();
}

Server::Server(const std::vector<std::filesystem::path>& pages, ServerOptions options)
    : Server(load_catalog(pages), std::move(options)) {}

Server::~Server() { stop(); }

void Server::stop() {
  if (!impl_ || !impl_->thread.joinable()) return;
  impl_->http.stop();
  impl_->thread.join();
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
  std::lock_guard lock(impl_->overrides_mutex);
  OverrideId id = impl_->next_override++;
  impl_->overrides.push_back({id, std::move(override), 0});
  return id;
}

void Server::remove_override(OverrideId id) {
  std::lock_guard lock(impl_->overrides_mutex);
  std::erase_if(impl_->overrides, [&](const auto& o) { return o.id == id; });
}

void Server::clear_overrides() {
  std::lock_guard lock(impl_->overrides_mutex);
  impl_->overrides.clear();
}

std::size_t Server::override_hits(OverrideId id) const {
  std::lock_guard lock(impl_->overrides_mutex);
  for (const auto& o : impl_->overrides)
    if (o.id == id) return o.hits;
  return 0;
}

std::string graph_error_code(int status) {
  switch (status) {
    case 400:
      return "BadRequest";
    case 401:
      return "InvalidAuthenticationToken";
    case 403:
      return "Authorization_RequestDenied";
    case 404:
      return "ResourceNotFound";
    case 409:
      return "Conflict";
    case 412:
      return "PreconditionFailed";
    case 429:
      return "TooManyRequests";
    case 500:
      return "InternalServerError";
    case 502:
      return "BadGateway";
    case 503:
      return "ServiceUnavailable";
    case 504:
      return "GatewayTimeout";
    default:
      return status >= 500 ? "generalException" : "BadRequest";
  }
}

}  // namespace mockserver
