#pragma once
// The validity of every document of an index generation (the `validity` facet: XHL: and kSlotValidity)
// as of a date, from its own dates and stated status and from what the later documents in the index do
// to it: one that replaces or repeals it wholly ends it, one that does so to a part of it partly ends it.
// Run after every change to a generation (build, add, delete): a repeal indexed today changes the status
// of a document indexed last year, and a document "chưa có hiệu lực" comes into force as days pass.

#include <cstddef>
#include <string>
#include <vector>

#include "indexer/generation_writer.h"
#include "schema/status.h"

namespace tracuu::indexer {

/// Sets every document's validity at `as_of` (ISO date); changes take effect at the next commit.
/// An act counts only for the documents whose every reader may also see the acting document: an internal
/// repeal of a public document never shows in what the public sees of it.
/// @return how many documents changed status.
Result<std::size_t> settle_validity(GenerationWriter& writer, const std::string& as_of);

/// The same over the live generations of every shard of a sharded home (schema/sharding.h): an act in
/// one shard ends the force of a document in another.
Result<std::size_t> settle_validity(const std::vector<GenerationWriter*>& writers, const std::string& as_of);

}  // namespace tracuu::indexer
