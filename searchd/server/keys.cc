#include "searchd/server/keys.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <optional>

#include "text/strings.h"

namespace tracuu::searchd::server {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kKeyPrefix = "tk_";

bool sodium_ready() {
  static const bool ok = sodium_init() >= 0;  // idempotent and thread-safe; -1 only if no entropy source
  return ok;
}

std::string to_hex(const unsigned char* bytes, std::size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, n);
  out.pop_back();
  return out;
}

std::optional<Scope> scope_of(std::string_view s) {
  if (s == "staff") return Scope::Staff;
  if (s == "admin") return Scope::Admin;
  return std::nullopt;
}

Result<KeyEntry> parse_line(std::string_view line) {
  std::vector<std::string_view> f;
  for (std::string_view part : text::split(line, '\t')) f.push_back(part);
  if (f.size() != 7) return Error{Status::BadRequest, "expected 7 tab-separated fields"};
  KeyEntry e;
  e.id = f[0];
  const auto scope = scope_of(f[1]);
  if (!scope) return Error{Status::BadRequest, "unknown scope '" + std::string(f[1]) + "'"};
  e.scope = *scope;
  if (!f[2].empty())
    for (std::string_view g : text::split(f[2], ',')) {
      if (!schema::is_group_code(g)) return Error{Status::BadRequest, "bad group '" + std::string(g) + "'"};
      e.groups.emplace_back(g);
    }
  std::size_t len = 0;
  if (f[3].size() != 64 ||
      sodium_hex2bin(e.hash.data(), e.hash.size(), f[3].data(), f[3].size(), nullptr, &len, nullptr) != 0 ||
      len != e.hash.size())
    return Error{Status::BadRequest, "bad hash"};
  e.created = f[4];
  e.revoked = f[5];
  e.name = f[6];
  if (e.id.empty() || e.name.empty()) return Error{Status::BadRequest, "empty id or name"};
  return e;
}

std::string line_of(const KeyEntry& e) {
  std::string groups;
  for (const auto& g : e.groups) groups += (groups.empty() ? "" : ",") + g;
  return e.id + '\t' + to_string(e.scope) + '\t' + groups + '\t' + to_hex(e.hash.data(), e.hash.size()) + '\t' +
         e.created + '\t' + e.revoked + '\t' + e.name + '\n';
}

}  // namespace

const char* to_string(Scope scope) {
  switch (scope) {
    case Scope::Public: return "public";
    case Scope::Staff: return "staff";
    case Scope::Admin: return "admin";
  }
  return "public";
}

bool constant_time_equal(const KeyHash& a, const KeyHash& b) {
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

KeyHash hash_key(std::string_view key) {
  KeyHash h{};
  crypto_hash_sha256(h.data(), reinterpret_cast<const unsigned char*>(key.data()), key.size());
  return h;
}

Result<KeyStore> KeyStore::load(const fs::path& file) {
  KeyStore store;
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) {
    if (errno == ENOENT) return store;
    return Error{Status::Io, "cannot read " + file.string()};
  }
  if (st.st_mode & (S_IRWXG | S_IRWXO))
    return Error{Status::Io, file.string() + " is readable by others: chmod 600 it"};
  std::ifstream in(file);
  if (!in) return Error{Status::Io, "cannot read " + file.string()};
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    auto e = parse_line(line);
    if (!e) return Error{Status::BadRequest, file.string() + ":" + std::to_string(n) + ": " + e.error().message};
    store.entries_.push_back(std::move(*e));
  }
  return store;
}

Result<void> KeyStore::save(const fs::path& file) const {
  std::string text = "# tracuu searchd keys: id scope groups sha256 created revoked name (searchd keys --help)\n";
  for (const auto& e : entries_) text += line_of(e);
  const fs::path tmp = file.string() + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Error{Status::Io, "cannot write " + tmp.string()};
  const bool ok = ::fchmod(fd, 0600) == 0 &&
                  ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ::close(fd);
  std::error_code ec;
  if (ok) fs::rename(tmp, file, ec);
  if (!ok || ec) {
    fs::remove(tmp, ec);
    return Error{Status::Io, "cannot write " + file.string()};
  }
  return {};
}

Result<std::string> KeyStore::add(const std::string& name, Scope scope, std::vector<std::string> groups,
                                  const std::string& now) {
  if (name.empty() || name.find_first_of("\t\r\n") != std::string::npos)
    return Error{Status::BadRequest, "a key name must be non-empty, without tabs or newlines"};
  if (scope == Scope::Public) return Error{Status::BadRequest, "a key is for staff or admin"};
  for (const auto& g : groups)
    if (!schema::is_group_code(g)) return Error{Status::BadRequest, "'" + g + "' is not a group code (a-z, 0-9, -)"};
  if (!sodium_ready()) return Error{Status::Internal, "libsodium could not initialise"};
  KeyEntry e;
  unsigned char id[6], secret[32];
  do {
    randombytes_buf(id, sizeof id);
    e.id = to_hex(id, sizeof id);
  } while (std::any_of(entries_.begin(), entries_.end(), [&](const auto& o) { return o.id == e.id; }));
  randombytes_buf(secret, sizeof secret);
  std::string b64(sodium_base64_ENCODED_LEN(sizeof secret, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(b64.data(), b64.size(), secret, sizeof secret, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  b64.resize(b64.find('\0'));
  const std::string key = std::string(kKeyPrefix) + e.id + "_" + b64;
  e.name = name;
  e.scope = scope;
  std::sort(groups.begin(), groups.end());
  groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
  e.groups = std::move(groups);
  e.hash = hash_key(key);
  e.created = now;
  entries_.push_back(std::move(e));
  return key;
}

Result<void> KeyStore::revoke(const std::string& id_or_name, const std::string& now) {
  KeyEntry* found = nullptr;
  for (auto& e : entries_)
    if (e.id == id_or_name) found = &e;
  if (!found) {
    for (auto& e : entries_) {
      if (e.name != id_or_name || !e.revoked.empty()) continue;
      if (found) return Error{Status::BadRequest, "several live keys are named '" + id_or_name + "': give the id"};
      found = &e;
    }
  }
  if (!found) return Error{Status::NotFound, "no key '" + id_or_name + "'"};
  if (found->revoked.empty()) found->revoked = now;
  return {};
}

const KeyEntry* KeyStore::verify(std::string_view presented) const {
  const KeyHash h = hash_key(presented);
  const KeyEntry* match = nullptr;
  // No early exit: the time taken does not tell how many keys were compared.
  for (const auto& e : entries_)
    if (constant_time_equal(e.hash, h) && e.revoked.empty()) match = &e;
  return match;
}

const KeyEntry* KeyStore::live(std::string_view id) const {
  for (const auto& e : entries_)
    if (e.id == id && e.revoked.empty()) return &e;
  return nullptr;
}

}  // namespace tracuu::searchd::server
