#pragma once
// Originals: PDF and DOCX inputs kept in the index home as they were read, so
// that a document page can offer the file and link a snippet to its page.

#include <filesystem>
#include <string>
#include <string_view>

#include "schema/status.h"

namespace tracuu::indexer {

/// Copies `source` into `dir` (DIR/originals) as "<BLAKE2b-256 of its bytes>.<format>" unless that file is
/// already there, atomically (a temporary file, then rename), and returns the name. A cryptographic hash
/// because the name is shared: two different files must never be one original, whoever may read each.
/// @return Unsupported for formats other than "pdf" and "docx"; Io when it cannot be read or written.
Result<std::string> keep_original(const std::filesystem::path& dir, const std::filesystem::path& source,
                                  std::string_view format);

}  // namespace tracuu::indexer
