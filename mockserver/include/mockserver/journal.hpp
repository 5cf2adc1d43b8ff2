// The Journal records every request the server receives: what came, which route
// it matched (or none), the status returned and every violation found. Tests read
// it while the server runs. It keeps everything unless given a limit; past the
// limit the oldest entries go and overflowed() counts them, so nothing is lost
// silently.
//
//   for (const JournalEntry& e : server.journal().entries()) std::cout << e.status << '\n';
#pragma once

#include <mockserver/contract.hpp>
#include <mockserver/validator.hpp>

#include <chrono>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace mockserver {

struct JournalEntry {
  std::uint64_t sequence = 0;  // 1, 2, 3, ... in arrival order
  std::chrono::system_clock::time_point received;
  std::chrono::microseconds duration{0};
  std::string method;
  std::string target;   // path and query as sent
  std::string version;  // the version segment, "" for none
  Headers headers;
  std::string body;
  const Contract* contract = nullptr;  // the matched contract, nullptr for none
  std::string route;                   // "POST /users" (the template), "" for none
  int status = 0;
  std::string error_code;             // Graph error code when status >= 400
  std::vector<Violation> violations;  // rejected (strict) or accepted as warnings (lenient)
  std::string response_body;
  std::string request_id;
  bool overridden = false;  // answered by an Override, not the contract
};

class Journal {
 public:
  explicit Journal(std::size_t limit = 0) : limit_(limit) {}

  void record(JournalEntry entry);
  std::vector<JournalEntry> entries() const;  // a snapshot
  std::size_t size() const;                   // entries held now
  std::size_t received() const;               // entries ever recorded
  std::size_t overflowed() const;             // entries dropped for the limit
  void clear();

  // Called after each entry is recorded, outside the journal's lock.
  void on_record(std::function<void(const JournalEntry&)> listener);

 private:
  mutable std::mutex mutex_;
  std::deque<JournalEntry> entries_;
  std::size_t limit_;
  std::size_t received_ = 0;
  std::size_t overflowed_ = 0;
  std::vector<std::function<void(const JournalEntry&)>> listeners_;
};

}  // namespace mockserver
