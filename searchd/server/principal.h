#pragma once
// Who is asking: the public, or a staff member or administrator identified by
// an API key, a portal session or an authenticating reverse proxy.

#include <string>
#include <vector>

#include "schema/visibility.h"

namespace tracuu::searchd::server {

/// What a caller may do.
enum class Scope {
  Public,  ///< no credentials: public documents only
  Staff,   ///< internal documents, the assignee facet, and the documents of its groups
  Admin,   ///< as staff, plus /metrics and operational endpoints
};

/// Stable name of a scope ("public", "staff", "admin").
const char* to_string(Scope scope);

/// The caller of one request.
struct Principal {
  Scope scope = Scope::Public;
  std::string name;                 ///< key name or proxy user; empty for the public
  std::string key_id;               ///< the API key (or the key a session was opened with); empty otherwise
  std::vector<std::string> groups;  ///< group codes (schema/visibility.h)
  std::string via;                  ///< "key", "session" or "proxy"; empty for the public

  bool staff() const { return scope != Scope::Public; }
  /// The documents this caller may see.
  schema::Audience audience() const { return staff() ? schema::Audience{true, groups} : schema::Audience{}; }
};

}  // namespace tracuu::searchd::server
