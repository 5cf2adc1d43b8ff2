// A segment trie over path templates; each node maps methods to contracts.
#include "mockserver/router.hpp"

#include <algorithm>
#include <unordered_map>

#include "path_match.hpp"
#include "text.hpp"

namespace mockserver {
namespace {

struct CaseInsensitiveHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    std::size_t h = 1469598103934665603ull;
    for (char c : s) h = (h ^ static_cast<unsigned char>(text::lower(c))) * 1099511628211ull;
    return h;
  }
};
struct CaseInsensitiveEqual {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const noexcept {
    return text::iequals(a, b);
  }
};

// Splits off the query and the version segment without allocating.
std::string_view strip_query(std::string_view target) {
  if (auto q = target.find_first_of("?#"); q != std::string_view::npos)
    target = target.substr(0, q);
  return target;
}

std::string_view next_segment(std::string_view& path) {
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  auto slash = path.find('/');
  std::string_view segment = path.substr(0, slash);
  path = slash == std::string_view::npos ? std::string_view() : path.substr(slash);
  return segment;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1,
                         diagonal + (text::lower(a[i - 1]) == text::lower(b[j - 1]) ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

}  // namespace

struct Router::Node {
  std::unordered_map<std::string, std::unique_ptr<Node>, CaseInsensitiveHash, CaseInsensitiveEqual>
      literals;
  std::unique_ptr<Node> placeholder;
  std::vector<std::pair<std::string, std::unique_ptr<Node>>> patterns;  // "name(key={k})"
  std::vector<std::pair<std::string, std::vector<int>>> methods;  // method -> contracts (versions)
};

Router::Router(const std::vector<Contract>& contracts)
    : root_(std::make_unique<Node>()), contracts_(&contracts) {
  auto insert = [&](const std::string& path, int index) {
    Node* node = root_.get();
    for (std::string_view segment : text::split_path(path)) {
      std::unique_ptr<Node>* child = nullptr;
      if (is_placeholder(segment)) {
        child = &node->placeholder;
      } else if (is_pattern(segment)) {
        auto it = std::find_if(node->patterns.begin(), node->patterns.end(),
                               [&](const auto& p) { return text::iequals(p.first, segment); });
        if (it == node->patterns.end())
          it = node->patterns.insert(node->patterns.end(), {std::string(segment), nullptr});
        child = &it->second;
      } else {
        auto it = node->literals.find(segment);
        if (it == node->literals.end())
          it = node->literals.emplace(std::string(segment), nullptr).first;
        child = &it->second;
      }
      if (!*child) *child = std::make_unique<Node>();
      node = child->get();
    }
    const std::string& method = contracts[index].method;
    auto it = std::find_if(node->methods.begin(), node->methods.end(),
                           [&](const auto& m) { return m.first == method; });
    if (it == node->methods.end()) {
      node->methods.push_back({method, {index}});
      routes_.push_back(method + " " + path);
      ++size_;
    } else if (std::find(it->second.begin(), it->second.end(), index) == it->second.end()) {
      it->second.push_back(index);
    }
  };
  // Templates first, so that an example's path never shadows another page's template.
  for (int i = 0; i < static_cast<int>(contracts.size()); ++i) insert(contracts[i].path, i);
  for (int i = 0; i < static_cast<int>(contracts.size()); ++i)
    for (const std::string& alias : contracts[i].aliases) insert(alias, i);
}

Router::~Router() = default;
Router::Router(Router&&) noexcept = default;
Router& Router::operator=(Router&&) noexcept = default;

std::size_t Router::size() const { return size_; }

namespace {

// Depth-first match: literal, then patterns, then placeholder, backtracking on dead ends
// and past nodes that lack the method (an example's literal path must not hide a
// template that documents the method). `any` keeps the first node reached, for 405.
template <typename NodeT>
const NodeT* walk(const NodeT* node, std::string_view rest, std::string_view method,
                  const NodeT*& any) {
  std::string_view segment = next_segment(rest);
  if (segment.empty()) {
    if (node->methods.empty()) return nullptr;
    if (!any) any = node;
    for (const auto& [m, indices] : node->methods)
      if (m == method) return node;
    return nullptr;
  }
  if (auto it = node->literals.find(segment); it != node->literals.end())
    if (const NodeT* found = walk(it->second.get(), rest, method, any)) return found;
  for (const auto& [pattern, child] : node->patterns)
    if (pattern_matches(pattern, segment))
      if (const NodeT* found = walk(child.get(), rest, method, any)) return found;
  if (node->placeholder)
    if (const NodeT* found = walk(node->placeholder.get(), rest, method, any)) return found;
  return nullptr;
}

}  // namespace

RouteMatch Router::match(std::string_view method, std::string_view target) const {
  RouteMatch result;
  std::string_view path = strip_query(target);
  std::string_view rest = path;
  std::string_view first = next_segment(rest);
  if (is_version_segment(first)) {
    result.version = first;
    path = rest;
  }
  const Node* any = nullptr;
  const Node* node = walk(root_.get(), path, method, any);
  if (!node) node = any;
  if (!node) return result;
  for (const auto& [m, indices] : node->methods) {
    if (m != method) continue;
    result.outcome = RouteMatch::Outcome::found;
    result.contract = indices.front();
    result.candidates = indices;
    for (int i : indices)  // several API versions document the route: prefer the one asked for
      if (!result.version.empty() && text::iequals((*contracts_)[i].api_version, result.version)) {
        result.contract = i;
        break;
      }
    return result;
  }
  result.outcome = RouteMatch::Outcome::method_not_allowed;
  for (const auto& [m, indices] : node->methods)
    result.allowed += (result.allowed.empty() ? "" : ", ") + m;
  return result;
}

namespace {

// How far a request path is from a route's template, segment by segment: a segment the
// template matches (a placeholder, or a literal in any case) costs nothing, another segment
// costs its relative character distance, a missing or extra segment costs a whole one, and
// another method half of one. Character distance over the whole strings would favour short
// routes over the one the caller nearly typed.
std::size_t route_distance(std::string_view method, std::string_view path, std::string_view route) {
  constexpr std::size_t kSegment = 100;
  auto space = route.find(' ');
  std::string_view route_method = route.substr(0, space);
  auto want = text::split_path(path);
  auto have = text::split_path(route.substr(space + 1));
  auto substitute = [&](std::string_view templ, std::string_view actual) -> std::size_t {
    if (segment_matches(templ, actual)) return 0;
    std::size_t longest = std::max(templ.size(), actual.size());
    return kSegment * edit_distance(templ, actual) / std::max<std::size_t>(longest, 1);
  };
  std::vector<std::size_t> row(have.size() + 1);
  for (std::size_t j = 0; j <= have.size(); ++j) row[j] = j * kSegment;
  for (std::size_t i = 1; i <= want.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i * kSegment;
    for (std::size_t j = 1; j <= have.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + kSegment, row[j - 1] + kSegment,
                         diagonal + substitute(have[j - 1], want[i - 1])});
      diagonal = up;
    }
  }
  return row[have.size()] + (route_method == method ? 0 : kSegment / 2);
}

}  // namespace

std::vector<std::string> Router::nearest(std::string_view method, std::string_view target,
                                         std::size_t limit) const {
  std::string_view path = strip_query(target);
  std::string_view rest = path;
  if (is_version_segment(next_segment(rest))) path = rest;
  std::vector<std::pair<std::size_t, const std::string*>> scored;
  for (const std::string& route : routes_)
    scored.emplace_back(route_distance(method, path, route), &route);
  std::size_t n = std::min(limit, scored.size());
  std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(n), scored.end(),
                    [](const auto& a, const auto& b) {
                      return a.first != b.first ? a.first < b.first : *a.second < *b.second;
                    });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(*scored[i].second);
  return out;
}

}  // namespace mockserver
