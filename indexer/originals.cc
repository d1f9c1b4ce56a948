#include "indexer/originals.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <thread>

#include "indexer/ingest/reader_internal.h"
#include "schema/index_home.h"

namespace tracuu::indexer {
namespace fs = std::filesystem;
namespace {

std::string blake2b_hex(std::string_view bytes) {
  [[maybe_unused]] static const bool ready = sodium_init() >= 0;  // idempotent and thread-safe
  unsigned char hash[crypto_generichash_BYTES];                   // 32 bytes
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), nullptr, 0);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : hash) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0xF]);
  }
  return out;
}

// Writes and flushes `bytes` to `path` (created, not truncating anything else's file).
bool write_synced(const fs::path& path, std::string_view bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  const bool ok = done == bytes.size() && ::fsync(fd) == 0;
  return ::close(fd) == 0 && ok;
}

}  // namespace

Result<std::string> keep_original(const fs::path& dir, const fs::path& source, std::string_view format) {
  if (format != "pdf" && format != "docx") return Error{Status::Unsupported, "only PDF and DOCX originals are kept"};
  // The readers' own reading, under their limit: a file they read can be kept.
  auto read = detail::read_bytes(source, detail::kMaxFileBytes);
  if (!read) return read.error();
  const std::string& bytes = *read;
  const std::string name = blake2b_hex(bytes) + "." + std::string(format);
  const fs::path target = dir / name;
  std::error_code ec;
  if (fs::is_regular_file(target, ec) && fs::file_size(target, ec) == bytes.size()) return name;
  fs::create_directories(dir, ec);
  if (ec) return Error{Status::Io, "cannot create " + dir.string() + ": " + ec.message()};
  // A name of its own per writer thread: two threads keeping the same file never share a temporary file.
  const fs::path tmp = dir / (".tmp-" + name + "-" + std::to_string(::getpid()) + "-" +
                              std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id())));
  if (!write_synced(tmp, bytes)) {
    fs::remove(tmp, ec);
    return Error{Status::Io, "cannot write " + tmp.string()};
  }
  fs::rename(tmp, target, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return Error{Status::Io, "cannot store " + target.string()};
  }
  return name;
}

}  // namespace tracuu::indexer
