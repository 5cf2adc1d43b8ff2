// The accept loop, on every thread that is not serving a connection, and the keep-alive
// loop: wait for a request, bound its head, let cpp-httplib parse and route it, write the
// response in one piece, and go on with what is already buffered.
#include "http_server.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <exception>

#include "connection_stream.hpp"

namespace mockserver {

HttpServer::~HttpServer() {
  stop_accepting();
  join();
}

void HttpServer::start_accepting(std::size_t max_threads) {
  std::lock_guard lock(threads_mutex_);
  max_threads_ = std::max<std::size_t>(max_threads, 1);
  start_thread(max_threads_ > 1);
}

void HttpServer::start_thread(bool then_spare) {
  threads_.emplace_back([this, then_spare] {
    if (then_spare) {  // the second waiting thread, started off the caller's path
      std::lock_guard lock(threads_mutex_);
      if (!stopping_) start_thread(false);
    }
    accept_connections();
    std::lock_guard lock(threads_mutex_);
    --waiting_;
    --running_;
    threads_changed_.notify_all();
  });
  ++waiting_;
  ++running_;
}

void HttpServer::open() {
  open_ = true;
  open_.notify_all();
}

void HttpServer::accept_connections() {
  for (;;) {
    socket_t sock = ::accept4(svr_sock_, nullptr, nullptr, SOCK_CLOEXEC);
    if (sock == INVALID_SOCKET) {
      if (stopping_) return;
      if (errno == EINTR || errno == ECONNABORTED || errno == EAGAIN) continue;
      if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));  // until a descriptor is free
        continue;
      }
      return;  // the listening socket failed
    }
    {
      std::lock_guard lock(threads_mutex_);
      --waiting_;
      if (waiting_ == 0 && running_ < max_threads_ && !stopping_) {
        try {
          start_thread(false);
        } catch (const std::exception&) {  // std::system_error: the system has no thread to give
          // No thread to spare now: the next connection waits in the backlog for this one.
        }
      }
    }
    open_.wait(false);
    if (stopping_)
      ::close(sock);
    else
      serve_and_close(sock);
    std::lock_guard lock(threads_mutex_);
    ++waiting_;
  }
}

void HttpServer::stop_accepting() {
  {
    std::lock_guard lock(threads_mutex_);
    stopping_ = true;
  }
  open();  // a connection accepted before open() is closed now
  if (svr_sock_ != INVALID_SOCKET) ::shutdown(svr_sock_, SHUT_RDWR);  // wakes every accept()
}

bool HttpServer::finished(std::chrono::milliseconds wait) {
  std::unique_lock lock(threads_mutex_);
  return threads_changed_.wait_for(lock, wait, [this] { return running_ == 0; });
}

void HttpServer::join() {
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(threads_mutex_);
    threads.swap(threads_);  // none is started once stopping_ is set
  }
  for (std::thread& t : threads) t.join();
  if (socket_t sock = svr_sock_.exchange(INVALID_SOCKET); sock != INVALID_SOCKET) ::close(sock);
}

void HttpServer::serve_and_close(socket_t sock) {
  {
    std::lock_guard lock(connections_mutex_);
    connections_.insert(sock);
  }
  serve(sock);
  std::lock_guard lock(connections_mutex_);  // not shut down by stop() once closed and reused
  connections_.erase(sock);
  ::close(sock);
}

void HttpServer::shutdown_connections(int how) {
  std::lock_guard lock(connections_mutex_);
  for (socket_t sock : connections_) ::shutdown(sock, how);
}

void HttpServer::serve(socket_t sock) {
  using std::chrono::microseconds;
  using std::chrono::seconds;
  ConnectionStream stream(sock, seconds(read_timeout_sec_) + microseconds(read_timeout_usec_),
                          seconds(write_timeout_sec_) + microseconds(write_timeout_usec_));
  bool ok = true;
  for (std::size_t left = keep_alive_max_count_; ok && left > 0; --left) {
    if (stopping_ || !stream.await_request(seconds(keep_alive_timeout_sec_))) break;
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
}

}  // namespace mockserver
