// gen_corpus: a deterministic synthetic corpus of Vietnamese provincial
// documents (notices, reports, decisions, resolutions, plans, letters) as
// JSONL.gz records {"id","title","text"}, built from the samples and vn-legal.
//   gen_corpus --docs N --seed S --out FILE.jsonl.gz [--threads T]
//              [--samples DIR] [--vn-legal FILE] [--queries-out FILE --queries K]
// Document i depends only on (seed, i): the 10k corpus is the prefix of the 100k one.
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <future>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/args.h"
#include "bench/gen/notice.h"
#include "bench/gen/queries.h"

namespace {

using namespace tracuu::bench::gen;

struct Config {
  std::size_t docs = 10000;
  std::uint64_t seed = 1;
  std::string out;
  unsigned threads = 2;
  std::string samples = "data/samples";
  std::string vn_legal = "../shared/datasets/vn-legal/docs.jsonl.gz";
  std::string queries_out;
  std::size_t queries = 1000;
};

void append_json_string(std::string& out, const std::string& s) {
  out.push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
}

// One gzip member holding documents [begin, end); members concatenate into a valid .gz.
std::string make_chunk(const SourcePool& pool, std::uint64_t seed, std::size_t begin, std::size_t end) {
  std::string jsonl;
  for (std::size_t i = begin; i < end; ++i) {
    const GeneratedDoc d = make_document(pool, seed, i);
    jsonl += "{\"id\":";
    append_json_string(jsonl, d.id);
    jsonl += ",\"title\":";
    append_json_string(jsonl, d.title);
    jsonl += ",\"text\":";
    append_json_string(jsonl, d.text);
    jsonl += "}\n";
  }
  z_stream z{};
  if (deflateInit2(&z, 3, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) throw std::runtime_error("zlib init");
  std::string gz(deflateBound(&z, jsonl.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(jsonl.data());
  z.avail_in = static_cast<uInt>(jsonl.size());
  z.next_out = reinterpret_cast<Bytef*>(gz.data());
  z.avail_out = static_cast<uInt>(gz.size());
  if (deflate(&z, Z_FINISH) != Z_STREAM_END) throw std::runtime_error("zlib deflate");
  gz.resize(z.total_out);
  deflateEnd(&z);
  return gz;
}

Config parse(int argc, char** argv) {
  Config c;
  for (tracuu::bench::Args args(argc, argv); args.next();) {
    const std::string a = args.current();
    auto value = [&] { return args.value(); };
    if (a == "--docs")
      c.docs = std::stoull(value());
    else if (a == "--seed")
      c.seed = std::stoull(value());
    else if (a == "--out")
      c.out = value();
    else if (a == "--threads")
      c.threads = static_cast<unsigned>(std::max(1, std::stoi(value())));
    else if (a == "--samples")
      c.samples = value();
    else if (a == "--vn-legal")
      c.vn_legal = value();
    else if (a == "--queries-out")
      c.queries_out = value();
    else if (a == "--queries")
      c.queries = std::stoull(value());
    else
      throw std::runtime_error("unknown option " + a);
  }
  if (c.out.empty() && c.queries_out.empty()) throw std::runtime_error("give --out FILE and/or --queries-out FILE");
  return c;
}

void write_corpus(const Config& c, const SourcePool& pool) {
  std::ofstream out(c.out, std::ios::binary);
  if (!out) throw std::runtime_error("cannot write " + c.out);
  constexpr std::size_t kChunk = 2000;
  std::size_t next = 0;
  while (next < c.docs) {
    std::vector<std::future<std::string>> batch;
    for (unsigned t = 0; t < c.threads && next < c.docs; ++t, next += kChunk)
      batch.push_back(
          std::async(std::launch::async, make_chunk, std::cref(pool), c.seed, next, std::min(c.docs, next + kChunk)));
    for (auto& f : batch) out << f.get();
    std::fprintf(stderr, "\rgen_corpus: %zu/%zu", std::min(next, c.docs), c.docs);
  }
  std::fputc('\n', stderr);
  if (!out.flush()) throw std::runtime_error("write failed: " + c.out);
}

}  // namespace

int main(int argc, char** argv) try {
  const Config c = parse(argc, argv);
  const auto t0 = std::chrono::steady_clock::now();
  const SourcePool pool = load_source_pool(c.samples, c.vn_legal, 100000);
  std::fprintf(stderr, "gen_corpus: pool of %zu notice + %zu legal sentences, %zu subjects, %zu cited numbers\n",
               pool.notice_sentences.size(), pool.legal_sentences.size(), pool.subjects.size(),
               pool.cited_numbers.size());
  if (!c.out.empty()) write_corpus(c, pool);
  if (!c.queries_out.empty()) {
    std::ofstream q(c.queries_out);
    for (const auto& line : make_queries(pool, c.seed, std::min<std::size_t>(c.docs, 10000), c.queries))
      q << line << '\n';
    if (!q.flush()) throw std::runtime_error("write failed: " + c.queries_out);
  }
  std::fprintf(stderr, "gen_corpus: done in %.1f s\n",
               std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "gen_corpus: %s\n", e.what());
  return 2;
}
