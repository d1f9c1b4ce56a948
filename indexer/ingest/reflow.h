#pragma once
// Reflow: the lines of a source (hard-wrapped PDF exports, markdown, Word
// paragraphs) become blocks, one per line of the output text. Internal to
// indexer/ingest; the extractors work on its blocks.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "schema/record.h"

namespace tracuu::indexer {

/// What a block of reflowed text is.
enum class BlockKind : std::uint8_t {
  Paragraph,  ///< running text joined from wrapped lines
  Heading,    ///< an all-caps line or a markdown heading
  Item,       ///< a line starting with a marker: 1. / 1.1. / I. / a) / (1) / Điều 5. / Chương II
  Bullet,     ///< a line starting with - + * •
  Recipient,  ///< the "Nơi nhận:" line and each entry of that list (continuation lines joined)
  Table,      ///< a markdown table row
  Footnote,   ///< a footnote moved out of the running text (placed after the paragraph it interrupted)
};

/// One block: a line of ReflowedText::text.
struct Block {
  BlockKind kind = BlockKind::Paragraph;
  std::size_t begin = 0;          ///< first byte in ReflowedText::text
  std::size_t end = 0;            ///< one past the last byte (the '\n' that follows is not included)
  int page = 1;                   ///< source page of its first line (1-based)
  std::size_t source_offset = 0;  ///< byte offset of its first line in that source page (NFC form of the page)
};

/// The reflowed document.
struct ReflowedText {
  std::string text;                      ///< NFC; blocks separated by one '\n'
  std::vector<Block> blocks;             ///< in text order
  std::vector<schema::PageStart> pages;  ///< where each source page starts (empty for one page)

  /// The text of a block.
  std::string_view block_text(const Block& b) const { return std::string_view(text).substr(b.begin, b.end - b.begin); }
  /// The text of block i.
  std::string_view block_text(std::size_t i) const { return block_text(blocks[i]); }
};

/// Reflows the pages of a document (each page UTF-8; any line breaks, NFC or not).
///
/// Joins hard-wrapped lines into paragraphs (also when every line is followed
/// by a blank line, as PDF-to-text exports do), rejoins words split at a line
/// end after a hyphen ("49-" / "NQ/TU" -> "49-NQ/TU"), keeps headings,
/// numbered items, bullets, table rows and the "Nơi nhận:" entries as their
/// own blocks, drops page numbers and headers repeated on every page, moves
/// footnotes out of the paragraphs they interrupt, strips markdown emphasis
/// and heading marks, and normalises to NFC. Linear in the input size.
/// @param pages                the text of each page
/// @param lines_are_paragraphs every line is a paragraph already (Word): nothing is joined
ReflowedText reflow(const std::vector<std::string>& pages, bool lines_are_paragraphs = false);

}  // namespace tracuu::indexer
