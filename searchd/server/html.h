#pragma once
// HTML building blocks of the portal that templates cannot express: escaping,
// URL encoding, highlighted snippets and the document text with its anchors.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schema/record.h"
#include "searchd/types.h"

namespace tracuu::searchd::server {

/// Escapes & < > " ' for HTML text and attribute values.
std::string html_escape(std::string_view text);

/// Percent-encodes everything but RFC 3986 unreserved characters (for a path
/// segment or a query value; spaces become %20).
std::string url_encode(std::string_view text);

/// The snippet as HTML: every byte escaped, each highlight range wrapped in
/// <mark>. Ranges out of bounds, overlapping or splitting a UTF-8 character are
/// clamped to character boundaries or skipped; the result is always well formed.
std::string highlight_html(std::string_view text, const std::vector<Highlight>& highlights);

/// A byte range of a document's text to highlight on its page (?hl=OFFSET-LENGTH).
struct Passage {
  std::size_t offset = 0;
  std::size_t length = 0;
};

/// Parses "OFFSET-LENGTH" (the hl parameter); nullopt when malformed.
std::optional<Passage> parse_passage(std::string_view text);

/// The text of a document as HTML (to show with white-space: pre-wrap): escaped,
/// with an empty anchor element (id = section anchor) at each section heading,
/// and the passage, if any, wrapped in <mark class="passage" id="p-OFFSET">.
std::string document_text_html(const schema::DocRecord& record, const std::optional<Passage>& passage);

/// "2025-07-31" -> "31/07/2025"; anything else unchanged.
std::string vietnamese_date(std::string_view iso);

/// A date as users type it, "4/8/2025" or "04/08/2025" (day first, as Vietnamese write it), or ISO
/// "2025-08-04", as ISO "2025-08-04"; nullopt for anything else or a day that does not exist.
std::optional<std::string> parse_vietnamese_date(std::string_view text);

/// A section's heading as the document prints it, on one line: its label as written ("Điều 1.",
/// "Chương I", "a)") and its title: "Điều 1. Phạm vi điều chỉnh". Falls back to "number. title".
std::string section_heading(const schema::DocRecord& record, const schema::Section& section);

}  // namespace tracuu::searchd::server
