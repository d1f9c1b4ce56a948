#include "text/word.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <vector>

#include "text/chars.h"
#include "text/utf8.h"

namespace tracuu::text {
namespace {

bool valid_final(std::span<const Letter> coda) {
  switch (coda.size()) {
    case 0: return true;
    case 1:
      switch (coda[0].base) {
        case 'c':
        case 'm':
        case 'n':
        case 'p':
        case 't':
        case 'k': return true;
        default: return false;
      }
    case 2:
      return (coda[0].base == 'c' && coda[1].base == 'h') || (coda[0].base == 'n' && coda[1].base == 'g') ||
             (coda[0].base == 'n' && coda[1].base == 'h');
    default: return false;
  }
}

bool plain(const Letter& l, char base) {
  return l.base == base && l.modifier == Modifier::None;
}

}  // namespace

bool canonicalize_tone(std::span<Letter> w) {
  const std::size_t n = w.size();
  std::size_t tones = 0, toned = 0;
  for (std::size_t k = 0; k < n; ++k) {
    if (w[k].base < 'a' || w[k].base > 'z') return false;  // digits etc.: not a syllable
    if (w[k].tone != Tone::None) ++tones, toned = k;
  }
  std::size_t i = 0;
  while (i < n && !is_vowel(w[i])) ++i;
  if (i == n || i > 3) return false;
  // qu- and gi- are consonants when another vowel follows: quý, giữ (but gì, gìn).
  if (i + 1 < n && is_vowel(w[i + 1])) {
    if (i == 1 && w[0].base == 'q' && plain(w[1], 'u'))
      ++i;
    else if (i == 1 && w[0].base == 'g' && plain(w[1], 'i'))
      ++i;
  }
  std::size_t j = i;
  while (j < n && is_vowel(w[j])) ++j;
  if (j - i > 3 || !valid_final(w.subspan(j))) return false;
  if (tones != 1) return tones == 0;

  std::size_t target = n;
  for (std::size_t k = i; k < j; ++k)
    if (w[k].modifier != Modifier::None) target = k;  // last modified vowel: ơ in ươ, ê in uyê
  if (target == n) {
    const std::size_t len = j - i;
    if (j < n)
      target = j - 1;  // closed syllable: hoàn, toán, huýt
    else if (len == 3)
      target = i + 1;  // ngoài, khuỷu
    else
      target = i;  // hòa, thủy, mái; single vowel
  }
  if (target != toned) {
    w[target].tone = w[toned].tone;
    w[toned].tone = Tone::None;
  }
  return true;
}

namespace detail {

void slow_word_forms(std::string_view word, std::string& exact, std::string& folded) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  std::string mapped;
  map_chars(word, mapped);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(mapped);
  u.foldCase();
  icu::UnicodeString composed = nfc->normalize(u, status);
  exact.clear();
  composed.toUTF8String(exact);

  icu::UnicodeString decomposed = nfd->normalize(u, status);
  folded.clear();
  for (int32_t k = 0; k < decomposed.length();) {
    UChar32 c = decomposed.char32At(k);
    k += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    Letter l;
    if (decode_letter(static_cast<char32_t>(c), l)) {
      folded.push_back(l.base);
    } else {
      append_utf8(folded, static_cast<char32_t>(c));
    }
  }
  if (U_FAILURE(status)) {  // never expected with valid UTF-16; keep the mapped text
    exact = mapped;
    folded = mapped;
  }
}

}  // namespace detail

WordForms word_forms(std::string_view word) {
  WordForms out;
  std::vector<Letter> letters;
  letters.reserve(word.size());
  bool fast = true;
  for (std::size_t i = 0, len = 0; i < word.size() && fast; i += len) {
    char32_t cp = map_char(decode_utf8(word, i, len));
    if (cp == kDropped) continue;
    Letter l;
    if (decode_letter(cp, l)) {
      letters.push_back(l);
    } else if (is_combining_mark(cp) && !letters.empty()) {
      fast = apply_combining_mark(cp, letters.back());
    } else if (cp >= '0' && cp <= '9') {
      letters.push_back(Letter{static_cast<char>(cp), Modifier::None, Tone::None, false});
    } else {
      fast = false;
    }
  }
  if (!fast) {
    detail::slow_word_forms(word, out.exact, out.folded);
    return out;
  }
  canonicalize_tone(letters);
  for (const Letter& l : letters) {
    append_exact(out.exact, l);
    append_folded(out.folded, l);
  }
  return out;
}

std::string fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::string word;
  // Fold runs of non-space characters as words so NFD marks reach their letter.
  std::size_t start = 0;
  auto flush = [&](std::size_t end) {
    if (end > start) out += word_forms(text.substr(start, end - start)).folded;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80 && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
      flush(i);
      out.push_back(static_cast<char>(c));
      start = i + 1;
    }
  }
  flush(text.size());
  return out;
}

bool has_marks(std::string_view word) {
  const WordForms f = word_forms(word);
  return f.exact != f.folded;
}

}  // namespace tracuu::text
