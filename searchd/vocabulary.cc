#include "searchd/vocabulary.h"

#include <xapian.h>

#include <algorithm>

#include "schema/fields.h"
#include "text/utf8.h"
#include "text/word.h"

namespace tracuu::searchd {
namespace {

std::u32string to_u32(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0, len = 0; i < s.size(); i += len) out.push_back(text::decode_utf8(s, i, len));
  return out;
}

bool is_word(std::string_view term) {
  if (term.empty()) return false;
  for (char c : term)
    if ((c >= '0' && c <= '9') || c == '/' || c == '-') return false;
  return true;
}

}  // namespace

unsigned edit_distance(std::u32string_view a, std::u32string_view b, unsigned limit) {
  const std::size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > limit) return limit + 1;
  std::vector<unsigned> prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = static_cast<unsigned>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = static_cast<unsigned>(i);
    unsigned row_min = cur[0];
    for (std::size_t j = 1; j <= m; ++j) {
      const unsigned sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(prev, cur);
  }
  return prev[m];
}

Vocabulary Vocabulary::build(const Xapian::Database& db) {
  Vocabulary v;
  const std::string folded_prefix(schema::prefix(schema::Field::BodyFolded));
  for (auto it = db.allterms_begin(folded_prefix); it != db.allterms_end(folded_prefix); ++it) {
    const std::string term = *it;
    const std::string word = term.substr(folded_prefix.size());
    if (!is_word(word)) continue;
    // Document frequency stands in for occurrences: it comes with the iterator, no lookup.
    v.by_folded_[word].frequency = it.get_termfreq();
  }
  // Exact-layer terms are unprefixed and start with a lower-case letter or a
  // non-ASCII byte: they sort after every upper-case prefix.
  std::unordered_map<std::string, std::uint64_t> marked_total;
  auto it = db.allterms_begin();
  it.skip_to("a");
  for (; it != db.allterms_end(); ++it) {
    const std::string exact = *it;
    if (!is_word(exact)) continue;
    const std::string folded = text::fold(exact);
    auto found = v.by_folded_.find(folded);
    if (found == v.by_folded_.end()) continue;
    const std::uint64_t df = it.get_termfreq();
    found->second.spellings.push_back({exact, static_cast<double>(df)});
    marked_total[folded] += df;
  }
  for (auto& [folded, entry] : v.by_folded_) {
    const double total = static_cast<double>(std::max<std::uint64_t>(entry.frequency, 1));
    const double marked = static_cast<double>(marked_total[folded]);
    // The unaccented spelling is what the folded layer holds beyond the marked ones.
    if (marked < total) entry.spellings.push_back({folded, total - marked});
    for (auto& s : entry.spellings) s.share = std::min(1.0, s.share / total);
    std::sort(entry.spellings.begin(), entry.spellings.end(), [](const Spelling& a, const Spelling& b) {
      return a.share > b.share || (a.share == b.share && a.exact < b.exact);
    });
  }
  return v;
}

const std::vector<Spelling>& Vocabulary::spellings(const std::string& folded) const {
  static const std::vector<Spelling> kNone;
  const auto it = by_folded_.find(folded);
  return it == by_folded_.end() ? kNone : it->second.spellings;
}

std::uint64_t Vocabulary::frequency(const std::string& folded) const {
  const auto it = by_folded_.find(folded);
  return it == by_folded_.end() ? 0 : it->second.frequency;
}

std::string Vocabulary::closest(const std::string& word, bool marked, unsigned max_distance) const {
  auto best = closest_k(word, marked, max_distance, 1);
  return best.empty() ? std::string() : best.front();
}

std::vector<std::string> Vocabulary::closest_k(const std::string& word, bool marked, unsigned max_distance,
                                               std::size_t k) const {
  const text::WordForms forms = text::word_forms(word);
  const std::u32string target = to_u32(marked ? forms.exact : forms.folded);
  struct Candidate {
    unsigned distance;
    std::uint64_t frequency;
    std::string word;
  };
  std::vector<Candidate> found;
  auto consider = [&](const std::string& w, std::uint64_t freq) {
    const unsigned d = edit_distance(target, to_u32(w), max_distance);
    if (d > 0 && d <= max_distance) found.push_back({d, freq, w});
  };
  for (const auto& [folded, entry] : by_folded_) {
    if (!marked) {
      consider(folded, entry.frequency);
      continue;
    }
    for (const Spelling& s : entry.spellings)
      consider(s.exact, static_cast<std::uint64_t>(s.share * static_cast<double>(entry.frequency)));
  }
  std::sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) {
    return a.distance < b.distance ||
           (a.distance == b.distance && (a.frequency > b.frequency || (a.frequency == b.frequency && a.word < b.word)));
  });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < found.size() && out.size() < k; ++i) out.push_back(found[i].word);
  return out;
}

}  // namespace tracuu::searchd
