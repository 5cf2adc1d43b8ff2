// Parsing ahead of the compiler, in order, within a bounded window.
#include "page_stream.hpp"

#include <algorithm>

namespace mockserver {
namespace {

// Below this many pages threads cost more than they save.
constexpr std::size_t kThreadedFrom = 64;

}  // namespace

PageStream::PageStream(std::size_t count, Parse parse, std::size_t window)
    : count_(count), parse_(std::move(parse)), slots_(std::max<std::size_t>(window, 1)) {
  if (count_ < kThreadedFrom) return;
  // The consumer parses too (see next()), so one thread fewer than the cores.
  unsigned workers = std::clamp(std::thread::hardware_concurrency(), 1u, 8u) - 1;
  for (unsigned t = 0; t < workers; ++t) workers_.emplace_back([this] { work(); });
}

PageStream::~PageStream() {
  let_go();
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  taken_.notify_all();
  workers_.clear();  // joins, once they have freed what they parsed
}

PageStream::Slot PageStream::parse_one(std::size_t k) {
  Slot slot;
  try {
    slot.page = parse_(k);
  } catch (...) {
    slot.error = std::current_exception();
  }
  return slot;
}

void PageStream::work() {
  std::unique_lock lock(mutex_);
  for (;;) {
    while (!freed_.empty()) {
      {
        Page page = std::move(freed_.back());
        freed_.pop_back();
        lock.unlock();
      }  // freed here, on the thread that parsed it
      lock.lock();
    }
    if (stopping_) return;
    if (claimed_ < count_ && claimed_ < taken_count_ + slots_.size()) {
      const std::size_t k = claimed_++;
      lock.unlock();
      Slot slot = parse_one(k);
      slot.by_worker = true;
      lock.lock();
      slots_[k % slots_.size()] = std::move(slot);
      filled_.notify_all();
      continue;
    }
    taken_.wait(lock);  // until the consumer takes a page, lets one go, or stops
  }
}

void PageStream::let_go() {
  if (current_.page && current_.by_worker) {
    std::lock_guard lock(mutex_);
    freed_.push_back(std::move(*current_.page));
  }
  current_ = Slot{};
}

const Page& PageStream::next() {
  let_go();
  std::unique_lock lock(mutex_);
  const std::size_t k = taken_count_;
  if (claimed_ == k) {  // no worker has started it: parse it here rather than wait
    ++claimed_;
    lock.unlock();
    current_ = parse_one(k);
    lock.lock();
  } else {
    Slot& waiting = slots_[k % slots_.size()];
    filled_.wait(lock, [&] { return waiting.page.has_value() || waiting.error; });
    current_ = std::move(waiting);
    waiting = Slot{};
  }
  ++taken_count_;
  lock.unlock();
  taken_.notify_all();
  if (current_.error) std::rethrow_exception(current_.error);
  return *current_.page;
}

}  // namespace mockserver
