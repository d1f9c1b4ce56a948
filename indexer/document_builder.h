#pragma once
// Turns a document record into index terms, values and data (schema/fields.h).
// Pure and thread-safe: worker threads prepare documents, one writer stores them.

#include <memory>
#include <string>

#include "schema/codes.h"
#include "schema/record.h"
#include "schema/validity.h"

namespace tracuu::indexer {

/// A document ready to be written: terms, values and data, plus its id.
/// Owns a Xapian::Document behind a pimpl so callers compile without xapian.h.
class PreparedDoc {
 public:
  PreparedDoc();
  ~PreparedDoc();
  PreparedDoc(PreparedDoc&&) noexcept;
  PreparedDoc& operator=(PreparedDoc&&) noexcept;

  const std::string& id() const;
  const std::string& content_hash() const;
  std::size_t text_bytes() const;                ///< size of the record text (progress reports)
  const schema::Visibility& visibility() const;  ///< who may see it: which sub-database holds it

  struct Impl;
  Impl& impl() { return *impl_; }
  const Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

/// Builds PreparedDocs. Title words count kTitleWdf times in both body layers so
/// a match in the trích yếu ranks above one in the body; the document's own
/// number counts kNumberWdf times.
class DocumentBuilder {
 public:
  static constexpr unsigned kTitleWdf = 3;
  static constexpr unsigned kNumberWdf = 5;

  /// @param as_of ISO date the validity facet is computed at (default: today, UTC).
  explicit DocumentBuilder(std::string as_of = schema::today_iso());

  /// Builds the index form of `record`. Never fails: bad values are skipped.
  PreparedDoc prepare(const schema::DocRecord& record) const;

 private:
  schema::IssuerRegistry issuers_ = schema::IssuerRegistry::builtin();  // issuer and assignee codes
  std::string as_of_;
};

}  // namespace tracuu::indexer
