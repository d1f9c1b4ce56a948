// The metadata extractor on any text: form feeds separate pages, as in .txt inputs.
#include "fuzz/fuzz_file.h"
#include "indexer/ingest/ingest.h"
#include "text/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tracuu;
  static const indexer::Extractor extractor;
  indexer::RawDoc raw;
  raw.id = "fuzz";
  raw.source = "fuzz.txt";
  raw.format = "txt";
  // The readers hand the extractor valid UTF-8 only.
  const std::string text = text::sanitize_utf8(fuzz::as_text(data, size));
  std::size_t start = 0;
  for (std::size_t ff; (ff = text.find('\f', start)) != std::string::npos; start = ff + 1)
    raw.pages.push_back(text.substr(start, ff - start));
  raw.pages.push_back(text.substr(start));
  (void)extractor.extract(raw);
  return 0;
}
