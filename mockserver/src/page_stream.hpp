// Parses pages ahead on worker threads for one consumer that takes them in order
// (internal). At most `window` parsed pages wait at a time, so a load holds a few
// parsed pages rather than the whole corpus; the consumer parses a page itself when
// no worker has started it yet, so it never idles while work is left.
//
// A page is freed by the thread that parsed it. glibc's malloc gives each thread an
// arena, and a block freed on another thread lands in that thread's cache, where its
// next allocation reuses it: the consumer's long-lived results would end up scattered
// over the workers' arenas, whose pages could then never be handed back.
//
//   PageStream stream(n, [&](std::size_t k) { return parse_page(path(k), text(k)); });
//   for (std::size_t k = 0; k < n; ++k) compile(stream.next());
#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "mockserver/page.hpp"

namespace mockserver {

class PageStream {
 public:
  using Parse = std::function<Page(std::size_t)>;

  // Parses items 0..count-1 with parse(k), on worker threads when there are enough of them.
  PageStream(std::size_t count, Parse parse, std::size_t window = 32);
  PageStream(const PageStream&) = delete;
  PageStream& operator=(const PageStream&) = delete;
  ~PageStream();  // stops the workers and waits for them

  // The next page in order, valid until the next call; rethrows what parsing it threw.
  const Page& next();

 private:
  struct Slot {
    std::optional<Page> page;
    std::exception_ptr error;
    bool by_worker = false;
  };

  void work();
  Slot parse_one(std::size_t k);
  void let_go();  // of the current page: freed here, or by a worker if one parsed it

  const std::size_t count_;
  const Parse parse_;
  std::mutex mutex_;
  std::condition_variable filled_;  // a slot got its page
  std::condition_variable taken_;   // the consumer took one: room in the window
  std::vector<Slot> slots_;         // item k waits in slots_[k % window]
  std::size_t claimed_ = 0;         // items 0..claimed_-1 are parsed or being parsed
  std::size_t taken_count_ = 0;     // items the consumer has taken
  bool stopping_ = false;
  std::vector<Page> freed_;  // pages the consumer is done with, for the workers to free
  Slot current_;             // the page next() returned last
  std::vector<std::jthread> workers_;
};

}  // namespace mockserver
