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

std::string number_form(std::string_view key) {
  std::string out(key);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string folded_form(const text::Token& t) {
  return t.kind == text::TokenKind::DocNumber ? number_form(t.folded) : t.folded;
}

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

std::uint32_t facet_id(std::string_view code) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : code) h = (h ^ c) * 16777619u;
  return h == 0 ? 1 : h;
}

std::string facet_metadata_key(std::uint32_t id) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string key(kMetaFacetPrefix);
  for (int shift = 28; shift >= 0; shift -= 4) key.push_back(kHex[(id >> shift) & 0xF]);
  return key;
}

std::string pack_facet_ids(const std::array<std::uint32_t, static_cast<std::size_t>(FacetPart::Count)>& ids) {
  std::string out;
  out.reserve(ids.size() * 4);
  for (std::uint32_t id : ids)
    for (int b = 0; b < 4; ++b) out.push_back(static_cast<char>((id >> (8 * b)) & 0xFF));
  return out;
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
