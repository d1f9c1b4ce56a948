#pragma once
// API keys: `searchd keys add` prints a random key once and stores only its
// SHA-256 (libsodium) in the keys file; the server finds the caller's key by
// comparing that hash with every stored one in constant time.
//
// The keys file (mode 0600, written atomically) has one key per line, tab-separated:
//   id  scope  groups(comma-separated)  sha256-hex  created  revoked(empty if live)  name
// Lines starting with '#' are comments.

#include <array>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "schema/status.h"
#include "searchd/server/principal.h"

namespace tracuu::searchd::server {

/// SHA-256 digest of a key.
using KeyHash = std::array<unsigned char, 32>;

/// One stored key (never the key itself).
struct KeyEntry {
  std::string id;  ///< 12 hex digits, also the key's visible prefix ("tk_<id>_...")
  std::string name;
  Scope scope = Scope::Staff;
  std::vector<std::string> groups;
  KeyHash hash{};
  std::string created;  ///< ISO-8601 UTC
  std::string revoked;  ///< ISO-8601 UTC; empty while the key is live
};

/// True when `a` and `b` are equal, in time independent of where they differ (sodium_memcmp).
bool constant_time_equal(const KeyHash& a, const KeyHash& b);

/// SHA-256 of `key`.
KeyHash hash_key(std::string_view key);

/// The keys of a keys file.
class KeyStore {
 public:
  /// Reads `file`; a missing file is an empty store.
  /// @return Io when it cannot be read or is readable by group or others;
  ///         BadRequest naming the line when a line is malformed.
  static Result<KeyStore> load(const std::filesystem::path& file);

  /// Writes the store to `file` atomically (a temporary file with mode 0600, then rename).
  /// @return Io on failure (the file is then unchanged).
  Result<void> save(const std::filesystem::path& file) const;

  /// Creates a key for `name` and returns it: the only time it is ever seen.
  /// @return BadRequest for an empty name, a tab or newline in it, a Public scope or an invalid group code.
  Result<std::string> add(const std::string& name, Scope scope, std::vector<std::string> groups,
                          const std::string& now);

  /// Revokes the key with this id (or, when unique, this name).
  /// @return NotFound when none matches; BadRequest when a name matches several.
  Result<void> revoke(const std::string& id_or_name, const std::string& now);

  /// The live key `presented` is, or null. Every stored key is compared, each in constant time.
  const KeyEntry* verify(std::string_view presented) const;

  /// The live key with this id, or null (sessions name the key they were opened with).
  const KeyEntry* live(std::string_view id) const;

  const std::vector<KeyEntry>& entries() const { return entries_; }

 private:
  std::vector<KeyEntry> entries_;
};

}  // namespace tracuu::searchd::server
