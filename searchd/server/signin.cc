#include "searchd/server/signin.h"

#include <sodium.h>
#include <sys/stat.h>

#include <fstream>
#include <iterator>
#include <vector>

#include "text/strings.h"

namespace tracuu::searchd::server {
namespace {

bool sodium_ready() {
  static const bool ok = sodium_init() >= 0;
  return ok;
}

std::string base64url(const unsigned char* bytes, std::size_t n) {
  std::string out(sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

bool equal_strings(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

SessionCodec::SessionCodec(std::string secret, std::chrono::seconds lifetime)
    : secret_(std::move(secret)), lifetime_(lifetime) {
  sodium_ready();
}

std::string SessionCodec::random_secret() {
  sodium_ready();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  return std::string(reinterpret_cast<const char*>(bytes), sizeof bytes);
}

std::string SessionCodec::random_nonce() {
  sodium_ready();
  unsigned char bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  return base64url(bytes, sizeof bytes);
}

Result<std::string> SessionCodec::read_secret(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return Error{Status::Io, "cannot read session secret " + path};
  if (st.st_mode & (S_IRWXG | S_IRWXO)) return Error{Status::Io, path + " is readable by others: chmod 600 it"};
  std::ifstream in(path, std::ios::binary);
  std::string secret((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
  if (secret.size() < 32) return Error{Status::Io, path + ": a session secret needs at least 32 bytes"};
  return secret;
}

std::string SessionCodec::mac(std::string_view message) const {
  unsigned char out[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(secret_.data()), secret_.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(message.data()), message.size());
  crypto_auth_hmacsha256_final(&st, out);
  return base64url(out, sizeof out);
}

std::string SessionCodec::issue(std::string_view key_id, std::int64_t now) const {
  const std::string body = std::string(key_id) + "." + std::to_string(now + lifetime_.count()) + "." + random_nonce();
  return body + "." + mac("session|" + body);
}

std::optional<SessionClaims> SessionCodec::verify(std::string_view cookie, std::int64_t now) const {
  const std::size_t last = cookie.rfind('.');
  if (last == std::string_view::npos) return std::nullopt;
  const std::string_view body = cookie.substr(0, last);
  if (!equal_strings(mac("session|" + std::string(body)), cookie.substr(last + 1))) return std::nullopt;
  std::vector<std::string_view> f;
  for (std::string_view part : text::split(body, '.')) f.push_back(part);
  if (f.size() != 3) return std::nullopt;
  SessionClaims c{std::string(f[0]), 0};
  for (char ch : f[1]) {
    if (ch < '0' || ch > '9' || c.expires > (INT64_MAX - 9) / 10) return std::nullopt;
    c.expires = c.expires * 10 + (ch - '0');
  }
  if (f[1].empty() || c.expires <= now) return std::nullopt;
  return c;
}

std::string SessionCodec::csrf_token(std::string_view bound_to) const {
  return mac("csrf|" + std::string(bound_to));
}

bool SessionCodec::check_csrf(std::string_view token, std::string_view bound_to) const {
  return !bound_to.empty() && equal_strings(csrf_token(bound_to), token);
}

std::optional<std::string> cookie_value(std::string_view header, std::string_view name) {
  for (std::string_view part : text::split(header, ';')) {
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    const std::size_t eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) return std::string(part.substr(eq + 1));
  }
  return std::nullopt;
}

}  // namespace tracuu::searchd::server
