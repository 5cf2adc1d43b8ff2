// `mockserver routes`, `check` and `examples` as a user runs them: output, formats and exit codes.
#include <sys/wait.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <boost/json.hpp>
#include <cstdio>
#include <string>

namespace mockserver {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

struct CliRun {
  int exit_code = -1;
  std::string out;  // stdout; stderr goes to err
  std::string err;
};

// Runs the CLI with stdout and stderr captured through files (neither is a terminal).
CliRun run(const std::string& args) {
  // ctest runs tests in parallel processes: each gets files of its own.
  std::string stem = ::testing::TempDir() + "cli_pages_" + std::to_string(::getpid()) + "_" +
                     ::testing::UnitTest::GetInstance()->current_test_info()->name();
  std::string out_file = stem + "_out.txt";
  std::string err_file = stem + "_err.txt";
  std::string command =
      std::string(MOCKSERVER_CLI) + " " + args + " >" + out_file + " 2>" + err_file;
  int status = std::system(command.c_str());
  auto slurp = [](const std::string& path) {
    std::string text;
    if (FILE* f = std::fopen(path.c_str(), "rb")) {
      char buffer[4096];
      for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, f)) > 0;)
        text.append(buffer, n);
      std::fclose(f);
    }
    return text;
  };
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out_file), slurp(err_file)};
}

const std::string kFixtures = std::string(MOCKSERVER_SOURCE_DIR) + "/fixtures";

TEST(CliRoutes, PrintsTheSeedRouteAndItsAlias) {
  CliRun r = run("routes " + kFixtures);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(
      r.out,
      HasSubstr("POST\t/deviceManagement/deviceConfigurations/{deviceConfigurationId}/"
                "microsoft.graph.windowsUpdateForBusinessConfiguration/deviceUpdateStates/$ref\t"));
  EXPECT_THAT(r.out, HasSubstr("10 properties\t1 examples"));
  EXPECT_THAT(r.out, HasSubstr("(alias of the above)"));
  EXPECT_THAT(r.err, HasSubstr("1 routes from 1 pages"));
  EXPECT_THAT(r.err, Not(HasSubstr("loading pages")));  // no progress when not on a terminal
}

TEST(CliRoutes, JsonIsTheCompiledContract) {
  CliRun r = run("routes --json " + kFixtures);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  boost::json::value routes = boost::json::parse(r.out);
  ASSERT_TRUE(routes.is_array());
  ASSERT_EQ(routes.as_array().size(), 1u);
  const auto& route = routes.as_array()[0].as_object();
  EXPECT_EQ(route.at("method"), "POST");
  EXPECT_THAT(std::string(route.at("path").as_string()), HasSubstr("/deviceUpdateStates/$ref"));
  EXPECT_THAT(std::string(route.at("source").as_string()), HasSubstr(".md:31"));
  const auto& properties = route.at("body").at("properties").as_array();
  ASSERT_EQ(properties.size(), 10u);
  EXPECT_EQ(properties[5].at("name"), "status");
  EXPECT_EQ(properties[5].at("type").at("kind"), "enumeration");
  EXPECT_EQ(route.at("response").at("status"), 201);
}

TEST(CliCheck, ReportsTheSeedsInconsistenciesAndExitsOneForItsPlaceholder) {
  CliRun r = run("check " + kFixtures);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.out, HasSubstr(".md:73: warning: ref-template-mismatch:"));
  EXPECT_THAT(r.out, HasSubstr(".md:73: error: placeholder-value: "));
  EXPECT_THAT(r.out, HasSubstr("/status: \"String\" is not one of upToDate, pendingInstallation, "
                               "pendingReboot, failed"));
  EXPECT_THAT(r.out, HasSubstr("1\terror\tplaceholder-value"));
}

TEST(CliCheck, JsonFormatCountsByKind) {
  CliRun r = run("check --format json " + kFixtures);
  EXPECT_EQ(r.exit_code, 1);
  boost::json::value report = boost::json::parse(r.out);
  EXPECT_EQ(report.at("errors"), 1);
  EXPECT_EQ(report.at("counts").at("ref-template-mismatch"), 1);
  EXPECT_EQ(report.at("diagnostics").as_array().size(), report.at("errors").as_int64() +
                                                            report.at("warnings").as_int64() +
                                                            report.at("notes").as_int64());
}

TEST(CliCheck, APageWithoutErrorsExitsZero) {
  std::string page = ::testing::TempDir() + "cli_clean_page_" + std::to_string(::getpid()) + ".md";
  FILE* f = std::fopen(page.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs(
      "---\ntitle: Create thing\ndoc_type: apiPageType\n---\n\n## HTTP request\n\n```http\nPOST "
      "/things\n```\n\n"
      "## Request body\n\n|Property|Type|Description|\n|:--|:--|:--|\n|name|String|Name.|\n",
      f);
  std::fclose(f);
  CliRun r = run("check " + page);
  EXPECT_EQ(r.exit_code, 0) << r.out;
}

TEST(CliCheck, AMissingPathIsASetupError) {
  CliRun r = run("check /nonexistent/pages");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("no such file or directory: /nonexistent/pages"));
}

TEST(CliExamples, ValidReplacesThePlaceholder) {
  CliRun r = run("examples --valid " + kFixtures);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  boost::json::value line = boost::json::parse(r.out);
  EXPECT_EQ(line.at("body").at("status"), "upToDate");
  EXPECT_EQ(line.at("body").at("deviceId"), "Device Id value");  // valid values are kept
  EXPECT_EQ(line.at("line"), 73);
}

}  // namespace
}  // namespace mockserver
