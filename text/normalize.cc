#include "text/normalize.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>

#include "text/chars.h"
#include "text/utf8.h"

namespace tracuu::text {

void map_chars(std::string_view in, std::string& out) {
  out.reserve(out.size() + in.size());
  std::size_t i = 0;
  while (i < in.size()) {
    // Copy plain printable ASCII runs directly: most of any document.
    std::size_t run = i;
    while (run < in.size()) {
      const auto c = static_cast<unsigned char>(in[run]);
      if (c >= 0x80 || (c < 0x20 && c != '\n') || c == 0x7F) break;
      ++run;
    }
    out.append(in.data() + i, run - i);
    i = run;
    if (i >= in.size()) break;
    std::size_t len = 0;
    const char32_t cp = map_char(decode_utf8(in, i, len));
    if (cp != kDropped) append_utf8(out, cp);
    i += len;
  }
}

std::string normalize(std::string_view in) {
  std::string mapped;
  map_chars(in, mapped);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return mapped;
  const icu::StringPiece piece(mapped.data(), static_cast<int32_t>(mapped.size()));
  if (nfc->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return mapped;
  status = U_ZERO_ERROR;
  std::string out;
  out.reserve(mapped.size());
  icu::StringByteSink<std::string> sink(&out);
  nfc->normalizeUTF8(0, piece, sink, nullptr, status);
  return U_SUCCESS(status) ? out : mapped;
}

}  // namespace tracuu::text
