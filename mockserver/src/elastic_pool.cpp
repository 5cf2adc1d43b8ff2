// Threads started on demand; shutdown runs queued tasks and joins.
#include "elastic_pool.hpp"

namespace mockserver {

ElasticPool::ElasticPool(std::size_t initial, std::size_t max)
    : max_(std::max<std::size_t>(max, 1)) {
  std::lock_guard lock(mutex_);
  for (std::size_t i = 0; i < std::min(initial, max_); ++i)
    threads_.emplace_back([this] { work(); });
}

ElasticPool::~ElasticPool() { shutdown(); }

void ElasticPool::enqueue(std::function<void()> task) {
  std::lock_guard lock(mutex_);
  tasks_.push_back(std::move(task));
  if (idle_ < tasks_.size() && threads_.size() < max_) threads_.emplace_back([this] { work(); });
  ready_.notify_one();
}

void ElasticPool::shutdown() {
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
    threads.swap(threads_);
  }
  ready_.notify_all();
  for (std::thread& t : threads) t.join();
}

void ElasticPool::work() {
  std::unique_lock lock(mutex_);
  while (true) {
    ++idle_;
    ready_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
    --idle_;
    if (tasks_.empty()) return;  // stopping and nothing left to run
    std::function<void()> task = std::move(tasks_.front());
    tasks_.pop_front();
    lock.unlock();
    task();
    lock.lock();
  }
}

}  // namespace mockserver
