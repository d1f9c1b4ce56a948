#include "schema/terms.h"

#include <cstdint>

namespace tracuu::schema {
namespace {

std::uint64_t fnv1a64(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace

std::string make_term(Field field, std::string_view value) {
  return bounded_key(prefix(field), value, kMaxTermBytes);
}


std::string bounded_key(std::string_view p, std::string_view value, std::size_t max_bytes) {
  std::string term;
  term.reserve(p.size() + value.size());
  term.append(p).append(value);
  if (term.size() <= max_bytes) return term;
  static constexpr char kHex[] = "0123456789abcdef";
  std::size_t head = max_bytes - 17;
  while (head > p.size() && (static_cast<unsigned char>(term[head]) & 0xC0) == 0x80) --head;  // UTF-8 boundary
  term.resize(head);
  term.push_back('#');
  std::uint64_t h = fnv1a64(value);
  for (int i = 0; i < 16; ++i, h >>= 4) term.push_back(kHex[h & 0xF]);
  return term;
}

std::string date_slot_value(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return {};
  std::string out;
  for (char c : d) {
    if (c == '-') continue;
    if (c < '0' || c > '9') return {};
    out.push_back(c);
  }
  return out;
}

}  // namespace tracuu::schema
