// bench_relevance: ranking quality on a labelled set (ALQAC 2024), every engine
// on the same corpus and the same words, queries as written and without marks.
//   bench_relevance prepare --corpus corpus.jsonl.gz --queries queries.jsonl --out DIR
//       writes DIR/corpus.jsonl (ids "a0001"..., which every engine accepts) and DIR/qrels.tsv
//   bench_relevance run --qrels DIR/qrels.tsv --engine KIND=TARGET [--engine ...] [--limit 100] [--jobs 2]
//       prints one markdown table row per engine (MRR@10, nDCG@10, R@10, R@100, both query forms)
// A query is the OR of its words (FACTS.md); tracuu gets them through its library with op=Or.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "bench/args.h"
#include "bench/corpus_reader.h"
#include "bench/engines/engine.h"
#include "bench/metrics.h"
#include "bench/vn_util.h"

namespace {

using namespace tracuu::bench;

struct Judged {
  std::string qid, query;
  std::set<std::string> relevant;
};

int prepare(int argc, char** argv) {
  std::string corpus, queries, out;
  for (Args args(argc, argv, 2); args.next();) {
    const std::string a = args.current();
    if (a == "--corpus")
      corpus = args.value();
    else if (a == "--queries")
      queries = args.value();
    else if (a == "--out")
      out = args.value();
    else
      throw std::runtime_error("unknown option " + a);
  }
  std::map<std::string, std::string> key;  // original id -> short ASCII id
  std::ofstream c(out + "/corpus.jsonl");
  for_each_bench_doc(corpus, [&](BenchDoc&& d) {
    char id[16];
    std::snprintf(id, sizeof id, "a%04zu", key.size() + 1);
    key[d.id] = id;
    c << nlohmann::json{{"id", id}, {"title", d.title}, {"text", d.text}}.dump() << '\n';
    return true;
  });
  std::ifstream in(queries);
  if (!in) throw std::runtime_error("cannot read " + queries);
  std::ofstream q(out + "/qrels.tsv");
  std::size_t n = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    const auto j = nlohmann::json::parse(line);
    std::vector<std::string> rel;
    for (const auto& r : j.at("relevant"))
      if (key.count(r.get<std::string>())) rel.push_back(key[r.get<std::string>()]);
    std::string text = j.at("query").get<std::string>();
    for (char& ch : text)
      if (ch == '\t' || ch == '\n' || ch == '\r') ch = ' ';
    q << j.at("qid").get<std::string>() << '\t' << text << '\t' << join(rel, ",") << '\n';
    ++n;
  }
  if (!c.flush() || !q.flush()) throw std::runtime_error("cannot write into " + out);
  std::fprintf(stderr, "bench_relevance: %zu documents, %zu queries -> %s\n", key.size(), n, out.c_str());
  return 0;
}

std::vector<Judged> read_qrels(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path + " (run `bench_relevance prepare` first)");
  std::vector<Judged> out;
  for (std::string line; std::getline(in, line);) {
    std::istringstream fields(line);
    Judged j;
    std::string rel;
    std::getline(fields, j.qid, '\t');
    std::getline(fields, j.query, '\t');
    std::getline(fields, rel, '\t');
    std::istringstream ids(rel);
    for (std::string id; std::getline(ids, id, ',');) j.relevant.insert(id);
    out.push_back(std::move(j));
  }
  return out;
}

struct Scores {
  MetricSums written, unaccented;
  std::size_t errors = 0;
  std::string first_error;
};

Scores evaluate(Engine& engine, const std::vector<Judged>& judged, std::size_t limit) {
  Scores s;
  for (const auto& j : judged) {
    for (int form = 0; form < 2; ++form) {
      std::vector<std::string> ranked;
      try {
        ranked = engine.search(form == 0 ? j.query : strip_marks(j.query), QueryMode::AnyWord, limit);
      } catch (const std::exception& e) {
        if (s.first_error.empty()) s.first_error = e.what();
        ++s.errors;
      }
      (form == 0 ? s.written : s.unaccented).add(ranked, j.relevant);
    }
  }
  return s;
}

// One table row for engine `spec` ("kind=target"); never throws.
std::string evaluate_row(const std::string& spec, const std::vector<Judged>& judged, std::size_t limit) {
  const auto eq = spec.find('=');
  const std::string kind = spec.substr(0, eq), target = eq == std::string::npos ? "" : spec.substr(eq + 1);
  char row[512];
  try {
    auto engine = open_engine(kind, target);
    const Scores s = evaluate(*engine, judged, limit);
    if (s.errors == 2 * judged.size()) throw std::runtime_error(s.first_error);
    const auto& w = s.written;
    const auto& u = s.unaccented;
    const double loss = w.mrr10 > 0 ? 100.0 * (1.0 - u.mrr10 / w.mrr10) : 0;
    std::snprintf(row, sizeof row, "| %s | %zu | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.1f %% |",
                  kind.c_str(), w.queries, w.mean(w.mrr10), w.mean(w.ndcg10), w.mean(w.recall10), w.mean(w.recall100),
                  u.mean(u.mrr10), u.mean(u.ndcg10), u.mean(u.recall10), u.mean(u.recall100), loss);
    if (s.errors)
      std::fprintf(stderr, "bench_relevance: %s: %zu failed queries, first: %s\n", kind.c_str(), s.errors,
                   s.first_error.c_str());
  } catch (const std::exception& e) {
    std::snprintf(row, sizeof row, "| %s | n/a: %.300s | | | | | | | | | |", kind.c_str(), e.what());
  }
  return row;
}

int run(int argc, char** argv) {
  std::string qrels;
  std::vector<std::string> specs;
  std::size_t limit = 100, jobs = 2;
  for (Args args(argc, argv, 2); args.next();) {
    const std::string a = args.current();
    if (a == "--qrels")
      qrels = args.value();
    else if (a == "--engine")
      specs.push_back(args.value());
    else if (a == "--limit")
      limit = std::stoull(args.value());
    else if (a == "--jobs")
      jobs = std::max<std::size_t>(1, std::stoull(args.value()));
    else
      throw std::runtime_error("unknown option " + a);
  }
  const auto judged = read_qrels(qrels);
  // Engines run side by side (`jobs` at a time): relevance does not depend on speed.
  // Last first: the harness lists the slow servers (PostgreSQL ranking every match) last.
  std::vector<std::string> rows(specs.size());
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> workers;
  for (std::size_t w = 0; w < std::min(jobs, specs.size()); ++w)
    workers.emplace_back([&] {
      for (std::size_t k; (k = next++) < specs.size();) {
        const std::size_t i = specs.size() - 1 - k;
        rows[i] = evaluate_row(specs[i], judged, limit);
      }
    });
  for (auto& t : workers) t.join();
  std::printf(
      "| engine | queries | MRR@10 | nDCG@10 | R@10 | R@100 | MRR@10 unaccented | nDCG@10 unaccented | R@10 unaccented "
      "| R@100 unaccented | MRR@10 lost unaccented |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|---|---|\n");
  for (const auto& r : rows) std::printf("%s\n", r.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) try {
  const std::string cmd = argc > 1 ? argv[1] : "";
  if (cmd == "prepare") return prepare(argc, argv);
  if (cmd == "run") return run(argc, argv);
  std::fprintf(stderr, "usage: bench_relevance prepare|run ... (see bench/bench_relevance.cc)\n");
  return 2;
} catch (const std::exception& e) {
  std::fprintf(stderr, "bench_relevance: %s\n", e.what());
  return 2;
}
