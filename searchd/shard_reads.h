#pragma once
// Batched reads of a remote shard's documents (docs/scale-out.md "Shard readers"). Xapian 1.4's remote
// protocol sends each position of a position list, and each posting of a posting list, as a message of
// its own, and each read waits for its answer. The second ranking stage, the snippets and accent
// restoration read the same few things of a known list of documents: their length, a few values, and
// for given terms whether they hold them, how often and where. A shard reader (`searchd shard-serve`,
// beside the shard's xapian-tcpsrv, on Xapian's public API) answers all of that for one shard in one
// request. The match itself (global statistics, BM25, counting) stays with xapian-tcpsrv.
//
// Wire format: frames of a 4-byte big-endian length and a payload of unsigned LEB128 integers and
// length-prefixed strings, version first.
#include <xapian.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schema/status.h"

namespace tracuu::searchd {

/// What one shard is asked about its documents.
struct ShardReadRequest {
  std::string uuid;                    ///< the database the asker has open: another one is refused
  std::vector<Xapian::docid> dids;     ///< the shard's own document ids
  std::vector<std::string> terms;      ///< terms asked about in every document
  std::vector<bool> positional;        ///< per term: its positions too
  std::vector<Xapian::valueno> slots;  ///< values read of every document
};

/// What one shard holds of one document.
struct DocReads {
  Xapian::termcount length = 0;                       ///< document length
  std::vector<std::string> values;                    ///< per asked slot
  std::vector<std::optional<Xapian::termcount>> wdf;  ///< per asked term: absent when the document lacks it
  std::vector<std::vector<std::uint32_t>> positions;  ///< per asked term (positional and held): ascending
};

/// The answer: the database that answered, and per asked document its reads (in the asked order).
struct ShardReadReply {
  std::string uuid;
  std::vector<DocReads> docs;
};

/// Positions read per (document, term), at most: very common words in megabyte pages (the first
/// ones are enough to place a passage; the same cap as PositionLists).
inline constexpr std::size_t kMaxShardPositions = 10000;

std::string encode_request(const ShardReadRequest& r);
Result<ShardReadRequest> decode_request(std::string_view payload);
/// An answer, or an error the asker turns into the shard's failure (`ok` false, `error` its message).
std::string encode_reply(const ShardReadReply& r);
std::string encode_error(const std::string& message);
Result<ShardReadReply> decode_reply(std::string_view payload);

/// The shard side: answers `r` from `db` (a local database). @throws Xapian::Error
ShardReadReply read_shard(const Xapian::Database& db, const ShardReadRequest& r);

/// One connection to a shard reader ("HOST:PORT"). Each call sends its requests first and then reads
/// the answers, so several shards work at once. Failures throw Xapian::NetworkError naming the reader,
/// so that they take the path of a remote shard's failure (searcher_impl.h retry_if_modified).
class ShardReaderConnection {
 public:
  ShardReaderConnection(std::string address, std::chrono::milliseconds timeout);
  ShardReaderConnection(ShardReaderConnection&&) noexcept;
  ShardReaderConnection& operator=(ShardReaderConnection&&) noexcept;
  ShardReaderConnection(const ShardReaderConnection&) = delete;
  ShardReaderConnection& operator=(const ShardReaderConnection&) = delete;
  ~ShardReaderConnection();

  const std::string& address() const { return address_; }
  /// Sends one request (connecting first when needed).
  void send(const ShardReadRequest& r);
  /// Reads the answer to the oldest request sent.
  ShardReadReply receive();
  /// Closes the connection (answers not read yet are dropped); the next send() connects again.
  void reset();

 private:
  [[noreturn]] void fail(const std::string& what);
  std::string address_;
  std::chrono::milliseconds timeout_;
  int fd_ = -1;
};

/// "HOST:PORT" split. @return BadRequest when it is not one.
Result<std::pair<std::string, std::uint16_t>> parse_host_port(const std::string& address);

/// `searchd shard-serve`: answers shard reads of the database at `path` (the one xapian-tcpsrv
/// serves, through `current`) on `host`:`port`, a thread and a database per connection, until the
/// process ends. Each request reopens the database, and opens it afresh when the asker has another one
/// open (a rebuilt generation behind `current`). `ready` is called with the bound port once listening.
/// @return IndexUnavailable when the database cannot be opened, BadRequest when the address cannot be bound.
Result<void> serve_shard_reads(const std::string& path, const std::string& host, std::uint16_t port,
                               const std::function<void(std::uint16_t)>& ready);

}  // namespace tracuu::searchd
