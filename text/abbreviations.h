#pragma once
// Abbreviations (chữ viết tắt) and their expansions, loaded from the data file
// text/data/abbreviations.tsv that is compiled into the library.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tracuu::text {

/// What an abbreviation names.
enum class AbbreviationKind {
  Organization,  ///< a body: UBND, HĐND, MTTQ
  Term,          ///< a phrase: KT-XH, NSNN, TTHC
  DocType,       ///< a document-type code used in numbers: QĐ, NĐ, NQ
};

/// One row of the table.
struct Abbreviation {
  AbbreviationKind kind = AbbreviationKind::Term;
  std::string abbreviation;                               ///< as written: "KT-XH"
  std::vector<std::string> expansions;                    ///< as written: "kinh tế - xã hội"
  std::vector<std::string> abbreviation_words;            ///< folded words: "kt" "xh"
  std::vector<std::vector<std::string>> expansion_words;  ///< folded words of each expansion
};

/// A match of an abbreviation or of one of its expansions in a word sequence.
struct AbbreviationMatch {
  const Abbreviation* entry = nullptr;
  std::size_t length = 0;     ///< words covered
  bool is_expansion = false;  ///< the words are an expansion, not the abbreviation
};

/// The abbreviation table. Lookups are on folded words, so every spelling
/// (UBND, ubnd; Ủy ban / Uỷ ban / uy ban) finds the same row.
class Abbreviations {
 public:
  /// The table compiled from text/data/abbreviations.tsv.
  static Abbreviations builtin();

  /// Parses a table in the data-file format: `kind<TAB>abbreviation<TAB>expansion[|expansion...]`,
  /// `#` comments and blank lines ignored.
  /// @param error receives "line N: reason" for the first bad line.
  /// @return nullopt when a line is malformed.
  static std::optional<Abbreviations> parse(std::string_view tsv, std::string* error = nullptr);

  /// All rows, in file order.
  const std::vector<Abbreviation>& entries() const { return entries_; }

  /// The longest abbreviation or expansion that starts at `words[i]`.
  /// @param words folded words (Token::folded of consecutive tokens)
  std::optional<AbbreviationMatch> match_at(std::span<const std::string> words, std::size_t i) const;

  /// Rows whose abbreviation is exactly these folded words ("kt","xh").
  std::vector<const Abbreviation*> find_abbreviation(std::span<const std::string> words) const;

  /// True when `folded` ("nd", "qd", "qh14") is a document-type code; trailing digits are ignored.
  bool is_doc_type_code(std::string_view folded) const;

 private:
  struct Sequence {
    std::vector<std::string> words;
    std::size_t entry;  // index into entries_, so copies of the table stay valid
    bool is_expansion;
  };
  void index();

  std::vector<Abbreviation> entries_;
  std::unordered_map<std::string, std::vector<Sequence>> by_first_word_;
};

}  // namespace tracuu::text
