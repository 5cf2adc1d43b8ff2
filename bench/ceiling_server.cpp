// `bench_ceiling [--port N]`: serves the ceiling (ceiling.hpp) until killed; prints
// "listening on http://127.0.0.1:PORT" like `mockserver serve` when ready.
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "ceiling.hpp"

int main(int argc, char** argv) {
  int port = 0;
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], "--port") == 0) port = std::atoi(argv[i + 1]);
  httplib::Server server;
  mockserver::bench::configure_ceiling(server);
  if (port == 0)
    port = server.bind_to_any_port("127.0.0.1");
  else if (!server.bind_to_port("127.0.0.1", port))
    port = -1;
  if (port <= 0) {
    std::cerr << "bench_ceiling: cannot bind\n";
    return 2;
  }
  std::cout << "listening on http://127.0.0.1:" << port << std::endl;
  server.listen_after_bind();
}
