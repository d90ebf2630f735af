// Lookups over a loaded RegimeSet: effective versions, membership, forms,
// fees, validity, export bans.
#include <algorithm>

#include "core/clock.h"
#include "origin/engine.h"
#include "origin/internal/text.h"

namespace origine::origin {

const Regime* FindRegime(const RegimeSet& set, const std::string& code, const std::string& date) {
  const Regime* best = nullptr;
  for (const Regime& r : set.regimes) {
    if (r.code != code || !r.effective.Contains(date)) continue;
    if (best == nullptr || best->effective.from < r.effective.from) best = &r;
  }
  return best;
}

std::vector<const Regime*> RegimesEffectiveOn(const RegimeSet& set, const std::string& date, bool include_disabled) {
  std::vector<const Regime*> out;
  for (const Regime& r : set.regimes) {
    if (std::any_of(out.begin(), out.end(), [&](const Regime* o) { return o->code == r.code; })) continue;
    const Regime* effective = FindRegime(set, r.code, date);
    if (effective != nullptr && (include_disabled || effective->enabled)) out.push_back(effective);
  }
  return out;
}

namespace {
bool InPeriods(const std::vector<CountryPeriod>& periods, const std::string& country, const std::string& date) {
  return std::any_of(periods.begin(), periods.end(),
                     [&](const CountryPeriod& p) { return p.country == country && p.period.Contains(date); });
}
}  // namespace

bool IsMember(const Regime& regime, const std::string& country, const std::string& date) {
  return InPeriods(regime.members, country, date);
}

bool HasTreatment(const Regime& regime, const std::string& country, const std::string& date) {
  return regime.open_membership || InPeriods(regime.members, country, date) ||
         InPeriods(regime.treatment_by_decision, country, date);
}

const Form* FormFor(const Regime& regime, const std::string& product_kind) {
  for (const Form& f : regime.forms)
    if (std::find(f.product_kinds.begin(), f.product_kinds.end(), product_kind) != f.product_kinds.end()) return &f;
  return nullptr;
}

bool ApprovalRequired(const Regime& regime, const std::string& product_kind) {
  const Form* f = FormFor(regime, product_kind);
  return f != nullptr && f->approval_required;
}

std::vector<FeeItem> FeesFor(const Regime& regime, const std::string& form_code, Service service) {
  std::vector<FeeItem> out;
  for (const FeeItem& fee : regime.fees)
    if (fee.service == service && (fee.form.empty() || fee.form == form_code)) out.push_back(fee);
  return out;
}

std::string ValidUntil(const Regime& regime, const std::string& issue_date) {
  int64_t t = 0;
  if (!ParseDate(issue_date, &t)) return "";
  constexpr int64_t kDay = 86400;
  if (regime.validity_days > 0) return FormatUtc(t + (regime.validity_days - 1) * kDay, true);
  // Calendar months: same day N months later, minus one day; clamped to the
  // end of a shorter month (2026-08-31 + 6 months -> 2027-02-28).
  int year = std::stoi(issue_date.substr(0, 4));
  int month = std::stoi(issue_date.substr(5, 2)) - 1 + regime.validity_months;
  int day = std::stoi(issue_date.substr(8, 2));
  year += month / 12;
  month = month % 12 + 1;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int month_days = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  const bool clamped = day > month_days;
  day = std::min(day, month_days);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  int64_t end = 0;
  if (!ParseDate(buf, &end)) return "";
  return FormatUtc(clamped ? end : end - kDay, true);
}

std::vector<const ExportBan*> BansFor(const RegimeSet& set, const std::string& country, const std::string& hs_code,
                                      const std::string& date) {
  std::vector<const ExportBan*> out;
  std::optional<std::string> digits = internal::NormalizeHs(hs_code);
  if (!digits) return out;
  for (const ExportBan& ban : set.export_bans)
    if (ban.country == country && ban.period.Contains(date) && digits->starts_with(ban.hs_prefix)) out.push_back(&ban);
  return out;
}

const char* OutcomeName(LineVerdict::Outcome outcome) {
  switch (outcome) {
    case LineVerdict::kOriginating:
      return "originating";
    case LineVerdict::kNotOriginating:
      return "not_originating";
    case LineVerdict::kNeedsReview:
      return "needs_review";
  }
  return "needs_review";
}

}  // namespace origine::origin
