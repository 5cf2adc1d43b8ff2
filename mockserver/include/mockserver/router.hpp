// The Router finds the contract for a request's method and path in a segment
// trie: the cost of a lookup grows with the path's depth, not with the number of
// routes. Literal segments compare case-insensitively (as Graph's do) and win
// over "{placeholder}" segments; a leading version segment (v1.0, beta,
// localtest) is accepted and reported; the query string is ignored.
//
//   Router router(catalog.contracts);
//   RouteMatch m = router.match("POST", "/beta/users?$select=id");
//   if (m.outcome == RouteMatch::Outcome::found) use(catalog.contracts[m.contract]);
#pragma once

#include <mockserver/contract.hpp>

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mockserver {

struct RouteMatch {
  enum class Outcome { found, method_not_allowed, not_found } outcome = Outcome::not_found;
  int contract = -1;                // index into the contracts, when found
  std::span<const int> candidates;  // every contract documenting the route (pages, versions)
  std::string_view version;         // the version segment of the request path, "" for none
  std::string allowed;              // "GET, POST" when method_not_allowed
};

class Router {
 public:
  explicit Router(const std::vector<Contract>& contracts);
  ~Router();
  Router(Router&&) noexcept;
  Router& operator=(Router&&) noexcept;

  RouteMatch match(std::string_view method, std::string_view target) const;

  // Up to `limit` documented routes ("POST /users/{id}/events") nearest to a path, for 404
  // messages.
  std::vector<std::string> nearest(std::string_view method, std::string_view target,
                                   std::size_t limit = 3) const;

  std::size_t size() const;  // number of (method, path) routes, aliases included

 private:
  struct Node;
  std::unique_ptr<Node> root_;
  const std::vector<Contract>* contracts_;
  std::vector<std::string> routes_;  // "METHOD path" of every route, for nearest()
  std::size_t size_ = 0;
};

}  // namespace mockserver
