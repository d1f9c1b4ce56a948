#pragma once
// Reflow, first half: source lines cleaned and classified, page furniture and
// footnotes taken out. Internal to reflow.cc / reflow_lines.cc.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "indexer/ingest/markers.h"

namespace tracuu::indexer::reflow_detail {

/// One non-blank source line, cleaned (NFC, trimmed, spaces collapsed, markdown marks removed).
struct Line {
  std::string text;
  std::size_t width = 0;     ///< code points of text
  int page = 1;              ///< 1-based source page
  std::size_t source = 0;    ///< byte offset of the line in its page (after NFC normalisation of the page)
  int blanks = 0;            ///< blank source lines just before it
  bool direct = false;       ///< follows the previous non-blank line with no blank line between
  bool after_rule = false;   ///< follows a whitespace-only line of 20+ spaces (the footnote rule of PDF exports)
  bool after_break = false;  ///< follows a dropped page number: a page break
  bool heading = false;      ///< was a markdown heading (# ...)
  bool table = false;        ///< is a markdown table row
};

/// A footnote taken out of the running text.
struct Footnote {
  std::string text;
  int page = 1;
  std::size_t source = 0;
  std::size_t after = 0;  ///< index (in the line list) of the body line it followed
};

/// Splits the pages into cleaned non-blank lines (blank lines are counted in Line::blanks).
std::vector<Line> read_lines(const std::vector<std::string>& pages);

/// Drops page numbers ("4", "- 4 -", "Trang 4") and, with 3+ pages, lines
/// repeated at the top or bottom of most pages (running headers and footers).
void drop_page_furniture(std::vector<Line>& lines, int page_count);

/// True when most lines are followed by exactly one blank line (PDF-to-text
/// exports): then a single blank line does not end a paragraph.
bool is_double_spaced(const std::vector<Line>& lines);

/// Takes footnotes (after a footnote rule, numbered 1, 2, 3... through the
/// document) out of `lines`. Only for double-spaced exports, where the layout
/// makes their extent visible.
std::vector<Footnote> take_footnotes(std::vector<Line>& lines);

}  // namespace tracuu::indexer::reflow_detail
