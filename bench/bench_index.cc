// bench_index: writes one peer's index from JSONL(.gz)/txt inputs and reports
// what it cost, as one key=value line (bench/run adds wall time and peak RSS
// from /usr/bin/time, the same way for every engine, tracuu included).
//   bench_index --engine xapian|sqlite|postgres --target PATH|CONNINFO [--config-dir DIR] INPUT...
//   bench_index --stats INPUT...       documents and bytes of title+text (the "MB" of every table)
//   bench_index --xmlpipe2 INPUT...    the inputs as a Sphinx xmlpipe2 stream on stdout
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/args.h"
#include "bench/corpus_reader.h"
#include "bench/engines/engine.h"

namespace {

using tracuu::bench::BenchDoc;

// XML text: markup characters escaped, characters XML 1.0 forbids dropped.
void append_xml(std::string& out, const std::string& s) {
  for (unsigned char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default:
        if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') out.push_back(static_cast<char>(c));
    }
  }
}

void write_xmlpipe2(const std::vector<std::string>& inputs) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sphinx:docset>\n<sphinx:schema>\n"
      "<sphinx:field name=\"title\" attr=\"string\"/>\n<sphinx:field name=\"content\"/>\n"
      "<sphinx:attr name=\"xid\" type=\"string\"/>\n</sphinx:schema>\n";
  std::size_t n = 0;
  for (const auto& in : inputs) {
    tracuu::bench::for_each_bench_doc(in, [&](BenchDoc&& d) {
      out += "<sphinx:document id=\"" + std::to_string(++n) + "\"><xid>";
      append_xml(out, d.id);
      out += "</xid><title>";
      append_xml(out, d.title);
      out += "</title><content>";
      append_xml(out, d.text);
      out += "</content></sphinx:document>\n";
      if (out.size() > (4u << 20)) {
        std::fwrite(out.data(), 1, out.size(), stdout);
        out.clear();
      }
      return true;
    });
  }
  out += "</sphinx:docset>\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
}

}  // namespace

int main(int argc, char** argv) try {
  std::string engine, target, config_dir = "bench/peers";
  bool stats = false, xmlpipe2 = false;
  std::vector<std::string> inputs;
  for (tracuu::bench::Args args(argc, argv); args.next();) {
    const std::string a = args.current();
    if (a == "--engine")
      engine = args.value();
    else if (a == "--target")
      target = args.value();
    else if (a == "--config-dir")
      config_dir = args.value();
    else if (a == "--stats")
      stats = true;
    else if (a == "--xmlpipe2")
      xmlpipe2 = true;
    else if (a.rfind("--", 0) == 0)
      throw std::runtime_error("unknown option " + a);
    else
      inputs.push_back(a);
  }
  if (inputs.empty()) throw std::runtime_error("no inputs (usage in bench/bench_index.cc)");
  if (xmlpipe2) {
    write_xmlpipe2(inputs);
    return 0;
  }
  const auto t0 = std::chrono::steady_clock::now();
  std::unique_ptr<tracuu::bench::IndexWriter> writer;
  if (!stats) {
    if (engine.empty() || target.empty()) throw std::runtime_error("give --engine and --target, or --stats");
    writer = tracuu::bench::open_writer(engine, target, config_dir);
  }
  std::size_t docs = 0;
  std::uint64_t bytes = 0;
  for (const auto& in : inputs) {
    tracuu::bench::for_each_bench_doc(in, [&](BenchDoc&& d) {
      ++docs;
      bytes += d.title.size() + d.text.size();
      if (writer) writer->add(d);
      return true;
    });
  }
  const std::uint64_t index_bytes = writer ? writer->finish() : 0;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("engine=%s docs=%zu input_bytes=%llu seconds=%.3f index_bytes=%llu server_rss_kib=%llu\n",
              stats ? "stats" : engine.c_str(), docs, static_cast<unsigned long long>(bytes), seconds,
              static_cast<unsigned long long>(index_bytes),
              static_cast<unsigned long long>(writer ? writer->server_peak_rss_kib() : 0));
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "bench_index: %s\n", e.what());
  return 2;
}
