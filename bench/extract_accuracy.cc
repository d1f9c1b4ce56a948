// Extraction accuracy against metadata tables: runs the Extractor over a JSONL
// corpus with use_given_metadata = false and compares six fields with each
// record's "meta" (vn-legal's số hiệu, loại, cơ quan, người ký, ngày ban hành,
// ngày hiệu lực), twice: from the text alone (read_metadata_table = false), then
// with the web copy's "THÔNG TIN VĂN BẢN" table read too. vn-legal's meta was
// scraped from that table, so the second run measures mostly the table reader;
// the first measures what a document without a table yields.
//
// Usage: extract_accuracy [--misses FIELD] [--limit N] FILE.jsonl[.gz]
//   --misses FIELD   also print the documents where FIELD (doc_number, doc_type,
//                    issue_date, issuer, signer, effective_date) is wrong or missing,
//                    or found where the meta is empty (text-alone run)
//
// Comparison after normalisation: numbers by text::DocNumber key, types by
// schema::slug of the canonical type, dates ISO, issuers through
// schema::IssuerRegistry (canonical names compared by key), signer names NFC
// with spaces collapsed. The meta side is cleaned here, independently of the
// extractor: titles and ranks before a name ("Đại tướng Lương Tam Quang, Bộ
// trưởng Bộ Công an") are dropped, and a meta value that names no person
// ("Thủ tướng Chính phủ") is not counted.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>
#include <string>
#include <vector>

#include "indexer/ingest/ingest.h"
#include "indexer/ingest/scan.h"
#include "schema/codes.h"
#include "text/docnum.h"
#include "text/docnum_parse.h"
#include "text/normalize.h"

namespace {

using tracuu::indexer::RawDoc;
namespace schema = tracuu::schema;
namespace text = tracuu::text;

struct Tally {
  std::size_t meta = 0;       // documents whose meta has a usable value
  std::size_t extracted = 0;  // ... of which the extractor found a value
  std::size_t correct = 0;    // ... and it matches
  std::size_t extra = 0;      // found where the meta has nothing (unverifiable)
};

std::optional<std::string> meta_string(const nlohmann::json& given, const char* key) {
  const auto meta = given.find("meta");
  if (meta == given.end() || !meta->is_object()) return std::nullopt;
  const auto it = meta->find(key);
  if (it == meta->end() || !it->is_string() || it->get<std::string>().empty()) return std::nullopt;
  return schema::clean_display(it->get<std::string>());
}

// "Lương Tam Quang (Bộ trưởng)" -> "Lương Tam Quang", as the extractor cleans a display form.
std::string without_parentheses(std::string_view s) {
  return schema::clean_display(tracuu::indexer::scan::without_parentheses(s));
}

// The person in a meta "nguoi_ky" value, or nothing when it names only a position.
std::optional<std::string> meta_person(std::string_view value) {
  static const std::vector<std::string> kTitles = {"pho thu tuong",
                                                   "thu tuong chinh phu",
                                                   "thu tuong",
                                                   "bo truong",
                                                   "thu truong",
                                                   "pho chu tich",
                                                   "chu tich quoc hoi",
                                                   "chu tich nuoc",
                                                   "chu tich",
                                                   "tong bi thu",
                                                   "dai tuong",
                                                   "thuong tuong",
                                                   "trung tuong",
                                                   "thieu tuong",
                                                   "pho thong doc",
                                                   "thong doc",
                                                   "chanh an",
                                                   "vien truong",
                                                   "tong kiem toan nha nuoc",
                                                   "chinh phu",
                                                   "quoc hoi"};
  std::string v = without_parentheses(value);
  if (const auto comma = v.find(','); comma != std::string::npos) v = schema::clean_display(v.substr(0, comma));
  for (bool again = true; again;) {
    again = false;
    const std::string folded = schema::slug(v);
    for (const auto& t : kTitles) {
      std::string code = t;
      std::replace(code.begin(), code.end(), ' ', '-');
      if (folded.rfind(code, 0) != 0) continue;
      const auto words = static_cast<std::size_t>(std::count(t.begin(), t.end(), ' ') + 1);
      std::size_t cut = 0;
      for (std::size_t k = 0; k < words && cut != std::string::npos; ++k) cut = v.find(' ', cut + (k ? 1 : 0));
      v = cut == std::string::npos ? "" : schema::clean_display(v.substr(cut + 1));
      again = !v.empty();
      break;
    }
  }
  const auto words = std::count(v.begin(), v.end(), ' ') + 1;
  if (v.empty() || words < 2 || words > 6) return std::nullopt;
  for (std::size_t i = 0; i < v.size(); i = v.find(' ', i) == std::string::npos ? v.size() : v.find(' ', i) + 1) {
    const auto c = static_cast<unsigned char>(v[i]);
    if (c < 0x80 && !(c >= 'A' && c <= 'Z')) return std::nullopt;  // lower-case word: a position, not a name
  }
  return v;
}

std::optional<std::string> type_slug(std::string_view value) {
  std::string v(value);
  for (int words = 0; words < 8 && !v.empty(); ++words) {
    if (auto t = schema::canonical_doc_type(v)) return schema::slug(*t);
    const auto sp = v.rfind(' ');
    if (sp == std::string::npos) break;
    v.resize(sp);
  }
  return std::nullopt;
}

struct Field {
  const char* name;
  Tally tally;
  std::vector<std::string> misses;
};

void score(Field& f, const std::optional<std::string>& truth, const std::optional<std::string>& got,
           const std::string& id, bool keep_misses) {
  if (!truth) {
    if (got) ++f.tally.extra;
    if (got && keep_misses) f.misses.push_back(id + ": meta=(none) got=" + *got);
    return;
  }
  ++f.tally.meta;
  if (got) ++f.tally.extracted;
  if (got && *got == *truth) {
    ++f.tally.correct;
    return;
  }
  if (keep_misses) f.misses.push_back(id + ": meta=" + *truth + " got=" + (got ? *got : "(none)"));
}

// Scores the records of one corpus, field by field.
class Scorer {
 public:
  explicit Scorer(std::string misses_of) : misses_of_(std::move(misses_of)) {}

  void add(const RawDoc& raw, const tracuu::schema::DocRecord& rec) {
    const nlohmann::json& g = raw.given;
    std::optional<std::string> number_key;
    if (auto number = meta_string(g, "so_hieu"))
      if (auto dn = text::parse_doc_number(*number, abbreviations_)) number_key = dn->key;
    score(0, number_key, rec.doc_number_key, raw.id);
    auto type = meta_string(g, "loai_van_ban");
    score(1, type ? type_slug(*type) : std::nullopt, rec.doc_type ? type_slug(*rec.doc_type) : std::nullopt, raw.id);
    auto date = meta_string(g, "ngay_ban_hanh");
    score(2, date && date->size() == 10 ? date : std::nullopt, rec.issue_date, raw.id);
    auto issuer = meta_string(g, "co_quan_ban_hanh");
    score(3, issuer ? std::optional<std::string>(issuer_key(*issuer)) : std::nullopt,
          rec.issuer ? std::optional<std::string>(issuer_key(*rec.issuer)) : std::nullopt, raw.id);
    auto signer = meta_string(g, "nguoi_ky");
    score(4, signer ? meta_person(*signer) : std::nullopt,
          rec.signer.name ? std::optional<std::string>(schema::clean_display(*rec.signer.name)) : std::nullopt, raw.id);
    auto effective = meta_string(g, "ngay_hieu_luc");
    score(5, effective && effective->size() == 10 ? effective : std::nullopt, rec.effective_date, raw.id);
    for (const auto& w : rec.warnings)
      if (w.find(", the metadata table '") != std::string::npos) ++disagreements_[w.substr(0, w.find(':'))];
  }

  void print() const {
    std::printf(
        "| field | in meta | extracted | correct | accuracy (correct / in meta) | precision (correct / extracted) | "
        "extracted, meta empty |\n");
    std::printf("|---|---:|---:|---:|---:|---:|---:|\n");
    for (const Field& f : fields_) {
      const Tally& t = f.tally;
      std::printf("| %s | %zu | %zu | %zu | %.1f%% | %.1f%% | %zu |\n", f.name, t.meta, t.extracted, t.correct,
                  t.meta ? 100.0 * static_cast<double>(t.correct) / static_cast<double>(t.meta) : 0.0,
                  t.extracted ? 100.0 * static_cast<double>(t.correct) / static_cast<double>(t.extracted) : 0.0,
                  t.extra);
      for (const auto& m : f.misses) std::printf("    miss %s\n", m.c_str());
    }
    if (disagreements_.empty()) return;
    std::printf("\ntext and table disagree:");
    for (const auto& [field, n] : disagreements_) std::printf(" %s %zu;", field.c_str(), n);
    std::printf("\n");
  }

 private:
  void score(std::size_t field, const std::optional<std::string>& truth, const std::optional<std::string>& got,
             const std::string& id) {
    Field& f = fields_[field];
    ::score(f, truth, got, id, misses_of_ == f.name);
  }
  std::string issuer_key(const std::string& s) const {
    return registry_.key(registry_.canonical_or_self(without_parentheses(s)));
  }

  std::string misses_of_;
  schema::IssuerRegistry registry_ = schema::IssuerRegistry::builtin();
  text::Abbreviations abbreviations_ = text::Abbreviations::builtin();
  std::map<std::string, std::size_t> disagreements_;  // field -> documents whose text and table differ
  std::vector<Field> fields_{{"doc_number", {}, {}}, {"doc_type", {}, {}}, {"issue_date", {}, {}},
                             {"issuer", {}, {}},     {"signer", {}, {}},   {"effective_date", {}, {}}};
};

}  // namespace

int main(int argc, char** argv) {
  std::string path, misses_of;
  std::size_t limit = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--misses" && i + 1 < argc)
      misses_of = argv[++i];
    else if (a == "--limit" && i + 1 < argc)
      limit = std::stoul(argv[++i]);
    else
      path = a;
  }
  if (path.empty()) {
    std::fprintf(stderr, "usage: extract_accuracy [--misses FIELD] [--limit N] FILE.jsonl[.gz]\n");
    return 2;
  }
  const tracuu::indexer::Extractor text_only({.use_given_metadata = false, .read_metadata_table = false});
  const tracuu::indexer::Extractor with_table({.use_given_metadata = false, .read_metadata_table = true});
  Scorer scorer(misses_of), table_scorer("");
  std::size_t docs = 0, failed = 0, text_bytes = 0;
  double extract_seconds = 0, extract_cpu = 0;
  const auto wall0 = std::chrono::steady_clock::now();
  const auto errors = tracuu::indexer::read_file(path, [&](RawDoc&& raw) {
    const auto t0 = std::chrono::steady_clock::now();
    const std::clock_t c0 = std::clock();
    auto rec = text_only.extract(raw);
    extract_cpu += static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
    extract_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    ++docs;
    auto rec_table = with_table.extract(raw);
    if (!rec || !rec_table) return ++failed, true;
    text_bytes += rec->text.size();
    scorer.add(raw, *rec);
    table_scorer.add(raw, *rec_table);
    return limit == 0 || docs < limit;
  });
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
  for (const auto& e : errors) std::fprintf(stderr, "error: %s: %s\n", e.source.c_str(), e.error.message.c_str());
  std::printf(
      "%zu documents (%zu failed), %.1f MB reflowed text; extraction from the text alone %.2f s wall / %.2f s CPU, "
      "read + both extractions %.2f s wall (one thread)\n\n",
      docs, failed, static_cast<double>(text_bytes) / 1e6, extract_seconds, extract_cpu, wall);
  std::printf("text alone:\n\n");
  scorer.print();
  std::printf("\ntext and metadata table:\n\n");
  table_scorer.print();
  return errors.empty() ? 0 : 1;
}
