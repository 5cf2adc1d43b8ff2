// The raw-request corpus (tests/raw_requests/*.http, format in its README): each malformed or
// odd request is sent over its own socket and must get its expected status, in Graph's error
// shape when it is an error, and land in the journal; the connection is then closed or still
// usable as the file says, and a valid request on a fresh connection still gets its 201.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "server_support.hpp"

namespace mockserver::test_support {
namespace {

namespace fs = std::filesystem;

const fs::path kCorpus = fs::path(MOCKSERVER_SOURCE_DIR) / "tests" / "raw_requests";

struct RawCase {
  std::string name;
  int status = 0;     // expected status
  std::string after;  // "open": the connection serves another request; "close": closed
  std::string bytes;  // the request as sent
};

std::string unhex(std::string_view s, std::size_t& i) {
  auto digit = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
  char byte = static_cast<char>(digit(s[i + 2]) * 16 + digit(s[i + 3]));
  i += 3;
  return std::string(1, byte);
}

// Expands \xHH, \\, {seed-url}, {seed-body}, {repeat:N:TEXT}, then {len} (the body's size:
// the bytes after the first blank line).
std::string expand(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, "\\x") == 0 && i + 3 < text.size()) {
      out += unhex(text, i);
    } else if (text.compare(i, 2, "\\\\") == 0) {
      out += '\\';
      ++i;
    } else if (text.compare(i, 10, "{seed-url}") == 0) {
      out += kSeedUrl;
      i += 9;
    } else if (text.compare(i, 11, "{seed-body}") == 0) {
      out += seed_text();
      i += 10;
    } else if (text.compare(i, 8, "{repeat:") == 0) {
      std::size_t colon = text.find(':', i + 8), close = text.find('}', colon);
      std::size_t n = std::stoul(text.substr(i + 8, colon - i - 8));
      std::string unit = text.substr(colon + 1, close - colon - 1);
      for (std::size_t k = 0; k < n; ++k) out += unit;
      i = close;
    } else {
      out += text[i];
    }
  }
  std::size_t head = out.find("\r\n\r\n");
  std::size_t at = out.find("{len}");
  if (at != std::string::npos && head != std::string::npos && at < head) {
    out.replace(at, 5, std::to_string(out.size() - (head + 4)));
  }
  return out;
}

// "# expect STATUS open|close" first, other "# " lines are comments; the rest is the
// request, each newline sent as CRLF.
RawCase load(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  RawCase c;
  c.name = file.filename().string();
  std::istringstream lines(text);
  std::string line, request;
  bool in_request = false;
  while (std::getline(lines, line)) {
    if (!in_request && line.starts_with("# ")) {
      std::istringstream words(line.substr(2));
      std::string word;
      words >> word;
      if (word == "expect") words >> c.status >> c.after;
      continue;
    }
    in_request = true;
    request += line + "\r\n";
  }
  c.bytes = expand(request);
  return c;
}

std::vector<fs::path> corpus_files() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(kCorpus))
    if (e.path().extension() == ".http") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

// The next final (non-1xx) response.
std::optional<RawConnection::Reply> final_reply(RawConnection& raw) {
  while (true) {
    auto reply = raw.read(std::chrono::seconds(6));
    if (!reply || reply->status >= 200) return reply;
  }
}

TEST(RawCorpus, HasAtLeastFiftyRequests) { EXPECT_GE(corpus_files().size(), 50u); }

class RawCorpusTest : public ::testing::TestWithParam<fs::path> {};

TEST_P(RawCorpusTest, AnsweredAsExpectedAndTheServerStillServes) {
  RawCase c = load(GetParam());
  ASSERT_GT(c.status, 0) << c.name << ": no '# expect STATUS open|close' line";
  ASSERT_TRUE(c.after == "open" || c.after == "close") << c.name;
  ServerOptions options;
  options.read_timeout = std::chrono::seconds(1);
  options.keep_alive_timeout = std::chrono::seconds(1);  // ends connections it could not close
  Server server(seed_catalog(), options);

  RawConnection raw(server.port());
  ASSERT_TRUE(raw.connected());
  raw.send(c.bytes);  // the server may close before reading it all
  auto reply = final_reply(raw);
  ASSERT_TRUE(reply) << c.name << ": no response";
  EXPECT_EQ(reply->status, c.status) << c.name << "\n" << reply->head << reply->body;
  if (reply->status >= 400 && reply->head.find("application/json") != std::string::npos) {
    SCOPED_TRACE(c.name);
    graph_error(reply->body);
  }
  if (reply->status >= 400) {
    EXPECT_THAT(reply->head, ::testing::HasSubstr("application/json")) << c.name;
  }
  ASSERT_GE(server.journal().received(), 1u) << c.name << ": not journaled";
  EXPECT_EQ(server.requests().front().status, reply->status) << c.name;

  if (c.after == "close") {
    if (c.bytes.find(" HTTP/1.0\r\n") == std::string::npos) {  // 1.0 closes by default
      EXPECT_THAT(reply->head, ::testing::HasSubstr("Connection: close")) << c.name;
    }
    EXPECT_TRUE(raw.closed_by_peer(std::chrono::seconds(3))) << c.name << ": still open";
  } else {
    ASSERT_TRUE(raw.send(raw_seed_post())) << c.name;
    auto next = final_reply(raw);
    ASSERT_TRUE(next) << c.name << ": the connection serves no other request";
    EXPECT_EQ(next->status, 201) << c.name << "\n" << next->body;
  }

  RawConnection fresh(server.port());
  ASSERT_TRUE(fresh.send(raw_seed_post()));
  auto valid = fresh.read();
  ASSERT_TRUE(valid) << c.name;
  EXPECT_EQ(valid->status, 201) << c.name;
}

std::string case_name(const ::testing::TestParamInfo<fs::path>& info) {
  std::string name = info.param.stem().string();
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Corpus, RawCorpusTest, ::testing::ValuesIn(corpus_files()), case_name);

}  // namespace
}  // namespace mockserver::test_support
