// Document numbers: parse_doc_number and the in-text matcher on any bytes.
#include <cstdlib>

#include "fuzz/fuzz_file.h"
#include "text/abbreviations.h"
#include "text/docnum.h"
#include "text/docnum_parse.h"
#include "text/normalize.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tracuu;
  static const text::Abbreviations abbreviations = text::Abbreviations::builtin();
  const std::string in = text::normalize(fuzz::as_text(data, size));
  if (auto dn = text::parse_doc_number(in, abbreviations)) {
    if (dn->key.empty()) std::abort();
    // A key parses back to itself: the canonical form is a fixed point.
    auto again = text::parse_doc_number(dn->key, abbreviations);
    if (again && again->key != dn->key) std::abort();
  }
  for (std::size_t pos = 0; pos < in.size(); ++pos) {
    if (in[pos] < '0' || in[pos] > '9') continue;  // the matcher's precondition
    text::DocNumber out;
    const std::size_t n = text::match_doc_number(in, pos, out);
    if (n > in.size() - pos) std::abort();
  }
  return 0;
}
