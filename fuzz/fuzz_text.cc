// Text analysis: any bytes in, tokens out, never a failure (STYLE §1: text/ is total).
#include <cstdlib>

#include "fuzz/fuzz_file.h"
#include "text/normalize.h"
#include "text/tokenizer.h"
#include "text/utf8.h"
#include "text/word.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tracuu;
  const std::string_view in = fuzz::as_text(data, size);
  const std::string normal = text::normalize(in);
  if (!text::is_valid_utf8(normal)) std::abort();       // normalize repairs bad UTF-8
  if (text::normalize(normal) != normal) std::abort();  // and is idempotent
  for (const auto& t : text::analyze(in)) {
    if (t.begin > t.end || t.end > in.size()) std::abort();
    if (!text::is_valid_utf8(t.exact) || !text::is_valid_utf8(t.folded)) std::abort();
  }
  (void)text::fold(normal);
  (void)text::has_marks(normal);
  return 0;
}
