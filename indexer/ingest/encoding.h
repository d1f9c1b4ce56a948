#pragma once
// Character encodings of text inputs: UTF-8 (with or without BOM), UTF-16 with
// a BOM, and recognition of what we refuse: binary data and the legacy
// Vietnamese 8-bit encodings (TCVN3/ABC, VNI) still found in old office files.
// Internal to indexer/ingest.

#include <string>
#include <string_view>

#include "schema/status.h"

namespace tracuu::indexer {

/// Text decoded from the bytes of a file.
struct DecodedText {
  std::string utf8;                ///< the text, valid UTF-8 (malformed sequences replaced by U+FFFD)
  std::string encoding = "utf-8";  ///< what was read: "utf-8", "utf-8-bom", "utf-16le", "utf-16be"
  std::size_t replaced = 0;        ///< malformed sequences replaced by U+FFFD
};

/// Decodes the bytes of a text file to UTF-8.
///
/// UTF-8 with a few malformed sequences is accepted (they become U+FFFD and are
/// counted in `replaced`). UTF-16 needs its byte-order mark.
/// @return BadRequest for an empty file (or only a BOM); Unsupported for binary
///         data (NUL or control bytes) and for text in another encoding, with a
///         message naming the suspected one (see guess_legacy_encoding).
Result<DecodedText> decode_text(std::string_view bytes);

/// Names the 8-bit encoding that `bytes` (not UTF-8) most likely uses:
/// "TCVN3 (ABC)" or "VNI" when words decoded with that table are Vietnamese
/// syllables, else "an unknown 8-bit encoding (Windows-1258, Latin-1...)".
std::string guess_legacy_encoding(std::string_view bytes);

}  // namespace tracuu::indexer
