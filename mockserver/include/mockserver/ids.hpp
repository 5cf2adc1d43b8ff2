// IdSequence makes the fresh ids that created resources get: UUIDs, or strings of
// the documented id's shape (hex stays hex, letters stay letters, separators stay).
// The same seed gives the same sequence; distinct seeds, distinct sequences. Safe
// to call from many threads.
//
//   IdSequence ids(42);
//   std::string id = ids.next_like("98c6922f-922f-98c6-2f92-c6982f92c698");
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

namespace mockserver {

class IdSequence {
 public:
  explicit IdSequence(std::uint64_t seed) : seed_(seed) {}

  std::string next_uuid();
  // A fresh id of the same shape as `documented` (a UUID when it is one, or empty).
  std::string next_like(std::string_view documented);

 private:
  std::uint64_t next_word();
  std::uint64_t seed_;
  std::atomic<std::uint64_t> counter_{0};
};

}  // namespace mockserver
