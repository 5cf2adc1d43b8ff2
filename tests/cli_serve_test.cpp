// `mockserver serve` as a child process: it prints the address it listens on, serves the
// fixtures, logs one line per request, and exits 0 on SIGTERM.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "server_support.hpp"

namespace mockserver::test_support {
namespace {

using ::testing::HasSubstr;
using namespace std::chrono_literals;

// A child process with its stdout and stderr read through pipes; killed if still running
// when the test ends.
class Child {
 public:
  explicit Child(std::vector<std::string> args) {
    int out[2], err[2];
    if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) return;
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      ::dup2(err[1], STDERR_FILENO);
      std::vector<char*> argv;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    ::close(out[1]);
    ::close(err[1]);
    out_ = out[0];
    err_ = err[0];
  }
  ~Child() {
    if (pid_ > 0 && !exited_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    if (out_ >= 0) ::close(out_);
    if (err_ >= 0) ::close(err_);
  }

  bool started() const { return pid_ > 0; }

  // The next stdout line, or nullopt at EOF or after the timeout.
  std::optional<std::string> line(std::chrono::milliseconds timeout = 20s) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
      if (auto nl = buffer_.find('\n'); nl != std::string::npos) {
        std::string l = buffer_.substr(0, nl);
        buffer_.erase(0, nl + 1);
        return l;
      }
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      pollfd p{out_, POLLIN, 0};
      if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0)
        return std::nullopt;
      char chunk[4096];
      ssize_t n = ::read(out_, chunk, sizeof chunk);
      if (n <= 0) return std::nullopt;
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }

  // Stdout lines until EOF.
  std::vector<std::string> rest() {
    std::vector<std::string> lines;
    while (auto l = line()) lines.push_back(*l);
    return lines;
  }

  std::string stderr_text() {
    std::string text;
    char chunk[4096];
    ssize_t n;
    while ((n = ::read(err_, chunk, sizeof chunk)) > 0) text.append(chunk, n);
    return text;
  }

  void signal(int sig) { ::kill(pid_, sig); }

  // The wait status, or nullopt if the child did not exit within the timeout.
  std::optional<int> wait(std::chrono::milliseconds timeout = 20s) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      pid_t r = ::waitpid(pid_, &status, WNOHANG);
      if (r == pid_) {
        exited_ = true;
        return status;
      }
      // Polling the exit: waitpid has no timeout.
      std::this_thread::sleep_for(5ms);
    }
    return std::nullopt;
  }

 private:
  pid_t pid_ = -1;
  int out_ = -1, err_ = -1;
  bool exited_ = false;
  std::string buffer_;
};

const std::string kFixtures = std::string(MOCKSERVER_SOURCE_DIR) + "/fixtures";

// Reads stdout up to the "listening on" line; returns the port, or 0.
int listening_port(Child& child, std::vector<std::string>& before) {
  static const std::regex listening("listening on http://127\\.0\\.0\\.1:([0-9]+)");
  while (auto l = child.line()) {
    std::smatch m;
    if (std::regex_search(*l, m, listening)) return std::stoi(m[1]);
    before.push_back(*l);
  }
  return 0;
}

TEST(CliServe, ServesLogsAndStopsOnSigterm) {
  Child child({MOCKSERVER_CLI, "serve", "--port", "0", "--seed", "5", kFixtures});
  ASSERT_TRUE(child.started());
  std::vector<std::string> before;
  int port = listening_port(child, before);
  ASSERT_GT(port, 0) << "no 'listening on' line; stderr: " << child.stderr_text();

  httplib::Client client("127.0.0.1", port);
  auto res = client.Post(kSeedUrl.c_str(), bearer(), seed_text(), "application/json");
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 201) << res->body;
  EXPECT_TRUE(is_uuid(str(json_of(res->body).as_object().if_contains("id"))));

  auto logged = child.line();
  ASSERT_TRUE(logged);
  EXPECT_THAT(*logged, ::testing::StartsWith("POST " + kSeedUrl + " 201 POST "));
  EXPECT_THAT(*logged, HasSubstr("/deviceUpdateStates/$ref"));

  auto missing = client.Get("/v1.0/nowhere");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  auto logged_404 = child.line();
  ASSERT_TRUE(logged_404);
  EXPECT_THAT(*logged_404, ::testing::StartsWith("GET /v1.0/nowhere 404 ResourceNotFound"));

  auto bad = client.Post(kSeedUrl.c_str(), bearer(), R"({"status": "String"})", "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  auto logged_400 = child.line();
  ASSERT_TRUE(logged_400);
  EXPECT_THAT(*logged_400, HasSubstr(" 400 "));
  EXPECT_THAT(*logged_400, HasSubstr("/status: \"String\" is not one of upToDate"));

  child.signal(SIGTERM);
  std::vector<std::string> after = child.rest();
  auto status = child.wait();
  ASSERT_TRUE(status) << "still running 20 s after SIGTERM";
  ASSERT_TRUE(WIFEXITED(*status)) << "status " << *status;
  EXPECT_EQ(WEXITSTATUS(*status), 0);
  EXPECT_THAT(after, ::testing::Contains(HasSubstr("stopping (SIGTERM)")));
  EXPECT_FALSE(RawConnection(port).connected());
}

TEST(CliServe, QuietLogsNoRequests) {
  Child child({MOCKSERVER_CLI, "serve", "--quiet", "--port", "0", kFixtures});
  std::vector<std::string> before;
  int port = listening_port(child, before);
  ASSERT_GT(port, 0) << child.stderr_text();
  httplib::Client client("127.0.0.1", port);
  ASSERT_TRUE(client.Get("/x"));
  child.signal(SIGINT);
  std::vector<std::string> after = child.rest();
  auto status = child.wait();
  ASSERT_TRUE(status && WIFEXITED(*status));
  EXPECT_EQ(WEXITSTATUS(*status), 0);
  ASSERT_EQ(after.size(), 1u) << after.front();
  EXPECT_THAT(after.front(), HasSubstr("stopping (SIGINT)"));
}

TEST(CliServe, TakenPortFailsWithExitStatus2) {
  Server holder(seed_catalog());
  Child child({MOCKSERVER_CLI, "serve", "--port", std::to_string(holder.port()), kFixtures});
  auto status = child.wait();
  ASSERT_TRUE(status);
  ASSERT_TRUE(WIFEXITED(*status));
  EXPECT_EQ(WEXITSTATUS(*status), 2);
  EXPECT_THAT(child.stderr_text(), HasSubstr("cannot listen on 127.0.0.1:"));
  EXPECT_TRUE(child.rest().empty());
}

}  // namespace
}  // namespace mockserver::test_support
