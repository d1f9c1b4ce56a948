#pragma once
// The closed set of outcomes every library function reports, and Result<T>.
// One mapping turns a Status into an HTTP code (searchd/server/http_status.cc)
// and one into an exit code (cli/exit_code.h, for both command lines);
// nothing else knows those numbers. HTTP-only conditions (a wrong method) are
// the server's own and have no Status.

#include <string>
#include <utility>
#include <variant>

namespace tracuu {

/// Why an operation failed (or Ok).
enum class Status {
  Ok,                    ///< success
  BadRequest,            ///< a parameter is missing, malformed or out of range
  BadQuery,              ///< the query text cannot be parsed (unbalanced quotes, bad field value)
  NotFound,              ///< the document, file or route does not exist
  IndexUnavailable,      ///< the index cannot be opened or keeps changing under the reader
  IndexVersionMismatch,  ///< the index was built with another schema or analyser version
  Locked,                ///< another writer holds the index lock
  Io,                    ///< reading or writing a file failed
  Unsupported,           ///< the input's format or encoding is not supported (legacy TCVN3/VNI, .doc)
  TooLarge,              ///< a request body, query or input exceeds its limit
  Unauthorized,          ///< credentials were given but are not valid (unknown or revoked key, expired session)
  Forbidden,             ///< the caller is known but may not use this route (a staff key on /metrics)
  RateLimited,           ///< the caller sent more requests than its limit allows; retry later
  Overloaded,            ///< every searcher is busy; retry later
  Internal,              ///< a bug or an unexpected library error (details are logged, not returned)
};

/// Stable snake_case name of a status, used as the `code` of JSON errors.
constexpr const char* to_string(Status s) {
  switch (s) {
    case Status::Ok: return "ok";
    case Status::BadRequest: return "bad_request";
    case Status::BadQuery: return "bad_query";
    case Status::NotFound: return "not_found";
    case Status::IndexUnavailable: return "index_unavailable";
    case Status::IndexVersionMismatch: return "index_version_mismatch";
    case Status::Locked: return "locked";
    case Status::Io: return "io_error";
    case Status::Unsupported: return "unsupported";
    case Status::TooLarge: return "too_large";
    case Status::Unauthorized: return "unauthorized";
    case Status::Forbidden: return "forbidden";
    case Status::RateLimited: return "rate_limited";
    case Status::Overloaded: return "overloaded";
    case Status::Internal: return "internal";
  }
  return "internal";
}

/// A failure: what kind, and an English message for logs and API clients.
struct Error {
  Status status = Status::Internal;
  std::string message;
};

/// Holds a T or an Error. Members are named as std::expected's so that the
/// switch to C++23 is mechanical.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit, like std::expected
  Result(Error error) : v_(std::move(error)) {}  // NOLINT
  Result(Status status, std::string message) : v_(Error{status, std::move(message)}) {}

  bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

/// Result of an operation with no value.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT
  Result(Status status, std::string message) : error_{status, std::move(message)}, ok_(false) {}
  bool has_value() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { return error_; }

 private:
  Error error_{Status::Ok, {}};
  bool ok_ = true;
};

}  // namespace tracuu
