#pragma once
// Internal: highlighted passages of a hit, found from the positions of the query
// words in the index (not by re-reading the document), so a 500 KB document
// costs a few position lists and a few dozen re-analysed tokens.
#include <xapian.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "schema/docdata.h"
#include "searchd/positions.h"
#include "searchd/types.h"

namespace tracuu::searchd {

/// Word sequences to highlight: folded-layer forms (no prefix); a sequence of
/// several words is highlighted only where it occurs whole.
using HighlightSet = std::vector<std::vector<std::string>>;

/// For a query typed with marks: the spellings each folded word was typed in
/// ("cua" -> {"cửa"}, "minh" -> {"minh"}). A word matches only as typed there, so
/// "cửa khẩu" does not light up "của"; empty for a query without marks.
using ExactForms = std::unordered_map<std::string, std::vector<std::string>>;

/// Builds up to `max_snippets` passages for document `did`, best first.
/// @param positions where the words' position lists are read (kept for the search)
/// @param highlight the query's words and phrases
/// When no query word occurs in the body (a filter-only query, a title match),
/// the opening of the text is returned, without highlights.
/// With `exact` forms, passages where the words occur as typed come first and only
/// those occurrences are highlighted (all spellings when a passage has none as typed).
std::vector<Snippet> make_snippets(PositionLists& positions, Xapian::docid did, const schema::StoredDoc& doc,
                                   const HighlightSet& highlight, std::size_t max_snippets,
                                   const ExactForms& exact = {});

/// Byte offsets of the tokens at positions [first, last] of `text` (first's begin, last's end), decompressing
/// only the chunks around them; {0, 0} when none is found.
std::pair<std::size_t, std::size_t> token_range(const schema::StoredText& text,
                                                const std::vector<std::uint32_t>& checkpoints, std::uint32_t first,
                                                std::uint32_t last);

/// Highlights of `passage`: every occurrence of a sequence of `highlight` (one range per occurrence),
/// spelled as in `exact` where it lists the word.
std::vector<Highlight> highlight_tokens(std::string_view passage, const HighlightSet& highlight,
                                        const ExactForms& exact = {});

/// The innermost section containing byte `offset` of the text.
std::optional<SectionRef> section_at(const schema::StoredSections& sections, std::size_t offset);

/// The page of the original PDF holding byte `offset` of the text; 0 when the record has no PDF original
/// (pages of a text file have no file to open at them).
int page_at(const schema::DocRecord& record, std::size_t offset);

}  // namespace tracuu::searchd
