// cpp-httplib's server with its accept loop and connection loop replaced (internal).
// cpp-httplib accepts on one thread and hands each connection to a pool, reads each request
// through a fresh stream (a pipelined request is lost), and reads a request head of any size.
// Here threads of the server's own wait in accept() and each serves the connection it took,
// through one ConnectionStream for the connection's whole life; the head is bounded before
// cpp-httplib parses it; a connection closes when the handlers ask; and the server keeps a
// list of its connections so that stopping ends idle ones at once.
//
//   HttpServer http;                          // handlers set as on httplib::Server
//   http.bind_to_any_port("127.0.0.1");
//   http.start_accepting(256);                // connections accepted now wait for open()
//   http.open();
//   ...
//   http.stop_accepting();
//   while (!http.finished(20ms)) http.shutdown_connections(SHUT_RD);
//   http.join();
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_set>
#include <vector>

namespace mockserver {

class HttpServer : public httplib::Server {
 public:
  ~HttpServer() override;

  socket_t listening_socket() const { return svr_sock_; }

  // A request head (request line, header fields, blank line) longer than this is refused
  // unparsed; 0 for no limit.
  std::size_t max_head_bytes = 0;
  // The whole response to a head over the limit (status 414 when even the request line
  // did not end within it, else 431), given the start of the head; the connection closes.
  std::function<std::string(std::string_view head, int status)> refuse_head;
  // Asked after each request: whether the handlers want the connection closed.
  std::function<bool()> close_requested;

  // Starts accepting on the bound socket. Two threads wait in accept() (one if max_threads
  // is 1); a thread that takes a connection serves it, and starts another first when no
  // other is left waiting, up to max_threads in all. Connections are answered once open().
  void start_accepting(std::size_t max_threads);
  void open();
  // Shuts the listening socket: no more connections; each thread ends with its connection.
  void stop_accepting();
  bool stopping() const { return stopping_; }  // stop_accepting() was called
  // Shuts down (SHUT_RD, SHUT_WR or SHUT_RDWR) every open connection.
  void shutdown_connections(int how);
  // Whether every thread has returned, waiting up to `wait` for it.
  bool finished(std::chrono::milliseconds wait);
  void join();  // after stop_accepting()

 private:
  void start_thread(bool then_spare);  // with threads_mutex_ held
  void accept_connections();
  void serve_and_close(socket_t sock);
  void serve(socket_t sock);

  std::atomic<bool> open_{false};
  std::atomic<bool> stopping_{false};

  std::mutex threads_mutex_;
  std::condition_variable threads_changed_;
  std::vector<std::thread> threads_;
  std::size_t max_threads_ = 1;
  std::size_t waiting_ = 0;  // threads started and not serving a connection
  std::size_t running_ = 0;  // threads that have not returned

  std::mutex connections_mutex_;
  std::unordered_set<socket_t> connections_;
};

}  // namespace mockserver
