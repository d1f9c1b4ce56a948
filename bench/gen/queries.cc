#include "bench/gen/queries.h"

#include <algorithm>
#include <array>
#include <sstream>
#include <string_view>

#include "bench/gen/notice.h"
#include "bench/gen/rng.h"
#include "bench/gen/vocab.h"
#include "bench/vn_util.h"

namespace tracuu::bench::gen {
namespace {

bool has_digit(const std::string& w) {
  return w.find_first_of("0123456789") != std::string::npos;
}

// Strips ASCII punctuation and typographic quotes/dashes from both ends (whole
// characters: a byte set would cut "Ý" = C3 9D, whose last byte ends "”" too).
std::string trim_punct(std::string w) {
  static const std::string kAscii = ".,;:()\"'*-/";
  static const std::array<std::string_view, 4> kWide = {"“", "”", "–", "…"};
  for (bool changed = true; changed && !w.empty();) {
    changed = false;
    if (kAscii.find(w.back()) != std::string::npos || kAscii.find(w.front()) != std::string::npos) {
      if (kAscii.find(w.back()) != std::string::npos)
        w.pop_back();
      else
        w.erase(0, 1);
      changed = true;
      continue;
    }
    for (auto q : kWide) {
      if (w.size() >= q.size() && w.compare(w.size() - q.size(), q.size(), q) == 0)
        w.resize(w.size() - q.size()), changed = true;
      else if (w.rfind(q, 0) == 0)
        w.erase(0, q.size()), changed = true;
    }
  }
  return w;
}

std::vector<std::string> plain_words(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string w; in >> w;) {
    w = trim_punct(w);
    if (!w.empty() && !has_digit(w) && w.find('/') == std::string::npos) out.push_back(w);
  }
  return out;
}

// Function words nobody starts or ends a query with.
bool is_function_word(const std::string& w) {
  static const std::vector<std::string> kWords = {"và",    "của",   "có",   "các",  "về",  "với", "năm",
                                                  "trong", "để",    "được", "theo", "tại", "cho", "là",
                                                  "này",   "những", "đã",   "đến",  "từ",  "như", "việc"};
  const std::string l = to_lower(w);
  return std::find(kWords.begin(), kWords.end(), l) != kWords.end();
}

// About `n` consecutive words of `words` from a random place, without function
// words at either end ("kết luận phiên họp", not "và kết luận phiên").
std::string span(Rng& r, const std::vector<std::string>& words, std::size_t n) {
  if (words.empty()) return "";
  std::size_t start = r.below(words.size() > n ? words.size() - n + 1 : 1);
  std::size_t end = std::min(words.size(), start + n);
  while (start < end && is_function_word(words[start])) ++start;
  while (end > start && is_function_word(words[end - 1])) --end;
  if (end - start < 2) return "";
  return join(
      std::vector<std::string>(words.begin() + static_cast<long>(start), words.begin() + static_cast<long>(end)), " ");
}

// The first `n` words of `words`, without a function word at the end.
std::string prefix(const std::vector<std::string>& words, std::size_t n) {
  std::vector<std::string> head(words.begin(), words.begin() + static_cast<long>(std::min(n, words.size())));
  while (!head.empty() && is_function_word(head.back())) head.pop_back();
  return head.size() < 2 ? "" : join(head, " ");
}

// About `len` bytes of `text` from byte `from`, cut at character boundaries.
std::string excerpt(const std::string& text, std::size_t from, std::size_t len) {
  auto continuation = [&](std::size_t i) {
    return i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80;
  };
  std::size_t b = std::min(from, text.size()), e = std::min(text.size(), b + len);
  while (continuation(b)) ++b;
  while (e > b && continuation(e)) --e;
  return text.substr(b, e - b);
}

}  // namespace

std::vector<std::string> make_queries(const SourcePool& pool, std::uint64_t seed, std::size_t docs, std::size_t count) {
  std::vector<std::string> out;
  Rng r = Rng::for_item(seed ^ 0x51ED5EEDULL, 0);
  while (out.size() < count) {
    const GeneratedDoc d = make_document(pool, seed, r.below(docs));
    std::string q;
    const std::size_t kind = r.below(100);
    // A subject as people name it: the first words of a topic or of a real title.
    const std::string subject = r.chance(0.6) ? std::string(r.pick(kTopics)) : r.pick(pool.subjects);
    const auto subject_head = [&](int lo, int hi) {
      return prefix(plain_words(subject), static_cast<std::size_t>(r.between(lo, hi)));
    };
    if (kind < 30)
      q = subject_head(2, 5);
    else if (kind < 45)
      q = prefix(plain_words(d.title), static_cast<std::size_t>(r.between(2, 5)));
    else if (kind < 60)
      q = span(r, plain_words(excerpt(d.text, d.text.size() / 3, 600)), static_cast<std::size_t>(r.between(3, 5)));
    else if (kind < 72)
      q = d.number;
    else if (kind < 80)
      q = to_lower(d.kind) + " " + d.number;
    else if (const std::string h = subject_head(2, 3); !h.empty())
      q = to_lower(d.kind) + " " + h;
    if (r.chance(0.7)) q = to_lower(q);
    if (r.chance(0.25)) q = strip_marks(q);
    if (!q.empty() && q.find_first_not_of(' ') != std::string::npos && q.find('\n') == std::string::npos)
      out.push_back(q);
  }
  return out;
}

}  // namespace tracuu::bench::gen
