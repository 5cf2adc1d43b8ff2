// The server's state and its cpp-httplib handlers (internal), shared by server.cpp (start,
// stop, the public API) and server_handlers.cpp (what each request gets).
#pragma once

#include <httplib.h>

#include "framing.hpp"
#include "http_server.hpp"
#include "mockserver/server.hpp"
#include "override_book.hpp"

namespace mockserver {

struct Server::Impl {
  Catalog catalog;
  ServerOptions options;
  Router router;
  std::uint64_t seed;
  IdSequence ids;
  IdSequence request_ids;
  Journal journal;
  HttpServer http;
  int port = 0;

  OverrideBook overrides;

  explicit Impl(ServerOptions o);  // serves nothing until open()
  void start();                    // binds and starts accepting; nothing is answered before open
  void open(Catalog c);            // serves this catalog from now on

  // server_handlers.cpp
  FramingLimits limits() const;
  void answer(const httplib::Request& req, Headers headers, std::string body,
              httplib::Response& res);
  void refuse(const httplib::Request& req, const FramingError& error, bool close,
              httplib::Response& res);
  void handle(const httplib::Request& req, httplib::Response& res);
  void handle_with_body(const httplib::Request& req, httplib::Response& res,
                        const httplib::ContentReader& reader);
  int expect_continue(const httplib::Request& req, httplib::Response& res);
  httplib::Server::HandlerResponse on_error(const httplib::Request& req, httplib::Response& res);
  void on_exception(const httplib::Request& req, httplib::Response& res, std::exception_ptr e);
  std::string refuse_head(std::string_view head, int status);
  bool end_turn();  // after each request: whether to close its connection
};

}  // namespace mockserver
