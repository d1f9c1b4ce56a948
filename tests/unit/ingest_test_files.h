#pragma once
// Test inputs for the ingestion tests, built in a temporary directory: text in
// any encoding, PDFs (a minimal writer, so no fixture binary is needed), DOCX
// (libzip) and gzip files, plus where the shared datasets are.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "tests/support/temp_dir.h"

namespace tracuu::testing {

/// A PDF whose pages hold the given lines (UTF-8; Vietnamese letters are drawn
/// from a Helvetica re-encoded with /uniXXXX glyph names, so text extraction
/// gives them back).
std::string make_pdf(const std::vector<std::vector<std::string>>& pages);

/// Writes a DOCX with one w:p per paragraph at `path` (libzip). Returns false on failure.
bool write_docx(const std::filesystem::path& path, const std::vector<std::string>& paragraphs);

/// Writes `text` gzip-compressed at `path`. Returns false on failure.
bool write_gzip(const std::filesystem::path& path, const std::string& text);

/// `s` encoded as UTF-16 with a byte-order mark.
std::string utf16_with_bom(const std::string& utf8, bool big_endian);

/// What a test prints when it skips for want of ../shared; ctest counts such a test as skipped
/// (SKIP_REGULAR_EXPRESSION in tests/CMakeLists.txt), so the skip shows in every summary.
inline constexpr const char* kSharedAbsent = "SKIPPED: ../shared is absent";

/// The shared data directory (TRACUU_SOURCE_DIR/../shared), or nullopt when absent.
std::optional<std::filesystem::path> shared_dir();

/// Reads a whole file (empty when missing).
std::string read_file_bytes(const std::filesystem::path& path);

}  // namespace tracuu::testing
