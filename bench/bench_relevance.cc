// bench_relevance: ranking quality on labelled sets, every engine on the same corpus,
// queries as written and without marks.
// ALQAC 2024 (a query is the OR of its words, FACTS.md; tracuu gets them through its library with op=Or):
//   bench_relevance prepare --corpus corpus.jsonl.gz --queries queries.jsonl --out DIR
//       writes DIR/corpus.jsonl (ids "a0001"..., which every engine accepts) and DIR/qrels.tsv
//   bench_relevance run --qrels DIR/qrels.tsv --engine KIND=TARGET [--engine ...] [--limit 100] [--jobs 2]
//       prints one markdown table row per engine (MRR@10, nDCG@10, R@10, R@100, both query forms)
// Judged sets (bench/data/vn-legal-queries.jsonl and the generated sets below; bench/run-relevance runs them):
//   bench_relevance judged --set FILE [--set ...] --engine [LABEL:]KIND=TARGET [--engine ...]
//       [--mode typed|words] [--forms both|written] [--category C ...] [--category-metric mrr10|s1|s3]
//       [--dump FILE.tsv] [--pool FILE.tsv [--pool-depth 5]] [--title TEXT] [--limit 100] [--jobs 2]
//       typed (default): tracuu gets the query as typed, default operator Auto like the portal;
//       the peers the AND of its words, their OR when no document has them all. words: OR of the
//       words for every engine. Prints MRR@10, nDCG@10 (graded), R@10, S@1, S@3 per engine and
//       a table by category; --dump writes per query and form the rank of the first relevant document;
//       --pool lists the unjudged documents in any engine's top 5 (written form), for judging.
//   bench_relevance known-items --vn-legal docs.jsonl.gz --out DIR
//       writes DIR/known-numbers.jsonl and DIR/known-titles.jsonl from vn-legal's metadata
//   bench_relevance prepare-mixed --corpus alqac.jsonl.gz --queries queries.jsonl --vn-legal docs.jsonl.gz --out DIR
//       writes DIR/alqac.jsonl, DIR/alqac-set.jsonl (ALQAC alone) and DIR/mixed-set.jsonl (the
//       same questions over ALQAC + vn-legal, pages holding a judged article verbatim relevant too)
#include <algorithm>
#include <array>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
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
#include "bench/relevance_sets.h"
#include "bench/vn_util.h"

namespace {

using namespace tracuu::bench;

struct Judged {
  std::string qid, query;
  std::set<std::string> relevant;
};

// Writes ALQAC's articles to `out` with the short ASCII ids "a0001"..., which every
// engine accepts; returns original id -> short id.
std::map<std::string, std::string> write_alqac_corpus(const std::string& corpus, const std::string& out) {
  std::map<std::string, std::string> key;
  std::ofstream c(out);
  for_each_bench_doc(corpus, [&](BenchDoc&& d) {
    char id[16];
    std::snprintf(id, sizeof id, "a%04zu", key.size() + 1);
    key[d.id] = id;
    c << nlohmann::json{{"id", id}, {"title", d.title}, {"text", d.text}}.dump() << '\n';
    return true;
  });
  if (!c.flush()) throw std::runtime_error("cannot write " + out);
  return key;
}

// ALQAC's questions with their judged articles, ids as in the corpus file.
struct AlqacQuestion {
  std::string qid, query;
  std::vector<std::string> relevant;
};
std::vector<AlqacQuestion> read_alqac_questions(const std::string& queries) {
  std::ifstream in(queries);
  if (!in) throw std::runtime_error("cannot read " + queries);
  std::vector<AlqacQuestion> out;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    const auto j = nlohmann::json::parse(line);
    AlqacQuestion q{j.at("qid").get<std::string>(), j.at("query").get<std::string>(), {}};
    for (const auto& r : j.at("relevant")) q.relevant.push_back(r.get<std::string>());
    out.push_back(std::move(q));
  }
  return out;
}

int prepare(int argc, char** argv) {
  auto opt = read_options(argc, argv, 2, {"--corpus", "--queries", "--out"});
  const std::string corpus = opt["--corpus"], queries = opt["--queries"], out = opt["--out"];
  auto key = write_alqac_corpus(corpus, out + "/corpus.jsonl");
  std::ofstream q(out + "/qrels.tsv");
  std::size_t n = 0;
  for (const auto& question : read_alqac_questions(queries)) {
    std::vector<std::string> rel;
    for (const auto& r : question.relevant)
      if (key.count(r)) rel.push_back(key[r]);
    std::string text = question.query;
    for (char& ch : text)
      if (ch == '\t' || ch == '\n' || ch == '\r') ch = ' ';
    q << question.qid << '\t' << text << '\t' << join(rel, ",") << '\n';
    ++n;
  }
  if (!q.flush()) throw std::runtime_error("cannot write into " + out);
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

// ---- judged sets (bench/data/vn-legal-queries.jsonl, the known-item and mixed-corpus sets)

// "label:kind=target" or "kind=target" (the label is then the kind).
struct EngineSpec {
  std::string label, kind, target;
};
EngineSpec parse_spec(const std::string& spec) {
  const auto eq = spec.find('=');
  EngineSpec e;
  std::string head = spec.substr(0, eq);
  e.target = eq == std::string::npos ? "" : spec.substr(eq + 1);
  const auto colon = head.find(':');
  e.kind = colon == std::string::npos ? head : head.substr(colon + 1);
  e.label = colon == std::string::npos ? head : head.substr(0, colon);
  return e;
}

struct JudgedOptions {
  bool typed = true;       // the query as typed (tracuu: its Auto operator); false: OR of the words
  bool both_forms = true;  // also the query without marks
  std::size_t limit = 100, jobs = 2;
  std::string cat_metric = "mrr10";  // per-category table: mrr10, s1 or s3
  std::string dump, title = "judged set";
  std::string pool;  // unjudged documents in any engine's top pool_depth, to be judged
  std::size_t pool_depth = 5;
};

// The query of form 0 (as written) or 1 (without marks).
std::string form_text(const JudgedQuery& q, int form) {
  return form == 0 ? q.query : strip_marks(q.query);
}

struct EngineRuns {
  std::string error;                                            // the engine could not be opened
  std::vector<std::array<std::vector<std::string>, 2>> ranked;  // per query, per form
  std::size_t failed = 0;
  std::string first_failure;
};

std::vector<EngineRuns> run_judged(const std::vector<EngineSpec>& engines, const std::vector<JudgedQuery>& set,
                                   const JudgedOptions& opt) {
  std::vector<EngineRuns> runs(engines.size());
  for (auto& r : runs) r.ranked.resize(set.size());
  std::mutex mu;
  std::atomic<std::size_t> next{0};
  const std::size_t tasks = engines.size() * set.size();
  auto worker = [&] {
    std::map<std::size_t, std::unique_ptr<Engine>> open;  // one engine object per thread
    for (std::size_t t; (t = next++) < tasks;) {
      const std::size_t e = t % engines.size(), q = t / engines.size();
      auto& run = runs[e];
      {
        std::lock_guard lock(mu);
        if (!run.error.empty()) continue;
      }
      if (!open.count(e)) {
        try {
          open[e] = open_engine(engines[e].kind, engines[e].target);
        } catch (const std::exception& ex) {
          std::lock_guard lock(mu);
          run.error = ex.what();
          continue;
        }
      }
      for (int form = 0; form < (opt.both_forms ? 2 : 1); ++form) {
        const std::string text = form_text(set[q], form);
        std::vector<std::string> ids;
        try {
          ids =
              opt.typed ? open[e]->search_typed(text, opt.limit) : open[e]->search(text, QueryMode::AnyWord, opt.limit);
        } catch (const std::exception& ex) {
          std::lock_guard lock(mu);
          if (!run.failed++) run.first_failure = set[q].qid + ": " + ex.what();
        }
        run.ranked[q][static_cast<std::size_t>(form)] = std::move(ids);
      }
    }
  };
  std::vector<std::thread> threads;
  for (std::size_t w = 0; w < std::max<std::size_t>(1, std::min(opt.jobs, tasks)); ++w) threads.emplace_back(worker);
  for (auto& th : threads) th.join();
  return runs;
}

double category_metric(const MetricSums& m, const std::string& metric) {
  if (metric == "s1") return m.mean(m.success1);
  if (metric == "s3") return m.mean(m.success3);
  return m.mean(m.mrr10);
}

// The pool of a set (TREC's practice): per query, the unjudged documents that some
// engine ranks in its top `pool_depth` for the written form, with the engines that do,
// so that a judge can read them; no engine's ranking decides a grade.
void write_pool(const std::vector<EngineSpec>& engines, const std::vector<JudgedQuery>& set,
                const std::vector<EngineRuns>& runs, const JudgedOptions& opt) {
  std::ofstream out(opt.pool);
  out << "qid\tquery\tunjudged id\tengines (rank)\n";
  for (std::size_t q = 0; q < set.size(); ++q) {
    std::map<std::string, std::string> seen;  // id -> "engine (rank)" list
    for (std::size_t e = 0; e < engines.size(); ++e) {
      if (!runs[e].error.empty()) continue;
      const auto& top = runs[e].ranked[q][0];
      for (std::size_t i = 0; i < std::min(opt.pool_depth, top.size()); ++i)
        if (!set[q].relevant.count(top[i]))
          seen[top[i]] += (seen[top[i]].empty() ? "" : ", ") + engines[e].label + " (" + std::to_string(i + 1) + ")";
    }
    for (const auto& [id, who] : seen) out << set[q].qid << '\t' << set[q].query << '\t' << id << '\t' << who << '\n';
  }
  if (!out.flush()) throw std::runtime_error("cannot write " + opt.pool);
}

void report_judged(const std::vector<EngineSpec>& engines, const std::vector<JudgedQuery>& set,
                   const std::vector<EngineRuns>& runs, const JudgedOptions& opt) {
  const int forms = opt.both_forms ? 2 : 1;
  std::vector<std::string> categories;
  for (const auto& q : set)
    if (std::find(categories.begin(), categories.end(), q.category) == categories.end())
      categories.push_back(q.category);
  std::map<std::string, std::size_t> per_category;
  for (const auto& q : set) ++per_category[q.category];

  std::printf("#### %s: %zu queries%s\n\n", opt.title.c_str(), set.size(),
              opt.both_forms ? ", as written and without marks" : "");
  std::printf("| engine | MRR@10 | nDCG@10 | R@10 | S@1 | S@3 |");
  if (forms == 2) std::printf(" MRR@10 unmarked | nDCG@10 unmarked | R@10 unmarked | S@1 unmarked | S@3 unmarked |");
  std::printf("\n|---|---|---|---|---|---|%s\n", forms == 2 ? "---|---|---|---|---|" : "");
  // sums[engine][form][category], "" = all
  std::vector<std::array<std::map<std::string, MetricSums>, 2>> sums(engines.size());
  for (std::size_t e = 0; e < engines.size(); ++e) {
    if (!runs[e].error.empty()) {
      std::printf("| %s | n/a: %.200s |\n", engines[e].label.c_str(), runs[e].error.c_str());
      continue;
    }
    for (std::size_t q = 0; q < set.size(); ++q)
      for (int f = 0; f < forms; ++f) {
        const auto& ranked = runs[e].ranked[q][static_cast<std::size_t>(f)];
        sums[e][static_cast<std::size_t>(f)][""].add(ranked, set[q].relevant);
        sums[e][static_cast<std::size_t>(f)][set[q].category].add(ranked, set[q].relevant);
      }
    std::printf("| %s |", engines[e].label.c_str());
    for (int f = 0; f < forms; ++f) {
      const auto& m = sums[e][static_cast<std::size_t>(f)][""];
      std::printf(" %.3f | %.3f | %.3f | %.3f | %.3f |", m.mean(m.mrr10), m.mean(m.ndcg10), m.mean(m.recall10),
                  m.mean(m.success1), m.mean(m.success3));
    }
    std::printf("\n");
    if (runs[e].failed)
      std::fprintf(stderr, "bench_relevance: %s: %zu failed queries, first: %s\n", engines[e].label.c_str(),
                   runs[e].failed, runs[e].first_failure.c_str());
  }
  if (categories.size() > 1) {
    const char* name = opt.cat_metric == "s1" ? "S@1" : opt.cat_metric == "s3" ? "S@3" : "MRR@10";
    std::printf("\n%s by category%s:\n\n| category | queries |", name,
                forms == 2 ? " (as written / without marks)" : "");
    for (const auto& e : engines) std::printf(" %s |", e.label.c_str());
    std::printf("\n|---|---|");
    for (std::size_t e = 0; e < engines.size(); ++e) std::printf("---|");
    std::printf("\n");
    for (const auto& c : categories) {
      std::printf("| %s | %zu |", c.c_str(), per_category[c]);
      for (std::size_t e = 0; e < engines.size(); ++e) {
        if (!runs[e].error.empty()) {
          std::printf(" n/a |");
          continue;
        }
        std::printf(" %.3f", category_metric(sums[e][0][c], opt.cat_metric));
        if (forms == 2) std::printf(" / %.3f", category_metric(sums[e][1][c], opt.cat_metric));
        std::printf(" |");
      }
      std::printf("\n");
    }
  }
  std::printf("\n");
  if (!opt.pool.empty()) write_pool(engines, set, runs, opt);
  if (opt.dump.empty()) return;
  // Per query and form: the rank of the first relevant document for each engine (- when
  // not in the top `limit`), then the first engine's top 3 (* marks a relevant one).
  std::ofstream d(opt.dump);
  d << "qid\tcategory\tform\tquery";
  for (const auto& e : engines) d << '\t' << e.label;
  d << "\ttop3 " << engines.front().label << '\n';
  for (std::size_t q = 0; q < set.size(); ++q)
    for (int f = 0; f < forms; ++f) {
      d << set[q].qid << '\t' << set[q].category << '\t' << (f == 0 ? "written" : "unmarked") << '\t'
        << form_text(set[q], f);
      for (std::size_t e = 0; e < engines.size(); ++e) {
        const std::size_t r = runs[e].error.empty()
                                  ? first_relevant_rank(runs[e].ranked[q][static_cast<std::size_t>(f)], set[q].relevant)
                                  : 0;
        d << '\t' << (r ? std::to_string(r) : "-");
      }
      d << '\t';
      const auto& top = runs.front().ranked[q][static_cast<std::size_t>(f)];
      for (std::size_t i = 0; i < std::min<std::size_t>(3, top.size()); ++i)
        d << (i ? " " : "") << top[i] << (set[q].relevant.count(top[i]) ? "*" : "");
      d << '\n';
    }
  if (!d.flush()) throw std::runtime_error("cannot write " + opt.dump);
}

int judged(int argc, char** argv) {
  std::vector<std::string> sets, categories;
  std::vector<EngineSpec> engines;
  JudgedOptions opt;
  for (Args args(argc, argv, 2); args.next();) {
    const std::string a = args.current();
    if (a == "--set")
      sets.push_back(args.value());
    else if (a == "--engine")
      engines.push_back(parse_spec(args.value()));
    else if (a == "--category")
      categories.push_back(args.value());
    else if (a == "--forms") {
      const std::string v = args.value();
      if (v != "both" && v != "written") throw std::runtime_error("--forms both|written");
      opt.both_forms = v == "both";
    } else if (a == "--mode") {
      const std::string v = args.value();
      if (v != "typed" && v != "words") throw std::runtime_error("--mode typed|words");
      opt.typed = v == "typed";
    } else if (a == "--category-metric")
      opt.cat_metric = args.value();
    else if (a == "--dump")
      opt.dump = args.value();
    else if (a == "--pool")
      opt.pool = args.value();
    else if (a == "--pool-depth")
      opt.pool_depth = std::stoull(args.value());
    else if (a == "--title")
      opt.title = args.value();
    else if (a == "--limit")
      opt.limit = std::stoull(args.value());
    else if (a == "--jobs")
      opt.jobs = std::max<std::size_t>(1, std::stoull(args.value()));
    else
      throw std::runtime_error("unknown option " + a);
  }
  if (sets.empty() || engines.empty()) throw std::runtime_error("give --set FILE and --engine KIND=TARGET");
  std::vector<JudgedQuery> set;
  for (const auto& path : sets)
    for (auto& q : read_judged_set(path))
      if (categories.empty() || std::find(categories.begin(), categories.end(), q.category) != categories.end())
        set.push_back(std::move(q));
  if (set.empty()) throw std::runtime_error("no queries (check --category)");
  report_judged(engines, set, run_judged(engines, set, opt), opt);
  return 0;
}

int known_items(int argc, char** argv) {
  auto opt = read_options(argc, argv, 2, {"--vn-legal", "--out"});
  const std::string vn_legal = opt["--vn-legal"], out = opt["--out"];
  if (vn_legal.empty() || out.empty()) throw std::runtime_error("give --vn-legal docs.jsonl.gz --out DIR");
  const auto sets = make_known_item_sets(vn_legal);
  write_judged_set(out + "/known-numbers.jsonl",
                   "Generated by bench_relevance known-items from vn-legal's metadata, not judged by hand: every "
                   "document with a number (so_hieu) queried by each spelling of it; relevant = the document and its "
                   "copies (documents holding the same number in metadata or as the number their title opens with). "
                   "Goal: first place.",
                   sets.numbers);
  write_judged_set(
      out + "/known-titles.jsonl",
      "Generated by bench_relevance known-items from vn-legal's titles, not judged by hand: every document "
      "whose title is more than its number, queried by the title without marks; relevant = the document, "
      "its copies and documents with the same title. Goal: top 3.",
      sets.titles);
  write_judged_set(out + "/known-shared-numbers.jsonl",
                   "Generated by bench_relevance known-items from vn-legal's metadata, not judged by hand: type + "
                   "number + year spellings that name documents of several issuers (\"thông tư 30/2026\"); relevant "
                   "= every document the spelling names. Goal: one of them first and all of them on top.",
                   sets.shared_numbers);
  std::fprintf(stderr, "bench_relevance: %zu number queries (%zu naming several documents), %zu title queries -> %s\n",
               sets.numbers.size(), sets.shared_numbers.size(), sets.titles.size(), out.c_str());
  return 0;
}

// The mixed corpus: ALQAC's articles plus vn-legal's pages. A page that holds a
// judged article verbatim answers its question too.
int prepare_mixed(int argc, char** argv) {
  auto opt = read_options(argc, argv, 2, {"--corpus", "--queries", "--vn-legal", "--out"});
  const std::string corpus = opt["--corpus"], queries = opt["--queries"], vn_legal = opt["--vn-legal"],
                    out = opt["--out"];
  if (corpus.empty() || queries.empty() || vn_legal.empty() || out.empty())
    throw std::runtime_error("give --corpus --queries --vn-legal --out");
  const auto key = write_alqac_corpus(corpus, out + "/alqac.jsonl");
  std::map<std::string, std::size_t> passage;  // short id -> passage index
  VerbatimFinder finder;
  for_each_bench_doc(out + "/alqac.jsonl", [&](BenchDoc&& d) {
    passage[d.id] = finder.add_passage(d.text);
    return true;
  });
  std::map<std::size_t, std::vector<std::string>> pages;  // passage -> vn-legal ids holding it
  for_each_bench_doc(vn_legal, [&](BenchDoc&& d) {
    for (auto p : finder.passages_in(d.text)) pages[p].push_back(d.id);
    return true;
  });
  std::vector<JudgedQuery> alone, mixed;
  std::size_t judged_articles = 0, verbatim_articles = 0, with_pages = 0;
  for (const auto& q : read_alqac_questions(queries)) {
    JudgedQuery a{q.qid, q.query, "alqac-only", {}};
    for (const auto& r : q.relevant)
      if (const auto it = key.find(r); it != key.end()) a.relevant[it->second] = 1;
    JudgedQuery m = a;
    for (const auto& [id, g] : a.relevant) {
      ++judged_articles;
      const auto& holders = pages[passage.at(id)];
      if (!holders.empty()) ++verbatim_articles;
      for (const auto& page : holders) m.relevant[page] = 1;
    }
    if (m.relevant.size() > a.relevant.size()) {
      ++with_pages;
      a.category = m.category = "in-vn-legal";
    }
    alone.push_back(std::move(a));
    mixed.push_back(std::move(m));
  }
  const std::string rule =
      "Generated by bench_relevance prepare-mixed: ALQAC 2024's judgments; in the mixed set a vn-legal page also "
      "counts as relevant when it holds a judged article verbatim (at least 80 % of the article's distinct 8-word "
      "shingles, words lower-cased, punctuation ignored; articles of fewer than 12 shingles match no page). Category "
      "in-vn-legal: a judged article is in some page.";
  write_judged_set(out + "/alqac-set.jsonl", rule, alone);
  write_judged_set(out + "/mixed-set.jsonl", rule, mixed);
  std::fprintf(stderr,
               "bench_relevance: %zu questions; %zu of %zu judged articles are verbatim in a vn-legal page; %zu "
               "questions gain a relevant page -> %s\n",
               alone.size(), verbatim_articles, judged_articles, with_pages, out.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) try {
  const std::string cmd = argc > 1 ? argv[1] : "";
  if (cmd == "prepare") return prepare(argc, argv);
  if (cmd == "run") return run(argc, argv);
  if (cmd == "judged") return judged(argc, argv);
  if (cmd == "known-items") return known_items(argc, argv);
  if (cmd == "prepare-mixed") return prepare_mixed(argc, argv);
  std::fprintf(
      stderr,
      "usage: bench_relevance prepare|run|judged|known-items|prepare-mixed ... (see bench/bench_relevance.cc)\n");
  return 2;
} catch (const std::exception& e) {
  std::fprintf(stderr, "bench_relevance: %s\n", e.what());
  return 2;
}
