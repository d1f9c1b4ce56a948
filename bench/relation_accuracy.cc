// Relation accuracy: the typed citations the extractor finds against a hand-checked
// table (bench/data/relations.jsonl, judging rule on its first line), the recall of
// `basis` against vn-legal's meta.can_cu_phap_ly, and validity against the status
// vn-legal's metadata tables state.
//
// Usage: relation_accuracy [--misses] RELATIONS.jsonl VN-LEGAL.jsonl[.gz] SAMPLES_DIR
//
// A relation is (source document, target number key, type, acting number key when
// another document acts); the extractor's relations of a source are every relation
// of its citations. Precision is counted on the sources labelled exhaustively,
// recall on every labelled row. Two runs: the text alone (rows whose statement is in
// the metadata table are left out), and text with the table.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "indexer/ingest/ingest.h"
#include "schema/relation.h"
#include "schema/validity.h"
#include "text/docnum.h"
#include "text/docnum_parse.h"

namespace {

namespace fs = std::filesystem;
using tracuu::indexer::RawDoc;
namespace schema = tracuu::schema;
namespace text = tracuu::text;

using Key = std::tuple<std::string, std::string, std::string, std::string>;  // source, target, type, by

struct Gold {
  Key key;
  std::string date, scope, where;
  bool partial = false;
};

struct Counts {
  std::size_t gold = 0, found = 0, extracted = 0, correct = 0;
};

std::string key_of(const std::string& number, const text::Abbreviations& ab) {
  const auto dn = text::parse_doc_number(number, ab);
  return dn ? dn->key : number;
}

std::string str(const nlohmann::json& j, const char* k) {
  const auto it = j.find(k);
  return it == j.end() || !it->is_string() ? std::string() : it->get<std::string>();
}

std::vector<Gold> read_gold(const fs::path& path, const text::Abbreviations& ab) {
  std::vector<Gold> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.contains("source")) continue;  // the rule line
    Gold g;
    const std::string by = str(j, "by");
    g.key = {str(j, "source"), key_of(str(j, "target"), ab), str(j, "type"), by.empty() ? "" : key_of(by, ab)};
    g.date = str(j, "date");
    g.scope = str(j, "scope");
    g.where = str(j, "where");
    g.partial = j.value("partial", false);
    out.push_back(std::move(g));
  }
  return out;
}

struct Extracted {
  std::map<Key, std::string> relations;  // -> effective date
  std::set<std::string> sources;         // documents read
};

void add_record(const schema::DocRecord& r, Extracted& e) {
  e.sources.insert(r.id);
  for (const auto& c : r.citations)
    for (const auto& rel : c.relations)
      e.relations.emplace(Key{r.id, c.key, rel.type, rel.by.value_or("")}, rel.effective_date.value_or(""));
}

// The labelled relations that give an effective date, and how many of them `e` dates right.
std::pair<std::size_t, std::size_t> dates_right(const std::vector<Gold>& gold, const Extracted& e, bool with_table) {
  std::size_t dated = 0, right = 0;
  std::set<Key> seen;
  for (const auto& g : gold) {
    if ((!with_table && g.where == "table") || g.date.empty() || !seen.insert(g.key).second) continue;
    ++dated;
    const auto it = e.relations.find(g.key);
    if (it != e.relations.end() && it->second == g.date) ++right;
  }
  return {right, dated};
}

// Scores one run: per type, precision over exhaustively labelled sources, recall over every row.
void score(const std::vector<Gold>& gold, const Extracted& e, bool with_table, bool misses) {
  std::set<std::string> exhaustive;
  for (const auto& g : gold)
    if (!g.partial) exhaustive.insert(std::get<0>(g.key));
  std::map<std::string, Counts> by_type;
  std::set<Key> gold_keys;
  for (const auto& g : gold) {
    if (!with_table && g.where == "table") continue;
    if (!gold_keys.insert(g.key).second) continue;  // a relation stated twice (table and text) counts once
    auto& c = by_type[std::get<2>(g.key)];
    ++c.gold;
    const auto it = e.relations.find(g.key);
    if (it != e.relations.end()) ++c.found;
    if (misses && it == e.relations.end())
      std::printf("    missed %s -> %s %s%s\n", std::get<0>(g.key).c_str(), std::get<1>(g.key).c_str(),
                  std::get<2>(g.key).c_str(), std::get<3>(g.key).empty() ? "" : (" by " + std::get<3>(g.key)).c_str());
  }
  for (const auto& [k, date] : e.relations) {
    if (!exhaustive.count(std::get<0>(k))) continue;
    auto& c = by_type[std::get<2>(k)];
    ++c.extracted;
    if (gold_keys.count(k)) ++c.correct;
    if (misses && !gold_keys.count(k))
      std::printf("    wrong  %s -> %s %s%s\n", std::get<0>(k).c_str(), std::get<1>(k).c_str(), std::get<2>(k).c_str(),
                  std::get<3>(k).empty() ? "" : (" by " + std::get<3>(k)).c_str());
  }
  std::printf("| type | labelled | found | precision | recall |\n|---|---:|---:|---:|---:|\n");
  Counts all;
  for (const auto& [type, c] : by_type) {
    std::printf("| %s | %zu | %zu | %.1f%% (%zu/%zu) | %.1f%% |\n", type.c_str(), c.gold, c.found,
                c.extracted ? 100.0 * c.correct / c.extracted : 0.0, c.correct, c.extracted,
                c.gold ? 100.0 * c.found / c.gold : 0.0);
    all.gold += c.gold, all.found += c.found, all.extracted += c.extracted, all.correct += c.correct;
  }
  std::printf("| all | %zu | %zu | %.1f%% (%zu/%zu) | %.1f%% |\n", all.gold, all.found,
              all.extracted ? 100.0 * all.correct / all.extracted : 0.0, all.correct, all.extracted,
              all.gold ? 100.0 * all.found / all.gold : 0.0);
  const auto [dated_right, dated] = dates_right(gold, e, with_table);
  std::printf("\neffective dates of the labelled relations that give one: %zu of %zu right\n", dated_right, dated);
}

// meta.can_cu_phap_ly: the numbers it names, against the `basis` relations the text gives.
void basis_recall(const std::vector<std::pair<RawDoc, schema::DocRecord>>& docs, const text::Abbreviations& ab) {
  std::size_t docs_with = 0, named = 0, found = 0;
  for (const auto& [raw, r] : docs) {
    const auto meta = raw.given.find("meta");
    if (meta == raw.given.end() || !meta->is_object() || !meta->contains("can_cu_phap_ly")) continue;
    std::string value;
    const auto& v = meta->at("can_cu_phap_ly");
    if (v.is_string()) value = v.get<std::string>();
    if (v.is_array())
      for (const auto& x : v)
        if (x.is_string()) value += x.get<std::string>() + "; ";
    ++docs_with;
    std::set<std::string> keys;
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (value[i] < '0' || value[i] > '9' || (i > 0 && value[i - 1] >= '0' && value[i - 1] <= '9')) continue;
      text::DocNumber dn;
      if (const std::size_t n = text::match_doc_number(value, i, dn)) keys.insert(dn.key), i += n - 1;
    }
    std::set<std::string> basis;
    for (const auto& c : r.citations)
      for (const auto& rel : c.relations)
        if (rel.type == "basis" && !rel.by && rel.source == "text") basis.insert(c.key);
    named += keys.size();
    for (const auto& k : keys) found += basis.count(k);
  }
  (void)ab;
  std::printf(
      "%zu documents with can_cu_phap_ly naming %zu numbers; `basis` from the text (table rows left out) "
      "finds %zu (recall %.1f%%)\n",
      docs_with, named, found, named ? 100.0 * found / named : 0.0);
}

// Validity at the snapshot date against the status vn-legal's tables state, from the text alone.
void validity_accuracy(const std::vector<std::pair<RawDoc, schema::DocRecord>>& docs, const std::string& as_of) {
  std::map<std::string, std::map<std::string, std::size_t>> confusion;
  std::size_t stated = 0, right = 0;
  for (const auto& [raw, r] : docs) {
    const auto meta = raw.given.find("meta");
    if (meta == raw.given.end() || !meta->is_object()) continue;
    std::string status;
    for (const char* k : {"tinh_trang_hieu_luc", "hieu_luc"})
      if (meta->contains(k) && meta->at(k).is_string() && status.empty()) status = meta->at(k).get<std::string>();
    const auto truth = schema::parse_validity(status);
    if (!truth) continue;
    ++stated;
    const auto got = schema::validity_at(schema::validity_dates(schema::facts_of(r)), as_of);
    confusion[std::string(schema::validity_code(*truth))][std::string(schema::validity_code(got))]++;
    if (got == *truth) ++right;
  }
  std::printf("validity at %s from the text alone, against the %zu stated statuses: %zu right (%.1f%%)\n",
              as_of.c_str(), stated, right, stated ? 100.0 * right / stated : 0.0);
  for (const auto& [t, row] : confusion) {
    std::printf("  stated %-9s ->", t.c_str());
    for (const auto& [g, n] : row) std::printf(" %s %zu;", g.c_str(), n);
    std::printf("\n");
  }
}

}  // namespace

int main(int argc, char** argv) {
  bool misses = false;
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--misses")
      misses = true;
    else
      args.emplace_back(argv[i]);
  }
  if (args.size() != 3) {
    std::fprintf(stderr, "usage: relation_accuracy [--misses] RELATIONS.jsonl VN-LEGAL.jsonl[.gz] SAMPLES_DIR\n");
    return 2;
  }
  const auto ab = text::Abbreviations::builtin();
  const auto gold = read_gold(args[0], ab);
  std::set<std::string> wanted;
  for (const auto& g : gold) wanted.insert(std::get<0>(g.key));
  const tracuu::indexer::Extractor text_only({.use_given_metadata = false, .read_metadata_table = false});
  const tracuu::indexer::Extractor with_table({.use_given_metadata = false, .read_metadata_table = true});
  // As `indexer build` reads a web copy: its source metadata fills what the text lacks (an issue date that
  // "có hiệu lực từ ngày ký" resolves to).
  const tracuu::indexer::Extractor as_indexed({.use_given_metadata = true, .read_metadata_table = true});
  Extracted e_text, e_table, e_indexed;
  std::vector<std::pair<RawDoc, schema::DocRecord>> vn_legal;
  auto take = [&](RawDoc&& raw) {
    auto a = text_only.extract(raw);
    if (!a) return true;
    if (wanted.count(raw.id)) {
      add_record(*a, e_text);
      if (auto b = with_table.extract(raw)) add_record(*b, e_table);
      if (auto c = as_indexed.extract(raw)) add_record(*c, e_indexed);
    }
    a->text.clear();  // keep memory down: validity and basis need the metadata and citations only
    vn_legal.emplace_back(std::move(raw), std::move(*a));
    vn_legal.back().first.pages.clear();
    return true;
  };
  auto errors = tracuu::indexer::read_file(args[1], take);
  const std::size_t legal_docs = vn_legal.size();
  for (const auto& entry : fs::directory_iterator(args[2]))
    if (entry.path().extension() == ".txt") {
      auto more = tracuu::indexer::read_file(entry.path(), take);
      errors.insert(errors.end(), more.begin(), more.end());
    }
  for (const auto& err : errors) std::fprintf(stderr, "error: %s: %s\n", err.source.c_str(), err.error.message.c_str());
  std::printf("%zu labelled relations over %zu documents\n\ntext alone:\n\n", gold.size(), wanted.size());
  score(gold, e_text, false, misses);
  std::printf("\ntext and metadata table:\n\n");
  score(gold, e_table, true, misses);
  const auto [indexed_right, indexed_dated] = dates_right(gold, e_indexed, true);
  std::printf("as indexed (the source metadata read too): %zu of %zu right\n", indexed_right, indexed_dated);
  vn_legal.resize(legal_docs);
  std::printf("\n");
  basis_recall(vn_legal, ab);
  // The snapshot of vn-legal was taken on 2026-07-23 (shared/datasets/vn-legal/README.md).
  validity_accuracy(vn_legal, "2026-07-23");
  return errors.empty() ? 0 : 1;
}
