#pragma once
// Shared by the fuzz targets: the input as a file (the readers take paths) and the
// sample index (the HTTP handler needs one), each made once per process.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace tracuu::fuzz {

/// Writes `bytes` to a per-process scratch file named `name` (its extension picks the reader).
/// @return its path; the file is overwritten by the next call with the same name.
std::filesystem::path scratch_file(const std::string& name, std::string_view bytes);

/// The bytes of a fuzz input as a string_view.
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace tracuu::fuzz
