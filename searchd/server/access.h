#pragma once
// Access control of one server: who asks (an API key, a portal session, a user
// named by an authenticating reverse proxy, else the public), from which
// address, and whether they are within their rate limit. docs/access.md.

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "schema/status.h"
#include "searchd/server/config.h"
#include "searchd/server/http_types.h"
#include "searchd/server/keys.h"
#include "searchd/server/principal.h"
#include "searchd/server/rate_limit.h"
#include "searchd/server/signin.h"

namespace tracuu::searchd::server {

/// The connection a request came on.
struct Client {
  std::string address;  ///< the peer's IP address; empty when unknown (tests)
};

/// Keys, sessions, proxies and rate limits of a server. Thread-safe.
class Access {
 public:
  /// Loads config.keys (a missing file is no keys) and config.session_secret (random when unset).
  /// @return the errors of KeyStore::load and SessionCodec::read_secret; BadRequest for a bad --trusted-proxy.
  static Result<std::unique_ptr<Access>> open(const Config& config);

  /// An Access with the given keys and secret (tests).
  Access(const Config& config, KeyStore keys, std::string secret);

  /// Who sends `request`. In order: an Authorization header (must be `Bearer <live key>`),
  /// the proxy user header (from a trusted proxy only), the session cookie, else the public.
  /// @return Unauthorized for a malformed Authorization header, an unknown or revoked key,
  ///         or a session cookie that is forged, expired or names a revoked key.
  Result<Principal> authenticate(const Request& request, const Client& client);

  /// The address the request comes from: the peer, or when the peer is a trusted proxy
  /// the nearest untrusted address of X-Forwarded-For.
  std::string client_address(const Request& request, const Client& client) const;

  /// True when a trusted proxy says the request came over TLS (X-Forwarded-Proto: https).
  bool over_tls(const Request& request, const Client& client) const;

  /// Takes one request from the caller's bucket: staff by key or user, the public by address.
  /// @return 0 when allowed, else the seconds to wait (Retry-After).
  unsigned take(const Principal& who, const std::string& address);

  /// Reloads the keys file now (SIGHUP). On error no key is accepted until a good reload.
  Result<void> reload_keys();

  /// The live key store (reloaded when the file changed, looked at most once a second).
  std::shared_ptr<const KeyStore> keys();

  const SessionCodec& sessions() const { return sessions_; }
  const Config& config() const { return config_; }

  /// Seconds since the epoch (session expiry).
  static std::int64_t unix_now();

 private:
  struct Network {
    std::vector<unsigned char> bytes;  ///< address bytes (4 or 16)
    unsigned prefix = 0;               ///< leading bits that must match
  };
  bool trusted(const std::string& address) const;
  Principal from_key(const KeyEntry& key, const char* via) const;

  const Config& config_;
  SessionCodec sessions_;
  RateLimiter limiter_;
  std::vector<Network> trusted_;
  std::mutex mutex_;
  std::shared_ptr<const KeyStore> keys_;
  std::filesystem::file_time_type keys_mtime_{};
  std::chrono::steady_clock::time_point keys_checked_{};
};

}  // namespace tracuu::searchd::server
