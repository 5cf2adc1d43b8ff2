// One accepted connection as cpp-httplib's Stream (internal), kept for the connection's
// whole life. cpp-httplib makes a new SocketStream per request, so bytes read past one
// request (a pipelined request) are lost with it, and it polls before every read and write
// and asks the kernel for both addresses on every request. This stream keeps its buffer
// across requests, holds a response until the request is done and writes it with one
// send(), and looks the addresses up once.
//
//   ConnectionStream stream(sock, read_timeout, write_timeout);
//   while (stream.await_request(keep_alive) && server.process_request(stream, ...)) stream.flush();
#pragma once

#include <httplib.h>

#include <chrono>
#include <string>
#include <vector>

namespace mockserver {

class ConnectionStream final : public httplib::Stream {
 public:
  ConnectionStream(socket_t sock, std::chrono::microseconds read_timeout,
                   std::chrono::microseconds write_timeout);

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, size_t size) override;
  ssize_t write(const char* ptr, size_t size) override;  // held until flush()
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return sock_; }

  // Waits up to `idle` for the first byte of the next request (at once when one is
  // buffered). False when the peer closed, the wait timed out, or the socket failed.
  bool await_request(std::chrono::microseconds idle);

  enum class Head { complete, too_long_line, too_large, ended };
  // Reads until the buffer holds a whole request head (up to its blank line), at most
  // max_bytes of it. `ended`: the peer closed or timed out first (the parser will say so).
  Head await_head(std::size_t max_bytes);
  std::string_view buffered() const { return {in_.data() + begin_, end_ - begin_}; }

  bool flush();  // writes what write() held; false when the socket failed
  // Flushes, says no more (FIN) and discards what the peer already sent; the owner closes.
  void finish();

 private:
  bool fill(std::chrono::microseconds timeout);  // reads more; false on close, timeout or error
  bool wait_readable(std::chrono::microseconds timeout) const;

  socket_t sock_;
  std::chrono::microseconds read_timeout_;
  std::vector<char> in_;
  std::size_t begin_ = 0, end_ = 0;  // unread bytes: in_[begin_, end_)
  std::string out_;
  bool failed_ = false;
  std::string remote_ip_, local_ip_;
  int remote_port_ = -1, local_port_ = -1;
};

}  // namespace mockserver
