// The ceiling: a bare cpp-httplib server that answers any POST with a fixed 201 body,
// with the socket settings the mock uses (TCP_NODELAY, keep-alive not closed after 5
// requests) and enough threads for every connection the load generator opens
// (cpp-httplib holds one thread per keep-alive connection). Whatever the mock does on
// top of cpp-httplib costs throughput against this.
#pragma once

#include <httplib.h>

#include <string>

namespace mockserver::bench {

// The seed's documented 201, so the ceiling writes as many bytes as the mock.
inline const std::string kCeilingBody =
    R"({"@odata.type":"#microsoft.graph.windowsUpdateState",)"
    R"("id":"98c6922f-922f-98c6-2f92-c6982f92c698","deviceId":"Device Id value",)"
    R"("userId":"User Id value","deviceDisplayName":"Device Display Name value",)"
    R"("userPrincipalName":"User Principal Name value","status":"String",)"
    R"("qualityUpdateVersion":"Quality Update Version value",)"
    R"("featureUpdateVersion":"Feature Update Version value",)"
    R"("lastScanDateTime":"2016-12-31T23:56:31.6960562+03:00",)"
    R"("lastSyncDateTime":"2017-01-01T00:00:28.8363536+03:00"})";

// threads = 0 keeps cpp-httplib's own pool (8 threads here), enough for one client.
inline void configure_ceiling(httplib::Server& server, std::size_t threads = 64) {
  if (threads > 0) server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_tcp_nodelay(true);
  server.set_keep_alive_max_count(1000000);
  server.Post(".*", [](const httplib::Request&, httplib::Response& res) {
    res.status = 201;
    res.set_content(kCeilingBody, "application/json");
  });
}

}  // namespace mockserver::bench
