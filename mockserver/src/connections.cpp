// Accepted sockets by their ports, from /proc/self/fd.
#include "connections.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <functional>

namespace mockserver::connections {
namespace {

int port_of(const sockaddr_storage& address) {
  if (address.ss_family == AF_INET)
    return ntohs(reinterpret_cast<const sockaddr_in&>(address).sin_port);
  if (address.ss_family == AF_INET6)
    return ntohs(reinterpret_cast<const sockaddr_in6&>(address).sin6_port);
  return -1;
}

// Calls act(fd) on a dup of each connected socket with this local port (and peer port, when
// remote_port >= 0).
int for_each(int local_port, int remote_port, const std::function<void(int)>& act) {
  DIR* dir = ::opendir("/proc/self/fd");
  if (!dir) return 0;
  const int listing = ::dirfd(dir);
  int found = 0;
  while (const dirent* e = ::readdir(dir)) {
    char* end = nullptr;
    long n = std::strtol(e->d_name, &end, 10);
    if (end == e->d_name || *end != '\0' || n == listing) continue;
    int fd = ::fcntl(static_cast<int>(n), F_DUPFD_CLOEXEC, 0);
    if (fd < 0) continue;
    sockaddr_storage local{}, peer{};
    socklen_t local_size = sizeof local, peer_size = sizeof peer;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_size) == 0 &&
        port_of(local) == local_port &&
        ::getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_size) == 0 &&
        (remote_port < 0 || port_of(peer) == remote_port)) {
      act(fd);
      ++found;
    }
    ::close(fd);
  }
  ::closedir(dir);
  return found;
}

}  // namespace

int shutdown_all(int local_port, int how) {
  return for_each(local_port, -1, [how](int fd) { ::shutdown(fd, how); });
}

void close_one(int local_port, int remote_port) {
  if (remote_port < 0) return;
  for_each(local_port, remote_port, [](int fd) {
    ::shutdown(fd, SHUT_RDWR);
    char discard[4096];
    while (::recv(fd, discard, sizeof discard, MSG_DONTWAIT) > 0) {
    }
  });
}

}  // namespace mockserver::connections
