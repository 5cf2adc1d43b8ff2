// Finds the types that pages link to, by path, by name beside the link, or by name.
#include <filesystem>

#include "compiler.hpp"
#include "text.hpp"

namespace mockserver::compiler {
namespace {

std::string clean_name(std::string_view name) {
  std::string out;
  for (char c : text::trim(name))
    if (c != '*' && c != '`' && c != '#') out += text::lower(c);
  return out;
}

std::string parent_dir(const std::string& path) {
  return std::filesystem::path(path).parent_path().generic_string();
}

// Of several types of one name (v1.0 and beta), the one whose page shares the
// longest path prefix with the page asking.
int nearest(const TypeTable& types, const std::vector<int>& candidates,
            const std::string& from_page) {
  int best = -1;
  std::size_t best_len = 0;
  for (int candidate : candidates) {
    const std::string& file = types[candidate].where.file;
    std::size_t n = 0;
    while (n < file.size() && n < from_page.size() && file[n] == from_page[n]) ++n;
    if (best < 0 || n > best_len) {
      best = candidate;
      best_len = n;
    }
  }
  return best;
}

}  // namespace

std::string normalize_page_path(std::string_view path) {
  return std::filesystem::path(path).lexically_normal().generic_string();
}

std::string resolve_link(const std::string& from_page, std::string_view href) {
  href = text::trim(href);
  if (auto hash = href.find_first_of("#?"); hash != std::string_view::npos)
    href = href.substr(0, hash);
  if (href.empty() || href.find("://") != std::string_view::npos || href.front() == '/') return {};
  return normalize_page_path(
      (std::filesystem::path(from_page).parent_path() / std::string(href)).generic_string());
}

int TypeIndex::find_linked(const std::string& from_page, const Link& link) const {
  std::string target = resolve_link(from_page, link.href);
  if (!target.empty()) {
    // The link's text names the type; some links point at the wrong page, so the
    // text beside the target wins over the target itself.
    std::string dir = parent_dir(target);
    if (auto it = by_dir_name.find(dir + "|" + clean_name(link.text)); it != by_dir_name.end())
      return it->second;
    if (auto it = by_path.find(target); it != by_path.end()) return it->second;
    std::string stem = clean_name(std::filesystem::path(target).stem().string());
    if (auto it = by_dir_name.find(dir + "|" + stem); it != by_dir_name.end()) return it->second;
  }
  int found = find_named(from_page, link.text);
  if (found < 0 && !target.empty())
    found = find_named(from_page, std::filesystem::path(target).stem().string());
  return found;
}

int TypeIndex::find_named(const std::string& from_page, std::string_view name) const {
  auto it = by_name.find(clean_name(name));
  if (it == by_name.end() || it->second.empty()) return -1;
  return nearest(*types, it->second, from_page);
}

}  // namespace mockserver::compiler
