#include "fuzz/fuzz_file.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>

namespace tracuu::fuzz {
namespace {

namespace fs = std::filesystem;

// Removed at exit, like the tests' temporary directories.
struct ScratchDir {
  fs::path path = fs::temp_directory_path() / ("tracuu-fuzz-" + std::to_string(::getpid()));
  ScratchDir() { fs::create_directories(path); }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

}  // namespace

fs::path scratch_file(const std::string& name, std::string_view bytes) {
  static const ScratchDir dir;
  const fs::path path = dir.path / name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return path;
}

}  // namespace tracuu::fuzz
