// The keep-alive loop: wait for a request, bound its head, let cpp-httplib parse and route
// it, write the response in one piece, and go on with what is already buffered.
#include "http_server.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include "connection_stream.hpp"

namespace mockserver {

bool HttpServer::process_and_close_socket(socket_t sock) {
  {
    std::lock_guard lock(connections_mutex_);
    connections_.insert(sock);
  }
  bool ok = serve(sock);
  std::lock_guard lock(connections_mutex_);  // not shut down by stop() once closed and reused
  connections_.erase(sock);
  ::close(sock);
  return ok;
}

void HttpServer::shutdown_connections(int how) {
  std::lock_guard lock(connections_mutex_);
  for (socket_t sock : connections_) ::shutdown(sock, how);
}

bool HttpServer::serve(socket_t sock) {
  using std::chrono::microseconds;
  using std::chrono::seconds;
  ConnectionStream stream(sock, seconds(read_timeout_sec_) + microseconds(read_timeout_usec_),
                          seconds(write_timeout_sec_) + microseconds(write_timeout_usec_));
  bool ok = true;
  for (std::size_t left = keep_alive_max_count_; ok && left > 0; --left) {
    if (svr_sock_ == INVALID_SOCKET || !stream.await_request(seconds(keep_alive_timeout_sec_)))
      break;
    if (max_head_bytes > 0 && refuse_head) {
      auto head = stream.await_head(max_head_bytes);
      if (head == ConnectionStream::Head::too_long_line ||
          head == ConnectionStream::Head::too_large) {
        std::string response =
            refuse_head(stream.buffered().substr(0, CPPHTTPLIB_REQUEST_URI_MAX_LENGTH),
                        head == ConnectionStream::Head::too_long_line ? 414 : 431);
        stream.write(response.data(), response.size());
        break;
      }
    }
    bool connection_closed = false;
    ok = process_request(stream, left == 1, connection_closed, nullptr);
    const bool close = close_requested && close_requested();  // always asked: it ends the turn
    ok = stream.flush() && ok;
    if (connection_closed || close) break;
  }
  stream.finish();
  return ok;
}

}  // namespace mockserver
