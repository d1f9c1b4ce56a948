// The .pdf reader on any bytes, then extraction of every document it yields.
#include "fuzz/fuzz_file.h"
#include "indexer/ingest/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tracuu;
  static const indexer::Extractor extractor;
  const auto path = fuzz::scratch_file("input.pdf", fuzz::as_text(data, size));
  (void)indexer::read_file(path, [](indexer::RawDoc&& doc) {
    (void)extractor.extract(doc);
    return true;
  });
  return 0;
}
