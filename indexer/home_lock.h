#pragma once
// Internal: an exclusive lock on DIR/.lock for a whole indexer run: one writer per index home.
#include <filesystem>

#include "schema/status.h"

namespace tracuu::indexer {

/// Holds flock(DIR/.lock) until destroyed (or the process dies: the kernel releases it).
class HomeLock {
 public:
  /// Creates `home` if needed and locks it.
  /// @return Locked when another indexer holds it; Io when the lock file cannot be opened.
  static Result<HomeLock> acquire(const std::filesystem::path& home);

  HomeLock(HomeLock&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
  HomeLock& operator=(HomeLock&&) = delete;
  ~HomeLock();

 private:
  explicit HomeLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace tracuu::indexer
