#include "certificates/regimes.h"

#include <algorithm>

namespace origine::certificates {
namespace {

RegimeInfo Info(const origin::Regime& r, RegimeSetPtr set) {
  RegimeInfo i;
  i.code = ApplicationCode(r.code);
  i.data_code = r.code;
  i.label_fr = r.label_fr;
  i.label_en = r.label_en;
  i.title_fr = r.label_fr.rfind("Certificat", 0) == 0 ? r.label_fr : "Certificat d'origine — " + r.label_fr;
  i.preferential = r.preferential;
  i.regime = &r;
  i.set = std::move(set);
  return i;
}

}  // namespace

std::string ApplicationCode(const std::string& data_code) { return data_code == "GENERAL" ? "NP" : data_code; }
std::string DataCode(const std::string& application_code) {
  return application_code == "NP" ? "GENERAL" : application_code;
}

std::vector<RegimeInfo> Regimes(const RegimeSetPtr& set, const std::string& date) {
  std::vector<RegimeInfo> out;
  if (!set) return out;
  for (const origin::Regime* r : origin::RegimesEffectiveOn(*set, date)) out.push_back(Info(*r, set));
  return out;
}

std::optional<RegimeInfo> FindRegime(const RegimeSetPtr& set, const std::string& code, const std::string& date) {
  if (!set) return std::nullopt;
  const origin::Regime* r = origin::FindRegime(*set, DataCode(code), date);
  if (!r || !r->enabled) return std::nullopt;
  return Info(*r, set);
}

std::vector<std::string> AllRegimeCodes(const origin::RegimeSet& set) {
  std::vector<std::string> out;
  for (const auto& r : set.regimes) out.push_back(ApplicationCode(r.code));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace origine::certificates
