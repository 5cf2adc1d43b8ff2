// DeviceUpdateClient records a device's Windows update state in Microsoft Graph: it posts
// to the deviceUpdateStates collection of a Windows Update for Business configuration and
// retries when throttled (429), waiting as Retry-After says. An example client for the
// tests in device_update_client_test.cpp, which run it against mockserver.
//
//   DeviceUpdateClient client("https://graph.microsoft.com", token);
//   CreateResult r = client.createDeviceUpdateState("cfg-1", {.status = "upToDate"});
//   if (r.outcome == CreateResult::Outcome::created) std::cout << r.id << '\n';
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <thread>

namespace graph_client {

struct DeviceUpdateState {
  std::string device_id = {};
  std::string user_id = {};
  std::string device_display_name = {};
  std::string user_principal_name = {};
  std::string status = {};     // upToDate, pendingInstallation, pendingReboot or failed
  std::string last_scan = {};  // ISO 8601, "" for none
};

struct CreateResult {
  enum class Outcome { created, invalid, unauthorized, throttled, failed };
  Outcome outcome = Outcome::failed;
  int status = 0;     // the last HTTP status; 0 when the service could not be reached
  std::string id;     // the new state's id, when created
  std::string error;  // Graph's error message otherwise
  int attempts = 0;   // requests sent
};

struct ClientOptions {
  std::string version = "beta";  // the API version segment
  int max_attempts = 3;          // tries when throttled
  // How to wait before a retry; tests replace it to run without waiting.
  std::function<void(std::chrono::seconds)> sleep = [](std::chrono::seconds wait) {
    std::this_thread::sleep_for(wait);
  };
};

class DeviceUpdateClient {
 public:
  DeviceUpdateClient(std::string base_url, std::string token, ClientOptions options = {});

  CreateResult createDeviceUpdateState(const std::string& config_id,
                                       const DeviceUpdateState& state);

 private:
  std::string base_url_;
  std::string token_;
  ClientOptions options_;
};

}  // namespace graph_client
