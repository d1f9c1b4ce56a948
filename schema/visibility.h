#pragma once
// Who may see a document (phạm vi), and who asks. Each visibility class is
// written to its own sub-database of an index generation (schema/index_home.h),
// and a reader combines exactly the sub-databases its audience may see, so
// that nothing of a restricted document — hits, counts, vocabulary, term
// statistics — reaches anyone else (docs/access.md).

#include <string>
#include <string_view>
#include <vector>

#include "schema/status.h"

namespace tracuu::schema {

/// The visibility of one document.
struct Visibility {
  enum class Kind {
    Public,    ///< công khai: everyone
    Internal,  ///< nội bộ: every staff member
    Groups,    ///< only staff of one of `groups`
  };
  Kind kind = Kind::Public;
  std::vector<std::string> groups;  ///< sorted, unique group codes (Kind::Groups only)

  /// The visibility of internal documents.
  static Visibility internal() { return {Kind::Internal, {}}; }
  bool operator==(const Visibility&) const = default;
};

/// Who asks: the public (no credentials), or staff with their groups.
struct Audience {
  bool staff = false;
  std::vector<std::string> groups;  ///< group codes of a staff member (ignored for the public)

  bool operator==(const Audience&) const = default;
};

/// True for a group code: 1-64 bytes of a-z, 0-9 and '-' ("so-tai-chinh").
bool is_group_code(std::string_view code);

/// A Groups visibility from codes (sorted, duplicates dropped).
/// @return BadRequest naming the first invalid code, or when `codes` is empty.
Result<Visibility> groups_visibility(std::vector<std::string> codes);

/// Stable text form, stored in each sub-database's metadata (kMetaVisibility):
/// "public", "internal" or "groups:a,b".
std::string to_string(const Visibility& v);

/// Parses to_string()'s form. @return BadRequest for anything else.
Result<Visibility> parse_visibility(std::string_view text);

/// The directory name of a visibility class inside a generation: "public",
/// "internal", "group-<a>+<b>" (hashed as "group-h<hex>" when longer than 100 bytes).
std::string class_dir_name(const Visibility& v);

/// Whether `audience` may see documents of visibility `v`.
bool may_see(const Audience& audience, const Visibility& v);

/// A key naming the set of classes `audience` may see among `classes`, in the
/// order given (for caching one combined database per distinct set).
std::string combination_key(const Audience& audience, const std::vector<Visibility>& classes);

}  // namespace tracuu::schema
