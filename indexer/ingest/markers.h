#pragma once
// Line-start markers of Vietnamese documents: numbered items (mục, điều,
// khoản, điểm) and bullets. Shared by reflow (where a block starts) and
// section extraction (what the block is). Internal to indexer/ingest.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tracuu::indexer {

/// The numbering style of an item, in the usual nesting order of documents.
enum class MarkerStyle : std::uint8_t {
  Part,     ///< "Phần I", "Phần thứ nhất"
  Chapter,  ///< "Chương II"
  Section,  ///< "Mục 1" (a group of articles)
  Roman,    ///< "I.", "II."
  Article,  ///< "Điều 5.", "Điều 1.11.LQ.1."
  Arabic,   ///< "1.", "2)"
  Dotted,   ///< "1.1.", "2.3"
  Letter,   ///< "a)", "đ)"
  Paren,    ///< "(1)", "(a)"
};

/// A marker at the start of a line.
struct Marker {
  MarkerStyle style = MarkerStyle::Arabic;
  std::string number;           ///< as printed, without the closing dot or bracket: "II", "1.2", "a", "5"
  std::size_t title_begin = 0;  ///< byte where the text after the marker starts
};

/// Parses the marker at the start of `line` (already trimmed and NFC).
///
/// Headings of parts, chapters, sections and articles need their closing
/// punctuation or nothing after the number ("Điều 5." yes, "Điều 14 Nghị định"
/// no), so that a wrapped line starting with "Điều 14" is not taken for one.
/// @return nullopt when the line starts with no marker.
std::optional<Marker> parse_marker(std::string_view line);

/// `line` without the marker at its start (the text from Marker::title_begin), or `line` itself when it has none.
std::string_view after_marker(std::string_view line);

/// Nesting rank of a style: lower ranks contain higher ones.
int marker_rank(MarkerStyle style);

/// Bytes taken by a bullet ("- ", "– ", "+ ", "* ", "• ") at the start of `line`; 0 when none.
std::size_t bullet_length(std::string_view line);

/// True when `line` starts with a word Vietnamese capitalises inside a sentence:
/// a document type ("Nghị quyết"), a body ("Sở", "Ủy ban", "UBND"), a proper
/// name (two capitalised words) or an acronym. A wrapped line may start so; a
/// new sentence starting otherwise ("Duy trì ...") ends an unpunctuated heading.
bool starts_with_proper_term(std::string_view line);

/// Value of a Roman numeral I..XXXIX ("IV" -> 4); 0 when `s` is not one.
int roman_value(std::string_view s);

}  // namespace tracuu::indexer
