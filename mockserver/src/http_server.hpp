// cpp-httplib's server with its connection loop replaced (internal). cpp-httplib reads
// each request through a fresh stream, so a pipelined request is lost, and it reads a
// request head of any size. This loop keeps one ConnectionStream per connection, bounds
// the head before cpp-httplib parses it, closes a connection when the handlers ask, and
// keeps a list of its connections so that stopping can end idle ones at once (cpp-httplib's
// loop waits out the keep-alive timeout).
//
//   HttpServer http;
//   http.close_requested = [] { return false; };
//   http.refuse_head = [](std::string_view head, int status) { return "HTTP/1.1 431 ..."; };
#pragma once

#include <httplib.h>

#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>

namespace mockserver {

class HttpServer : public httplib::Server {
 public:
  socket_t listening_socket() const { return svr_sock_; }

  // A request head (request line, header fields, blank line) longer than this is refused
  // unparsed; 0 for no limit.
  std::size_t max_head_bytes = 0;
  // The whole response to a head over the limit (status 414 when even the request line
  // did not end within it, else 431), given the start of the head; the connection closes.
  std::function<std::string(std::string_view head, int status)> refuse_head;
  // Asked after each request: whether the handlers want the connection closed.
  std::function<bool()> close_requested;

  // Shuts down (SHUT_RD, SHUT_WR or SHUT_RDWR) every open connection.
  void shutdown_connections(int how);

 private:
  bool process_and_close_socket(socket_t sock) override;
  bool serve(socket_t sock);

  std::mutex connections_mutex_;
  std::unordered_set<socket_t> connections_;
};

}  // namespace mockserver
