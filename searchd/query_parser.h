#pragma once
// Parses the query language into a small tree, before any Xapian query exists:
//   free text          words combine with the default operator
//   "a phrase"         words in this order (both layers, abbreviations expanded)
//   AND OR NOT ( )     upper-case operators, as in Xapian's QueryParser
//   -word +word        exclude / require
//   field:value        a field of schema/query_fields.h (loai:, coquan:, nam:...)
//   field:"two words"  quoted values
// Unknown "name:" prefixes are text ("Số: 346" is a search for số 346).
// Lenient with quotes and parentheses: a missing closing one closes at the end.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "schema/status.h"
#include "searchd/types.h"

namespace tracuu::searchd {

/// Kinds of query-tree nodes.
enum class NodeKind {
  Text,    ///< a run of free words, analysed together (doc numbers and abbreviations may span words)
  Phrase,  ///< quoted words
  Field,   ///< field:value
  And,
  Or,
};

/// One node of the parsed query.
struct QueryNode {
  NodeKind kind = NodeKind::Text;
  std::string text;         ///< Text/Phrase: the words as typed; Field: the value
  std::string field;        ///< Field: the query name ("loai")
  bool required = false;    ///< +x: must match even under OR
  bool prohibited = false;  ///< -x or NOT x: must not match
  std::vector<QueryNode> children;
};

/// How deep parentheses and NOT may nest: the parser recurses once per level.
inline constexpr std::size_t kMaxQueryNesting = 32;

/// Parses `query`. Juxtaposed clauses combine with `op` (Auto and And: AND).
/// An empty query gives an empty tree (is_empty), not an error.
/// @return BadQuery for an operator with nothing to apply to, a field name
///         without a value ("loai:"), or nesting deeper than kMaxQueryNesting.
Result<QueryNode> parse_query(std::string_view query, DefaultOperator op);

/// The byte ranges [begin, end) of `query` that are free words or phrase words: not
/// operators (AND OR NOT), parentheses, quotes, +/- marks, field names or field values.
/// did_you_mean respells only these.
std::vector<std::pair<std::size_t, std::size_t>> free_text_spans(std::string_view query);

/// Renders a tree for tests and debugging: AND(Text(a b), Field(loai=x), -Phrase(c d)).
std::string describe(const QueryNode& node);

/// True when the tree has no clause at all.
inline bool is_empty(const QueryNode& n) {
  return n.kind == NodeKind::And && n.children.empty();
}

}  // namespace tracuu::searchd
