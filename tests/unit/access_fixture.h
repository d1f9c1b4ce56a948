#pragma once
// Indexes for the access tests, built once per test binary from real files:
// "full" holds the five samples plus one internal document (sidecar) and one
// document of group so-tai-chinh (JSONL); "public" holds the five samples alone.
// Both are built the same way (one thread, same order), so the public database of
// "full" must answer exactly as "public" does.

#include <filesystem>
#include <memory>
#include <string>

#include "searchd/server/access.h"
#include "searchd/server/config.h"
#include "searchd/server/router.h"
#include "tests/support/temp_dir.h"

namespace tracuu::testing {

/// Words, numbers and ids that exist only in the restricted documents.
inline constexpr const char* kInternalId = "mat-777";
inline constexpr const char* kInternalWord = "xyzzymatkhau";
inline constexpr const char* kInternalNumber = "777/QĐ-UBND";
inline constexpr const char* kGroupId = "nhom-tc-888";
inline constexpr const char* kGroupWord = "plughngansach";
inline constexpr const char* kGroupNumber = "888/QĐ-STC";
/// The group's copy of the public notice 346/TB-UBND.
inline constexpr const char* kGroupCopyId = "nhom-tc-ban-sao";
inline constexpr const char* kGroup = "so-tai-chinh";

/// The index home with restricted documents.
const std::filesystem::path& full_index();
/// The index home of the public documents alone.
const std::filesystem::path& public_index();

/// A server over one index home with keys: "staff" (no group), "staff-tc" (so-tai-chinh),
/// "staff-yte" (so-y-te), "admin"; the keys are in `key(...)`.
class AccessServer {
 public:
  AccessServer(const std::filesystem::path& home, searchd::server::Config config = {});
  /// The key of a holder named above.
  const std::string& key(const std::string& name) const;
  /// Answers a request (with the Bearer key of `holder`, none when empty).
  searchd::server::Response get(const std::string& target, const std::string& holder = "",
                                const std::string& client = "");
  searchd::server::Response send(const searchd::server::Request& request, const std::string& client = "");
  searchd::server::Access& access() { return *access_; }
  searchd::server::Config& config() { return config_; }

 private:
  searchd::server::Config config_;
  std::unique_ptr<searchd::SearcherPool> pool_;
  std::unique_ptr<searchd::server::Access> access_;
  std::vector<std::pair<std::string, std::string>> keys_;
  std::unique_ptr<testing::TempDir> dir_;  // holds the keys file
};

}  // namespace tracuu::testing
