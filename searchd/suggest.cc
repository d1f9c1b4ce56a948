// Searcher::suggest: as-you-type completions over numbers, titles and words.
#include <algorithm>

#include "schema/docdata.h"
#include "schema/fields.h"
#include "schema/terms.h"
#include "searchd/searcher_impl.h"
#include "text/normalize.h"
#include "text/tokenizer.h"
#include "text/word.h"

namespace tracuu::searchd {
namespace {

using Q = Xapian::Query;
constexpr std::size_t kMaxSuggestions = 20;
constexpr std::size_t kTermScan = 2000;  // completions examined per prefix

std::string upper_key_prefix(const std::string& s) {
  std::string out;
  for (char c : text::fold(s)) {
    if (c == ' ') continue;
    out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return out;
}

void add_unique(std::vector<Suggestion>& out, Suggestion s, std::size_t limit) {
  if (out.size() >= limit) return;
  for (const auto& o : out)
    if (o.text == s.text) return;
  out.push_back(std::move(s));
}

void numbers(const Xapian::Database& db, const std::string& prefix, bool staff, std::size_t limit,
             std::vector<Suggestion>& out) {
  const std::string term_prefix = schema::make_term(schema::Field::Number, upper_key_prefix(prefix));
  for (auto it = db.allterms_begin(term_prefix); it != db.allterms_end(term_prefix) && out.size() < limit; ++it) {
    auto pl = db.postlist_begin(*it);
    if (pl == db.postlist_end(*it)) continue;
    auto stored = schema::decode_doc_data(db.get_document(*pl).get_data(), schema::DocParts::Meta);
    if (!stored || (!staff && stored->record.visibility == "internal")) continue;
    const auto& r = stored->record;
    add_unique(
        out, {r.doc_number.value_or(r.doc_number_key.value_or("")) + (r.title ? " — " + *r.title : ""), "number", r.id},
        limit);
  }
}

void titles(const Xapian::Database& db, const std::vector<text::Token>& tokens, bool complete_last, bool staff,
            std::size_t limit, std::vector<Suggestion>& out) {
  std::vector<Q> parts;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string term = schema::make_term(schema::Field::Title, tokens[i].folded);
    const bool partial = i + 1 == tokens.size() && !complete_last;
    parts.push_back(partial ? Q(Q::OP_WILDCARD, term, 50, Q::WILDCARD_LIMIT_MOST_FREQUENT) : Q(term));
  }
  Q q(Q::OP_AND, parts.begin(), parts.end());
  if (!staff) q = Q(Q::OP_AND_NOT, q, Q(schema::make_term(schema::Field::Visibility, "internal")));
  Xapian::Enquire enquire(db);
  enquire.set_query(q);
  const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    auto stored = schema::decode_doc_data(it.get_document().get_data(), schema::DocParts::Meta);
    if (stored && stored->record.title) add_unique(out, {*stored->record.title, "title", stored->record.id}, limit);
  }
}

// Completes the last word from the folded layer, shown in its most frequent spelling.
void words(const Xapian::Database& db, const Vocabulary& vocab, const std::string& typed, const text::Token& last,
           std::size_t limit, std::vector<Suggestion>& out) {
  const std::string prefix = schema::make_term(schema::Field::BodyFolded, last.folded);
  std::vector<std::pair<Xapian::doccount, std::string>> found;
  std::size_t scanned = 0;
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix) && scanned < kTermScan; ++it, ++scanned) {
    const std::string folded = (*it).substr(schema::prefix(schema::Field::BodyFolded).size());
    if (folded.find_first_of("0123456789/") != std::string::npos) continue;
    found.emplace_back(it.get_termfreq(), folded);
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  const bool marked = last.exact != last.folded;
  for (const auto& [freq, folded] : found) {
    std::string shown = folded;
    for (const auto& s : vocab.spellings(folded)) {
      // Keep the user's marks: "đồn" completes to "đồng", never to "dong".
      if (!marked || s.exact.rfind(last.exact, 0) == 0) {
        shown = s.exact;
        break;
      }
    }
    if (marked && shown.rfind(last.exact, 0) != 0) continue;
    add_unique(out, {typed.substr(0, last.begin) + shown, "term", std::nullopt}, limit);
  }
}

}  // namespace

Result<std::vector<Suggestion>> Searcher::suggest(const std::string& raw_prefix, std::size_t limit, bool staff) {
  limit = std::clamp<std::size_t>(limit == 0 ? 8 : limit, 1, kMaxSuggestions);
  const std::string prefix = text::normalize(raw_prefix);
  if (prefix.size() > kMaxQueryBytes) return Error{Status::TooLarge, "q is too long"};
  const auto tokens = text::analyze(prefix);
  std::vector<Suggestion> out;
  if (tokens.empty()) return out;
  const bool complete_last = !prefix.empty() && (prefix.back() == ' ');
  try {
    const Xapian::Database& db = impl_->db;
    if (prefix.front() >= '0' && prefix.front() <= '9') numbers(db, prefix, staff, limit, out);
    titles(db, tokens, complete_last, staff, std::max<std::size_t>(1, limit / 2 + 1), out);
    if (!complete_last && tokens.back().kind == text::TokenKind::Word)
      words(db, impl_->vocab(), prefix, tokens.back(), limit, out);
  } catch (const Xapian::Error& e) {
    return from_xapian(e, "suggesting");
  }
  return out;
}

}  // namespace tracuu::searchd
