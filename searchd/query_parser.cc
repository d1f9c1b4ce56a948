#include "searchd/query_parser.h"

#include <optional>

#include "schema/query_fields.h"

namespace tracuu::searchd {
namespace {

enum class LexKind { Word, Phrase, Field, LParen, RParen, And, Or, Not };

struct Lexeme {
  LexKind kind;
  std::string text;   // word / phrase / field value
  std::string field;  // field name
  bool required = false, prohibited = false;
  std::size_t begin = 0, end = 0;  // Word/Phrase: the bytes of `text` in the query
};

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Query names that take a value (schema/query_fields.h).
bool is_field_name(std::string_view name) {
  return schema::query_field_by_name(name).has_value();
}

class Lexer {
 public:
  explicit Lexer(std::string_view q) : q_(q) {}

  std::vector<Lexeme> run() {
    std::vector<Lexeme> out;
    while (skip_spaces(), pos_ < q_.size()) {
      const char c = q_[pos_];
      if (c == '(') {
        out.push_back({LexKind::LParen, "", ""});
        ++pos_;
      } else if (c == ')') {
        out.push_back({LexKind::RParen, "", ""});
        ++pos_;
      } else if (c == '"') {
        ++pos_;
        out.push_back({LexKind::Phrase, read_quoted(), ""});
        out.back().begin = quoted_begin_, out.back().end = quoted_end_;
      } else {
        out.push_back(read_chunk());
      }
    }
    return out;
  }

 private:
  void skip_spaces() {
    while (pos_ < q_.size() && is_space(q_[pos_])) ++pos_;
  }
  // Up to the closing quote (or the end: lenient).
  std::string read_quoted() {
    quoted_begin_ = pos_;
    const std::size_t end = q_.find('"', pos_);
    std::string s(q_.substr(pos_, end == std::string_view::npos ? std::string_view::npos : end - pos_));
    pos_ = end == std::string_view::npos ? q_.size() : end + 1;
    quoted_end_ = quoted_begin_ + s.size();
    return s;
  }
  Lexeme read_chunk() {
    Lexeme lx{LexKind::Word, "", ""};
    if ((q_[pos_] == '-' || q_[pos_] == '+') && pos_ + 1 < q_.size() && !is_space(q_[pos_ + 1]) &&
        q_[pos_ + 1] != '-') {
      (q_[pos_] == '-' ? lx.prohibited : lx.required) = true;
      ++pos_;
      if (q_[pos_] == '"') {
        ++pos_;
        lx.kind = LexKind::Phrase;
        lx.text = read_quoted();
        lx.begin = quoted_begin_, lx.end = quoted_end_;
        return lx;
      }
    }
    const std::size_t start = pos_;
    while (pos_ < q_.size() && !is_space(q_[pos_]) && q_[pos_] != '(' && q_[pos_] != ')' && q_[pos_] != '"') {
      if (q_[pos_] == ':' && pos_ > start && is_field_name(q_.substr(start, pos_ - start))) {
        lx.kind = LexKind::Field;
        lx.field = std::string(q_.substr(start, pos_ - start));
        ++pos_;
        if (pos_ < q_.size() && q_[pos_] == '"') {
          ++pos_;
          lx.text = read_quoted();
        } else {
          const std::size_t vstart = pos_;
          while (pos_ < q_.size() && !is_space(q_[pos_]) && q_[pos_] != ')') ++pos_;
          lx.text = std::string(q_.substr(vstart, pos_ - vstart));
        }
        return lx;
      }
      ++pos_;
    }
    lx.text = std::string(q_.substr(start, pos_ - start));
    lx.begin = start, lx.end = pos_;
    if (!lx.required && !lx.prohibited) {
      if (lx.text == "AND")
        lx.kind = LexKind::And;
      else if (lx.text == "OR")
        lx.kind = LexKind::Or;
      else if (lx.text == "NOT")
        lx.kind = LexKind::Not;
    }
    return lx;
  }

  std::string_view q_;
  std::size_t pos_ = 0;
  std::size_t quoted_begin_ = 0, quoted_end_ = 0;  // of the last read_quoted()
};

// Recursive descent over lexemes: or := and (OR and)* ; and := unary ([AND] unary)* ; unary := NOT unary | primary.
class Parser {
 public:
  Parser(std::vector<Lexeme> lx, DefaultOperator op) : lx_(std::move(lx)), op_(op) {}

  Result<QueryNode> parse() {
    auto n = parse_or();
    if (!n) return n;
    while (pos_ < lx_.size()) {  // stray ')' : skip and keep parsing (lenient)
      ++pos_;
      auto more = parse_or();
      if (!more) return more;
      n = combine(NodeKind::And, std::move(*n), std::move(*more));
    }
    return n;
  }

 private:
  bool at(LexKind k) const { return pos_ < lx_.size() && lx_[pos_].kind == k; }

  static QueryNode combine(NodeKind kind, QueryNode a, QueryNode b) {
    if (is_empty(a)) return b;
    if (is_empty(b)) return a;
    QueryNode n{kind, "", "", false, false, {}};
    for (QueryNode* part : {&a, &b}) {
      if (part->kind == kind && !part->required && !part->prohibited) {
        for (auto& c : part->children) n.children.push_back(std::move(c));
      } else {
        n.children.push_back(std::move(*part));
      }
    }
    return n;
  }

  Result<QueryNode> parse_or() {
    auto left = parse_and();
    if (!left) return left;
    while (at(LexKind::Or)) {
      ++pos_;
      auto right = parse_and();
      if (!right) return right;
      if (is_empty(*right)) return Error{Status::BadQuery, "OR needs a clause on both sides"};
      left = combine(NodeKind::Or, std::move(*left), std::move(*right));
    }
    return left;
  }

  Result<QueryNode> parse_and() {
    QueryNode acc{NodeKind::And, "", "", false, false, {}};
    const NodeKind implicit = op_ == DefaultOperator::Or ? NodeKind::Or : NodeKind::And;
    bool explicit_and = false;
    while (pos_ < lx_.size() && !at(LexKind::Or) && !at(LexKind::RParen)) {
      if (at(LexKind::And)) {
        ++pos_;
        explicit_and = true;
        continue;
      }
      auto u = parse_unary();
      if (!u) return u;
      if (is_empty(acc)) {
        acc = std::move(*u);
      } else {
        // Consecutive plain words form one text run so that "nd-cp 66 2025" stays together.
        if (!explicit_and && acc.kind == NodeKind::Text && u->kind == NodeKind::Text && !acc.required &&
            !acc.prohibited && !u->required && !u->prohibited) {
          acc.text += " " + u->text;
        } else if (!explicit_and && implicit == NodeKind::And && acc.kind == NodeKind::And && !acc.children.empty() &&
                   acc.children.back().kind == NodeKind::Text && u->kind == NodeKind::Text &&
                   !acc.children.back().required && !acc.children.back().prohibited && !u->required && !u->prohibited) {
          acc.children.back().text += " " + u->text;
        } else {
          acc = combine(explicit_and ? NodeKind::And : implicit, std::move(acc), std::move(*u));
        }
      }
      explicit_and = false;
    }
    if (explicit_and) return Error{Status::BadQuery, "AND needs a clause on both sides"};
    return acc;
  }

  // Each '(' and NOT recurses three functions deeper: past kMaxQueryNesting the query is refused rather than the
  // stack risked (2,048 '(' overflowed a thread's 8 MB in the ASan build).
  Result<QueryNode> parse_unary() {
    if (!at(LexKind::Not) && !at(LexKind::LParen)) return parse_primary();
    if (depth_ == kMaxQueryNesting)
      return Error{Status::BadQuery,
                   "parentheses and NOT nest deeper than " + std::to_string(kMaxQueryNesting) + " levels"};
    ++depth_;
    auto nested = parse_nested();
    --depth_;
    return nested;
  }

  Result<QueryNode> parse_nested() {
    if (at(LexKind::Not)) {
      ++pos_;
      auto operand = parse_unary();
      if (!operand) return operand;
      if (is_empty(*operand)) return Error{Status::BadQuery, "NOT needs a clause after it"};
      operand->prohibited = !operand->prohibited;
      return operand;
    }
    if (at(LexKind::LParen)) {
      ++pos_;
      auto inner = parse_or();
      if (!inner) return inner;
      if (at(LexKind::RParen)) ++pos_;  // a missing ')' closes at the end
      return inner;
    }
    return parse_primary();
  }

  Result<QueryNode> parse_primary() {
    if (pos_ >= lx_.size()) return QueryNode{NodeKind::And, "", "", false, false, {}};
    const Lexeme& lx = lx_[pos_++];
    QueryNode n{NodeKind::Text, lx.text, "", lx.required, lx.prohibited, {}};
    if (lx.kind == LexKind::Phrase) n.kind = NodeKind::Phrase;
    if (lx.kind == LexKind::Field) {
      if (lx.text.empty()) return Error{Status::BadQuery, "field '" + lx.field + ":' has no value"};
      n.kind = NodeKind::Field;
      n.field = lx.field;
    }
    return n;
  }

  std::vector<Lexeme> lx_;
  DefaultOperator op_;
  std::size_t pos_ = 0;
  std::size_t depth_ = 0;  // '(' and NOT open around the current position
};

}  // namespace

Result<QueryNode> parse_query(std::string_view query, DefaultOperator op) {
  return Parser(Lexer(query).run(), op).parse();
}

std::string describe(const QueryNode& n) {
  std::string s = n.prohibited ? "-" : (n.required ? "+" : "");
  switch (n.kind) {
    case NodeKind::Text: return s + "Text(" + n.text + ")";
    case NodeKind::Phrase: return s + "Phrase(" + n.text + ")";
    case NodeKind::Field: return s + "Field(" + n.field + "=" + n.text + ")";
    case NodeKind::And: s += "AND("; break;
    case NodeKind::Or: s += "OR("; break;
  }
  for (std::size_t i = 0; i < n.children.size(); ++i) s += (i ? ", " : "") + describe(n.children[i]);
  return s + ")";
}

std::vector<std::pair<std::size_t, std::size_t>> free_text_spans(std::string_view query) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  for (const auto& lx : Lexer(query).run())
    if (lx.kind == LexKind::Word || lx.kind == LexKind::Phrase) spans.emplace_back(lx.begin, lx.end);
  return spans;
}

}  // namespace tracuu::searchd
