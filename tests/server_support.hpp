// Shared helpers for the server suites (not a test itself: only *_test.cpp files are globbed).
// The seed page, a valid request body for it, Graph error parsing, and raw TCP sockets for
// the tests that must see the connection itself.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <httplib.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <utility>

#include "mockserver/catalog.hpp"
#include "mockserver/server.hpp"

namespace mockserver::test_support {

inline const std::string kSeedPage = std::string(MOCKSERVER_SOURCE_DIR) +
                                     "/fixtures/windowsupdateforbusinessconfiguration-post-"
                                     "deviceupdatestates.md";

// The seed's template (ends in /$ref) and the example's collection path, without version.
inline const std::string kSeedRefPath =
    "/deviceManagement/deviceConfigurations/cfg-1/"
    "microsoft.graph.windowsUpdateForBusinessConfiguration/deviceUpdateStates/$ref";
inline const std::string kSeedCollection =
    "/deviceManagement/deviceConfigurations/cfg-1/"
    "microsoft.graph.windowsUpdateForBusinessConfiguration/deviceUpdateStates";
inline const std::string kSeedUrl = "/localtest" + kSeedCollection;

inline const Catalog& seed_catalog() {
  static const Catalog catalog = load_catalog({kSeedPage});
  return catalog;
}

// The page's example request with "status" fixed to a documented member.
inline boost::json::object seed_body() {
  return boost::json::object{
      {"@odata.type", "#microsoft.graph.windowsUpdateState"},
      {"deviceId", "Device Id value"},
      {"userId", "User Id value"},
      {"deviceDisplayName", "Device Display Name value"},
      {"userPrincipalName", "User Principal Name value"},
      {"status", "upToDate"},
      {"qualityUpdateVersion", "Quality Update Version value"},
      {"featureUpdateVersion", "Feature Update Version value"},
      {"lastScanDateTime", "2016-12-31T23:56:31.6960562+03:00"},
      {"lastSyncDateTime", "2017-01-01T00:00:28.8363536+03:00"},
  };
}
inline std::string seed_text() { return boost::json::serialize(seed_body()); }

inline httplib::Headers bearer() { return {{"Authorization", "Bearer token-1"}}; }

// A keep-alive client with TCP_NODELAY. httplib::Client writes a POST's headers and body in
// two sends; without TCP_NODELAY the body waits for the server's delayed ACK (~40 ms on Linux),
// whatever the server does.
inline std::unique_ptr<httplib::Client> fast_client(const std::string& url) {
  auto client = std::make_unique<httplib::Client>(url);
  client->set_keep_alive(true);
  client->set_tcp_nodelay(true);
  return client;
}

// The status of one POST of `body` to the seed's route (a new connection); -1 for no answer.
inline int post_seed(const std::string& url, const std::string& body = seed_text()) {
  auto response = fast_client(url)->Post(kSeedUrl.c_str(), bearer(), body, "application/json");
  return response ? response->status : -1;
}

// The seed's valid body with another "status".
inline std::string seed_text_with_status(const char* status) {
  auto body = seed_body();
  body["status"] = status;
  return boost::json::serialize(body);
}

inline boost::json::value json_of(const std::string& text) {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(text, ec);
  EXPECT_FALSE(ec) << "not JSON: " << text;
  return value;
}

inline const boost::json::object& as_object(const boost::json::value& v) {
  static const boost::json::object empty;
  return v.is_object() ? v.as_object() : empty;
}

inline std::string str(const boost::json::value* v) {
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

// The "error" object of a Graph error body, with its shape checked.
inline boost::json::object graph_error(const std::string& body) {
  boost::json::value v = json_of(body);
  const boost::json::object& root = as_object(v);
  EXPECT_EQ(root.size(), 1u) << body;
  const auto* error = root.if_contains("error");
  EXPECT_TRUE(error && error->is_object()) << body;
  if (!error || !error->is_object()) return {};
  const boost::json::object& e = error->as_object();
  EXPECT_TRUE(e.contains("code") && e.at("code").is_string()) << body;
  EXPECT_TRUE(e.contains("message") && e.at("message").is_string()) << body;
  const auto* inner = e.if_contains("innerError");
  EXPECT_TRUE(inner && inner->is_object()) << body;
  if (inner && inner->is_object()) {
    const auto& in = inner->as_object();
    static const std::regex date("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z");
    EXPECT_TRUE(std::regex_match(str(in.if_contains("date")), date)) << body;
    EXPECT_TRUE(in.contains("request-id")) << body;
    EXPECT_TRUE(in.contains("client-request-id")) << body;
  }
  return e;
}

inline bool is_uuid(const std::string& s) {
  static const std::regex uuid(
      "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  return std::regex_match(s, uuid);
}

// A blocking TCP connection to the server, for tests that must control the socket.
class RawConnection {
 public:
  explicit RawConnection(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ =
        fd_ >= 0 && ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    int one = 1;
    if (connected_) ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  ~RawConnection() { close(); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return connected_; }
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

  bool send(std::string_view data) {
    while (!data.empty()) {
      ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  struct Reply {
    int status = 0;
    std::string head;  // status line and headers
    std::string body;
  };

  // Reads one response (Content-Length framed); nullopt on EOF, error or timeout.
  std::optional<Reply> read(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    std::size_t end;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos)
      if (!fill(deadline)) return std::nullopt;
    Reply reply;
    reply.head = buffer_.substr(0, end + 2);
    std::size_t body_size = 0;
    std::smatch m;
    static const std::regex length("\r\nContent-Length: *([0-9]+)\r\n", std::regex::icase);
    if (std::regex_search(reply.head, m, length)) body_size = std::stoul(m[1]);
    std::sscanf(reply.head.c_str(), "HTTP/1.1 %d", &reply.status);
    while (buffer_.size() < end + 4 + body_size)
      if (!fill(deadline)) return std::nullopt;
    reply.body = buffer_.substr(end + 4, body_size);
    buffer_.erase(0, end + 4 + body_size);
    return reply;
  }

  // True when the peer closed the connection (EOF) within the timeout.
  bool closed_by_peer(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (fill(deadline)) {
    }
    return eof_;
  }

 private:
  bool fill(std::chrono::steady_clock::time_point deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (fd_ < 0 || left.count() <= 0) return false;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
    char chunk[4096];
    ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) {
      eof_ = n == 0;
      return false;
    }
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }

  int fd_ = -1;
  bool connected_ = false;
  bool eof_ = false;
  std::string buffer_;
};

// An HTTP/1.1 POST of the seed's valid body, keeping the connection open.
inline std::string raw_seed_post(const std::string& target = kSeedUrl) {
  std::string body = seed_text();
  return "POST " + target +
         " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer t\r\n"
         "Content-Type: application/json\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body;
}

}  // namespace mockserver::test_support
