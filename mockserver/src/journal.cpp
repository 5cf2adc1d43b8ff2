// A mutex-guarded deque of journal entries.
#include "mockserver/journal.hpp"

#include <optional>

namespace mockserver {

void Journal::record(JournalEntry entry) {
  std::vector<std::function<void(const JournalEntry&)>> listeners;
  std::optional<JournalEntry> copy;  // listeners see a stable copy, outside the lock
  {
    std::lock_guard lock(mutex_);
    entry.sequence = ++received_;
    if (!listeners_.empty()) {
      listeners = listeners_;
      copy = entry;
    }
    entries_.push_back(std::move(entry));
    if (limit_ > 0 && entries_.size() > limit_) {
      entries_.pop_front();
      ++overflowed_;
    }
  }
  for (const auto& listener : listeners) listener(*copy);
}

std::vector<JournalEntry> Journal::entries() const {
  std::lock_guard lock(mutex_);
  return {entries_.begin(), entries_.end()};
}

std::size_t Journal::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

std::size_t Journal::received() const {
  std::lock_guard lock(mutex_);
  return received_;
}

std::size_t Journal::overflowed() const {
  std::lock_guard lock(mutex_);
  return overflowed_;
}

void Journal::clear() {
  std::lock_guard lock(mutex_);
  entries_.clear();
}

void Journal::on_record(std::function<void(const JournalEntry&)> listener) {
  std::lock_guard lock(mutex_);
  listeners_.push_back(std::move(listener));
}

}  // namespace mockserver
