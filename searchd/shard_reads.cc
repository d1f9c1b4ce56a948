#include "searchd/shard_reads.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <numeric>
#include <thread>

namespace tracuu::searchd {
namespace {

constexpr std::uint64_t kVersion = 1;
constexpr std::uint32_t kMaxFrame = 256u << 20;  // a reply of 50 megabyte pages' positions stays far below

void put(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

void put(std::string& out, std::string_view s) {
  put(out, s.size());
  out.append(s);
}

// Reads a payload; any overrun or malformed integer leaves `ok` false (and zeros).
struct Reader {
  std::string_view in;
  bool ok = true;
  std::uint64_t num() {
    std::uint64_t v = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
      if (in.empty()) break;
      const auto byte = static_cast<unsigned char>(in.front());
      in.remove_prefix(1);
      v |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
      if (!(byte & 0x80)) return v;
    }
    ok = false;
    return 0;
  }
  // A count of items each taking at least one byte: never more than what is left.
  std::size_t count() {
    const std::uint64_t n = num();
    if (n > in.size()) ok = false;
    return ok ? static_cast<std::size_t>(n) : 0;
  }
  std::string str() {
    const std::uint64_t n = num();
    if (!ok || n > in.size()) {
      ok = false;
      return {};
    }
    std::string s(in.substr(0, n));
    in.remove_prefix(n);
    return s;
  }
};

Error malformed(const char* what) {
  return Error{Status::BadRequest, std::string("malformed shard read ") + what};
}

}  // namespace

std::string encode_request(const ShardReadRequest& r) {
  std::string out;
  put(out, kVersion);
  put(out, r.uuid);
  put(out, r.dids.size());
  for (Xapian::docid d : r.dids) put(out, d);
  put(out, r.terms.size());
  for (std::size_t i = 0; i < r.terms.size(); ++i) {
    put(out, r.terms[i]);
    put(out, i < r.positional.size() && r.positional[i] ? 1 : 0);
  }
  put(out, r.slots.size());
  for (Xapian::valueno s : r.slots) put(out, s);
  return out;
}

Result<ShardReadRequest> decode_request(std::string_view payload) {
  Reader in{payload};
  if (in.num() != kVersion || !in.ok) return malformed("request (version)");
  ShardReadRequest r;
  r.uuid = in.str();
  r.dids.resize(in.count());
  for (auto& d : r.dids) d = static_cast<Xapian::docid>(in.num());
  const std::size_t terms = in.count();
  for (std::size_t i = 0; i < terms && in.ok; ++i) {
    r.terms.push_back(in.str());
    r.positional.push_back(in.num() != 0);
  }
  r.slots.resize(in.count());
  for (auto& s : r.slots) s = static_cast<Xapian::valueno>(in.num());
  if (!in.ok || !in.in.empty()) return malformed("request");
  return r;
}

std::string encode_reply(const ShardReadReply& r) {
  std::string out;
  put(out, kVersion);
  put(out, 0);  // not an error
  put(out, r.uuid);
  put(out, r.docs.size());
  for (const DocReads& d : r.docs) {
    put(out, d.length);
    put(out, d.values.size());
    for (const auto& v : d.values) put(out, v);
    put(out, d.wdf.size());
    for (std::size_t t = 0; t < d.wdf.size(); ++t) {
      put(out, d.wdf[t] ? *d.wdf[t] + 1 : 0);
      const auto& pos = d.positions[t];
      put(out, pos.size());
      std::uint32_t last = 0;
      for (std::uint32_t p : pos) put(out, p - std::exchange(last, p));  // ascending: deltas
    }
  }
  return out;
}

std::string encode_error(const std::string& message) {
  std::string out;
  put(out, kVersion);
  put(out, 1);
  put(out, message);
  return out;
}

Result<ShardReadReply> decode_reply(std::string_view payload) {
  Reader in{payload};
  if (in.num() != kVersion || !in.ok) return malformed("reply (version)");
  if (in.num() != 0) {
    std::string message = in.str();
    return Error{Status::IndexUnavailable, in.ok ? message : "malformed shard read error"};
  }
  ShardReadReply r;
  r.uuid = in.str();
  r.docs.resize(in.count());
  for (DocReads& d : r.docs) {
    d.length = static_cast<Xapian::termcount>(in.num());
    d.values.resize(in.count());
    for (auto& v : d.values) v = in.str();
    const std::size_t terms = in.count();
    d.wdf.resize(terms);
    d.positions.resize(terms);
    for (std::size_t t = 0; t < terms && in.ok; ++t) {
      if (const std::uint64_t w = in.num(); w > 0) d.wdf[t] = static_cast<Xapian::termcount>(w - 1);
      auto& pos = d.positions[t];
      pos.resize(in.count());
      std::uint32_t last = 0;
      for (auto& p : pos) p = last += static_cast<std::uint32_t>(in.num());
    }
    if (!in.ok) break;
  }
  if (!in.ok || !in.in.empty()) return malformed("reply");
  return r;
}

ShardReadReply read_shard(const Xapian::Database& db, const ShardReadRequest& r) {
  ShardReadReply out;
  out.uuid = db.get_uuid();
  out.docs.resize(r.dids.size());
  // Posting lists are walked once per term over the documents in ascending order.
  std::vector<std::size_t> order(r.dids.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return r.dids[a] < r.dids[b]; });
  for (std::size_t k = 0; k < r.dids.size(); ++k) {
    DocReads& d = out.docs[k];
    d.wdf.resize(r.terms.size());
    d.positions.resize(r.terms.size());
    d.length = db.get_doclength(r.dids[k]);
    if (!r.slots.empty()) {
      const Xapian::Document doc = db.get_document(r.dids[k], Xapian::DOC_ASSUME_VALID);
      for (Xapian::valueno s : r.slots) d.values.push_back(doc.get_value(s));
    }
  }
  for (std::size_t t = 0; t < r.terms.size(); ++t) {
    if (r.terms[t].empty()) continue;
    auto pl = db.postlist_begin(r.terms[t]);
    const auto end = db.postlist_end(r.terms[t]);
    for (std::size_t k : order) {
      if (pl == end) break;
      pl.skip_to(r.dids[k]);
      if (pl == end || *pl != r.dids[k]) continue;
      DocReads& d = out.docs[k];
      d.wdf[t] = pl.get_wdf();
      if (!r.positional[t]) continue;
      auto& pos = d.positions[t];
      for (auto p = db.positionlist_begin(r.dids[k], r.terms[t]);
           p != db.positionlist_end(r.dids[k], r.terms[t]) && pos.size() < kMaxShardPositions; ++p)
        pos.push_back(*p);
    }
  }
  return out;
}

Result<std::pair<std::string, std::uint16_t>> parse_host_port(const std::string& address) {
  const auto colon = address.rfind(':');
  unsigned port = 0;
  if (colon != std::string::npos && colon > 0) {
    const std::string_view digits(address.data() + colon + 1, address.size() - colon - 1);
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    std::string host = address.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);  // IPv6
    if (ec == std::errc() && end == digits.data() + digits.size() && port > 0 && port < 65536)
      return std::make_pair(std::move(host), static_cast<std::uint16_t>(port));
  }
  return Error{Status::BadRequest, "a shard reader is HOST:PORT, not '" + address + "'"};
}

namespace {

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool read_all(int fd, char* out, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::recv(fd, out, size, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    out += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

bool write_frame(int fd, std::string_view payload) {
  const std::uint32_t n = htonl(static_cast<std::uint32_t>(payload.size()));
  char head[4];
  std::memcpy(head, &n, 4);
  return write_all(fd, std::string_view(head, 4)) && write_all(fd, payload);
}

std::optional<std::string> read_frame(int fd) {
  char head[4];
  if (!read_all(fd, head, 4)) return std::nullopt;
  std::uint32_t n = 0;
  std::memcpy(&n, head, 4);
  n = ntohl(n);
  if (n > kMaxFrame) return std::nullopt;
  std::string payload(n, '\0');
  if (!read_all(fd, payload.data(), n)) return std::nullopt;
  return payload;
}

void set_timeouts(int fd, std::chrono::milliseconds timeout) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);  // also bounds connect() on Linux
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

// Serves one connection until the asker closes it.
void serve_connection(int fd, const std::string& path) {
  std::optional<Xapian::Database> db;
  for (;;) {
    auto frame = read_frame(fd);
    if (!frame) break;
    std::string reply;
    auto request = decode_request(*frame);
    if (!request) {
      reply = encode_error(request.error().message);
    } else {
      try {
        if (!db) db.emplace(path);
        db->reopen();
        // Another database than the asker's: `current` swapped under us, or the asker is behind.
        if (!request->uuid.empty() && db->get_uuid() != request->uuid) db.emplace(path);
        if (!request->uuid.empty() && db->get_uuid() != request->uuid)
          reply =
              encode_error("shard reader at " + path + " serves database " + db->get_uuid() + ", not " + request->uuid);
        else
          reply = encode_reply(read_shard(*db, *request));
      } catch (const Xapian::Error& e) {
        db.reset();  // opened afresh for the next request
        reply = encode_error("shard reader at " + path + ": " + e.get_description());
      }
    }
    if (!write_frame(fd, reply)) break;
  }
  ::close(fd);
}

}  // namespace

ShardReaderConnection::ShardReaderConnection(std::string address, std::chrono::milliseconds timeout)
    : address_(std::move(address)), timeout_(timeout) {}

ShardReaderConnection::ShardReaderConnection(ShardReaderConnection&& o) noexcept
    : address_(std::move(o.address_)), timeout_(o.timeout_), fd_(std::exchange(o.fd_, -1)) {}

ShardReaderConnection& ShardReaderConnection::operator=(ShardReaderConnection&& o) noexcept {
  if (this != &o) {
    if (fd_ >= 0) ::close(fd_);
    address_ = std::move(o.address_);
    timeout_ = o.timeout_;
    fd_ = std::exchange(o.fd_, -1);
  }
  return *this;
}

ShardReaderConnection::~ShardReaderConnection() {
  if (fd_ >= 0) ::close(fd_);
}

void ShardReaderConnection::fail(const std::string& what) {
  const int err = errno;
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;  // the next request connects again
  throw Xapian::NetworkError("shard reader " + address_ + " does not answer (" + what + ")", "", err);
}

void ShardReaderConnection::send(const ShardReadRequest& r) {
  if (fd_ < 0) {
    auto where = parse_host_port(address_);
    if (!where) throw Xapian::NetworkError(where.error().message);
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (::getaddrinfo(where->first.c_str(), std::to_string(where->second).c_str(), &hints, &found) != 0 || !found)
      fail("cannot resolve");
    for (addrinfo* a = found; a && fd_ < 0; a = a->ai_next) {
      fd_ = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
      if (fd_ < 0) continue;
      set_timeouts(fd_, timeout_);
      if (::connect(fd_, a->ai_addr, a->ai_addrlen) != 0) {
        ::close(fd_);
        fd_ = -1;
      }
    }
    ::freeaddrinfo(found);
    if (fd_ < 0) fail("connect");
  }
  if (!write_frame(fd_, encode_request(r))) fail("send");
}

void ShardReaderConnection::reset() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

ShardReadReply ShardReaderConnection::receive() {
  auto frame = read_frame(fd_);
  if (!frame) fail("receive");
  auto reply = decode_reply(*frame);
  if (!reply) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    throw Xapian::NetworkError("shard reader " + address_ + ": " + reply.error().message);
  }
  return std::move(*reply);
}

Result<void> serve_shard_reads(const std::string& path, const std::string& host, std::uint16_t port,
                               const std::function<void(std::uint16_t)>& ready) {
  try {
    Xapian::Database check(path);  // fail at start, not at the first request
  } catch (const Xapian::Error& e) {
    return Error{Status::IndexUnavailable, "cannot open " + path + ": " + e.get_description()};
  }
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  if (::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0 || !found)
    return Error{Status::BadRequest, "cannot resolve " + host};
  int fd = ::socket(found->ai_family, found->ai_socktype | SOCK_CLOEXEC, found->ai_protocol);
  const int one = 1;
  if (fd >= 0) ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  const bool bound = fd >= 0 && ::bind(fd, found->ai_addr, found->ai_addrlen) == 0 && ::listen(fd, 64) == 0;
  ::freeaddrinfo(found);
  if (!bound) {
    const std::string why = std::strerror(errno);
    if (fd >= 0) ::close(fd);
    return Error{Status::BadRequest, "cannot listen on " + host + ":" + std::to_string(port) + ": " + why};
  }
  sockaddr_storage at{};
  socklen_t len = sizeof at;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&at), &len);
  ready(ntohs(at.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&at)->sin6_port
                                       : reinterpret_cast<sockaddr_in*>(&at)->sin_port));
  for (;;) {
    const int conn = ::accept4(fd, nullptr, nullptr, SOCK_CLOEXEC);
    if (conn < 0) {
      if (errno == EINTR || errno == ECONNABORTED || errno == EMFILE || errno == ENFILE) continue;
      const std::string why = std::strerror(errno);
      ::close(fd);
      return Error{Status::Io, "accept: " + why};
    }
    ::setsockopt(conn, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    std::thread(serve_connection, conn, path).detach();  // one database per connection's thread
  }
}

}  // namespace tracuu::searchd
