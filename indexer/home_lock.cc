#include "indexer/home_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace tracuu::indexer {
namespace fs = std::filesystem;

Result<HomeLock> HomeLock::acquire(const fs::path& home) {
  std::error_code ec;
  fs::create_directories(home, ec);
  if (ec) return Error{Status::Io, "cannot create " + home.string() + ": " + ec.message()};
  const std::string path = (home / ".lock").string();
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Error{Status::Io, "cannot open " + path};
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return Error{Status::Locked, "another indexer is writing " + home.string()};
  }
  return HomeLock(fd);
}

HomeLock::~HomeLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

}  // namespace tracuu::indexer
