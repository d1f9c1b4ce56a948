#pragma once
// Portal sessions: a signed (HMAC-SHA-256, libsodium), expiring cookie naming
// the staff key it was opened with, so that revoking the key ends the session;
// and CSRF tokens bound to a cookie (the session, or before sign-in a random one).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "schema/status.h"

namespace tracuu::searchd::server {

/// Cookie names.
inline constexpr std::string_view kSessionCookie = "tracuu_session";
inline constexpr std::string_view kCsrfCookie = "tracuu_csrf";

/// What a valid session cookie says.
struct SessionClaims {
  std::string key_id;
  std::int64_t expires = 0;  ///< Unix seconds
};

/// Signs and checks session cookies and CSRF tokens with the server's secret.
class SessionCodec {
 public:
  /// @param secret at least 32 bytes (from --session-secret FILE, or random per process).
  /// @param lifetime how long a session lasts after sign-in.
  SessionCodec(std::string secret, std::chrono::seconds lifetime);

  /// A random secret for a server started without a secret file (sessions end at restart).
  static std::string random_secret();

  /// Reads a secret file (at least 32 bytes; not readable by group or others).
  /// @return Io when unreadable, too short or too open.
  static Result<std::string> read_secret(const std::string& path);

  /// A cookie value for a session of key `key_id` starting at `now` (Unix seconds).
  std::string issue(std::string_view key_id, std::int64_t now) const;

  /// The claims of a cookie value, when its signature is right and it has not expired.
  std::optional<SessionClaims> verify(std::string_view cookie, std::int64_t now) const;

  /// The CSRF token of forms shown to the holder of cookie value `bound_to`.
  std::string csrf_token(std::string_view bound_to) const;

  /// True when `token` is csrf_token(bound_to) (constant-time comparison).
  bool check_csrf(std::string_view token, std::string_view bound_to) const;

  /// A random value for the pre-sign-in CSRF cookie.
  static std::string random_nonce();

  std::chrono::seconds lifetime() const { return lifetime_; }

 private:
  std::string mac(std::string_view message) const;  ///< HMAC-SHA-256 as URL-safe base64
  std::string secret_;
  std::chrono::seconds lifetime_;
};

/// The value of cookie `name` in a Cookie header, if present.
std::optional<std::string> cookie_value(std::string_view header, std::string_view name);

}  // namespace tracuu::searchd::server
