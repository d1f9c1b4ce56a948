// What each citation means: the clause around every mention of a number says whether the document
// rests on it (căn cứ), amends, replaces or repeals it, details it or implements it, and the part
// and the date concerned. Passive clauses ("X được sửa đổi, bổ sung bởi Y", "X ... bị bãi bỏ bởi Y")
// report another document's act, as codified pages do for each of their sources.
#include <algorithm>
#include <array>
#include <cctype>

#include "indexer/ingest/extract_internal.h"
#include "indexer/ingest/markers.h"
#include "indexer/ingest/scan.h"
#include "text/strings.h"
#include "text/word.h"

namespace tracuu::indexer::extract_detail {
namespace {

using schema::RelationType;

// A clause is looked for this far around a mention.
constexpr std::size_t kClauseWindow = 900;
// A list item inherits the act of its lead-in ("các văn bản sau đây hết hiệu lực:") this many blocks up.
constexpr std::size_t kLeadInBlocks = 12;
// Agents of one passive act ("bởi Nghị định số A ngày ... và Nghị định số B") stand this close.
constexpr std::size_t kMaxAgentGap = 120;
// Documents with this many "(Điều N Luật số X ...)" source notes are codified pages.
constexpr std::size_t kCodifiedSources = 3;
// A short name is given this close after "sau đây gọi là" ("Nghị định số ").
constexpr std::size_t kAliasGap = 40;

// Where a trigger must stand to be the document's own act.
enum class Stand {
  Anywhere,
  Initial,  // at the start of its clause or after a comma ("Thực hiện Nghị quyết số ...", "Bổ sung Điều 3a ...")
  AfterThis  // right after "<type> này" ("Thông tư này hướng dẫn ...")
};

struct Trigger {
  std::string_view words;  // lower case
  RelationType type;
  std::size_t max_gap;  // bytes from the trigger's end to the mention
  Stand stand = Stand::Anywhere;
};

// Longer phrases before the phrases they contain; the nearest trigger before a mention wins.
constexpr std::array<Trigger, 21> kTriggers{{
    {"căn cứ", RelationType::Basis, 600, Stand::Initial},
    {"sửa đổi, bổ sung", RelationType::Amends, 220},
    {"sửa đổi bổ sung", RelationType::Amends, 220},
    {"sửa đổi", RelationType::Amends, 160, Stand::Initial},
    {"bổ sung", RelationType::Amends, 160, Stand::Initial},
    {"thay thế", RelationType::Replaces, 260},
    {"bãi bỏ", RelationType::Repeals, 260},
    {"hủy bỏ", RelationType::Repeals, 160},
    {"huỷ bỏ", RelationType::Repeals, 160},
    {"ngưng hiệu lực", RelationType::Repeals, 160},
    {"quy định chi tiết", RelationType::Details, 160},
    {"hướng dẫn thi hành", RelationType::Details, 160},
    {"hướng dẫn thực hiện", RelationType::Details, 200},
    {"hướng dẫn chi tiết", RelationType::Details, 160},
    {"hướng dẫn", RelationType::Details, 160, Stand::AfterThis},
    {"triển khai thực hiện", RelationType::Implements, 120, Stand::Initial},
    {"triển khai", RelationType::Implements, 60, Stand::Initial},
    {"cụ thể hóa", RelationType::Implements, 120, Stand::Initial},
    {"cụ thể hoá", RelationType::Implements, 120, Stand::Initial},
    {"thực hiện", RelationType::Implements, 60, Stand::Initial},
    {"tổ chức thực hiện", RelationType::Implements, 60, Stand::Initial},
}};

// Bytes of the longest trigger.
constexpr std::size_t kLongestTrigger = [] {
  std::size_t n = 0;
  for (const Trigger& t : kTriggers) n = std::max(n, t.words.size());
  return n;
}();

// Words before a trigger that make it a proposal or a draft's act, not the document's.
constexpr std::string_view kNotActs[] = {"đề nghị", "dự thảo", "tham mưu", "xem xét", "cần ", "đề xuất", "kiến nghị"};

// Bytes of adverbs an "initial" trigger may follow ("Tiếp tục đẩy mạnh triển khai ...", "Chỉ đạo triển khai").
constexpr std::size_t kInitialSlack = 30;

// The only words an "initial" implements trigger may follow in its clause: how a document opens its own act
// ("Tiếp tục đẩy mạnh triển khai", "Để thực hiện"). Other words make it a task ("bố trí ngân sách triển khai
// hiệu quả Nghị quyết số ...", "triển khai các chương trình ... về thực hiện Nghị quyết"), not an act on the text.
// "triển khai" before "thực hiện": the longer trigger read from its second word.
constexpr std::string_view kImplementsLeadWords[] = {
    "tiếp",   "tục", "đẩy",   "mạnh", "chỉ", "đạo", "để",   "nhằm", "tích", "cực",   "khẩn", "trương",
    "nghiêm", "túc", "quyết", "liệt", "và",  "tổ",  "chức", "kịp",  "thời", "triển", "khai"};

// How a clause that reports another's act ends before its trigger ("được tiếp tục thực hiện đến hết ngày ...").
constexpr std::string_view kPassiveEnds[] = {"được", "bị", "được tiếp tục", "đã được", "vẫn được"};

// Words before a mention that define a short name for it ("(sau đây gọi tắt là Nghị định số 88/2016/NĐ-CP)"):
// a name being given, not a document being acted on.
constexpr std::string_view kAliasWords[] = {"sau đây gọi là", "sau đây gọi tắt là", "sau đây viết gọn là",
                                            "sau đây viết tắt là", "sau đây gọi chung là"};

// An implements lead-in's object that is documents ("Triển khai thực hiện các văn bản sau:"); tasks
// ("thực hiện tốt các nhóm nhiệm vụ sau:") and conditions ("Điều kiện thực hiện ...") are not.
constexpr std::string_view kDocumentWords[] = {"văn bản",      "nghị quyết", "nghị định", "thông tư",
                                               "quyết định",   "chỉ thị",    "kết luận",  "luật",
                                               "chương trình", "kế hoạch",   "thông báo", "pháp lệnh"};

constexpr std::string_view kScopeWords[] = {"điểm", "khoản", "điều", "chương", "mục", "phụ lục", "phần"};

struct Found {
  std::size_t begin = 0, end = 0;  // of the trigger
  const Trigger* trigger = nullptr;
  bool passive = false;  // "được sửa đổi", "bị bãi bỏ"
};

// A block's first word starts a word too: blocks are separated by '\n' ("Căn cứ pháp luật" as a heading).
bool word_start(std::string_view lower, std::size_t i) {
  return i == 0 || lower[i - 1] == ' ' || lower[i - 1] == '\n' || lower[i - 1] == '(' || lower[i - 1] == ',' ||
         lower[i - 1] == ';' || lower[i - 1] == ':' || lower[i - 1] == '"' || lower[i - 1] == '-';
}

bool at(std::string_view s, std::size_t pos, std::string_view word) {
  return pos <= s.size() && s.substr(pos, word.size()) == word;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// "bổ sung" after a passive "sửa đổi, " whose marks OCR damaged ("được sửa đỏi, bổ sung tại Điều 22 Nghị định số
// 99/2026/NĐ-CP", 70/2026/TT-BTC): the longer trigger did not match, and "bổ sung" alone would read as active.
bool ocr_passive_amend(const Trigger& tr, std::string_view before) {
  if (tr.words != "bổ sung") return false;
  const std::string folded = text::fold(before.substr(before.size() - std::min<std::size_t>(before.size(), 24)));
  return ends_with(folded, "duoc sua doi,") || ends_with(folded, "bi sua doi,");
}

// The trigger starting at i and ending by `to` (the longest), its clause starting at `from`.
std::optional<Found> trigger_at(std::string_view lower, std::size_t from, std::size_t i, std::size_t to) {
  if (!word_start(lower, i)) return std::nullopt;
  for (const Trigger& tr : kTriggers) {
    if (lower.compare(i, tr.words.size(), tr.words) != 0 || i + tr.words.size() > to) continue;
    const std::size_t e = i + tr.words.size();
    if (e < lower.size() && lower[e] != ' ' && lower[e] != ',' && lower[e] != ':' && lower[e] != ';') continue;
    const std::string_view before = scan::trim(lower.substr(from, i - from));
    std::size_t after = scan::skip_spaces(lower, e);
    if (at(lower, after, ", bổ sung")) after = scan::skip_spaces(lower, after + std::string_view(", bổ sung").size());
    // "được sửa đổi", "bị bãi bỏ", "được tiếp tục thực hiện", and "(sửa đổi bởi Luật ...)" without the auxiliary.
    const bool passive = std::any_of(std::begin(kPassiveEnds), std::end(kPassiveEnds),
                                     [&](std::string_view w) { return ends_with(before, w); }) ||
                         at(lower, after, "bởi ") || ocr_passive_amend(tr, before);
    // "thực hiện theo quy định tại ...": done as a text says, not implementing it.
    if (tr.type == RelationType::Implements && at(lower, after, "theo ")) continue;
    return Found{i, e, &tr, passive};
  }
  return std::nullopt;
}

// The last trigger that ends in lower[from, to).
// A trigger inside a longer one ("bổ sung" of "được sửa đổi, bổ sung") is read as the longer one.
std::optional<Found> last_trigger(std::string_view lower, std::size_t from, std::size_t to) {
  for (std::size_t i = to; i-- > from;) {
    auto f = trigger_at(lower, from, i, to);
    if (!f) continue;
    for (std::size_t j = i; j-- > from && i - j <= kLongestTrigger;)
      if (auto longer = trigger_at(lower, from, j, to); longer && longer->end >= f->end) return longer;
    return f;
  }
  return std::nullopt;
}

// The first trigger that starts in lower[from, to), the longest there ("sửa đổi, bổ sung", not "bổ sung").
std::optional<Found> first_trigger(std::string_view lower, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to; ++i)
    if (auto f = trigger_at(lower, from, i, lower.size())) return f;
  return std::nullopt;
}

// [begin, end) of the clause around pos inside its block: ';', ". " and ": " end clauses.
std::pair<std::size_t, std::size_t> clause_around(std::string_view t, const Block& block, std::size_t pos,
                                                  std::size_t end) {
  std::size_t b = pos, e = end;
  const std::size_t lo = std::max(block.begin, pos > kClauseWindow ? pos - kClauseWindow : 0);
  const std::size_t hi = std::min(block.end, end + kClauseWindow);
  while (b > lo && !(t[b - 1] == ';' || (t[b - 1] == ' ' && b >= 2 && (t[b - 2] == '.' || t[b - 2] == ':')))) --b;
  while (e < hi && !(t[e] == ';' || (t[e] == '.' && (e + 1 == hi || t[e + 1] == ' ')))) ++e;
  return {scan::char_boundary(t, b), e};
}

// "khoản 3 Điều 5", "Điều 12 và Điều 18", "các điểm a, b khoản 2 Điều 7": the part named just before `to`.
std::optional<std::string> scope_before(std::string_view t, std::string_view lower, std::size_t from, std::size_t to) {
  std::size_t first = std::string_view::npos;
  for (std::size_t i = from; i < to && first == std::string_view::npos; ++i) {
    if (!word_start(lower, i)) continue;
    for (std::string_view w : kScopeWords)
      if (lower.compare(i, w.size(), w) == 0 && i + w.size() < to && lower[i + w.size()] == ' ') first = i;
  }
  // "thay thế một phần các quy định tại ...", "thay thế mẫu số 01/TKN-CNKD kèm theo Thông tư số ...": a part,
  // unnamed.
  const auto some = [&]() -> std::optional<std::string> {
    for (std::string_view part : {"một phần", "mẫu số", "mẫu só", "biểu mẫu"})
      if (lower.find(part, from) < to) return "một phần";
    return std::nullopt;
  };
  if (first == std::string_view::npos) return some();
  // The run ends at the last number or letter that follows a scope word.
  std::size_t last = first;
  for (std::size_t i = first; i < to;) {
    std::size_t sp = t.find(' ', i);
    if (sp == std::string_view::npos || sp > to) sp = to;
    const std::string_view word = scan::strip_trailing_punct(t.substr(i, sp - i));
    const bool roman = std::all_of(word.begin(), word.end(), [](char c) { return c == 'I' || c == 'V' || c == 'X'; });
    const bool number = !word.empty() && word.size() <= 6 &&
                        (std::isdigit(static_cast<unsigned char>(word[0])) || scan::count_chars(word) <= 2 || roman);
    const std::string lw = scan::to_lower(word);
    const bool joiner = lw == "và" || lw == "các" || lw == "," || lw == "tại" || lw == "của" ||
                        std::any_of(std::begin(kScopeWords), std::end(kScopeWords),
                                    [&](std::string_view w) { return lw == w || w.rfind(lw + " ", 0) == 0; });
    if (!number && !joiner && lw != "lục") break;
    if (number) last = i + word.size();
    i = sp + 1;
  }
  if (last == first) return some();
  return scan::collapse_spaces(t.substr(first, last - first));
}

// The date a clause gives for the act: "kể từ ngày 01/7/2025", or "kể từ ngày <type> này có hiệu lực" (also
// cut short by a page break, "kể từ ngày Nghị định" closing the clause).
std::optional<std::string> act_date(std::string_view t, std::string_view lower, std::size_t from, std::size_t to,
                                    const RelationContext& ctx) {
  for (std::size_t i = lower.find("từ ngày", from); i != std::string_view::npos && i < to;
       i = lower.find("từ ngày", i + 1)) {
    const std::size_t p = i + std::string_view("từ ").size();
    if (const auto d = scan::match_date(t, p); d && d->end <= to) return d->date.iso();
    const std::size_t own = lower.find("này có hiệu lực", p);
    if (own != std::string_view::npos && own < std::min(to, p + 60)) return ctx.own_effective_date;
    if (!ctx.own_type) continue;
    const std::string type = scan::to_lower(*ctx.own_type);
    const std::size_t q = scan::skip_spaces(lower, p + std::string_view("ngày").size());
    if (at(lower, q, type) && scan::skip_spaces(lower, q + type.size()) >= to) return ctx.own_effective_date;
  }
  return std::nullopt;
}

const Block& block_of(const ReflowedText& doc, std::size_t pos) {
  auto it = std::upper_bound(doc.blocks.begin(), doc.blocks.end(), pos,
                             [](std::size_t p, const Block& b) { return p < b.begin; });
  return it == doc.blocks.begin() ? doc.blocks.front() : *(it - 1);
}

std::size_t block_index(const ReflowedText& doc, const Block& b) {
  return static_cast<std::size_t>(&b - doc.blocks.data());
}

class Typer {
 public:
  Typer(const ReflowedText& doc, const std::vector<Mention>& mentions, std::vector<schema::Citation>& citations,
        const RelationContext& ctx)
      : doc_(doc),
        t_(doc.text),
        lower_(scan::to_lower(doc.text)),
        mentions_(mentions),
        citations_(citations),
        ctx_(ctx) {
    if (lower_.size() != t_.size()) lower_ = std::string(t_);  // a case change altered lengths: match case as is
    find_sources();
  }

  void run() {
    for (std::size_t m = 0; m < mentions_.size(); ++m)
      if (!is_form(m)) type_mention(m);
    for (auto& c : citations_) c.relation = schema::strongest_relation(c.relations);
  }

 private:
  // Codified pages open each article with its source: "(Điều 1 Luật số 29/2018/QH14 ...": the act of
  // "<type> này" there is that source's.
  void find_sources() {
    for (std::size_t m = 0; m < mentions_.size(); ++m) {
      const std::size_t b = mentions_[m].begin;
      const std::size_t from = b > 80 ? scan::char_boundary(t_, b - 80) : 0;
      const std::size_t open = lower_.rfind("(điều ", b);
      if (open == std::string::npos || open < from) continue;
      const std::string_view between = std::string_view(lower_).substr(open, b - open);
      if (between.find(')') != std::string_view::npos || between.find(';') != std::string_view::npos) continue;
      sources_.push_back(m);
    }
    codified_ = sources_.size() >= kCodifiedSources;
  }

  // The key of the codified source in force at `pos` (empty when none).
  std::string source_at(std::size_t pos) const {
    const auto it = std::upper_bound(sources_.begin(), sources_.end(), pos,
                                     [&](std::size_t p, std::size_t m) { return p < mentions_[m].begin; });
    return it == sources_.begin() ? std::string() : citations_[mentions_[*(it - 1)].citation].key;
  }

  // The first mention starting in [pos, to), or mentions_.size().
  std::size_t mention_at_or_after(std::size_t pos, std::size_t to) const {
    const auto it = std::lower_bound(mentions_.begin(), mentions_.end(), pos,
                                     [](const Mention& m, std::size_t p) { return m.begin < p; });
    return it != mentions_.end() && it->begin < to ? static_cast<std::size_t>(it - mentions_.begin())
                                                   : mentions_.size();
  }

  // The nearest mention ending before `pos` and starting at or after `from`, or mentions_.size().
  std::size_t mention_before(std::size_t pos, std::size_t from) const {
    auto it = std::lower_bound(mentions_.begin(), mentions_.end(), pos,
                               [](const Mention& m, std::size_t p) { return m.begin < p; });
    while (it != mentions_.begin()) {
      --it;
      if (it->begin < from) break;
      if (it->end <= pos) return static_cast<std::size_t>(it - mentions_.begin());
    }
    return mentions_.size();
  }

  void add(std::size_t m, RelationType type, std::optional<std::string> scope, std::optional<std::string> date,
           std::optional<std::string> by, std::size_t clause_begin, std::size_t clause_end) {
    schema::Citation& c = citations_[mentions_[m].citation];
    if (by && *by == c.key) return;
    schema::CitationRelation r;
    r.type = std::string(schema::relation_name(type));
    r.scope = std::move(scope);
    r.effective_date = std::move(date);
    r.by = std::move(by);
    r.span = {clause_begin, clause_end};
    r.source = mentions_[m].begin >= ctx_.table_begin && mentions_[m].begin < ctx_.table_end ? "table" : "text";
    for (const auto& old : c.relations)
      if (old.type == r.type && old.scope == r.scope && old.by == r.by) return;
    c.relations.push_back(std::move(r));
  }

  // "X ... được sửa đổi, bổ sung bởi Y và Z", "(Điều 18 Nghị định số X ..., có nội dung bị bãi bỏ bởi Điều 3
  // Nghị định số Y có hiệu lực thi hành kể từ ngày D)": X's relations, the acts Y's and Z's. Without an
  // agent, "Điểm a khoản 1 Điều 5 của Nghị định số X được sửa đổi, bổ sung như sau:" is the document's own
  // act. False when the clause reports no act on X.
  bool passive(std::size_t m, std::size_t cb, std::size_t ce) {
    const auto f = first_trigger(lower_, mentions_[m].end, std::min(ce, mentions_[m].end + 400));
    if (!f || !f->passive || mention_before(f->begin, cb) != m) return false;
    auto scope = scope_before(t_, lower_, cb, mentions_[m].begin);
    constexpr std::string_view kSomeContent = "có nội dung ";
    if (!scope && f->begin >= kSomeContent.size() + 3 &&
        std::string_view(lower_).substr(cb, f->begin - cb).find(kSomeContent) != std::string_view::npos)
      scope = "một phần";
    std::vector<std::size_t> agents;
    for (std::size_t a = mention_at_or_after(f->end, std::min(ce, f->end + 200)); a < mentions_.size(); ++a) {
      if (mentions_[a].begin >= ce) break;
      if (!agents.empty()) {  // more agents follow after "và" or ",", nothing else in between
        const std::size_t prev = mentions_[agents.back()].end;
        if (!listed_after(prev, a) || last_trigger(lower_, prev, mentions_[a].begin)) break;
      }
      agents.push_back(a);
    }
    if (agents.empty()) {
      constexpr std::string_view kAsFollows = "như sau";
      if (lower_.compare(scan::skip_spaces(lower_, f->end), kAsFollows.size(), kAsFollows) != 0) return false;
      own_or_source(m, f->trigger->type, scope, act_date(t_, lower_, cb, ce, ctx_), cb, ce);
      return true;
    }
    for (std::size_t a : agents)
      add(m, f->trigger->type, scope, act_date(t_, lower_, mentions_[a].end, ce, ctx_),
          citations_[mentions_[a].citation].key, cb, ce);
    return true;
  }

  // "... hết hiệu lực (thi hành) kể từ ngày ..." after the mention.
  bool expires_after(std::size_t m, std::size_t cb, std::size_t ce) {
    const std::size_t at = lower_.find("hết hiệu lực", mentions_[m].end);
    if (at == std::string::npos || at >= ce) return false;
    const std::string_view before = std::string_view(lower_).substr(cb, mentions_[m].begin - cb);
    if (before.find("khi ") != std::string_view::npos || before.find("đến ngày") != std::string_view::npos ||
        before.find("đến hết") != std::string_view::npos)
      return false;  // "sau khi X hết hiệu lực", "đến (hết) ngày X hết hiệu lực": an event, not an act
    own_or_source(m, RelationType::Repeals, scope_before(t_, lower_, cb, mentions_[m].begin),
                  act_date(t_, lower_, at, ce, ctx_), cb, ce);
    return true;
  }

  void own_or_source(std::size_t m, RelationType type, std::optional<std::string> scope,
                     std::optional<std::string> date, std::size_t cb, std::size_t ce) {
    if (!codified_) return add(m, type, std::move(scope), std::move(date), std::nullopt, cb, ce);
    const std::string source = source_at(mentions_[m].begin);
    if (!source.empty()) add(m, type, std::move(scope), std::move(date), source, cb, ce);
  }

  // The act of a list's lead-in ("Bãi bỏ các quy định tại:", "... sau đây hết hiệu lực thi hành:"), for an
  // item that names the parts and the document it concerns ("đ) Khoản 3 Điều 37; các quy định ... ban hành kèm
  // theo Nghị định số ..."), not for one that mentions it in a rule of its own: sentences, "... thì ...",
  // "theo quy định tại" ("e) Trường hợp dữ liệu ... bổ sung. Việc điều chỉnh ... Nghị định số ..."). An item
  // with a label of its own ("- Viện dẫn: ...", "- Thay thế: ...") says its act itself.
  // `only`: take the lead-in's act only when it is this one.
  bool lead_in(std::size_t m, std::size_t cb, std::size_t ce, std::optional<RelationType> only = std::nullopt) {
    const Block& block = block_of(doc_, mentions_[m].begin);
    if (block.kind != BlockKind::Item && block.kind != BlockKind::Bullet) return false;
    const std::string_view head = std::string_view(lower_).substr(block.begin, mentions_[m].begin - block.begin);
    if (const std::size_t colon = head.find(": "); colon != std::string_view::npos) {
      const auto f = last_trigger(lower_, block.begin, block.begin + colon);
      if (!f || f->passive || !own_act(*f, block.begin) || (only && f->trigger->type != *only)) return false;
      own_or_source(m, f->trigger->type, scope_before(t_, lower_, block.begin + colon, mentions_[m].begin),
                    act_date(t_, lower_, cb, ce, ctx_), cb, ce);
      return true;
    }
    // A numbered item ("1. Tính tiền ... quy định tại khoản 7 Điều 7 Nghị quyết số ...") is a rule of its own
    // under most lead-ins (its ". " reads as a sentence end: judged on vn-legal, two thirds of the acts it would
    // take are wrong); under a list of bases ("Căn cứ pháp luật" / "1. Luật Tổ chức Chính phủ số ...") it is a
    // basis.
    std::string_view own_text = head;
    if (const auto marker = parse_marker(doc_.block_text(block)); marker && marker->title_begin <= head.size())
      own_text.remove_prefix(marker->title_begin);
    if (own_text.find(". ") != std::string_view::npos || own_text.find(" thì ") != std::string_view::npos ||
        own_text.find("theo quy định") != std::string_view::npos)
      return false;
    const bool numbered = head.find(". ") != std::string_view::npos;
    const std::size_t bi = block_index(doc_, block);
    for (std::size_t k = bi; k-- > 0 && bi - k <= kLeadInBlocks;) {
      const Block& lead = doc_.blocks[k];
      const std::string_view text = scan::trim(doc_.block_text(k));
      const bool heading = lead.kind == BlockKind::Heading;  // "## Căn cứ pháp luật", "### Các nghị định được sửa đổi"
      if (text.empty() || (!opens_list(text) && !heading)) continue;
      const std::size_t e = lead.begin + text.size();
      std::optional<RelationType> type;
      if (lower_.find("hết hiệu lực", lead.begin) < e) type = RelationType::Repeals;
      if (const auto f = last_trigger(lower_, lead.begin, e); f && (!f->passive || heading)) {
        type = f->trigger->type;
        if (*type == RelationType::Implements && (heading || !own_act(*f, lead.begin) || !names_documents(f->end, e)))
          return false;
      }
      if (!type || (only && *type != *only) || (numbered && *type != RelationType::Basis)) return false;
      // A list of bases is headed by a label ("Căn cứ pháp luật", "CĂN CỨ BAN HÀNH") or says what the document
      // was issued on ("Thông tư được ban hành căn cứ các văn bản sau:"), not by a rule that decides on
      // something ("Căn cứ vào nhiệm vụ được giao ..., đơn vị được tự chủ quyết định các nội dung chi như sau:",
      // "Mức lương làm căn cứ tính lương hưu là:").
      if (*type == RelationType::Basis && !lists_bases(lead.begin, e)) return false;
      own_or_source(m, *type, scope_before(t_, lower_, block.begin, mentions_[m].begin),
                    act_date(t_, lower_, lead.begin, e, ctx_), cb, ce);
      return true;
    }
    return false;
  }

  // The label of a relation row of the metadata table ("Thay thế", "Văn bản bị bãi bỏ") says the act.
  bool table_row(std::size_t m, std::size_t cb, std::size_t ce) {
    for (const auto& row : ctx_.table_rows)
      if (mentions_[m].begin >= row.begin && mentions_[m].begin < row.end) {
        add(m, row.type, std::nullopt, std::nullopt, std::nullopt, cb, ce);
        return true;
      }
    return false;
  }

  void type_mention(std::size_t m) {
    const Mention& mention = mentions_[m];
    const bool in_table = mention.begin >= ctx_.table_begin && mention.begin < ctx_.table_end;
    if (in_table && !ctx_.table) return;  // the text alone: the table's rows say nothing
    if (in_table && table_row(m, mention.begin, mention.end)) return;
    const Block& block = block_of(doc_, mention.begin);
    const auto [cb, ce] = clause_around(t_, block, mention.begin, mention.end);
    const bool reported = passive(m, cb, ce);  // another document's act, reported
    // A recital lists the bases ("Căn cứ Luật ... số X được sửa đổi, bổ sung bởi Luật số Y;": both).
    if (scan::starts_with_word_ci(scan::trim(std::string_view(t_).substr(cb, ce - cb)), "căn cứ") ||
        scan::starts_with_word_ci(doc_.block_text(block), "căn cứ"))
      return own_or_source(m, RelationType::Basis, std::nullopt, std::nullopt, cb, ce);
    // An item that reports another's act on its text still takes its lead-in's ("Bãi bỏ các quy định tại: a)
    // Khoản 1 Điều 24b Nghị định số X ... được bổ sung tại Nghị định số Y").
    if (reported) return void(lead_in(m, cb, ce));
    if (alias(m, cb)) return;
    // The agents of a reported act are bases with the text they acted on, under a list of bases.
    if (agent(m, cb)) return void(lead_in(m, cb, ce, RelationType::Basis));
    if (expires_after(m, cb, ce)) return;
    const auto f = last_trigger(lower_, cb, mention.begin);
    if (f && !f->passive && mention.begin - f->end <= f->trigger->max_gap && !quoted(f->end, mention.begin) &&
        !after_object(f->end, m)) {
      // "Tiếp tục triển khai các chương trình, kế hoạch của tỉnh về thực hiện Nghị quyết số ...": what is
      // carried out is something else, about the number.
      if (f->trigger->type == RelationType::Implements && other_object(f->end, mention.begin)) return;
      // "thực hiện thủ tục theo quy định tại Nghị định số ...": done as the text says, not carrying it out.
      if (f->trigger->type == RelationType::Implements && as_it_says(f->end, mention.begin)) return;
      // "bổ sung, hoàn thiện các thành phần hồ sơ còn thiếu theo quy định tại Thông tư số ...": something else is
      // completed as the text says; the text is not amended.
      if (f->trigger->type == RelationType::Amends && follows_rule(f->end, mention.begin)) return;
      // A number between the clause start and the trigger is the one acting ("Thông tư số A ... sửa đổi Thông tư B").
      const std::size_t subject = mention_before(f->begin, cb);
      auto scope = scope_before(t_, lower_, f->end, mention.begin);
      auto date = act_date(t_, lower_, cb, ce, ctx_);
      if (subject != mentions_.size() && f->trigger->type != RelationType::Basis) {
        if (f->begin - mentions_[subject].end <= f->trigger->max_gap + kInitialSlack)
          add(m, f->trigger->type, scope, date, citations_[mentions_[subject].citation].key, cb, ce);
        return;
      }
      if (own_act(*f, cb)) return own_or_source(m, f->trigger->type, scope, date, cb, ce);
      return;
    }
    // An item that states an act of its own ("a) Thực hiện hoạt động ... quy định tại ... Luật số X") does not
    // take its lead-in's.
    if (f && !f->passive && f->trigger->type == RelationType::Implements) return;
    lead_in(m, cb, ce);
  }

  // "(sau đây gọi tắt là Nghị định số X)": a short name being given.
  bool alias(std::size_t m, std::size_t cb) const {
    const std::size_t b = mentions_[m].begin;
    const std::string_view before = std::string_view(lower_).substr(cb, b - cb);
    for (std::string_view w : kAliasWords) {
      const std::size_t at = before.rfind(w);
      if (at != std::string_view::npos && before.size() - at - w.size() <= kAliasGap) return true;
    }
    return false;
  }

  // The agent of an act its clause reports ("Khoản 1 Điều 24b Nghị định số X ... được bổ sung tại Điều 13
  // Nghị định số Y"): Y acts on X (passive() records it on X); Y itself is not acted on, whatever the list
  // or lead-in around says.
  // The agents may be several ("được sửa đổi, bổ sung bởi Luật số A và Luật số B").
  bool agent(std::size_t m, std::size_t cb) const {
    const auto f = last_trigger(lower_, cb, mentions_[m].begin);
    if (!f || !f->passive) return false;
    std::size_t a = mention_at_or_after(f->end, mentions_[m].begin + 1);
    if (a == mentions_.size() || mentions_[a].begin - f->end > kMaxAgentGap) return false;
    for (; a < m; ++a)
      if (!listed_after(mentions_[a].end, a + 1)) return false;
    return a == m;
  }

  // Whether mention m follows `from` as the next of a list of agents: after "và" or ",", close.
  bool listed_after(std::size_t from, std::size_t m) const {
    const std::string_view gap = std::string_view(lower_).substr(from, mentions_[m].begin - from);
    return gap.size() <= kMaxAgentGap && contains_any(gap, {" và ", ","});
  }

  // Whether `s` contains one of `needles`.
  template <class Needles>
  static bool contains_any(std::string_view s, const Needles& needles) {
    return std::any_of(std::begin(needles), std::end(needles),
                       [&](std::string_view w) { return s.find(w) != std::string_view::npos; });
  }
  static bool contains_any(std::string_view s, std::initializer_list<std::string_view> needles) {
    return contains_any<std::initializer_list<std::string_view>>(s, needles);
  }

  // Whether a block ends with the colon that opens a list, OCR's strays after it ("... hết hiệu lực thi hành: : |").
  static bool opens_list(std::string_view text) {
    const std::size_t last = text.find_last_not_of(" :|");
    return text.find(':', last == std::string_view::npos ? 0 : last) != std::string_view::npos;
  }

  // Whether lower_[from, to), what follows an act, is empty or starts with the documents acted on ("Thực hiện
  // các văn bản sau:", "Thực hiện Nghị quyết số ...", not "Thực hiện nhiệm vụ được giao, ... Nghị quyết số ...").
  bool names_documents(std::size_t from, std::size_t to) const {
    std::string_view words = scan::trim(std::string_view(lower_).substr(from, to - from));
    if (words.size() <= 1) return true;  // only the ':'
    for (std::string_view article : {"các ", "những "})
      if (words.starts_with(article)) words.remove_prefix(article.size());
    return std::any_of(std::begin(kDocumentWords), std::end(kDocumentWords),
                       [&](std::string_view w) { return scan::starts_with_word_ci(words, w); });
  }

  // " theo " or "quy định tại" between a trigger and a mention: the mention is the rule followed.
  bool as_it_says(std::size_t from, std::size_t to) const {
    return contains_any(std::string_view(lower_).substr(from, to - from), {" theo ", "quy định tại"});
  }

  // as_it_says for an amendment, narrower: "bổ sung X theo quy định tại Y" (" theo " alone names the amending
  // text: "được sửa đổi, bổ sung một số điều theo Luật số ...").
  bool follows_rule(std::size_t from, std::size_t to) const {
    return contains_any(std::string_view(lower_).substr(from, to - from), {" theo quy định tại "});
  }

  // Whether the lead-in lower_[from, to) heads a list of the document's bases: "Căn cứ:", "Căn cứ pháp lý (các
  // văn bản được viện dẫn)", "CĂN CỨ BAN HÀNH", "Nghị định này được ban hành dựa trên các căn cứ sau:".
  bool lists_bases(std::size_t from, std::size_t to) const {
    std::string_view lead = after_marker(std::string_view(lower_).substr(from, to - from));
    lead = scan::trim(lead.substr(0, lead.find_last_not_of(" :") + 1));
    return lead == "căn cứ" || scan::starts_with_word_ci(lead, "căn cứ pháp") ||
           lead.find("ban hành") != std::string_view::npos;
  }

  // "Mẫu số 06/PGHKVTB Phụ lục II", "mẫu số 01/TCKT kèm theo Thông tư số ...": a form's number, not a document's.
  bool is_form(std::size_t m) const {
    const std::size_t b = mentions_[m].begin;
    const std::string_view before = std::string_view(lower_).substr(0, b);
    for (std::string_view w : {"mẫu số ", "mẫu só ", "mẫu ", "biểu số "})
      if (ends_with(before, w)) return true;
    return false;
  }

  // Whether a number between a trigger ending at `from` and mention m is the trigger's object and m is not
  // one of a list of them ("Thay thế Thông tư 06/2023/TT-BLĐTBXH — văn bản đã hết hiệu lực đồng thời với
  // việc Nghị định 162/2026/NĐ-CP có hiệu lực": 162/2026 is not replaced).
  bool after_object(std::size_t from, std::size_t m) const {
    std::size_t prev = mention_before(mentions_[m].begin, from);
    while (prev != mentions_.size() && is_form(prev)) prev = mention_before(mentions_[prev].begin, from);
    if (prev == mentions_.size()) return false;
    const std::size_t e = mentions_[prev].end;
    return !contains_any(std::string_view(lower_).substr(e, mentions_[m].begin - e), {",", " và "});
  }

  // Between a trigger and a mention: a list or a " về " (the trigger's object is another thing, about it).
  bool other_object(std::size_t from, std::size_t to) const {
    return contains_any(std::string_view(lower_).substr(from, to - from), {",", " về "});
  }

  // An opening quote between the trigger and the mention: the number is inside quoted words being changed.
  bool quoted(std::size_t from, std::size_t to) const {
    return contains_any(std::string_view(t_).substr(from, to - from), {"\"", "\u201C"});
  }

  // Whether `words` are all kImplementsLeadWords (or none).
  static bool only_lead_words(std::string_view words) {
    for (std::string_view w : text::split(words, ' ')) {
      // Bullets and dashes ("- Tiếp tục ...") are no words.
      if (std::none_of(w.begin(), w.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c < 0; }))
        continue;
      if (std::find(std::begin(kImplementsLeadWords), std::end(kImplementsLeadWords), w) ==
          std::end(kImplementsLeadWords))
        return false;
    }
    return true;
  }

  // Whether the trigger states the document's own act: not a proposal or a draft's, not another document's
  // ("ban hành Quyết định thay thế ..."), and where its kind must stand.
  bool own_act(const Found& f, std::size_t cb) const {
    const std::string_view prefix = scan::trim(std::string_view(lower_).substr(cb, f.begin - cb));
    for (std::string_view w : kNotActs)
      if (prefix.find(w) != std::string_view::npos) return false;
    if (const auto type = type_ending(prefix); type && (!ctx_.own_type || *type != scan::to_lower(*ctx_.own_type)))
      return false;
    switch (f.trigger->stand) {
      case Stand::Anywhere: return true;
      case Stand::AfterThis: return ends_with(prefix, "này");
      case Stand::Initial: {
        std::string_view last = prefix.substr(prefix.rfind(',') == std::string_view::npos ? 0 : prefix.rfind(',') + 1);
        last = scan::trim(after_marker(scan::trim(last)));
        if (f.trigger->type == RelationType::Implements) return only_lead_words(last);
        // A recital run into the title by reflow ("... trong lĩnh vực đất đai Căn cứ Luật Tổ chức Chính phủ số
        // ...;") keeps its capital; "căn cứ" inside a rule ("được xác định căn cứ quy định tại ...") has none.
        if (f.trigger->type == RelationType::Basis && t_[f.begin] == 'C') return true;
        return last.size() <= kInitialSlack || ends_with(prefix, "này");
      }
    }
    return false;
  }

  // The document type `prefix` ends with ("... ban hành quyết định"), lower case.
  static std::optional<std::string> type_ending(std::string_view prefix) {
    std::optional<std::string> best;
    for (const schema::DocType& type : schema::kDocTypes) {
      const std::string d = scan::to_lower(type.display);
      if (ends_with(prefix, d) && (prefix.size() == d.size() || prefix[prefix.size() - d.size() - 1] == ' ') &&
          (!best || d.size() > best->size()))
        best = d;
    }
    return best;
  }

  const ReflowedText& doc_;
  std::string_view t_;
  std::string lower_;
  const std::vector<Mention>& mentions_;
  std::vector<schema::Citation>& citations_;
  const RelationContext& ctx_;
  std::vector<std::size_t> sources_;  // mentions that open a codified article
  bool codified_ = false;
};

}  // namespace

void type_citations(const ReflowedText& doc, const std::vector<Mention>& mentions,
                    std::vector<schema::Citation>& citations, const RelationContext& ctx) {
  Typer(doc, mentions, citations, ctx).run();
}

}  // namespace tracuu::indexer::extract_detail
