#include "schema/sharding.h"

#include <charconv>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>

namespace tracuu::schema {
namespace fs = std::filesystem;

namespace {
constexpr const char* kShardsFile = "shards";
}  // namespace

fs::path shard_home(const fs::path& home, unsigned index) {
  return home / ("shard-" + std::to_string(index));
}

Result<unsigned> shard_count(const fs::path& home) {
  std::ifstream in(home / kShardsFile, std::ios::binary);
  if (!in) return Error{Status::NotFound, home.string() + " is not a sharded index"};
  const std::string text(std::istreambuf_iterator<char>(in), {});
  unsigned n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  const std::string_view rest(end, static_cast<std::size_t>(text.data() + text.size() - end));
  if (ec != std::errc() || n == 0 || n > kMaxShards || (rest != "" && rest != "\n"))
    return Error{Status::IndexUnavailable,
                 (home / kShardsFile).string() + " is not a shard count (1.." + std::to_string(kMaxShards) + ")"};
  return n;
}

Result<void> write_shard_count(const fs::path& home, unsigned count) {
  std::error_code ec;
  fs::create_directories(home, ec);
  if (ec) return Error{Status::Io, "cannot create " + home.string() + ": " + ec.message()};
  const fs::path tmp = home / (std::string(kShardsFile) + ".tmp");
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << count << '\n';
    out.flush();
    if (!out) return Error{Status::Io, "cannot write " + tmp.string()};
  }
  fs::rename(tmp, home / kShardsFile, ec);
  if (ec) return Error{Status::Io, "cannot write " + (home / kShardsFile).string() + ": " + ec.message()};
  return {};
}

}  // namespace tracuu::schema
