// origine/payments/fees.h — the fees due for certificates, from the version
// of the regime data in force on the date asked (data/regimes/*.toml, loaded
// once by the app and passed in: PaymentsOptions::regimes).
// Thread-safety: pure functions over the loaded regimes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "certificates/regimes.h"
#include "core/result.h"

namespace origine::payments {

// A fee due for one service of one regime, in whole XOF.
struct Fee {
  std::string code;  // "ETLS-ISSUE"
  std::string label_fr, label_en;
  std::string service;  // "issue", "amendment", "duplicata"
  std::string form;     // "" = every form of the regime
  std::string regime;   // application regime code ("ETLS", "NP", ...)
  std::string regime_version;
  std::string effective_from;  // of that regime version (YYYY-MM-DD)
  int64_t amount_xof = 0;
};

// The fee's service for an application of `kind` ("issue", "amendment",
// "duplicate"), named as in the regime data ("issue", "amendment", "duplicata").
std::string FeeService(const std::string& application_kind);

// The fees of `regime` (application or data code) of `regimes` in force on
// `date` (YYYY-MM-DD), every service; kNotFound "fee.regime_not_in_force" when
// the regime is not in force.
Result<std::vector<Fee>> FeesFor(const certificates::RegimeSetPtr& regimes, const std::string& regime,
                                 const std::string& date);
// The single fee for `service` ("issue" for a new certificate); kNotFound
// "fee.not_configured" when none is configured (nothing to pay).
Result<Fee> FeeFor(const certificates::RegimeSetPtr& regimes, const std::string& regime, const std::string& service,
                   const std::string& date);

}  // namespace origine::payments
