#pragma once
// Validity (tình trạng hiệu lực) of a document at any date, from what its own
// text says (effective-date clause), what its web copy's table states, and what
// other documents do to it (a later document replacing, repealing or amending it).
// Pure functions: the indexer stores validity_dates() in value slots, searchd
// filters and counts with them, and the relations API explains them with
// validity_report().

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schema/record.h"

namespace tracuu::schema {

/// Tình trạng hiệu lực at a date.
enum class Validity {
  Unknown,      ///< chưa rõ: no effective date and no stated status
  NotYet,       ///< chưa có hiệu lực
  InForce,      ///< còn hiệu lực
  PartlyEnded,  ///< hết hiệu lực một phần: in force, a part repealed or replaced
  Ended,        ///< hết hiệu lực: expired, repealed or replaced wholly
};

/// Every status, in the order the portal lists them.
inline constexpr Validity kValidities[] = {Validity::InForce, Validity::PartlyEnded, Validity::NotYet, Validity::Ended,
                                           Validity::Unknown};

/// The code of a status as users type it (hieuluc:con): "con", "mot-phan", "chua", "het", "khong-ro".
std::string_view validity_code(Validity v);

/// The Vietnamese label: "Còn hiệu lực", "Hết hiệu lực một phần", "Chưa có hiệu lực", "Hết hiệu lực", "Chưa rõ".
std::string_view validity_label(Validity v);

/// The status named by a code, a label or a source's wording in any spelling ("con", "Còn hiệu lực",
/// "Đang có hiệu lực", "Sắp có hiệu lực", "het"); nullopt when it names none ("Đang cập nhật").
std::optional<Validity> parse_validity(std::string_view text);

/// What another document does to this one (an incoming typed citation), as the index resolved it.
struct IncomingAct {
  std::string type;                  ///< relation name: "amends", "repeals", "replaces" (others are ignored)
  std::optional<std::string> date;   ///< ISO: from when (the clause's date, else the acting document's effective date)
  std::optional<std::string> scope;  ///< the part concerned; null: all of it
  std::string by_id;                 ///< the acting document in the index (empty when only reported)
  std::string by_number;             ///< its number
  std::string reported_by;           ///< the document that says so when it is not the actor (empty: the actor)
};

/// What `from` does through `rel` to the document it cites, as validity counts it: nullopt for relations
/// that leave its force alone (basis, details, implements, mentions). An own act without a date of its own
/// takes effect with `from` (its effective date, else its issue date); one `from` only reports
/// ("X được thay thế bởi Y") counts from the date the report gives, if any.
std::optional<IncomingAct> incoming_act(const DocRecord& from, const CitationRelation& rel);

/// Everything validity is computed from.
struct ValidityFacts {
  std::optional<std::string> issue_date, effective_date, expiry_date;  ///< ISO
  std::optional<std::string> stated_status;                            ///< a source's wording
  std::string effective_source;                                        ///< field_sources of effective_date
  std::vector<IncomingAct> acts;
};

/// The facts of a record alone (no incoming acts).
ValidityFacts facts_of(const DocRecord& record);

/// The dates that decide validity at every date (what the index stores).
struct ValidityDates {
  std::optional<std::string> from;         ///< in force from (ISO)
  std::optional<std::string> until;        ///< wholly ended from (ISO)
  std::optional<std::string> partly_from;  ///< partly ended from (ISO)
  std::optional<Validity> stated;          ///< the status a source states, for documents without dates
};

/// From the facts: `from` is the effective date (else the issue date when a source states the
/// document has been in force); `until` the earliest of its expiry and the dates of whole repeals and
/// replacements; `partly_from` the earliest partial one.
ValidityDates validity_dates(const ValidityFacts& facts);

/// The dates as one value slot holds them: "from|until|partly_from|stated code", empty where unknown
/// ("2025-07-01|2026-03-01||", "|||con").
std::string pack_validity_dates(const ValidityDates& dates);

/// The dates of a pack_validity_dates value; nullopt for anything else (an empty value included).
std::optional<ValidityDates> unpack_validity_dates(std::string_view packed);

/// The status at `as_of` (ISO date): NotYet before `from`, Ended from `until`, PartlyEnded from
/// `partly_from`, else InForce; without `from`, the stated status (Unknown when none).
Validity validity_at(const ValidityDates& dates, std::string_view as_of);

/// One step of a document's life, for timelines.
struct ValidityEvent {
  std::optional<std::string> date;  ///< ISO; null when no source dates it
  /// "issued", "in_force", "expires", "amended", "partly_repealed", "repealed", "partly_replaced", "replaced"
  std::string kind;
  std::optional<std::string> scope;
  std::string by_id, by_number, reported_by;  ///< for acts of other documents
  std::string source;                         ///< "text", "table", "given", "sidecar", "citation"
};

/// The status at a date, its timeline and where sources disagree.
struct ValidityReport {
  Validity status = Validity::Unknown;
  ValidityDates dates;
  std::vector<ValidityEvent> timeline;  ///< by date, undated last
  /// Disagreements in English ("the table says 'Còn hiệu lực' but 85/2026/NĐ-CP replaces it from 2026-05-10").
  std::vector<std::string> conflicts;
};

/// Validity of a document at `as_of`, explained.
ValidityReport validity_report(const ValidityFacts& facts, std::string_view as_of);

/// Today's date (UTC), ISO: the default "as of" of validity.
std::string today_iso();

}  // namespace tracuu::schema
