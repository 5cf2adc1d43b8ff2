// A cpp-httplib task queue that grows (internal). cpp-httplib's own pool has a
// fixed number of threads, and each keep-alive connection holds one while idle, so
// a client's connection pool can starve everyone else. This one starts a thread
// whenever no thread is idle, up to a maximum.
#pragma once

#include <httplib.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace mockserver {

class ElasticPool : public httplib::TaskQueue {
 public:
  ElasticPool(std::size_t initial, std::size_t max);
  ~ElasticPool() override;
  void enqueue(std::function<void()> task) override;
  void shutdown() override;

 private:
  void work();
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> tasks_;
  std::vector<std::thread> threads_;
  std::size_t idle_ = 0;
  std::size_t max_;
  bool stopping_ = false;
};

}  // namespace mockserver
