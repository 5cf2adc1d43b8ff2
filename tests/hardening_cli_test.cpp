// Faults at start-up, through the command line: each gives a message naming its cause and a
// non-zero exit, and a server that starts with broken pages says so. Also the security
// defaults: loopback unless told otherwise, a loud warning for 0.0.0.0, and no file outside
// the given pages served or read.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "server_support.hpp"

namespace mockserver::test_support {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

struct CliRun {
  int exit = -1;  // 124: still running when `timeout` stopped it
  std::string output;
};

// Runs the CLI with a time limit; stdout and stderr together.
CliRun cli(const std::string& arguments, int seconds = 20) {
  std::string command = "timeout -s TERM " + std::to_string(seconds) + " " + MOCKSERVER_CLI + " " +
                        arguments + " 2>&1";
  CliRun run;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return run;
  std::array<char, 4096> buffer;
  while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe))
    run.output.append(buffer.data(), n);
  int status = ::pclose(pipe);
  run.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "mockserver-cli-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }
  void write(const std::string& name, const std::string& text) const {
    fs::create_directories((path_ / name).parent_path());
    std::ofstream(path_ / name) << text;
  }

 private:
  fs::path path_;
};

TEST(CliFaults, MissingFixturePathNamesIt) {
  CliRun run = cli("serve --port 0 /nonexistent/pages");
  EXPECT_EQ(run.exit, 2);
  EXPECT_THAT(run.output, HasSubstr("no such file or directory: /nonexistent/pages"));
  EXPECT_THAT(run.output, ::testing::Not(HasSubstr("listening")));
}

TEST(CliFaults, UnreadablePageNamesIt) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads files whatever their mode";
  TempDir dir;
  dir.write("page.md", "# x\n");
  fs::permissions(dir.path() / "page.md", fs::perms::none);
  CliRun run = cli("serve --port 0 " + dir.path().string());
  EXPECT_EQ(run.exit, 2);
  EXPECT_THAT(run.output, HasSubstr("cannot read " + (dir.path() / "page.md").string()));
}

TEST(CliFaults, PagesWithoutAContractDoNotStart) {
  TempDir dir;
  dir.write("api/broken-post.md",
            "---\ndoc_type: apiPageType\n---\n# Broken\n\n## HTTP request\n\nnothing here\n");
  CliRun run = cli("serve --port 0 " + dir.path().string());
  EXPECT_EQ(run.exit, 2);
  EXPECT_THAT(run.output, HasSubstr("no contract in the given pages; nothing to serve"));
}

TEST(CliFaults, BrokenPageBesideAGoodOneIsReportedAtStart) {
  TempDir dir;
  fs::copy_file(kSeedPage, dir.path() / "seed.md");
  dir.write("api/broken-post.md",
            "---\ndoc_type: apiPageType\n---\n# Broken\n\n## HTTP request\n\nnothing here\n");
  CliRun run = cli("serve --port 0 " + dir.path().string(), 2);
  EXPECT_EQ(run.exit, 124);  // it served until stopped
  EXPECT_THAT(run.output, HasSubstr("the pages have"));
  EXPECT_THAT(run.output, HasSubstr("`mockserver check` lists them"));
  EXPECT_THAT(run.output, HasSubstr("listening on http://127.0.0.1:"));
}

TEST(CliFaults, TakenPortNamesTheAddress) {
  Server taken(seed_catalog());
  CliRun run = cli("serve --port " + std::to_string(taken.port()) + " " + kSeedPage);
  EXPECT_EQ(run.exit, 2);
  EXPECT_THAT(run.output, HasSubstr("cannot listen on 127.0.0.1:" + std::to_string(taken.port())));
}

TEST(SecurityDefaults, LoopbackUnlessToldAndLoudWhenToldAllInterfaces) {
  CliRun local = cli("serve --port 0 " + kSeedPage, 2);
  EXPECT_THAT(local.output, HasSubstr("listening on http://127.0.0.1:"));
  EXPECT_THAT(local.output, ::testing::Not(HasSubstr("WARNING")));
  CliRun all = cli("serve --host 0.0.0.0 --port 0 " + kSeedPage, 2);
  EXPECT_THAT(all.output, HasSubstr("WARNING: binding to 0.0.0.0, not loopback"));
  EXPECT_EQ(ServerOptions{}.host, "127.0.0.1");
}

TEST(SecurityDefaults, NoFileOutsideThePagesIsServed) {
  Server server(seed_catalog());
  for (const char* target :
       {"/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/v1.0/..%2f..%2fetc%2fpasswd",
        "/fixtures/SOURCES", "/windowsupdateforbusinessconfiguration-post-deviceupdatestates.md"}) {
    SCOPED_TRACE(target);
    RawConnection raw(server.port());
    ASSERT_TRUE(raw.send(std::string("GET ") + target + " HTTP/1.1\r\nHost: x\r\n\r\n"));
    auto reply = raw.read();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 404);
    EXPECT_THAT(reply->body, ::testing::Not(HasSubstr("root:")));
  }
}

}  // namespace
}  // namespace mockserver::test_support
