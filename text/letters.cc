#include "text/letters.h"

#include <array>

#include "text/utf8.h"

namespace tracuu::text {
namespace {

// Rows: a vowel with its modifier; columns: Tone order (none, grave, acute, hook, tilde, dot).
struct VowelRow {
  char base;
  Modifier modifier;
  std::array<char32_t, 6> lower;
  std::array<char32_t, 6> upper;
};

constexpr std::array<VowelRow, 12> kVowels{{
    {'a',
     Modifier::None,
     {0x0061, 0x00E0, 0x00E1, 0x1EA3, 0x00E3, 0x1EA1},
     {0x0041, 0x00C0, 0x00C1, 0x1EA2, 0x00C3, 0x1EA0}},
    {'a',
     Modifier::Breve,
     {0x0103, 0x1EB1, 0x1EAF, 0x1EB3, 0x1EB5, 0x1EB7},
     {0x0102, 0x1EB0, 0x1EAE, 0x1EB2, 0x1EB4, 0x1EB6}},
    {'a',
     Modifier::Circumflex,
     {0x00E2, 0x1EA7, 0x1EA5, 0x1EA9, 0x1EAB, 0x1EAD},
     {0x00C2, 0x1EA6, 0x1EA4, 0x1EA8, 0x1EAA, 0x1EAC}},
    {'e',
     Modifier::None,
     {0x0065, 0x00E8, 0x00E9, 0x1EBB, 0x1EBD, 0x1EB9},
     {0x0045, 0x00C8, 0x00C9, 0x1EBA, 0x1EBC, 0x1EB8}},
    {'e',
     Modifier::Circumflex,
     {0x00EA, 0x1EC1, 0x1EBF, 0x1EC3, 0x1EC5, 0x1EC7},
     {0x00CA, 0x1EC0, 0x1EBE, 0x1EC2, 0x1EC4, 0x1EC6}},
    {'i',
     Modifier::None,
     {0x0069, 0x00EC, 0x00ED, 0x1EC9, 0x0129, 0x1ECB},
     {0x0049, 0x00CC, 0x00CD, 0x1EC8, 0x0128, 0x1ECA}},
    {'o',
     Modifier::None,
     {0x006F, 0x00F2, 0x00F3, 0x1ECF, 0x00F5, 0x1ECD},
     {0x004F, 0x00D2, 0x00D3, 0x1ECE, 0x00D5, 0x1ECC}},
    {'o',
     Modifier::Circumflex,
     {0x00F4, 0x1ED3, 0x1ED1, 0x1ED5, 0x1ED7, 0x1ED9},
     {0x00D4, 0x1ED2, 0x1ED0, 0x1ED4, 0x1ED6, 0x1ED8}},
    {'o',
     Modifier::Horn,
     {0x01A1, 0x1EDD, 0x1EDB, 0x1EDF, 0x1EE1, 0x1EE3},
     {0x01A0, 0x1EDC, 0x1EDA, 0x1EDE, 0x1EE0, 0x1EE2}},
    {'u',
     Modifier::None,
     {0x0075, 0x00F9, 0x00FA, 0x1EE7, 0x0169, 0x1EE5},
     {0x0055, 0x00D9, 0x00DA, 0x1EE6, 0x0168, 0x1EE4}},
    {'u',
     Modifier::Horn,
     {0x01B0, 0x1EEB, 0x1EE9, 0x1EED, 0x1EEF, 0x1EF1},
     {0x01AF, 0x1EEA, 0x1EE8, 0x1EEC, 0x1EEE, 0x1EF0}},
    {'y',
     Modifier::None,
     {0x0079, 0x1EF3, 0x00FD, 0x1EF7, 0x1EF9, 0x1EF5},
     {0x0059, 0x1EF2, 0x00DD, 0x1EF6, 0x1EF8, 0x1EF4}},
}};

// Packed table entry: 0 = not a Vietnamese letter; otherwise
// bits 0-6 base, 7-9 modifier, 10-12 tone, 13 upper, 14 present.
using Packed = std::uint16_t;

constexpr Packed pack(char base, Modifier m, Tone t, bool upper) {
  return static_cast<Packed>(static_cast<unsigned>(base) | (static_cast<unsigned>(m) << 7) |
                             (static_cast<unsigned>(t) << 10) | (upper ? 1u << 13 : 0u) | (1u << 14));
}

constexpr char32_t kLatinLo = 0x00C0, kLatinHi = 0x01B0;  // Latin-1 letters .. ư
constexpr char32_t kExtLo = 0x1EA0, kExtHi = 0x1EF9;      // Latin Extended Additional (Vietnamese)

struct DecodeTables {
  std::array<Packed, kLatinHi - kLatinLo + 1> latin{};
  std::array<Packed, kExtHi - kExtLo + 1> ext{};
  constexpr void set(char32_t cp, Packed p) {
    if (cp >= kLatinLo && cp <= kLatinHi) latin[cp - kLatinLo] = p;
    if (cp >= kExtLo && cp <= kExtHi) ext[cp - kExtLo] = p;
  }
};

constexpr DecodeTables build_tables() {
  DecodeTables t{};
  for (const auto& row : kVowels) {
    for (std::size_t tone = 0; tone < 6; ++tone) {
      t.set(row.lower[tone], pack(row.base, row.modifier, static_cast<Tone>(tone), false));
      t.set(row.upper[tone], pack(row.base, row.modifier, static_cast<Tone>(tone), true));
    }
  }
  t.set(0x0111, pack('d', Modifier::Stroke, Tone::None, false));  // đ
  t.set(0x0110, pack('d', Modifier::Stroke, Tone::None, true));   // Đ
  t.set(0x00F0, pack('d', Modifier::Stroke, Tone::None, false));  // ð (eth) read as đ
  t.set(0x00D0, pack('d', Modifier::Stroke, Tone::None, true));   // Ð (eth) read as Đ
  t.set(0x0189, pack('d', Modifier::Stroke, Tone::None, true));   // Ɖ (African D) read as Đ
  return t;
}

constexpr DecodeTables kTables = build_tables();

Letter unpack(Packed p) {
  Letter l;
  l.base = static_cast<char>(p & 0x7F);
  l.modifier = static_cast<Modifier>((p >> 7) & 0x7);
  l.tone = static_cast<Tone>((p >> 10) & 0x7);
  l.upper = (p >> 13) & 1;
  return l;
}

const VowelRow* find_row(char base, Modifier m) {
  for (const auto& row : kVowels)
    if (row.base == base && row.modifier == m) return &row;
  return nullptr;
}

}  // namespace

bool decode_letter(char32_t cp, Letter& out) {
  if (cp < 0x80) {
    if (cp >= 'a' && cp <= 'z') {
      out = Letter{static_cast<char>(cp), Modifier::None, Tone::None, false};
      return true;
    }
    if (cp >= 'A' && cp <= 'Z') {
      out = Letter{static_cast<char>(cp - 'A' + 'a'), Modifier::None, Tone::None, true};
      return true;
    }
    return false;
  }
  Packed p = 0;
  if (cp >= kLatinLo && cp <= kLatinHi) {
    p = kTables.latin[cp - kLatinLo];
  } else if (cp >= kExtLo && cp <= kExtHi) {
    p = kTables.ext[cp - kExtLo];
  } else if (cp == 0x0256) {  // ɖ (African d) read as đ
    p = pack('d', Modifier::Stroke, Tone::None, false);
  }
  if (p == 0) return false;
  out = unpack(p);
  return true;
}

bool apply_combining_mark(char32_t mark, Letter& l) {
  Tone tone = Tone::None;
  switch (mark) {
    case 0x0300:
    case 0x0340: tone = Tone::Grave; break;
    case 0x0301:
    case 0x0341: tone = Tone::Acute; break;
    case 0x0309: tone = Tone::Hook; break;
    case 0x0303: tone = Tone::Tilde; break;
    case 0x0323: tone = Tone::Dot; break;
    case 0x0302:  // circumflex: â ê ô
      if (l.modifier != Modifier::None || (l.base != 'a' && l.base != 'e' && l.base != 'o')) return false;
      l.modifier = Modifier::Circumflex;
      return true;
    case 0x0306:  // breve: ă
      if (l.modifier != Modifier::None || l.base != 'a') return false;
      l.modifier = Modifier::Breve;
      return true;
    case 0x031B:  // horn: ơ ư
      if (l.modifier != Modifier::None || (l.base != 'o' && l.base != 'u')) return false;
      l.modifier = Modifier::Horn;
      return true;
    default: return false;
  }
  if (l.tone != Tone::None || !is_vowel(l)) return false;
  l.tone = tone;
  return true;
}

char32_t compose_lower(const Letter& l) {
  if (l.modifier == Modifier::Stroke) return l.base == 'd' ? 0x0111 : 0;
  if (l.modifier == Modifier::None && l.tone == Tone::None) return static_cast<char32_t>(l.base);
  const VowelRow* row = find_row(l.base, l.modifier);
  return row ? row->lower[static_cast<std::size_t>(l.tone)] : 0;
}

void append_exact(std::string& out, const Letter& l) {
  if (l.modifier == Modifier::None && l.tone == Tone::None) {
    out.push_back(l.base);
    return;
  }
  append_utf8(out, compose_lower(l));
}

}  // namespace tracuu::text
