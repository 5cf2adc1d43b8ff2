// Fresh ids from a counter hashed with splitmix64: lock-free and reproducible.
#include "mockserver/ids.hpp"

#include <boost/uuid/uuid.hpp>
#include <boost/uuid/uuid_io.hpp>
#include <cctype>

namespace mockserver {
namespace {

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

bool is_uuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

}  // namespace

std::uint64_t IdSequence::next_word() {
  return splitmix64(seed_ * 0xD1B54A32D192ED03ull + counter_.fetch_add(1));
}

std::string IdSequence::next_uuid() {
  boost::uuids::uuid u{};
  std::uint64_t a = next_word(), b = splitmix64(a);
  for (int i = 0; i < 8; ++i) {
    u.data[i] = static_cast<std::uint8_t>(a >> (8 * i));
    u.data[8 + i] = static_cast<std::uint8_t>(b >> (8 * i));
  }
  u.data[6] = static_cast<std::uint8_t>((u.data[6] & 0x0F) | 0x40);  // version 4
  u.data[8] = static_cast<std::uint8_t>((u.data[8] & 0x3F) | 0x80);  // RFC 4122 variant
  return boost::uuids::to_string(u);
}

std::string IdSequence::next_like(std::string_view documented) {
  if (documented.empty() || is_uuid(documented)) return next_uuid();
  std::string out(documented);
  std::uint64_t word = next_word();
  int bits = 64;
  auto draw = [&](unsigned n) {
    if (bits < 8) word = splitmix64(word), bits = 64;
    bits -= 8;
    return static_cast<unsigned>((word >> bits) & 0xFF) % n;
  };
  bool all_hex = true;
  for (char c : documented)
    all_hex = all_hex && (std::isxdigit(static_cast<unsigned char>(c)) ||
                          !std::isalnum(static_cast<unsigned char>(c)));
  for (char& c : out) {
    unsigned char u = static_cast<unsigned char>(c);
    if (all_hex && std::isxdigit(u))
      c = "0123456789abcdef"[draw(16)],
      c = std::isupper(u) ? static_cast<char>(std::toupper(c)) : c;
    else if (std::isdigit(u))
      c = static_cast<char>('0' + draw(10));
    else if (std::islower(u))
      c = static_cast<char>('a' + draw(26));
    else if (std::isupper(u))
      c = static_cast<char>('A' + draw(26));
  }
  return out;
}

}  // namespace mockserver
