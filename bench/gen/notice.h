#pragma once
// Builds one synthetic document: a provincial notice, report, decision,
// resolution, plan or official letter, with a real header (issuer, number,
// place and date), a body of recombined real sentences, citations and a footer.

#include <cstdint>
#include <string>

#include "bench/gen/source_pool.h"

namespace tracuu::bench::gen {

struct GeneratedDoc {
  std::string id;      ///< "gen-0000042"
  std::string title;   ///< trích yếu
  std::string text;    ///< the whole document, header to signature
  std::string number;  ///< số hiệu as written in the header ("346/TB-UBND")
  std::string kind;    ///< "Thông báo", "Công văn", ...
};

/// Document `index` of the corpus of seed `seed`: a pure function of both, so
/// a 10k corpus is the prefix of the 100k one and generation can be parallel.
GeneratedDoc make_document(const SourcePool& pool, std::uint64_t seed, std::size_t index);

}  // namespace tracuu::bench::gen
