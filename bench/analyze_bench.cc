// Analysis throughput, one thread, side by side on the same text:
//   tracuu   text::Analyzer, full two-layer analysis (exact + folded + doc numbers)
//   icu      ICU Transliterator "NFD; [:Nonspacing Mark:] Remove; NFC" + lower case (accent stripping only)
//   xapian   Xapian::TermGenerator indexing into an in-memory Document (no folding)
// Usage: analyze_bench [--repeat N] FILE...   (txt, md, jsonl, jsonl.gz)
#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "bench/corpus_reader.h"
#include "text/tokenizer.h"

namespace {

using Clock = std::chrono::steady_clock;

template <typename F>
double best_seconds(int repeat, F&& f) {
  double best = 1e100;
  for (int i = 0; i < repeat; ++i) {
    const auto t0 = Clock::now();
    f();
    best = std::min(best, std::chrono::duration<double>(Clock::now() - t0).count());
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  constexpr const char* kUsage = "usage: analyze_bench [--repeat N] FILE...   (txt, md, jsonl, jsonl.gz)\n";
  int repeat = 3;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "-h" || a == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (a == "--repeat") {
      if (i + 1 >= argc || std::sscanf(argv[i + 1], "%d", &repeat) != 1 || repeat < 1) {
        std::fprintf(stderr, "analyze_bench: --repeat needs a positive number\n");
        return 2;
      }
      ++i;
    } else if (a.size() > 1 && a[0] == '-') {
      std::fprintf(stderr, "analyze_bench: unknown option %s\n%s", a.c_str(), kUsage);
      return 2;
    } else {
      files.push_back(a);
    }
  }
  if (files.empty()) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  std::vector<std::string> texts;
  std::size_t bytes = 0;
  for (const auto& f : files) {
    try {
      for (auto& d : tracuu::bench::read_bench_docs(f)) {
        bytes += d.text.size();
        texts.push_back(std::move(d.text));
      }
    } catch (const std::exception& e) {
      std::fprintf(stderr, "analyze_bench: %s\n", e.what());
      return 1;
    }
  }
  const double mb = static_cast<double>(bytes) / 1e6;
  std::printf("input: %zu documents, %.1f MB\n", texts.size(), mb);
  std::printf("| analyser | tokens | seconds | MB/s |\n|---|---|---|---|\n");

  std::size_t tokens = 0;
  const double t_tracuu = best_seconds(repeat, [&] {
    tokens = 0;
    tracuu::text::Token t;
    std::size_t sink = 0;
    for (const auto& s : texts) {
      tracuu::text::Analyzer a(s);
      while (a.next(t)) {
        ++tokens;
        sink += t.exact.size() + t.folded.size();
      }
    }
    if (sink == 1) std::puts("");
  });
  std::printf("| tracuu text::Analyzer (exact + folded + docnum) | %zu | %.3f | %.1f |\n", tokens, t_tracuu,
              mb / t_tracuu);

  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> tr(
      icu::Transliterator::createInstance("NFD; [:Nonspacing Mark:] Remove; NFC; Lower", UTRANS_FORWARD, status));
  if (U_FAILURE(status)) {
    std::fprintf(stderr, "ICU transliterator: %s\n", u_errorName(status));
    return 1;
  }
  const double t_icu = best_seconds(repeat, [&] {
    std::size_t sink = 0;
    // Line by line: on a whole 3 MB document the in-place removal of marks is quadratic.
    std::string out;
    for (const auto& s : texts) {
      std::size_t start = 0;
      while (start < s.size()) {
        std::size_t end = s.find('\n', start);
        if (end == std::string::npos) end = s.size();
        icu::UnicodeString u =
            icu::UnicodeString::fromUTF8(icu::StringPiece(s.data() + start, static_cast<int32_t>(end - start)));
        tr->transliterate(u);
        out.clear();
        u.toUTF8String(out);
        sink += out.size();
        start = end + 1;
      }
    }
    if (sink == 1) std::puts("");
  });
  std::printf(
      "| ICU transliterator NFD; [:Nonspacing Mark:] Remove; NFC; Lower, per line (folding only, no tokens) | - | %.3f "
      "| %.1f |\n",
      t_icu, mb / t_icu);

  std::size_t xterms = 0;
  const double t_xapian = best_seconds(repeat, [&] {
    xterms = 0;
    Xapian::TermGenerator tg;
    for (const auto& s : texts) {
      Xapian::Document doc;
      tg.set_document(doc);
      tg.index_text(s);
      xterms += doc.termlist_count();
    }
  });
  std::printf("| Xapian TermGenerator (one layer, no folding) | %zu distinct/doc summed | %.3f | %.1f |\n", xterms,
              t_xapian, mb / t_xapian);
  return 0;
}
