// The overrides a server holds (internal): which one answers a request, how many requests each
// answered, and the answer it makes. Thread-safe; see override.hpp for what an override is.
#pragma once

#include <mutex>
#include <optional>
#include <vector>

#include "mockserver/exchange.hpp"
#include "mockserver/override.hpp"

namespace mockserver {

class OverrideBook {
 public:
  OverrideId add(Override override);
  void remove(OverrideId id);
  void clear();
  std::size_t hits(OverrideId id) const;
  // The most recently added override matching the entry, if any (counting the hit), after
  // its delay.
  std::optional<Override> take(const JournalEntry& entry);

 private:
  struct Active {
    OverrideId id;
    Override override;
    std::size_t hits = 0;
  };
  mutable std::mutex mutex_;
  std::vector<Active> active_;
  OverrideId next_ = 1;
};

// Replaces the response (unless the override is a delay only) and notes it in the entry.
void apply_override(const Override& o, Response& response, JournalEntry& entry);

}  // namespace mockserver
