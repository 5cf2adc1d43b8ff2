// What each request gets: its framing checked, its body read, the exchange's answer or a
// refusal in Graph's shape, and the journal entry; and what cpp-httplib refused by itself,
// answered the same way. See server.cpp for the why.
#include <strings.h>

#include <chrono>

#include "responder.hpp"
#include "server_impl.hpp"
#include "utf8.hpp"

namespace mockserver {
namespace {

// What the handlers decided about the request this connection thread is answering; read by
// the error handler, which cpp-httplib calls on the same thread, and by the connection loop
// once the request is done (end_turn).
struct Turn {
  bool answered = false;  // the response is ours: the error handler leaves it alone
  bool close = false;     // close the connection once the response is written
};
thread_local Turn turn;

bool served_method(const std::string& m) {
  return m == "GET" || m == "HEAD" || m == "POST" || m == "PUT" || m == "PATCH" || m == "DELETE" ||
         m == "OPTIONS";
}

Headers request_headers(const httplib::Request& req) {
  Headers headers;
  headers.reserve(req.headers.size());
  for (const auto& [name, value] : req.headers)
    if (name != "REMOTE_ADDR" && name != "REMOTE_PORT" && name != "LOCAL_ADDR" &&
        name != "LOCAL_PORT")
      headers.emplace_back(name, value);
  return headers;
}

// Echoed into JSON error bodies: made valid UTF-8.
std::string client_request_id(const Headers& headers) {
  for (const auto& [name, value] : headers)
    if (name.size() == 17 && strcasecmp(name.c_str(), "client-request-id") == 0)
      return valid_utf8(value);
  return {};
}

void to_httplib(Response response, httplib::Response& res) {
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
}

}  // namespace

FramingLimits Server::Impl::limits() const {
  return {options.max_header_count, options.max_header_bytes,
          std::max<std::size_t>(options.body_limit * 4, 8 << 20)};
}

// The request through the exchange (and any override), answered and journaled.
void Server::Impl::answer(const httplib::Request& req, Headers headers, std::string body,
                          httplib::Response& res) {
  auto started = std::chrono::steady_clock::now();
  JournalEntry entry;
  entry.received = std::chrono::system_clock::now();
  Request request{req.method, req.target, std::move(headers), std::move(body)};
  ServingState state{catalog, router, ids, request_ids,
                     ExchangeOptions{options.mode, options.validation, options.body_limit,
                                     options.max_json_depth}};
  Response response = exchange(state, std::move(request), entry);
  if (auto o = overrides.take(entry)) apply_override(*o, response, entry);
  // Graph ignores Range on these requests; cpp-httplib would cut the JSON body to it.
  const_cast<httplib::Request&>(req).ranges.clear();  // req is not const in cpp-httplib
  to_httplib(std::move(response), res);
  turn.answered = true;
  entry.duration = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - started);
  journal.record(std::move(entry));
}

// A request refused before the exchange: answered in Graph's shape and journaled (unless
// the server is stopping and not even its request line arrived).
void Server::Impl::refuse(const httplib::Request& req, const FramingError& error, bool close,
                          httplib::Response& res) {
  JournalEntry entry;
  entry.received = std::chrono::system_clock::now();
  entry.method = req.method;
  entry.target = req.target;
  entry.headers = request_headers(req);
  entry.request_id = request_ids.next_uuid();
  entry.status = error.status;
  entry.error_code = error.code;
  Response response = render_error({error.status, error.code, error.message, {}, {}},
                                   entry.request_id, client_request_id(entry.headers));
  entry.response_body = response.body;
  to_httplib(std::move(response), res);
  if (close) res.set_header("Connection", "close");
  turn.answered = true;
  turn.close = close;
  if (!(http.stopping() && req.method.empty())) journal.record(std::move(entry));
}

// GET, HEAD and OPTIONS: cpp-httplib reads no body for them.
void Server::Impl::handle(const httplib::Request& req, httplib::Response& res) {
  Framing framing;
  Headers headers = request_headers(req);
  if (auto error = check_framing(req.method, headers, limits(), framing))
    return refuse(req, *error, true, res);
  answer(req, std::move(headers), {}, res);
}

// POST, PUT, PATCH and DELETE: the body is read here, once its framing is known.
void Server::Impl::handle_with_body(const httplib::Request& req, httplib::Response& res,
                                    const httplib::ContentReader& reader) {
  Framing framing;
  Headers headers = request_headers(req);
  FramingLimits bounds = limits();
  if (auto error = check_framing(req.method, headers, bounds, framing))
    return refuse(req, *error, true, res);
  if (req.is_multipart_form_data())  // left unread: cpp-httplib would parse it as a form
    return refuse(req,
                  {415, "UnsupportedMediaType",
                   "multipart/form-data is not supported; the body must be application/json"},
                  true, res);
  std::string body;
  if (framing.chunked || framing.content_length > 0) {
    bool over = false;
    bool complete = reader([&](const char* data, std::size_t size) {
      if (body.size() + size > bounds.max_content_length) return !(over = true);
      body.append(data, size);
      return true;
    });
    if (over)
      return refuse(req,
                    {413, "RequestEntityTooLarge",
                     "the chunked body is over the limit of " +
                         std::to_string(bounds.max_content_length) + " bytes"},
                    true, res);
    if (!complete)
      return refuse(req,
                    {400, "BadRequest",
                     framing.chunked ? "the chunked body is malformed or ended early"
                                     : "the body ended before its Content-Length of " +
                                           std::to_string(framing.content_length) + " bytes"},
                    true, res);
  }
  answer(req, std::move(headers), std::move(body), res);
}

// Expect: 100-continue is answered 100 only for a request whose body would be read.
int Server::Impl::expect_continue(const httplib::Request& req, httplib::Response& res) {
  Framing framing;
  Headers headers = request_headers(req);
  std::optional<FramingError> error = check_framing(req.method, headers, limits(), framing);
  if (!error && !framing.chunked && framing.content_length > options.body_limit)
    error = FramingError{413, "RequestEntityTooLarge",
                         "body of " + std::to_string(framing.content_length) +
                             " bytes is over the limit of " + std::to_string(options.body_limit) +
                             " bytes"};
  if (!error) return 100;
  refuse(req, *error, true, res);
  return error->status;
}

// Called for every status from 400 on. Ours (turn.answered) pass through; those cpp-httplib
// set by itself get a Graph body. Handled either way: cpp-httplib then sets Content-Length.
httplib::Server::HandlerResponse Server::Impl::on_error(const httplib::Request& req,
                                                        httplib::Response& res) {
  if (!std::exchange(turn.answered, false)) {
    const bool parsed = req.has_header("REMOTE_ADDR");  // request line and headers were read
    if (parsed && res.status == 400 && !served_method(req.method))
      handle(req, res);  // TRACE, CONNECT: the exchange answers 404 or 405
    else
      refuse(req, transport_error(res.status), true, res);  // unread bytes may follow
    turn.answered = false;
  }
  const_cast<httplib::Request&>(req).ranges.clear();  // see answer()
  return httplib::Server::HandlerResponse::Handled;
}

void Server::Impl::on_exception(const httplib::Request& req, httplib::Response& res,
                                std::exception_ptr e) {
  std::string what = "unknown exception";
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& x) {
    what = x.what();
  } catch (...) {
  }
  refuse(req, {500, "InternalServerError", "the mock failed: " + what}, true, res);
}

// The request is done (answered, or its connection ended): whether the handlers asked for
// its connection to be closed. The next request on this thread starts a fresh turn.
bool Server::Impl::end_turn() { return std::exchange(turn, {}).close; }

// A request head over the limit, refused before cpp-httplib parses it: the whole response.
std::string Server::Impl::refuse_head(std::string_view head, int status) {
  httplib::Request req;
  std::string_view line = head.substr(0, head.find('\n'));
  req.method = std::string(line.substr(0, line.find(' ')));
  if (auto space = line.find(' '); space != line.npos) {
    std::string_view target = line.substr(space + 1);
    req.target = std::string(target.substr(0, target.find(' ')));
  }
  const std::size_t limit = http.max_head_bytes;
  FramingError error =
      status == 414
          ? FramingError{414, "RequestUriTooLong",
                         "the request line is over the limit of " + std::to_string(limit) +
                             " bytes"}
          : FramingError{431, "RequestHeaderFieldsTooLarge",
                         "the request head is over the limit of " + std::to_string(limit) +
                             " bytes (header fields: " + std::to_string(options.max_header_bytes) +
                             ")"};
  httplib::Response res;
  refuse(req, error, true, res);
  end_turn();  // the connection closes after this response anyway
  std::string out = "HTTP/1.1 " + std::to_string(status) +
                    (status == 414 ? " URI Too Long\r\n" : " Request Header Fields Too Large\r\n");
  for (const auto& [name, value] : res.headers) out += name + ": " + value + "\r\n";
  out += "Content-Length: " + std::to_string(res.body.size()) + "\r\n\r\n" + res.body;
  return out;
}

}  // namespace mockserver
