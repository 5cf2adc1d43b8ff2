// A connection's buffered stream: poll() only when a read would block, one send() per
// response, addresses looked up once.
#include "connection_stream.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace mockserver {
namespace {

constexpr std::size_t kReadChunk = 16 << 10;

void address_of(bool peer, socket_t sock, std::string& ip, int& port) {
  sockaddr_storage address{};
  socklen_t size = sizeof address;
  auto* generic = reinterpret_cast<sockaddr*>(&address);
  if ((peer ? ::getpeername(sock, generic, &size) : ::getsockname(sock, generic, &size)) != 0)
    return;
  char host[NI_MAXHOST];
  char service[NI_MAXSERV];
  if (::getnameinfo(generic, size, host, sizeof host, service, sizeof service,
                    NI_NUMERICHOST | NI_NUMERICSERV) != 0)
    return;
  ip = host;
  port = std::atoi(service);
}

int milliseconds_rounded_up(std::chrono::microseconds timeout) {
  return static_cast<int>((timeout.count() + 999) / 1000);
}

}  // namespace

ConnectionStream::ConnectionStream(socket_t sock, std::chrono::microseconds read_timeout,
                                   std::chrono::microseconds write_timeout)
    : sock_(sock), read_timeout_(read_timeout), in_(kReadChunk) {
  timeval tv{static_cast<time_t>(write_timeout.count() / 1'000'000),
             static_cast<suseconds_t>(write_timeout.count() % 1'000'000)};
  ::setsockopt(sock_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  address_of(true, sock_, remote_ip_, remote_port_);
  address_of(false, sock_, local_ip_, local_port_);
}

bool ConnectionStream::wait_readable(std::chrono::microseconds timeout) const {
  pollfd p{sock_, POLLIN, 0};
  int ready;
  do {
    ready = ::poll(&p, 1, milliseconds_rounded_up(timeout));
  } while (ready < 0 && errno == EINTR);
  return ready > 0;
}

bool ConnectionStream::is_readable() const {
  return begin_ < end_ || (!failed_ && wait_readable(read_timeout_));
}

bool ConnectionStream::is_writable() const { return !failed_; }

bool ConnectionStream::fill(std::chrono::microseconds timeout) {
  if (failed_ || !flush()) return false;  // a 100 Continue must go out before we wait
  if (begin_ == end_) begin_ = end_ = 0;
  if (end_ == in_.size()) {  // room at the end: move the unread bytes down, or grow
    if (begin_ > 0) {
      std::memmove(in_.data(), in_.data() + begin_, end_ - begin_);
      end_ -= begin_;
      begin_ = 0;
    } else {
      in_.resize(in_.size() * 2);
    }
  }
  for (;;) {
    ssize_t n = ::recv(sock_, in_.data() + end_, in_.size() - end_, MSG_DONTWAIT);
    if (n > 0) {
      end_ += static_cast<std::size_t>(n);
      return true;
    }
    if (n == 0) return false;
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) {
      failed_ = true;
      return false;
    }
    if (!wait_readable(timeout)) return false;
  }
}

ssize_t ConnectionStream::read(char* ptr, size_t size) {
  if (begin_ == end_ && !fill(read_timeout_)) return failed_ ? -1 : 0;
  std::size_t n = std::min(size, end_ - begin_);
  std::memcpy(ptr, in_.data() + begin_, n);
  begin_ += n;
  return static_cast<ssize_t>(n);
}

ssize_t ConnectionStream::write(const char* ptr, size_t size) {
  if (failed_) return -1;
  out_.append(ptr, size);
  if (out_.size() >= (256 << 10) && !flush()) return -1;  // a large body goes out as it comes
  return static_cast<ssize_t>(size);
}

bool ConnectionStream::flush() {
  std::size_t sent = 0;
  while (sent < out_.size() && !failed_) {
    ssize_t n = ::send(sock_, out_.data() + sent, out_.size() - sent, MSG_NOSIGNAL);
    if (n > 0)
      sent += static_cast<std::size_t>(n);
    else if (n < 0 && errno == EINTR)
      continue;
    else
      failed_ = true;  // includes the write timeout (SO_SNDTIMEO: EAGAIN)
  }
  out_.clear();
  return !failed_;
}

void ConnectionStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  ip = remote_ip_;
  port = remote_port_;
}

void ConnectionStream::get_local_ip_and_port(std::string& ip, int& port) const {
  ip = local_ip_;
  port = local_port_;
}

bool ConnectionStream::await_request(std::chrono::microseconds idle) {
  if (begin_ < end_) return true;
  if (failed_ || !flush()) return false;
  return wait_readable(idle) && fill(std::chrono::microseconds(0));
}

ConnectionStream::Head ConnectionStream::await_head(std::size_t max_bytes) {
  std::size_t searched = 0;  // bytes after begin_ known to hold no blank line
  for (;;) {
    std::string_view unread = buffered();
    std::size_t from = searched > 3 ? searched - 3 : 0;
    std::size_t crlf = unread.find("\r\n\r\n", from);
    std::size_t lf = unread.find("\n\n", from);
    std::size_t end =
        std::min(crlf == unread.npos ? crlf : crlf + 4, lf == unread.npos ? lf : lf + 2);
    if (end != unread.npos && end <= max_bytes) return Head::complete;
    if (unread.size() >= max_bytes) {
      return unread.substr(0, max_bytes).find('\n') == unread.npos ? Head::too_long_line
                                                                   : Head::too_large;
    }
    searched = unread.size();
    if (!fill(read_timeout_)) return Head::ended;
  }
}

void ConnectionStream::finish() {
  flush();
  ::shutdown(sock_, SHUT_WR);
  char discard[4096];
  while (::recv(sock_, discard, sizeof discard, MSG_DONTWAIT) > 0) {
  }
}

}  // namespace mockserver
