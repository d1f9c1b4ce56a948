#pragma once
#include <iosfwd>
#include <string_view>

namespace tracuu::indexer {

/// Prints one JSON object per token of `text` to `out` (the `indexer analyze` view).
void print_analysis(std::string_view text, std::ostream& out);

}  // namespace tracuu::indexer
