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

void numbers(const Xapian::Database& db, const std::string& prefix, const schema::Audience& audience, std::size_t limit,
             std::vector<Suggestion>& out) {
  const std::string term_prefix = schema::make_term(schema::Field::Number, upper_key_prefix(prefix));
  for (auto it = db.allterms_begin(term_prefix); it != db.allterms_end(term_prefix) && out.size() < limit; ++it) {
    auto pl = db.postlist_begin(*it);
    if (pl == db.postlist_end(*it)) continue;
    auto stored = schema::decode_doc_data(db.get_document(*pl).get_data(), schema::DocParts::Meta);
    if (!stored || !schema::may_see(audience, stored->record.visibility)) continue;  // the view holds no other
    const auto& r = stored->record;
    add_unique(
        out, {r.doc_number.value_or(r.doc_number_key.value_or("")) + (r.title ? " — " + *r.title : ""), "number", r.id},
        limit);
  }
}

// True when `shown` holds the typed words in order, the last one as a prefix when it is
// still being typed, each word as typed when it carries marks: "Hồ Tiến" is not "hồ sơ
// ... tiền", "ho tien" may be; "chính sách tr" is "chính sách hỗ trợ".
bool holds_typed(const std::string& shown, const std::vector<text::Token>& typed, bool complete_last) {
  const auto words = text::analyze(shown);
  std::size_t k = 0;
  for (std::size_t i = 0; i < words.size() && k < typed.size(); ++i) {
    const text::Token& t = typed[k];
    const std::string& have = t.has_marks() ? words[i].exact : words[i].folded;
    const std::string& want = t.has_marks() ? t.exact : t.folded;
    const bool partial = k + 1 == typed.size() && !complete_last;
    if (partial ? have.rfind(want, 0) == 0 : have == want) ++k;
  }
  return k == typed.size();
}

// Documents whose `field` holds every typed word, the last one as a prefix while it is
// typed (the caller's view holds only documents it may see).
Q typed_words(schema::Field field, const std::vector<text::Token>& tokens, bool complete_last) {
  std::vector<Q> parts;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string term = schema::make_term(field, tokens[i].folded);
    const bool partial = i + 1 == tokens.size() && !complete_last;
    parts.push_back(partial ? Q(Q::OP_WILDCARD, term, 50, Q::WILDCARD_LIMIT_MOST_FREQUENT) : Q(term));
  }
  return Q(Q::OP_AND, parts.begin(), parts.end());
}

void titles(const Xapian::Database& db, const std::vector<text::Token>& tokens, bool complete_last, std::size_t limit,
            std::vector<Suggestion>& out) {
  Xapian::Enquire enquire(db);
  enquire.set_query(typed_words(schema::Field::Title, tokens, complete_last));
  // Titles with the words apart are read and skipped: a few more than shown.
  const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit * 4));
  std::size_t added = 0;
  for (auto it = mset.begin(); it != mset.end() && added < limit; ++it) {
    auto stored = schema::decode_doc_data(it.get_document().get_data(), schema::DocParts::Meta);
    if (!stored || !stored->record.title || !holds_typed(*stored->record.title, tokens, complete_last)) continue;
    add_unique(out, {*stored->record.title, "title", stored->record.id}, out.size() + 1);
    ++added;
  }
}

// Names of signers holding the typed words in a row ("Hồ Tiến" -> "Hồ Tiến Thiệu"):
// people are looked up by name far more than a title is.
void signers(const Xapian::Database& db, const std::vector<text::Token>& tokens, bool complete_last, std::size_t limit,
             std::vector<Suggestion>& out) {
  for (const auto& t : tokens)
    if (t.kind != text::TokenKind::Word) return;  // names have no numbers or dates
  Xapian::Enquire enquire(db);
  enquire.set_query(typed_words(schema::Field::SignerName, tokens, complete_last));
  enquire.set_collapse_key(schema::kSlotSigner);  // one document per person
  const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit * 2));
  std::size_t added = 0;
  for (auto it = mset.begin(); it != mset.end() && added < limit; ++it) {
    const std::string name = it.get_document().get_value(schema::kSlotSigner);
    if (name.empty() || !holds_typed(name, tokens, complete_last)) continue;
    add_unique(out, {name, "signer", std::nullopt}, out.size() + 1);
    ++added;
  }
}

// The spelling of folded word `folded` among documents holding `context` (a bigram
// term): the one most over-represented there against the whole collection, so
// "cua" next to "khau" is "cửa" although "của" is the commoner word. A typed form
// with marks is kept.
std::string spelling_in(const Xapian::Database& db, const Vocabulary& vocab, const std::string& folded,
                        const text::Token* typed, const std::string& context) {
  if (typed && typed->has_marks()) return typed->exact;
  const auto& spellings = vocab.spellings(folded);
  if (spellings.empty()) return folded;
  if (spellings.size() == 1) return spellings.front().exact;
  const double with_context = db.get_termfreq(context);
  const double n = std::max<double>(1, db.get_doccount());
  std::string best = spellings.front().exact;
  double best_lift = -1;
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  for (const Spelling& s : spellings) {
    const double overall = db.get_termfreq(s.exact);
    if (overall <= 0 || with_context <= 0) continue;
    enquire.set_query(Q(Q::OP_AND, Q(context), Q(s.exact)));
    const double together = enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
    const double lift = (together / with_context) / (overall / n);
    if (lift > best_lift) best_lift = lift, best = s.exact;
  }
  return best;
}

// Completes the last word after the previous one from the bigrams ("cua kh" ->
// "cửa khẩu", "cửa khẩu" being far more often a pair than "cua khoản"), the pair
// spelled as its documents spell it.
void pairs(const Xapian::Database& db, const Vocabulary& vocab, const std::string& typed, const text::Token& before,
           const text::Token& last, std::size_t limit, std::vector<Suggestion>& out) {
  const std::string prefix = schema::bigram_term(before.folded, last.folded);
  std::vector<std::pair<Xapian::doccount, std::string>> found;
  std::size_t scanned = 0;
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix) && scanned < kTermScan; ++it, ++scanned)
    found.emplace_back(it.get_termfreq(), *it);
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  const std::size_t pair_start = schema::prefix(schema::Field::Bigram).size() + before.folded.size() + 1;
  for (const auto& [freq, term] : found) {
    if (out.size() >= limit) break;
    const std::string next = term.substr(pair_start);
    if (next.find_first_of("0123456789/") != std::string::npos) continue;
    const std::string first_word = spelling_in(db, vocab, before.folded, &before, term);
    const std::string second_word = spelling_in(db, vocab, next, nullptr, term);
    if (last.has_marks() && second_word.rfind(last.exact, 0) != 0) continue;  // keep the user's marks
    add_unique(out, {typed.substr(0, before.begin) + first_word + " " + second_word, "term", std::nullopt}, limit);
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

Result<std::vector<Suggestion>> Searcher::suggest(const std::string& raw_prefix, std::size_t limit,
                                                  const schema::Audience& audience) {
  limit = std::clamp<std::size_t>(limit == 0 ? 8 : limit, 1, kMaxSuggestions);
  const std::string prefix = text::normalize(raw_prefix);
  if (prefix.size() > kMaxQueryBytes) return Error{Status::TooLarge, "q is too long"};
  const auto tokens = text::analyze(prefix);
  std::vector<Suggestion> out;
  if (tokens.empty()) return out;
  const bool complete_last = !prefix.empty() && (prefix.back() == ' ');
  try {
    // Words, titles, names and numbers come from the audience's own view: a prefix never
    // completes to a word, title, name or number found only in documents it may not see.
    const Xapian::Database& db = impl_->use(audience).db;
    if (prefix.front() >= '0' && prefix.front() <= '9') numbers(db, prefix, audience, limit, out);
    signers(db, tokens, complete_last, std::max<std::size_t>(1, limit / 4), out);
    titles(db, tokens, complete_last, std::max<std::size_t>(1, limit / 2 + 1), out);
    if (!complete_last && tokens.back().kind == text::TokenKind::Word) {
      const bool after_word = tokens.size() >= 2 && tokens[tokens.size() - 2].kind == text::TokenKind::Word;
      const std::size_t before = out.size();
      if (after_word) pairs(db, impl_->vocab(), prefix, tokens[tokens.size() - 2], tokens.back(), limit, out);
      // The word alone only when it never follows the previous one.
      if (out.size() == before) words(db, impl_->vocab(), prefix, tokens.back(), limit, out);
    }
  } catch (const Xapian::Error& e) {
    return from_xapian(e, "suggesting");
  }
  return out;
}

}  // namespace tracuu::searchd
