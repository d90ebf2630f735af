// origine/certificates/application_input.h — what an exporter may write in an
// application, and the checks it must pass.
//
// ValidateInput is applied on every create and update: each field present is
// checked for type and format and unknown fields are refused, so that a draft
// may be incomplete but never malformed. CheckComplete is applied on submit.
// Both report every problem at once as FieldErrors named by path
// ("goods/0/hs_code"). Pure functions; thread-safe.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "origin/engine.h"

namespace origine::certificates {

// Regimes come from the data files (data/regimes/*.toml, loaded at start by
// the app, which calls InstallRegimes once before serving). The code used in
// applications and certificate numbers is the data code, except the
// non-preferential regime: data code GENERAL is published as "NP" (the code
// of certificate numbers since the first release); "GENERAL" is accepted as
// input and stored as "NP". See docs/adr/0020-regime-codes-from-data.md.
struct RegimeInfo {
  std::string code;       // "ETLS", "UEMOA", "AFCFTA", "NP": in applications and certificate numbers
  std::string data_code;  // code in data/regimes ("GENERAL" for "NP")
  std::string label_fr, label_en;
  std::string title_fr;  // title printed on the certificate
  bool preferential = true;
  const origin::Regime* regime = nullptr;  // the version in force on the date asked, owned by `set`
  std::shared_ptr<const origin::RegimeSet> set;
};

// Installs the regime set used by every function below (thread-safe; the
// previous set stays alive while a caller still holds it). If none was
// installed, the first use loads "data/regimes" relative to the working
// directory (tests run from the source tree) and aborts the call with an
// empty list when that fails.
void InstallRegimes(std::shared_ptr<const origin::RegimeSet> set);
std::shared_ptr<const origin::RegimeSet> InstalledRegimes();

std::string ApplicationCode(const std::string& data_code);  // "GENERAL" → "NP", others unchanged
std::string DataCode(const std::string& application_code);  // "NP" → "GENERAL", others unchanged

// The enabled regimes in force on `date` ("YYYY-MM-DD"), in file order.
std::vector<RegimeInfo> Regimes(const std::string& date);
// The regime `code` (application or data code) in force and enabled on `date`, if any.
std::optional<RegimeInfo> FindRegime(const std::string& code, const std::string& date);

constexpr size_t kMaxGoodsLines = 100;

// Returns the normalised input (known fields only, in a fixed order) or an
// kInvalidArgument error listing every bad field. The regime must be enabled
// and in force on `date` (today). A goods line may carry `product_id` (a
// product of the exporter's registry) and `origin_facts` (facts for the
// origin calculator: product_kind, wholly_obtained, ex_works_xof, materials,
// processes, attributes); see docs/formats/api.md.
Result<boost::json::object> ValidateInput(const boost::json::value& input, const std::string& date);

// Checks that a validated input has everything a submission needs.
Status CheckComplete(const boost::json::object& data);

// True for an ISO 3166-1 alpha-2 code of the iso-codes registry
// (registry::Countries(); false for every code when iso-codes is missing).
bool IsCountryCode(const std::string& code);
// French name of a country code from iso-codes (registry::FindCountry), or the
// code itself when unknown.
std::string CountryNameFr(const std::string& code);

}  // namespace origine::certificates
