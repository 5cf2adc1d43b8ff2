// POST .../deviceUpdateStates with a windowsUpdateState body; 201, 400, 401, 429 (retried).
#include "device_update_client.hpp"

#include <httplib.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <cstdlib>

namespace graph_client {
namespace {

boost::json::object body_of(const DeviceUpdateState& state) {
  boost::json::object body{{"@odata.type", "#microsoft.graph.windowsUpdateState"},
                           {"deviceId", state.device_id},
                           {"userId", state.user_id},
                           {"deviceDisplayName", state.device_display_name},
                           {"userPrincipalName", state.user_principal_name},
                           {"status", state.status}};
  if (!state.last_scan.empty()) body["lastScanDateTime"] = state.last_scan;
  return body;
}

// A string member of a JSON object body ("id", or "message" of "error"), "" if absent.
std::string member(const std::string& body, const char* outer, const char* inner) {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(body, ec);
  if (ec || !value.is_object()) return {};
  const boost::json::value* found = value.as_object().if_contains(outer);
  if (found && inner) found = found->is_object() ? found->as_object().if_contains(inner) : nullptr;
  return found && found->is_string() ? std::string(found->as_string()) : std::string();
}

std::chrono::seconds retry_after(const httplib::Response& response) {
  long seconds = std::strtol(response.get_header_value("Retry-After").c_str(), nullptr, 10);
  return std::chrono::seconds(seconds > 0 ? seconds : 1);
}

}  // namespace

DeviceUpdateClient::DeviceUpdateClient(std::string base_url, std::string token,
                                       ClientOptions options)
    : base_url_(std::move(base_url)), token_(std::move(token)), options_(std::move(options)) {}

CreateResult DeviceUpdateClient::createDeviceUpdateState(const std::string& config_id,
                                                         const DeviceUpdateState& state) {
  httplib::Client http(base_url_);
  http.set_tcp_nodelay(true);  // else each POST's body waits ~40 ms for a delayed ACK
  http.set_keep_alive(true);
  const std::string path = "/" + options_.version + "/deviceManagement/deviceConfigurations/" +
                           config_id +
                           "/microsoft.graph.windowsUpdateForBusinessConfiguration/"
                           "deviceUpdateStates";
  const std::string body = boost::json::serialize(body_of(state));
  const httplib::Headers headers = {{"Authorization", "Bearer " + token_}};

  CreateResult result;
  while (result.attempts < options_.max_attempts) {
    ++result.attempts;
    auto response = http.Post(path.c_str(), headers, body, "application/json");
    if (!response) {
      result.outcome = CreateResult::Outcome::failed;
      result.error = httplib::to_string(response.error());
      return result;
    }
    result.status = response->status;
    switch (response->status) {
      case 201:
        result.outcome = CreateResult::Outcome::created;
        result.id = member(response->body, "id", nullptr);
        return result;
      case 429:
        result.outcome = CreateResult::Outcome::throttled;
        result.error = member(response->body, "error", "message");
        if (result.attempts < options_.max_attempts) options_.sleep(retry_after(*response));
        continue;
      case 400:
        result.outcome = CreateResult::Outcome::invalid;
        break;
      case 401:
        result.outcome = CreateResult::Outcome::unauthorized;
        break;
      default:
        result.outcome = CreateResult::Outcome::failed;
        break;
    }
    result.error = member(response->body, "error", "message");
    return result;
  }
  return result;
}

}  // namespace graph_client
