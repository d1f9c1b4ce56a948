#include "bench/gen/variants.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace tracuu::bench::gen {
namespace {

// Tone marks in the order huyền, sắc, hỏi, ngã, nặng; lower then upper case.
struct VowelRow {
  std::string_view plain;
  std::array<std::string_view, 5> marked;
};
constexpr std::array<VowelRow, 10> kVowels = {{
    {"o", {"ò", "ó", "ỏ", "õ", "ọ"}},
    {"u", {"ù", "ú", "ủ", "ũ", "ụ"}},
    {"a", {"à", "á", "ả", "ã", "ạ"}},
    {"e", {"è", "é", "ẻ", "ẽ", "ẹ"}},
    {"y", {"ỳ", "ý", "ỷ", "ỹ", "ỵ"}},
    {"O", {"Ò", "Ó", "Ỏ", "Õ", "Ọ"}},
    {"U", {"Ù", "Ú", "Ủ", "Ũ", "Ụ"}},
    {"A", {"À", "Á", "Ả", "Ã", "Ạ"}},
    {"E", {"È", "É", "Ẻ", "Ẽ", "Ẹ"}},
    {"Y", {"Ỳ", "Ý", "Ỷ", "Ỹ", "Ỵ"}},
}};

struct Pair {
  std::string new_form;  // "òa"
  std::string old_form;  // "oà"
};

// Every (first vowel, second vowel, tone, case) combination of oa, oe, uy.
std::vector<Pair> build_pairs() {
  std::vector<Pair> pairs;
  const std::array<std::pair<int, int>, 3> clusters = {{{0, 2}, {0, 3}, {1, 4}}};  // oa, oe, uy
  for (auto [first, second] : clusters)
    for (int upper_first = 0; upper_first < 2; ++upper_first)
      for (int upper_second = 0; upper_second <= upper_first; ++upper_second)
        for (std::size_t t = 0; t < 5; ++t) {
          const auto& f = kVowels[static_cast<std::size_t>(first + 5 * upper_first)];
          const auto& s = kVowels[static_cast<std::size_t>(second + 5 * upper_second)];
          pairs.push_back(
              {std::string(f.marked[t]) + std::string(s.plain), std::string(f.plain) + std::string(s.marked[t])});
        }
  return pairs;
}

bool is_letter_at(std::string_view s, std::size_t i) {
  if (i >= s.size()) return false;
  const auto c = static_cast<unsigned char>(s[i]);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0xC3;
}

bool preceded_by_q(std::string_view s, std::size_t i) {
  return i > 0 && (s[i - 1] == 'q' || s[i - 1] == 'Q');
}

std::size_t utf8_len(unsigned char lead) {
  return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

// The bytes of the character at i packed into one key.
std::uint32_t char_key(std::string_view s, std::size_t i) {
  const std::size_t n = std::min(utf8_len(static_cast<unsigned char>(s[i])), s.size() - i);
  std::uint32_t k = 0;
  for (std::size_t j = 0; j < n; ++j) k = (k << 8) | static_cast<unsigned char>(s[i + j]);
  return k;
}

// Pairs grouped by the first character of the form being replaced.
using PairIndex = std::unordered_map<std::uint32_t, std::vector<std::pair<std::string, std::string>>>;

PairIndex build_index(ToneStyle style) {
  PairIndex index;
  for (const auto& p : build_pairs()) {
    const std::string& from = style == ToneStyle::Old ? p.new_form : p.old_form;
    const std::string& to = style == ToneStyle::Old ? p.old_form : p.new_form;
    index[char_key(from, 0)].emplace_back(from, to);
  }
  return index;
}

}  // namespace

std::string apply_tone_style(std::string_view text, ToneStyle style) {
  if (style == ToneStyle::AsWritten) return std::string(text);
  static const PairIndex to_old = build_index(ToneStyle::Old), to_new = build_index(ToneStyle::New);
  const PairIndex& index = style == ToneStyle::Old ? to_old : to_new;
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t len = std::min(utf8_len(static_cast<unsigned char>(text[i])), text.size() - i);
    const auto it = index.find(char_key(text, i));
    bool done = false;
    if (it != index.end() && !preceded_by_q(text, i)) {
      for (const auto& [from, to] : it->second) {
        if (text.compare(i, from.size(), from) == 0 && !is_letter_at(text, i + from.size())) {
          out += to;
          i += from.size();
          done = true;
          break;
        }
      }
    }
    if (!done) {
      out.append(text, i, len);
      i += len;
    }
  }
  return out;
}

}  // namespace tracuu::bench::gen
