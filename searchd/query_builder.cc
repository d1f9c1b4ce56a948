#include "searchd/query_builder.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "schema/fields.h"
#include "schema/terms.h"
#include "searchd/field_filters.h"
#include "text/docnum_parse.h"
#include "text/tokenizer.h"
#include "text/word.h"

namespace tracuu::searchd {
namespace {

using Q = Xapian::Query;
using schema::Field;
using schema::make_term;
using text::Token;
using text::TokenKind;

constexpr std::size_t kMaxPhraseVariants = 16;
constexpr std::size_t kMaxRestoredSpellings = 3;
constexpr std::size_t kMaxProximityWords = 64;
constexpr std::size_t kMaxNumberKeys = 64;  // numbers a partly written one may stand for

// A built clause: its query and the optional boosts it contributes. `empty`: no clause at all (a run of
// punctuation), which constrains nothing; `nothing`: a clause that can match no document (citedby: of an
// unknown document), which must empty an AND instead of vanishing from it as an empty Xapian query would.
struct Part {
  Q query;
  std::vector<Q> boosts;
  std::vector<RankWord> words;  // positive free words, for the second stage
  bool empty = true;
  bool nothing = false;
};

std::string xf(const std::string& folded) {
  return make_term(Field::BodyFolded, folded);
}

Q combine(Q::op op, const std::vector<Q>& qs) {
  if (qs.size() == 1) return qs.front();
  return Q(op, qs.begin(), qs.end());
}

// `matched` ranked up by `bonus` (AND_MAYBE): the bonus never changes which
// documents match, so a match-set query (BuildContext::match_set_only) leaves it out.
Q with_bonus(const Q& matched, const std::optional<Q>& bonus, const BuildContext& ctx) {
  if (!bonus || ctx.match_set_only) return matched;
  return Q(Q::OP_AND_MAYBE, matched, *bonus);
}

// Adjacent words through the XB: bigram terms: "uy ban nhan dan" is
// XB:"uy ban" AND XB:"ban nhan" AND XB:"nhan dan". No position is read, so it is
// as cheap as a few terms; a chain could in principle match pairs apart, which
// for the two- to five-word abbreviation expansions it serves does not happen.
Q bigram_chain(const std::vector<std::string>& folded_words) {
  if (folded_words.size() == 1) return Q(xf(folded_words.front()));
  std::vector<Q> pairs;
  for (std::size_t i = 0; i + 1 < folded_words.size(); ++i)
    pairs.emplace_back(schema::bigram_term(folded_words[i], folded_words[i + 1]));
  return Q(Q::OP_AND, pairs.begin(), pairs.end());
}

Q phrase_of(const std::vector<std::string>& folded_words) {
  std::vector<Q> terms;
  for (const auto& w : folded_words) terms.emplace_back(xf(w));
  if (terms.size() == 1) return terms.front();
  return Q(Q::OP_PHRASE, terms.begin(), terms.end(), static_cast<Xapian::termcount>(terms.size()));
}

Q title_phrase_of(const std::vector<std::string>& folded_words) {
  std::vector<Q> terms;
  for (const auto& w : folded_words) terms.emplace_back(make_term(Field::Title, w));
  return Q(Q::OP_PHRASE, terms.begin(), terms.end(), static_cast<Xapian::termcount>(terms.size()));
}

class Builder {
 public:
  Builder(const BuildContext& ctx, BuiltQuery& out) : ctx_(ctx), out_(out) {}

  Result<Part> node(const QueryNode& n) {
    switch (n.kind) {
      case NodeKind::Text: return text_run(n.text);
      case NodeKind::Phrase: return phrase(n.text);
      case NodeKind::Field: return field(n.field, n.text);
      case NodeKind::And:
      case NodeKind::Or: return group(n);
    }
    return Part{};
  }

  bool has_text = false;
  std::size_t words = 0;

 private:
  // A word typed with marks matches its folded form and ranks higher with its exact form;
  // typed without marks, its folded form, re-ranked by the likely accented spellings.
  // Every exact-layer term has its folded twin at the same position, so the exact and
  // restored forms never change what matches: they go to the run's bonus side
  // (word_bonus_, AND_MAYBE'd onto the whole query) rather than OR'd beside the folded
  // term. The weights are the same sums; the matcher gets AND(folded...) AND_MAYBE
  // OR(boosts), which it can prune as the top-k threshold rises, where each OR of an
  // AND(OR(folded, exact), ...) kept a threshold near zero and scored every document.
  Q word(const Token& t) {
    const std::string form = schema::folded_form(t);
    out_.highlight.push_back({form});
    Q folded(xf(form));
    run_words_.push_back({form, t.kind == TokenKind::Word ? t.exact : form, false, t.kind == TokenKind::Word});
    if (t.kind != TokenKind::Word) return folded;
    ++words;
    // Every exact-layer term has its folded twin at the same position: the folded term alone matches the same
    // documents.
    if (ctx_.match_set_only) return folded;
    if (t.exact != t.folded) {
      word_bonus_.emplace_back(Q::OP_SCALE_WEIGHT, Q(t.exact), ctx_.weights.exact_boost);
      return folded;
    }
    // Someone who types marks types them where they belong: their unmarked words
    // ("cho", "trong") are meant as typed. Only fully unaccented queries are restored.
    if (ctx_.query_has_marks) return folded;
    out_.unaccented_words.push_back(t.folded);
    const std::vector<Spelling>* spellings = &ctx_.vocabulary.spellings(t.folded);
    if (ctx_.local_spellings) {
      if (auto it = ctx_.local_spellings->find(t.folded); it != ctx_.local_spellings->end()) spellings = &it->second;
    }
    std::size_t restored = 0;
    for (const Spelling& s : *spellings) {
      if (s.share < ctx_.weights.restore_min_share || restored >= kMaxRestoredSpellings) break;
      if (s.exact == t.folded) continue;  // the unaccented spelling has no exact-layer term
      word_bonus_.emplace_back(Q::OP_SCALE_WEIGHT, Q(s.exact), ctx_.weights.restore_boost * s.share);
      ++restored;
    }
    return folded;
  }

  Q doc_number(const std::string& key) {
    out_.doc_numbers.push_back(key);
    out_.signals.own_number_terms.push_back(make_term(Field::Number, key));
    out_.highlight.push_back({schema::number_form(key)});
    return Q(schema::number_term(key));
  }

  // Exact-form bonus for the marked words of a span matched as a phrase or abbreviation.
  std::optional<Q> exact_bonus(const std::vector<Token>& tokens, std::size_t from, std::size_t to) {
    std::vector<Q> exact;
    for (std::size_t k = from; k < to; ++k)
      if (tokens[k].kind == TokenKind::Word && tokens[k].exact != tokens[k].folded)
        exact.emplace_back(Q::OP_SCALE_WEIGHT, Q(tokens[k].exact), ctx_.weights.exact_boost);
    if (exact.empty()) return std::nullopt;
    return combine(Q::OP_OR, exact);
  }

  // The alternatives of an abbreviation match: the abbreviation and each expansion.
  std::vector<std::vector<std::string>> alternatives(const text::AbbreviationMatch& m) {
    std::vector<std::vector<std::string>> alts{m.entry->abbreviation_words};
    for (const auto& e : m.entry->expansion_words) alts.push_back(e);
    for (const auto& a : alts) out_.highlight.push_back(a);
    return alts;
  }

  std::optional<text::DocNumber> loose_doc_number(const std::string& s, const std::vector<Token>& tokens, std::size_t i,
                                                  std::size_t& len) {
    for (len = std::min<std::size_t>(5, tokens.size() - i); len >= 2; --len) {
      bool has_number = false;
      for (std::size_t k = i; k < i + len; ++k) has_number = has_number || tokens[k].kind == TokenKind::Number;
      if (!has_number) continue;
      const std::size_t b = tokens[i].begin, e = tokens[i + len - 1].end;
      if (auto dn = text::parse_doc_number(std::string_view(s).substr(b, e - b), ctx_.abbreviations)) return dn;
    }
    return std::nullopt;
  }

  // The code of a document type named at folded[i...] ("nghị định", "nd", "nđ" -> "ND";
  // "luật" -> "QH"; "thông tư liên tịch" -> "TTLT") and how many words name it.
  std::optional<std::pair<std::string, std::size_t>> type_code_at(const std::vector<std::string>& folded,
                                                                  std::size_t i) const {
    std::optional<std::pair<std::string, std::size_t>> best;
    for (const auto& e : ctx_.abbreviations.entries()) {
      if (e.kind != text::AbbreviationKind::DocType) continue;
      auto try_words = [&](const std::vector<std::string>& w) {
        if (w.empty() || i + w.size() > folded.size() || (best && best->second >= w.size())) return;
        for (std::size_t k = 0; k < w.size(); ++k)
          if (folded[i + k] != w[k]) return;
        std::string code;
        for (const auto& a : e.abbreviation_words) code += a;
        for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        best = std::make_pair(code, w.size());
      };
      try_words(e.abbreviation_words);
      for (const auto& x : e.expansion_words) try_words(x);
    }
    return best;
  }

  // A number written in part: [type] [số] N [/ or space YYYY] ("nghị định 161/2026", "nd 161 2026",
  // "NĐ 161", "luật 24/2018", "161/2026"). Without a type it needs the year after a slash.
  std::optional<text::DocNumberPattern> number_pattern(const std::string& s, const std::vector<Token>& t,
                                                       const std::vector<std::string>& folded, std::size_t i,
                                                       std::size_t& len) const {
    text::DocNumberPattern p;
    std::size_t j = i;
    if (auto type = type_code_at(folded, i)) {
      p.codes.push_back(type->first);
      j += type->second;
      if (j < t.size() && folded[j] == "so") ++j;
    }
    if (j >= t.size()) return std::nullopt;
    auto gap = [&](std::size_t a) { return std::string_view(s).substr(t[a].end, t[a + 1].begin - t[a].end); };
    auto is_year = [](const Token& y) {
      return y.kind == TokenKind::Number && y.exact.size() == 4 && y.exact >= "1945" && y.exact <= "2099";
    };
    if (t[j].kind == TokenKind::Date && t[j].exact.size() == 7 && !p.codes.empty()) {  // "nghị định 12/2025"
      p.number = std::to_string(std::stoi(t[j].exact.substr(5, 2)));
      p.year = t[j].exact.substr(0, 4);
      len = j + 1 - i;
      return p;
    }
    // Up to six digits and a sub-number ("66.16"), as a document number holds them.
    if (t[j].kind != TokenKind::Number || !text::is_number_part(t[j].exact) ||
        t[j].exact.substr(0, t[j].exact.find('.')).size() > 6)
      return std::nullopt;
    p.number = t[j].exact;
    const bool slash = j + 1 < t.size() && gap(j).find('/') != std::string_view::npos;
    if (j + 1 < t.size() && is_year(t[j + 1]) && (slash || (!p.codes.empty() && text::joins_words(gap(j))))) {
      p.year = t[j + 1].exact;
      len = j + 2 - i;
    } else if (!p.codes.empty()) {
      len = j + 1 - i;
    } else {
      return std::nullopt;
    }
    return p;
  }

  // Keys of `field` (XSH: upper case, XF: lower case) that `p` describes, at most kMaxNumberKeys.
  std::vector<std::string> keys_matching(Field field, const text::DocNumberPattern& p, bool lower) const {
    const std::string prefix = make_term(field, p.number + "/");
    const std::size_t skip = schema::prefix(field).size();
    std::vector<std::string> out;
    for (auto it = ctx_.db.allterms_begin(prefix); it != ctx_.db.allterms_end(prefix); ++it) {
      std::string key = (*it).substr(skip);
      if (lower)
        for (char& c : key) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (!text::matches_pattern(key, p)) continue;
      out.push_back(std::move(key));
      if (out.size() >= kMaxNumberKeys) break;
    }
    return out;
  }

  // A number written in part: the documents mentioning a number it describes, the ones
  // holding it first (their keys join doc_numbers, which build_query boosts).
  Q number_pattern_clause(const text::DocNumberPattern& p) {
    std::vector<Q> mentions;
    for (const auto& key : keys_matching(Field::BodyFolded, p, true)) {
      mentions.emplace_back(schema::number_term(key));
      out_.highlight.push_back({schema::number_form(key)});
    }
    for (const auto& key : keys_matching(Field::Number, p, false)) {
      out_.doc_numbers.push_back(key);
      out_.signals.own_number_terms.push_back(make_term(Field::Number, key));
    }
    if (mentions.empty()) return Q::MatchNothing;
    return combine(Q::OP_OR, mentions);
  }

  // A number typed in full, or in part when no document holds or mentions it as typed
  // ("nd 161 2026" parses as 161/2026/ND: any 161/2026/ND-... will do).
  Q number_clause(const std::string& key) {
    if (ctx_.db.term_exists(make_term(Field::Number, key)) || ctx_.db.term_exists(schema::number_term(key)))
      return doc_number(key);
    if (auto p = text::pattern_of_key(key)) return number_pattern_clause(*p);
    return doc_number(key);
  }

  // A period named in the query ("tháng 7 năm 2025", "quý III/2025", "6 tháng đầu năm 2025",
  // "ngày 5 tháng 8 năm 2025", "năm 2021", "tháng 7/2025"): [lo, hi] as YYYYMMDD and its length.
  std::optional<std::pair<std::string, std::string>> date_phrase(const std::string& s, const std::vector<Token>& t,
                                                                 std::size_t i, std::size_t& len) const {
    auto word = [&](std::size_t k) -> const std::string& {
      static const std::string none;
      return i + k < t.size() ? t[i + k].folded : none;
    };
    auto number = [&](std::size_t k, int lo, int hi) -> int {
      if (i + k >= t.size() || t[i + k].kind != TokenKind::Number || t[i + k].exact.size() > 4) return 0;
      const int v = std::atoi(t[i + k].exact.c_str());
      return v >= lo && v <= hi ? v : 0;
    };
    auto year = [&](std::size_t k) { return number(k, 1945, 2099); };
    auto slash_before = [&](std::size_t k) {
      return std::string_view(s).substr(t[i + k - 1].end, t[i + k].begin - t[i + k - 1].end).find('/') !=
             std::string_view::npos;
    };
    auto month_of = [&](std::size_t k) -> std::pair<int, int> {  // a Date token "YYYY-MM"
      if (i + k >= t.size() || t[i + k].kind != TokenKind::Date || t[i + k].exact.size() != 7) return {0, 0};
      return {std::stoi(t[i + k].exact.substr(0, 4)), std::stoi(t[i + k].exact.substr(5, 2))};
    };
    auto range = [](int y, int m1, int d1, int m2, int d2) {
      char a[9], b[9];
      std::snprintf(a, sizeof a, "%04d%02d%02d", y, m1, d1);
      std::snprintf(b, sizeof b, "%04d%02d%02d", y, m2, d2);
      return std::make_pair(std::string(a), std::string(b));
    };
    auto quarter = [&](std::size_t k) -> int {
      static const char* const roman[] = {"i", "ii", "iii", "iv"};
      for (int q = 0; q < 4; ++q)
        if (word(k) == roman[q]) return q + 1;
      return number(k, 1, 4);
    };
    const std::string& w = word(0);
    if (w == "ngay") {
      if (i + 1 < t.size() && t[i + 1].kind == TokenKind::Date && t[i + 1].exact.size() == 10) {
        len = 2;
        const std::string d = t[i + 1].exact.substr(0, 4) + t[i + 1].exact.substr(5, 2) + t[i + 1].exact.substr(8, 2);
        return std::make_pair(d, d);
      }
      const int d = number(1, 1, 31), m = number(3, 1, 12), y = year(5);
      if (d && word(2) == "thang" && m && word(4) == "nam" && y) {
        len = 6;
        return range(y, m, d, m, d);
      }
    } else if (w == "thang") {
      if (auto [y, m] = month_of(1); y) {
        len = 2;
        return range(y, m, 1, m, 31);
      }
      const int m = number(1, 1, 12);
      if (m && word(2) == "nam" && year(3)) {
        len = 4;
        return range(year(3), m, 1, m, 31);
      }
    } else if (w == "quy") {
      if (auto [y, q] = month_of(1); y && q >= 1 && q <= 4) {  // "quý 3/2025" reads as a month
        len = 2;
        return range(y, (q - 1) * 3 + 1, 1, q * 3, 31);
      }
      if (const int q = quarter(1); q && ((word(2) == "nam" && year(3)) || (year(2) && slash_before(2)))) {
        len = word(2) == "nam" ? 4 : 3;
        const int y = word(2) == "nam" ? year(3) : year(2);
        return range(y, (q - 1) * 3 + 1, 1, q * 3, 31);
      }
    } else if (w == "nam") {
      if (const int y = year(1)) {
        len = 2;
        return range(y, 1, 1, 12, 31);
      }
    } else if (const int n = number(0, 1, 12); n && word(1) == "thang") {
      // "6 tháng đầu năm 2025", "6 tháng cuối năm 2025", "9 tháng năm 2025" (the first nine)
      const bool last = word(2) == "cuoi";
      const std::size_t at = (word(2) == "dau" || last) ? 3 : 2;
      if (word(at) == "nam" && year(at + 1)) {
        len = at + 2;
        return last ? range(year(at + 1), 13 - n, 1, 12, 31) : range(year(at + 1), 1, 1, n, 31);
      }
    }
    return std::nullopt;
  }

  // Documents dated in [lo, hi] (issue date, or the date of the meeting they report).
  Q dated(const std::pair<std::string, std::string>& r) const {
    return Q(Q::OP_OR, Q(Q::OP_VALUE_RANGE, schema::kSlotIssueDate, r.first, r.second),
             Q(Q::OP_VALUE_RANGE, schema::kSlotEventDate, r.first, r.second));
  }

  // A bare year ("an ninh mạng 2018"): the year in the text, in a number, or the document's date.
  Q year_clause(const Token& t) {
    out_.highlight.push_back({t.folded});
    const auto r = std::make_pair(t.exact + "0101", t.exact + "1231");
    out_.signals.date_ranges.push_back(r);
    return Q(Q::OP_OR, Q(xf(t.folded)), weighted_filter(dated(r), ctx_.weights.date_boost));
  }

  Result<Part> text_run(const std::string& s) {
    const std::vector<Token> tokens = text::analyze(s);
    std::vector<std::string> folded;
    for (const auto& t : tokens) folded.push_back(schema::folded_form(t));
    note_types(folded);
    note_issuers(folded);
    run_words_.clear();
    Part part;
    std::vector<Q> clauses, soft;
    std::vector<bool> plain_word(tokens.size(), false);
    constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    std::vector<std::size_t> word_token(tokens.size(), kNone);  // rank word -> its token (plain words only)
    for (std::size_t i = 0; i < tokens.size();) {
      std::size_t len = 0;
      if (tokens[i].kind == TokenKind::DocNumber) {
        clauses.push_back(number_clause(tokens[i].exact));
        ++i;
      } else if (auto dn = loose_doc_number(s, tokens, i, len)) {
        clauses.push_back(number_clause(dn->key));
        i += len;
      } else if (auto pattern = number_pattern(s, tokens, folded, i, len)) {
        clauses.push_back(number_pattern_clause(*pattern));
        i += len;
      } else if (auto period = date_phrase(s, tokens, i, len)) {
        // A period ranks what is dated then; its words only rank too, unless nothing else is asked.
        out_.signals.date_ranges.push_back(*period);
        part.boosts.push_back(weighted_filter(dated(*period), ctx_.weights.date_boost));
        std::vector<std::string> phrase_words(folded.begin() + static_cast<long>(i),
                                              folded.begin() + static_cast<long>(i + len));
        soft.push_back(Q(Q::OP_OR, dated(*period), phrase_of(phrase_words)));
        part.boosts.push_back(phrase_of(phrase_words));
        i += len;
      } else if (tokens[i].kind == TokenKind::Number && tokens[i].exact.size() == 4 && tokens[i].exact >= "1945" &&
                 tokens[i].exact <= "2099") {
        clauses.push_back(year_clause(tokens[i]));
        ++i;
      } else if (auto m = ctx_.abbreviations.match_at(folded, i)) {
        std::vector<Q> alts;
        for (const auto& a : alternatives(*m)) {
          alts.push_back(bigram_chain(a));
          if (a.size() > 1) alts.push_back(title_phrase_of(a));  // "quy chế" only in a title
        }
        clauses.push_back(combine(Q::OP_OR, alts));
        if (auto bonus = exact_bonus(tokens, i, i + m->length); bonus && !ctx_.match_set_only)
          word_bonus_.push_back(*bonus);
        words += m->length;
        i += m->length;
      } else {
        clauses.push_back(word(tokens[i]));
        plain_word[i] = tokens[i].kind == TokenKind::Word;
        word_token[run_words_.size() - 1] = i;
        ++i;
      }
    }
    // Adjacent plain words of the query, as the proximity bonus below pairs them.
    for (std::size_t k = 0; k + 1 < run_words_.size(); ++k) {
      const std::size_t a = word_token[k], b = word_token[k + 1];
      run_words_[k].joins_next =
          a != kNone && b == a + 1 && plain_word[a] && plain_word[b] &&
          text::joins_words(std::string_view(s).substr(tokens[a].end, tokens[b].begin - tokens[a].end));
    }
    part.words = std::move(run_words_);
    run_words_.clear();
    if (!word_bonus_.empty()) part.boosts.push_back(combine(Q::OP_OR, word_bonus_));
    word_bonus_.clear();
    if (clauses.empty()) clauses = soft;  // a bare date expression still matches its words
    if (clauses.empty()) return part;
    part.query = combine(ctx_.op == DefaultOperator::Or ? Q::OP_OR : Q::OP_AND, clauses);
    part.empty = false;
    has_text = true;
    // Vietnamese words are several syllables: adjacent query words found adjacent
    // rank higher, each pair weighted by its own rarity (the XB: bigram terms).
    if (tokens.size() <= kMaxProximityWords) {
      std::vector<Q> pairs;
      for (std::size_t i = 0; i + 1 < tokens.size(); ++i)
        if (plain_word[i] && plain_word[i + 1] &&
            text::joins_words(std::string_view(s).substr(tokens[i].end, tokens[i + 1].begin - tokens[i].end)))
          pairs.emplace_back(schema::bigram_term(folded[i], folded[i + 1]));
      // Short queries are made of terms ("đồng chí", "khu công nghiệp"); long questions less so.
      const double weight = tokens.size() <= 6 ? ctx_.weights.proximity_boost_short : ctx_.weights.proximity_boost;
      if (!pairs.empty() && weight > 0) part.boosts.emplace_back(Q::OP_SCALE_WEIGHT, combine(Q::OP_OR, pairs), weight);
    }
    return part;
  }

  Result<Part> phrase(const std::string& s) {
    const std::vector<Token> tokens = text::analyze(s);
    std::vector<std::string> folded;
    for (const auto& t : tokens) folded.push_back(schema::folded_form(t));
    if (tokens.empty()) return Part{};
    // Each position of the phrase: its alternatives (abbreviations expand inside phrases).
    std::vector<std::vector<std::vector<std::string>>> segments;
    for (std::size_t i = 0; i < tokens.size();) {
      if (tokens[i].kind == TokenKind::DocNumber) {
        doc_number(tokens[i].exact);
        segments.push_back({{folded[i]}});
        ++i;
      } else if (auto m = ctx_.abbreviations.match_at(folded, i)) {
        segments.push_back(alternatives(*m));
        i += m->length;
      } else {
        segments.push_back({{folded[i]}});
        ++i;
      }
    }
    std::vector<std::vector<std::string>> variants{{}};
    for (const auto& seg : segments) {
      std::vector<std::vector<std::string>> next;
      for (const auto& v : variants)
        for (const auto& alt : seg) {
          if (next.size() >= kMaxPhraseVariants) break;
          auto nv = v;
          nv.insert(nv.end(), alt.begin(), alt.end());
          next.push_back(std::move(nv));
        }
      variants = std::move(next);
    }
    std::vector<Q> phrases;
    for (const auto& v : variants) {
      // The bigram chain narrows the candidates before positions are read for the exact phrase.
      phrases.push_back(v.size() > 1 ? Q(Q::OP_AND, bigram_chain(v), phrase_of(v)) : phrase_of(v));
      // The title's words are in the folded layer without positions: a phrase only the title holds
      // (a JSONL record's title that its text does not repeat) is read from the title's own positions.
      if (v.size() > 1) phrases.push_back(title_phrase_of(v));
      out_.highlight.push_back(v);  // a phrase is highlighted where it occurs whole
    }
    Part part;
    for (std::size_t i = 0; i < tokens.size(); ++i)
      part.words.push_back({folded[i], tokens[i].kind == TokenKind::Word ? tokens[i].exact : folded[i],
                            i + 1 < tokens.size(), tokens[i].kind == TokenKind::Word});
    part.query = combine(Q::OP_OR, phrases);
    part.query = with_bonus(part.query, exact_bonus(tokens, 0, tokens.size()), ctx_);
    part.empty = false;
    has_text = true;
    words += tokens.size();
    return part;
  }

  // A field:value clause: the field's filter (field_filters.cc), which never changes the ranking.
  Result<Part> field(const std::string& name, const std::string& value) {
    const auto f = schema::query_field_by_name(name);
    if (!f) return Error{Status::BadQuery, "unknown field '" + name + "'"};
    auto q = field_filter(*f, value, ctx_);
    if (!q) return q.error();
    if (q->empty()) return Part{Q(), {}, {}, false, true};
    return Part{Q(Q::OP_SCALE_WEIGHT, *q, 0.0), {}, {}, false};
  }

  Result<Part> group(const QueryNode& n);

  // Types the query names ("nghị định", "thông tư liên tịch"): documents of that type rank higher.
  void note_types(const std::vector<std::string>& folded) {
    for (std::size_t i = 0; i < folded.size(); ++i) {
      std::size_t longest = 0;
      std::string_view code;
      for (const auto& type : schema::kDocTypes) {
        std::size_t n = 0;
        bool whole = true;
        for (std::string_view rest = type.code; whole && !rest.empty(); ++n) {
          const std::size_t dash = rest.find('-');
          whole = i + n < folded.size() && folded[i + n] == rest.substr(0, dash);
          rest = dash == std::string_view::npos ? std::string_view() : rest.substr(dash + 1);
        }
        if (whole && n > longest) longest = n, code = type.code;
      }
      if (longest == 0) continue;
      out_.signals.type_terms.push_back(make_term(Field::Type, std::string(code)));
      i += longest - 1;
    }
  }

  // Issuing bodies the query names ("bộ công thương", "BCT", "ngân hàng nhà nước"): their documents
  // rank higher, which tells apart the ministries' circulars of one number and year. The longest
  // name wins; a one-word name counts only as a known alias of three letters or more ("byt", not "cp"),
  // and only bodies that issued a document of this index count.
  void note_issuers(const std::vector<std::string>& folded) {
    constexpr std::size_t kLongestName = 10, kLongestQuery = 40;  // a name in a long question is noise
    if (folded.size() > kLongestQuery) return;
    for (std::size_t i = 0; i < folded.size(); ++i) {
      for (std::size_t n = std::min(kLongestName, folded.size() - i); n >= 1; --n) {
        if (n == 1 && folded[i].size() < 3) break;
        std::string name;
        for (std::size_t k = i; k < i + n; ++k) name += (k == i ? "" : " ") + folded[k];
        const auto canonical = ctx_.issuers.canonical(name);
        if (!canonical) continue;
        std::string term = make_term(Field::Issuer, ctx_.issuers.code(*canonical));
        if (!ctx_.db.term_exists(term)) continue;
        out_.signals.issuer_terms.push_back(std::move(term));
        i += n - 1;
        break;
      }
    }
  }

  const BuildContext& ctx_;
  BuiltQuery& out_;
  std::vector<RankWord> run_words_;  // words of the text run being built
  std::vector<Q> word_bonus_;        // exact and restored forms of its words (see word())
};

Result<Part> Builder::group(const QueryNode& n) {
  std::vector<Q> required, optional, prohibited;
  Part out;
  for (const auto& child : n.children) {
    auto p = node(child);
    if (!p) return p;
    if (p->nothing) {
      // Excluding nothing excludes nothing, and an alternative that matches nothing adds nothing;
      // a required clause that matches nothing leaves nothing to match.
      if (!child.prohibited && (child.required || n.kind == NodeKind::And)) return Part{Q(), {}, {}, false, true};
      out.nothing = out.nothing || !child.prohibited;  // stays only when no other clause matches anything
      continue;
    }
    if (p->empty) continue;
    // What an excluded clause would rank up is never matched, but a date's bonus is not
    // its words: it must not rank up the documents of a period the query excludes.
    if (!child.prohibited) {
      out.boosts.insert(out.boosts.end(), p->boosts.begin(), p->boosts.end());
      out.words.insert(out.words.end(), p->words.begin(), p->words.end());
    }
    if (child.prohibited)
      prohibited.push_back(p->query);
    else if (child.required || n.kind == NodeKind::And)
      required.push_back(p->query);
    else
      optional.push_back(p->query);
  }
  if (out.nothing && required.empty() && optional.empty()) return Part{Q(), {}, {}, false, true};
  out.nothing = false;
  Q q;
  if (!required.empty() && !optional.empty())
    q = with_bonus(combine(Q::OP_AND, required), combine(Q::OP_OR, optional), ctx_);  // optional clauses only rank
  else if (!required.empty())
    q = combine(Q::OP_AND, required);
  else if (!optional.empty())
    q = combine(Q::OP_OR, optional);
  if (!prohibited.empty()) q = Q(Q::OP_AND_NOT, q.empty() ? match_all() : q, combine(Q::OP_OR, prohibited));
  out.query = q;
  out.empty = q.empty();
  return out;
}

}  // namespace

Xapian::Query weighted_filter(const Xapian::Query& filter, double weight) {
  auto* source = new Xapian::FixedWeightPostingSource(weight);
  return Q(Q::OP_AND, filter, Q(source->release()));
}

Xapian::Query match_all() {
  return Q(std::string());  // the empty term: every document (Xapian's LEAF_MATCH_ALL)
}

Result<BuiltQuery> build_query(const QueryNode& root, const BuildContext& ctx) {
  BuiltQuery out;
  Builder builder(ctx, out);
  QueryNode top = root;
  if (top.kind != NodeKind::And && top.kind != NodeKind::Or)
    top = QueryNode{NodeKind::And, "", "", false, false, {root}};
  auto part = builder.node(top);
  if (!part) return part.error();
  out.has_text = builder.has_text;
  out.word_count = builder.words;
  out.signals.words = part->words;
  out.signals.query_has_marks = ctx.query_has_marks;
  if (ctx.query_has_marks)
    for (const RankWord& w : out.signals.words) {
      if (!w.is_word) continue;
      auto& forms = out.exact_forms[w.folded];
      if (std::find(forms.begin(), forms.end(), w.exact) == forms.end()) forms.push_back(w.exact);
    }
  if (part->nothing) {
    out.query = Q::MatchNothing;  // not even the document of a number in the query
    return out;
  }
  Q q = part->empty ? match_all() : part->query;
  if (!part->boosts.empty()) q = with_bonus(q, combine(Q::OP_OR, part->boosts), ctx);
  // A document number anywhere in the query puts the document holding it first.
  for (const auto& key : out.doc_numbers)
    q = Q(Q::OP_OR, q, weighted_filter(Q(make_term(Field::Number, key)), ctx.weights.number_boost));
  out.query = q;
  return out;
}

}  // namespace tracuu::searchd
