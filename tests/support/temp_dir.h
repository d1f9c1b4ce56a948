#pragma once
// A temporary directory for tests, removed with everything in it on destruction.

#include <filesystem>
#include <string>

namespace tracuu::testing {

class TempDir {
 public:
  /// Creates /tmp/tracuu-<tag>-XXXXXX (unique, mode 0700).
  explicit TempDir(const std::string& tag = "test");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

  /// Writes `bytes` to `name` inside the directory (creating subdirectories) and returns its path.
  std::filesystem::path write(const std::string& name, const std::string& bytes) const;

 private:
  std::filesystem::path path_;
};

}  // namespace tracuu::testing
