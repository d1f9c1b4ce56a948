#include "searchd/server/access.h"

#include <boost/asio/ip/address.hpp>
#include <ctime>

namespace tracuu::searchd::server {
namespace fs = std::filesystem;
namespace {

std::vector<unsigned char> address_bytes(const std::string& text) {
  boost::system::error_code ec;
  auto a = boost::asio::ip::make_address(text, ec);
  if (ec) return {};
  if (a.is_v6() && a.to_v6().is_v4_mapped())
    a = boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, a.to_v6());
  if (a.is_v4()) {
    const auto b = a.to_v4().to_bytes();
    return {b.begin(), b.end()};
  }
  const auto b = a.to_v6().to_bytes();
  return {b.begin(), b.end()};
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::int64_t Access::unix_now() {
  return static_cast<std::int64_t>(std::time(nullptr));
}

Access::Access(const Config& config, KeyStore keys, std::string secret)
    : config_(config),
      sessions_(std::move(secret), config.session_lifetime),
      keys_(std::make_shared<const KeyStore>(std::move(keys))) {
  for (const auto& spec : config.trusted_proxies) {
    const std::size_t slash = spec.find('/');
    Network n{address_bytes(spec.substr(0, slash)), 0};
    if (n.bytes.empty()) continue;  // open() rejects these before
    n.prefix = slash == std::string::npos ? static_cast<unsigned>(n.bytes.size() * 8)
                                          : static_cast<unsigned>(std::stoul(spec.substr(slash + 1)));
    trusted_.push_back(std::move(n));
  }
}

Result<std::unique_ptr<Access>> Access::open(const Config& config) {
  for (const auto& spec : config.trusted_proxies) {
    const std::size_t slash = spec.find('/');
    const auto bytes = address_bytes(spec.substr(0, slash));
    bool ok = !bytes.empty();
    if (ok && slash != std::string::npos) {
      const std::string bits = spec.substr(slash + 1);
      ok = !bits.empty() && bits.size() <= 3 && bits.find_first_not_of("0123456789") == std::string::npos &&
           std::stoul(bits) <= bytes.size() * 8;
    }
    if (!ok) return Error{Status::BadRequest, "--trusted-proxy: '" + spec + "' is not an address or CIDR network"};
  }
  KeyStore keys;
  if (!config.keys.empty()) {
    auto loaded = KeyStore::load(config.keys);
    if (!loaded) return loaded.error();
    keys = std::move(*loaded);
  }
  std::string secret = SessionCodec::random_secret();
  if (!config.session_secret.empty()) {
    auto read = SessionCodec::read_secret(config.session_secret.string());
    if (!read) return read.error();
    secret = std::move(*read);
  }
  auto access = std::make_unique<Access>(config, std::move(keys), std::move(secret));
  std::error_code ec;
  if (!config.keys.empty()) access->keys_mtime_ = fs::last_write_time(config.keys, ec);
  return access;
}

Result<void> Access::reload_keys() {
  if (config_.keys.empty()) return {};
  std::error_code ec;
  const auto mtime = fs::last_write_time(config_.keys, ec);
  auto loaded = KeyStore::load(config_.keys);
  std::lock_guard lock(mutex_);
  keys_mtime_ = mtime;
  keys_checked_ = std::chrono::steady_clock::now();
  // Fail closed: a keys file that cannot be read accepts no key (a revocation must never be lost).
  keys_ = std::make_shared<const KeyStore>(loaded ? std::move(*loaded) : KeyStore());
  if (!loaded) return loaded.error();
  return {};
}

std::shared_ptr<const KeyStore> Access::keys() {
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(mutex_);
    if (config_.keys.empty() || now - keys_checked_ < std::chrono::seconds(1)) return keys_;
    keys_checked_ = now;
    std::error_code ec;
    if (fs::last_write_time(config_.keys, ec) == keys_mtime_ && !ec) return keys_;
  }
  (void)reload_keys();  // the error is in effect (no keys); the server logs reloads it asks for
  std::lock_guard lock(mutex_);
  return keys_;
}

Principal Access::from_key(const KeyEntry& key, const char* via) const {
  return Principal{key.scope, key.name, key.id, key.groups, via};
}

Result<Principal> Access::authenticate(const Request& request, const Client& client) {
  if (const auto auth = request.find(http::field::authorization); auth != request.end()) {
    const std::string_view value = trim(auth->value());
    constexpr std::string_view kBearer = "Bearer ";
    if (!value.starts_with(kBearer) || trim(value.substr(kBearer.size())).empty())
      return Error{Status::Unauthorized, "Authorization must be 'Bearer <key>'"};
    const auto store = keys();
    const KeyEntry* key = store->verify(trim(value.substr(kBearer.size())));
    if (!key) return Error{Status::Unauthorized, "unknown or revoked key"};
    return from_key(*key, "key");
  }
  if (!config_.auth_proxy_header.empty() && trusted(client.address)) {
    if (const auto user = request.find(config_.auth_proxy_header); user != request.end()) {
      const std::string name(trim(user->value()));
      if (name.empty()) return Error{Status::Unauthorized, "the proxy named no user"};
      const auto groups = config_.proxy_user_groups.find(name);
      return Principal{Scope::Staff, name, "",
                       groups == config_.proxy_user_groups.end() ? std::vector<std::string>{} : groups->second,
                       "proxy"};
    }
  }
  if (const auto cookies = request.find(http::field::cookie); cookies != request.end()) {
    if (const auto value = cookie_value(cookies->value(), kSessionCookie)) {
      const auto claims = sessions_.verify(*value, unix_now());
      if (!claims) return Error{Status::Unauthorized, "the session has expired or is not valid: sign in again"};
      const auto store = keys();
      const KeyEntry* key = store->live(claims->key_id);
      if (!key) return Error{Status::Unauthorized, "the key of this session was revoked: sign in again"};
      return from_key(*key, "session");
    }
  }
  return Principal{};
}

bool Access::trusted(const std::string& address) const {
  const auto bytes = address_bytes(address);
  for (const auto& n : trusted_) {
    if (n.bytes.size() != bytes.size()) continue;
    bool match = true;
    for (unsigned bit = 0; bit < n.prefix && match; bit += 8) {
      const unsigned take = std::min(8u, n.prefix - bit);
      const unsigned char mask = static_cast<unsigned char>(0xFF << (8 - take));
      match = (n.bytes[bit / 8] & mask) == (bytes[bit / 8] & mask);
    }
    if (match) return true;
  }
  return false;
}

std::string Access::client_address(const Request& request, const Client& client) const {
  if (!trusted(client.address)) return client.address;
  const auto xff = request.find("X-Forwarded-For");
  if (xff == request.end()) return client.address;
  // The nearest hop a trusted proxy did not add itself: walk from the right.
  std::string found = client.address;
  std::string_view list = xff->value();
  while (!list.empty()) {
    const std::size_t comma = list.rfind(',');
    const std::string hop(trim(comma == std::string_view::npos ? list : list.substr(comma + 1)));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(0, comma);
    if (address_bytes(hop).empty()) break;  // garbage: stop at the last address we could read
    found = hop;
    if (!trusted(hop)) break;
  }
  return found;
}

bool Access::over_tls(const Request& request, const Client& client) const {
  if (!trusted(client.address)) return false;
  const auto proto = request.find("X-Forwarded-Proto");
  return proto != request.end() && trim(proto->value()) == "https";
}

unsigned Access::take(const Principal& who, const std::string& address) {
  if (who.staff())
    return limiter_.take(who.key_id.empty() ? "user:" + who.name : "key:" + who.key_id, config_.staff_rate);
  return limiter_.take("addr:" + address, config_.public_rate);
}

}  // namespace tracuu::searchd::server
