#include "payments/fees.h"

#include "origin/engine.h"

namespace origine::payments {
std::string FeeService(const std::string& kind) {
  if (kind == "amendment") return "amendment";
  if (kind == "duplicate") return "duplicata";
  return "issue";
}

Result<std::vector<Fee>> FeesFor(const certificates::RegimeSetPtr& regimes, const std::string& regime,
                                 const std::string& date) {
  std::optional<certificates::RegimeInfo> info = certificates::FindRegime(regimes, regime, date);
  if (!info)
    return Error::NotFound("fee.regime_not_in_force"_code, "the regime " + regime + " is not in force on " + date)
        .With("regime", regime)
        .With("date", date);
  std::vector<Fee> out;
  for (const auto& f : info->regime->fees)
    out.push_back({f.code, f.label_fr, f.label_en, origin::ServiceName(f.service), f.form, info->code,
                   info->regime->version, info->regime->effective.from, f.amount_xof});
  return out;
}

Result<Fee> FeeFor(const certificates::RegimeSetPtr& regimes, const std::string& regime, const std::string& service,
                   const std::string& date) {
  ASSIGN_OR_RETURN(std::vector<Fee> fees, FeesFor(regimes, regime, date));
  for (const auto& f : fees)
    if (f.service == service && f.form.empty() && f.amount_xof > 0) return f;
  return Error::NotFound("fee.not_configured"_code, "no " + service + " fee for " + regime)
      .With("service", service)
      .With("regime", regime);
}

}  // namespace origine::payments
