// origine/certificates/regimes.h — the regimes of origin as applications and
// certificate numbers name them.
//
// Regimes come from the data files (data/regimes/*.toml), loaded once at start
// by the app (app/platform.cc) and passed to every service that needs them: there
// is no process-wide set, and a start without regimes is refused. The code used in
// applications and certificate numbers is the data code, except the
// non-preferential regime: data code GENERAL is published as "NP" (the code
// of certificate numbers since the first release); "GENERAL" is accepted as
// input and stored as "NP". See docs/adr/0020-regime-codes-from-data.md.
//
// Thread-safety: a RegimeSet is immutable; these are pure functions over it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "origin/engine.h"

namespace origine::certificates {

// The loaded regimes, shared by the services that use them (never null once
// the app has started).
using RegimeSetPtr = std::shared_ptr<const origin::RegimeSet>;

struct RegimeInfo {
  std::string code;       // "ETLS", "UEMOA", "AFCFTA", "NP": in applications and certificate numbers
  std::string data_code;  // code in data/regimes ("GENERAL" for "NP")
  std::string label_fr, label_en;
  std::string title_fr;  // title printed on the certificate
  bool preferential = true;
  const origin::Regime* regime = nullptr;  // the version in force on the date asked, owned by `set`
  RegimeSetPtr set;
};

std::string ApplicationCode(const std::string& data_code);  // "GENERAL" → "NP", others unchanged
std::string DataCode(const std::string& application_code);  // "NP" → "GENERAL", others unchanged

// The enabled regimes of `set` in force on `date` ("YYYY-MM-DD"), in file order.
std::vector<RegimeInfo> Regimes(const RegimeSetPtr& set, const std::string& date);
// The regime `code` (application or data code) in force and enabled on `date`, if any.
std::optional<RegimeInfo> FindRegime(const RegimeSetPtr& set, const std::string& code, const std::string& date);
// Every regime code of `set` (any version, enabled or not) as application codes,
// sorted, once each: what a new document signer may sign by default.
std::vector<std::string> AllRegimeCodes(const origin::RegimeSet& set);

}  // namespace origine::certificates
