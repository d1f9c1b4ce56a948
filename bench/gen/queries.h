#pragma once
// Query lists for the load tests: what staff and the public type into the box,
// drawn from generated documents so that most queries find something.

#include <cstdint>
#include <string>
#include <vector>

#include "bench/gen/source_pool.h"

namespace tracuu::bench::gen {

/// `count` queries from the first `docs` documents of corpus `seed`: two-to-six
/// word spans of titles and bodies, document numbers (alone or after their
/// kind), kind + subject, a quarter typed without diacritics, most in lower case.
std::vector<std::string> make_queries(const SourcePool& pool, std::uint64_t seed, std::size_t docs, std::size_t count);

}  // namespace tracuu::bench::gen
