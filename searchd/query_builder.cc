#include "searchd/query_builder.h"

#include <algorithm>
#include <cstdio>
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

// A built clause: its query and the optional boosts it contributes. `empty`: no clause at all (a run of
// punctuation), which constrains nothing; `nothing`: a clause that can match no document (citedby: of an
// unknown document), which must empty an AND instead of vanishing from it as an empty Xapian query would.
struct Part {
  Q query;
  std::vector<Q> boosts;
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
  // A word typed with marks matches its exact form (boosted) or its folded form;
  // typed without marks, its folded form, re-ranked by the likely accented spellings.
  Q word(const Token& t) {
    out_.highlight.push_back({schema::folded_form(t)});
    Q folded(xf(schema::folded_form(t)));
    if (t.kind != TokenKind::Word) return folded;
    ++words;
    // Every exact-layer term has its folded twin at the same position: the folded term alone matches the same
    // documents.
    if (ctx_.match_set_only) return folded;
    if (t.exact != t.folded) return Q(Q::OP_OR, folded, Q(Q::OP_SCALE_WEIGHT, Q(t.exact), ctx_.weights.exact_boost));
    // Someone who types marks types them where they belong: their unmarked words
    // ("cho", "trong") are meant as typed. Only fully unaccented queries are restored.
    if (ctx_.query_has_marks) return folded;
    out_.unaccented_words.push_back(t.folded);
    const std::vector<Spelling>* spellings = &ctx_.vocabulary.spellings(t.folded);
    if (ctx_.local_spellings) {
      if (auto it = ctx_.local_spellings->find(t.folded); it != ctx_.local_spellings->end()) spellings = &it->second;
    }
    std::vector<Q> parts{folded};
    for (const Spelling& s : *spellings) {
      if (s.share < ctx_.weights.restore_min_share || parts.size() > kMaxRestoredSpellings) break;
      if (s.exact == t.folded) continue;  // the unaccented spelling has no exact-layer term
      parts.emplace_back(Q::OP_SCALE_WEIGHT, Q(s.exact), ctx_.weights.restore_boost * s.share);
    }
    return combine(Q::OP_OR, parts);
  }

  Q doc_number(const std::string& key) {
    out_.doc_numbers.push_back(key);
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

  // "tháng 7/2025", "quý 3/2025", "năm 2021": a bonus for documents dated then.
  std::optional<Q> date_expression(const std::vector<Token>& t, std::size_t i) {
    if (i + 1 >= t.size()) return std::nullopt;
    const std::string& w = t[i].folded;
    const Token& v = t[i + 1];
    std::string lo, hi;
    if ((w == "thang" || w == "quy") && v.kind == TokenKind::Date && v.exact.size() == 7) {
      const std::string year = v.exact.substr(0, 4);
      const int m = std::stoi(v.exact.substr(5, 2));
      if (w == "thang") {
        lo = year + v.exact.substr(5, 2) + "01", hi = year + v.exact.substr(5, 2) + "31";
      } else if (m >= 1 && m <= 4) {
        char a[3], b[3];
        std::snprintf(a, sizeof a, "%02d", (m - 1) * 3 + 1);
        std::snprintf(b, sizeof b, "%02d", m * 3);
        lo = year + a + "01", hi = year + b + "31";
      }
    } else if (w == "nam" && v.kind == TokenKind::Number && v.exact.size() == 4 && v.exact >= "1945" &&
               v.exact <= "2099") {
      lo = v.exact + "0101", hi = v.exact + "1231";
    }
    if (lo.empty()) return std::nullopt;
    return weighted_filter(Q(Q::OP_VALUE_RANGE, schema::kSlotIssueDate, lo, hi), ctx_.weights.date_boost);
  }

  Result<Part> text_run(const std::string& s) {
    const std::vector<Token> tokens = text::analyze(s);
    std::vector<std::string> folded;
    for (const auto& t : tokens) folded.push_back(schema::folded_form(t));
    Part part;
    std::vector<Q> clauses, soft;
    std::vector<bool> plain_word(tokens.size(), false);
    for (std::size_t i = 0; i < tokens.size();) {
      std::size_t len = 0;
      if (tokens[i].kind == TokenKind::DocNumber) {
        clauses.push_back(doc_number(tokens[i].exact));
        ++i;
      } else if (auto dn = loose_doc_number(s, tokens, i, len)) {
        clauses.push_back(doc_number(dn->key));
        i += len;
      } else if (auto date = date_expression(tokens, i)) {
        part.boosts.push_back(*date);
        soft.push_back(word(tokens[i + 1]));
        part.boosts.push_back(soft.back());
        i += 2;
      } else if (auto m = ctx_.abbreviations.match_at(folded, i)) {
        std::vector<Q> alts;
        for (const auto& a : alternatives(*m)) alts.push_back(bigram_chain(a));
        Q q = combine(Q::OP_OR, alts);
        clauses.push_back(with_bonus(q, exact_bonus(tokens, i, i + m->length), ctx_));
        words += m->length;
        i += m->length;
      } else {
        clauses.push_back(word(tokens[i]));
        plain_word[i] = tokens[i].kind == TokenKind::Word;
        ++i;
      }
    }
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
      out_.highlight.push_back(v);  // a phrase is highlighted where it occurs whole
    }
    Part part;
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
    if (q->empty()) return Part{Q(), {}, false, true};
    return Part{Q(Q::OP_SCALE_WEIGHT, *q, 0.0), {}, false};
  }

  Result<Part> group(const QueryNode& n);

  const BuildContext& ctx_;
  BuiltQuery& out_;
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
      if (!child.prohibited && (child.required || n.kind == NodeKind::And)) return Part{Q(), {}, false, true};
      out.nothing = out.nothing || !child.prohibited;  // stays only when no other clause matches anything
      continue;
    }
    if (p->empty) continue;
    out.boosts.insert(out.boosts.end(), p->boosts.begin(), p->boosts.end());
    if (child.prohibited)
      prohibited.push_back(p->query);
    else if (child.required || n.kind == NodeKind::And)
      required.push_back(p->query);
    else
      optional.push_back(p->query);
  }
  if (out.nothing && required.empty() && optional.empty()) return Part{Q(), {}, false, true};
  out.nothing = false;
  Q q;
  if (!required.empty() && !optional.empty())
    q = with_bonus(combine(Q::OP_AND, required), combine(Q::OP_OR, optional), ctx_);  // optional clauses only rank
  else if (!required.empty())
    q = combine(Q::OP_AND, required);
  else if (!optional.empty())
    q = combine(Q::OP_OR, optional);
  if (!prohibited.empty()) q = Q(Q::OP_AND_NOT, q.empty() ? Q::MatchAll : q, combine(Q::OP_OR, prohibited));
  out.query = q;
  out.empty = q.empty();
  return out;
}

}  // namespace

Xapian::Query weighted_filter(const Xapian::Query& filter, double weight) {
  auto* source = new Xapian::FixedWeightPostingSource(weight);
  return Q(Q::OP_AND, filter, Q(source->release()));
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
  if (part->nothing) {
    out.query = Q::MatchNothing;  // not even the document of a number in the query
    return out;
  }
  Q q = part->empty ? Q::MatchAll : part->query;
  if (!part->boosts.empty()) q = with_bonus(q, combine(Q::OP_OR, part->boosts), ctx);
  // A document number anywhere in the query puts the document holding it first.
  for (const auto& key : out.doc_numbers)
    q = Q(Q::OP_OR, q, weighted_filter(Q(make_term(Field::Number, key)), ctx.weights.number_boost));
  out.query = q;
  return out;
}

}  // namespace tracuu::searchd
