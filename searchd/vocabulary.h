#pragma once
// The word vocabulary of an index, grouped by folded form: which accented
// spellings a diacritic-free word stands for, and how often each occurs.
// Built from the exact and folded layers when a searcher opens an index; used to
// restore accents of unaccented queries (ranking only), for did_you_mean and
// for completions.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace Xapian {
class Database;
}

namespace tracuu::searchd {

/// One spelling of a folded word.
struct Spelling {
  std::string exact;  ///< "chó"; equal to the folded form for the unaccented spelling
  double share = 0;   ///< fraction of the documents with the folded word that use this spelling (0..1)
};

class Vocabulary {
 public:
  /// Reads the vocabulary of `db` (words only: no numbers, dates or document numbers).
  static Vocabulary build(const Xapian::Database& db);

  /// Spellings of a folded word, most frequent first (empty when unknown).
  const std::vector<Spelling>& spellings(const std::string& folded) const;

  /// Documents holding a folded word (0 when unknown).
  std::uint64_t frequency(const std::string& folded) const;

  /// The closest known word to `word` within `max_distance` edits (code points),
  /// comparing exact forms when `word` has marks (a tone or mark change costs one
  /// edit, so "hửu" -> "hữu") and folded forms otherwise; ties go to the more
  /// frequent word. Empty when nothing is close.
  std::string closest(const std::string& word, bool marked, unsigned max_distance) const;

  /// Up to `k` close words, nearest first (then most frequent), under the same rules as closest().
  std::vector<std::string> closest_k(const std::string& word, bool marked, unsigned max_distance, std::size_t k) const;

  std::size_t size() const { return by_folded_.size(); }

 private:
  struct Entry {
    std::uint64_t frequency = 0;
    std::vector<Spelling> spellings;
  };
  std::unordered_map<std::string, Entry> by_folded_;
};

/// Levenshtein distance over code points, giving up (returning limit + 1) beyond `limit`.
unsigned edit_distance(std::u32string_view a, std::u32string_view b, unsigned limit);

}  // namespace tracuu::searchd
