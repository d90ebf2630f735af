// origine/origin/engine.h — regimes of origin as versioned data, and the rules
// engine that evaluates one goods line against a regime.
//
// Regimes (ECOWAS ETLS, UEMOA, AfCFTA, AES, non-preferential) live in TOML
// files under data/regimes/ (format: docs/formats/regimes.md). They are loaded
// and validated once at start; every problem is reported as "file:line: problem".
// Evaluation is plain C++ without I/O: it gives a verdict, the criterion code
// and an explanation in French and English that shows the numbers used.
//
//   Result<RegimeSet> regimes = LoadRegimes("data/regimes");
//   if (!regimes) { std::cerr << regimes.error().message; return 1; }
//   GoodsLineFacts line{.hs_code = "1515.90", .ex_works_xof = 1'000'000, ...};
//   LineVerdict v = Evaluate(*regimes, "ETLS", "ML", "SN", "2026-03-01", line);
//   // v.outcome == LineVerdict::kOriginating, v.criterion == "CTH"
//
// Ownership: RegimeSet is a plain value; the pointers returned by the lookup
// functions point into it and live as long as it does.
// Thread-safety: a RegimeSet is immutable after loading; Evaluate and every
// lookup are const and may run concurrently on the same set.
// Dates are "YYYY-MM-DD" strings; ranges are inclusive; an empty "to" is open.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "origin/psr.h"
#include "origin/rule.h"

namespace origine::origin {

// ---------------------------------------------------------------- regime data

struct DateRange {
  std::string from;  // inclusive
  std::string to;    // inclusive; empty = until further notice
  bool Contains(const std::string& date) const { return from <= date && (to.empty() || date <= to); }
};

// A country's membership, or its treatment under the regime by decision
// (e.g. Mali under ETLS after leaving ECOWAS on 2025-01-29).
struct CountryPeriod {
  std::string country;  // ISO 3166-1 alpha-2
  DateRange period;
  std::string note;  // source or decision reference
};

struct Form {
  std::string code;  // e.g. "ETLS-IND"
  std::string label_fr, label_en;
  std::vector<std::string> product_kinds;  // "industrial", "unprocessed", "handicraft"
  bool approval_required = false;          // agrément number must appear on the certificate
  std::optional<Rule> rule;                // overrides the regime's default rule for this form
};

enum class Service { kIssue, kAmendment, kDuplicata };
// "issue", "amendment" or "duplicata": the service's name in the regime files and the API.
const char* ServiceName(Service s);

struct FeeItem {
  std::string code;
  std::string label_fr, label_en;
  std::string form;  // empty: every form of the regime
  Service service = Service::kIssue;
  int64_t amount_xof = 0;
};

// Criterion codes as printed on the certificate of this regime.
struct CriterionCodes {
  std::string wholly_obtained = "WO";
  std::string change_chapter = "CC";
  std::string change_heading = "CTH";
  std::string change_subheading = "CTSH";
  std::string value_added = "VA";
  std::string max_non_originating = "SM";
  std::string specific_process = "SP";
};

// One version of one regime (one TOML file).
struct Regime {
  std::string code;  // "ETLS", "UEMOA", "AFCFTA", "AES", "GENERAL"
  std::string version;
  DateRange effective;  // effective_from .. effective_to
  std::string label_fr, label_en;
  bool enabled = true;  // false: configured but not yet enabled by the authority
  bool preferential = true;
  bool open_membership = false;  // true: any exporting/destination country (non-preferential)
  std::vector<CountryPeriod> members;
  std::vector<CountryPeriod> treatment_by_decision;
  int validity_months = 0;  // exactly one of validity_months / validity_days is set
  int validity_days = 0;
  bool one_product_per_certificate = false;
  std::vector<Form> forms;
  std::vector<FeeItem> fees;
  // Origin rules.
  std::optional<Rule> default_rule;  // when no form rule or product-specific rule applies
  PsrTable product_rules;            // product-specific rules (AfCFTA Appendix IV, UEMOA exceptions)
  CriterionCodes codes;
  std::vector<std::string> insufficient_operations;  // process codes that never confer origin
  int tolerance_bp = 0;                              // CIF of materials failing a CTC rule / ex-works
  std::vector<int> tolerance_excluded_chapters;
  bool cumulation = false;          // materials originating in members (or treated) count as originating
  bool suspensive_excluded = true;  // goods under suspensive/exemption regimes never originate
  std::string source_file;
};

// An export ban of an exporting country, as data. When every condition holds
// the line is refused; when a condition cannot be decided from the facts the
// line needs review.
struct BanCondition {
  enum Op { kEquals, kNotEquals, kLessThan };
  std::string attribute;  // key in GoodsLineFacts::attributes, e.g. "sex", "age_months", "purpose"
  Op op = kEquals;
  std::string value;  // kLessThan compares integers
};

struct ExportBan {
  std::string code;       // stable id, e.g. "ML-CATTLE-YOUNG-MALE"
  std::string country;    // exporting country
  std::string hs_prefix;  // digits
  std::string description_fr, description_en;
  DateRange period;
  std::vector<BanCondition> conditions;
  std::string source;
};

struct RegimeSet {
  std::vector<Regime> regimes;  // every version of every regime
  std::vector<ExportBan> export_bans;
};

// ---------------------------------------------------------------- loading

// Loads every *.toml file of `dir` (sorted by name), with the CSV tables they
// reference. Fails with kInvalidArgument when any file is bad: the message is
// the first "dir/file.toml:LINE: problem" (plus a count), and Error::fields
// lists every problem found (field = "file:line"). kNotFound if `dir` is
// missing or holds no regime.
Result<RegimeSet> LoadRegimes(const std::string& dir);

// Parses one regime or export-ban file from memory; `name` appears in the
// messages. No I/O: a file that references a CSV table (product_rules_csv) is
// refused here. Used by tests and the fuzzer.
Result<RegimeSet> LoadRegimeText(const std::string& name, const std::string& text);

// ---------------------------------------------------------------- lookups

// The version of `code` effective on `date` (the latest effective_from that
// is <= date and not past effective_to), enabled or not; null if none.
const Regime* FindRegime(const RegimeSet& set, const std::string& code, const std::string& date);

// Regimes effective on `date`, one version each, in file order. Disabled
// regimes (AES until enabled) are included only if include_disabled.
std::vector<const Regime*> RegimesEffectiveOn(const RegimeSet& set, const std::string& date,
                                              bool include_disabled = false);

// Member of the regime on `date`.
bool IsMember(const Regime& regime, const std::string& country, const std::string& date);
// Member, or granted the regime's treatment by decision, on `date` (e.g. is
// ETLS treatment available to goods from ML on that date?). Always true for
// open-membership regimes.
bool HasTreatment(const Regime& regime, const std::string& country, const std::string& date);

// The form for a product kind ("industrial", "unprocessed", "handicraft"), or null.
const Form* FormFor(const Regime& regime, const std::string& product_kind);
bool ApprovalRequired(const Regime& regime, const std::string& product_kind);

// Fee items due for a service on a form (items without a form apply to all).
std::vector<FeeItem> FeesFor(const Regime& regime, const std::string& form_code, Service service);

// Last day of validity of a certificate issued on `issue_date`
// ("2026-01-31" + 6 months -> "2026-07-30"); empty if issue_date is not a date.
std::string ValidUntil(const Regime& regime, const std::string& issue_date);

// Export bans of `country` that may apply to `hs_code` on `date`.
std::vector<const ExportBan*> BansFor(const RegimeSet& set, const std::string& country, const std::string& hs_code,
                                      const std::string& date);

// ---------------------------------------------------------------- evaluation

struct Material {
  std::string hs_code;         // HS code of the input, at least as precise as the rule needs
  int64_t cif_xof = 0;         // CIF value, whole francs
  std::string origin_country;  // where the material originates (proof held); empty = third country/unknown
  std::string description;
};

struct Approval {
  std::string number;      // agrément number, printed on the certificate
  std::string regime;      // regime code it was granted under; empty = any
  std::string hs_code;     // approved product (prefix); empty = any
  std::string valid_from;  // inclusive
  std::string valid_to;    // inclusive; empty = no end
};

struct GoodsLineFacts {
  std::string hs_code;                      // goods classification, at least 4 digits
  std::string product_kind = "industrial";  // "industrial" | "unprocessed" | "handicraft"
  bool wholly_obtained = false;
  int64_t ex_works_xof = 0;               // ex-factory price excluding taxes, whole francs
  std::vector<Material> non_originating;  // imported / non-originating inputs (cumulation may requalify them)
  std::vector<std::string> processes;     // operation codes performed, e.g. "roasting", "simple_packaging"
  std::optional<Approval> approval;
  bool suspensive_regime = false;                 // produced under a suspensive or exemption customs regime
  std::map<std::string, std::string> attributes;  // facts for export-ban conditions: sex, age_months, purpose
};

struct LineVerdict {
  enum Outcome { kOriginating, kNotOriginating, kNeedsReview };
  Outcome outcome = kNeedsReview;
  std::string criterion;       // code on the certificate (WO/WP, CTH, CTSH, VA, SX, SV, SM, SP); empty if none
  std::string explanation_fr;  // sentences with the numbers used
  std::string explanation_en;
  std::vector<std::string> reasons;  // stable codes, e.g. "va_below_threshold", "export_ban:ML-COTTONSEED"
  std::string regime_version;        // version of the regime applied
  std::string form;                  // form code chosen for the product kind
};

const char* OutcomeName(LineVerdict::Outcome outcome);  // "originating" | "not_originating" | "needs_review"

// Evaluates one goods line exported from `exporting_country` to
// `destination_country` on `date` under the regime `regime_code`. Never
// fails: bad or missing facts give kNeedsReview with a reason. Pure; no I/O.
LineVerdict Evaluate(const RegimeSet& set, const std::string& regime_code, const std::string& exporting_country,
                     const std::string& destination_country, const std::string& date, const GoodsLineFacts& facts);

}  // namespace origine::origin
