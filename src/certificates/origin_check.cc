#include "certificates/origin_check.h"

#include <boost/json.hpp>

#include "origin/engine.h"
#include "registry/registry.h"

namespace origine::certificates {
namespace json = boost::json;

namespace {

std::string Str(const json::object& o, const char* k) {
  auto it = o.find(k);
  return it != o.end() && it->value().is_string() ? std::string(it->value().as_string()) : "";
}

json::object Incomplete(int64_t line, const std::string& reason, const std::string& fr, const std::string& en) {
  return {{"line", line},         {"outcome", "needs_review"}, {"criterion", ""},
          {"explanation_fr", fr}, {"explanation_en", en},      {"reasons", json::array{json::value(reason)}},
          {"form", ""},           {"regime_version", ""},      {"approval_number", nullptr}};
}

}  // namespace

Result<json::array> EvaluateLines(storage::Tx& tx, const origin::RegimeSet& regimes, int64_t company_id,
                                  const json::object& data, const std::string& date) {
  json::array out;
  const std::string regime = Str(data, "regime"), from = Str(data, "origin_country"),
                    to = Str(data, "destination_country");
  auto goods = data.find("goods");
  if (goods == data.end() || !goods->value().is_array()) return out;
  const std::string data_code = DataCode(regime);
  size_t i = 0;
  for (const auto& lv : goods->value().as_array()) {
    const int64_t line = static_cast<int64_t>(i++);
    const auto& l = lv.as_object();
    origin::GoodsLineFacts f;
    if (auto p = l.find("product_id"); p != l.end() && p->value().is_int64()) {
      auto facts = registry::ProductFacts(tx, company_id, p->value().as_int64(), data_code, date);
      if (!facts) {
        if (facts.error().kind != ErrorKind::kNotFound) return facts.error();
        out.push_back(Incomplete(line, "unknown_product", "Produit inconnu dans votre registre de produits.",
                                 "Unknown product in your product registry."));
        continue;
      }
      f = std::move(*facts);
    }
    if (std::string hs = Str(l, "hs_code"); !hs.empty()) f.hs_code = hs;
    if (auto of = l.find("origin_facts"); of != l.end() && of->value().is_object()) {
      const auto& o = of->value().as_object();
      if (o.contains("product_kind")) f.product_kind = Str(o, "product_kind");
      if (auto v = o.find("wholly_obtained"); v != o.end()) f.wholly_obtained = v->value().as_bool();
      if (auto v = o.find("suspensive_regime"); v != o.end()) f.suspensive_regime = v->value().as_bool();
      if (auto v = o.find("ex_works_xof"); v != o.end()) f.ex_works_xof = v->value().as_int64();
      if (auto v = o.find("materials"); v != o.end()) {
        f.non_originating.clear();
        for (const auto& m : v->value().as_array()) {
          const auto& mo = m.as_object();
          int64_t cif = mo.contains("cif_xof") ? mo.at("cif_xof").as_int64() : 0;
          f.non_originating.push_back({Str(mo, "hs_code"), cif, Str(mo, "origin_country"), Str(mo, "description")});
        }
      }
      if (auto v = o.find("processes"); v != o.end()) {
        f.processes.clear();
        for (const auto& x : v->value().as_array()) f.processes.emplace_back(x.as_string());
      }
      if (auto v = o.find("attributes"); v != o.end())
        for (const auto& kv : v->value().as_object()) f.attributes[std::string(kv.key())] = kv.value().as_string();
    }
    if (!f.approval) {
      // A line without a registry product: the company's approved-exporter status, if any.
      ASSIGN_OR_RETURN(f.approval, registry::CompanyApprovalOn(tx, company_id, data_code, date));
    }
    if (f.hs_code.empty() || from.empty() || to.empty()) {
      out.push_back(Incomplete(line, "incomplete",
                               "Renseignez le code SH de la ligne et les pays d'origine et de destination pour obtenir "
                               "le verdict d'origine.",
                               "Give the line's HS code and the countries of origin and destination to get the origin "
                               "verdict."));
      continue;
    }
    origin::LineVerdict v = origin::Evaluate(regimes, data_code, from, to, date, f);
    json::array reasons;
    for (const auto& r : v.reasons) reasons.push_back(json::value(r));
    out.push_back({{"line", line},
                   {"outcome", origin::OutcomeName(v.outcome)},
                   {"criterion", v.criterion},
                   {"explanation_fr", v.explanation_fr},
                   {"explanation_en", v.explanation_en},
                   {"reasons", std::move(reasons)},
                   {"form", v.form},
                   {"regime_version", v.regime_version},
                   {"approval_number", f.approval ? json::value(f.approval->number) : json::value(nullptr)}});
  }
  return out;
}

std::vector<FieldError> RefusedLines(const json::object& data, const json::array& origin) {
  std::vector<FieldError> refused;
  const std::string regime = Str(data, "regime");
  const bool preferential = regime != "NP";
  for (const auto& v : origin) {
    const auto& o = v.as_object();
    const std::string outcome = Str(o, "outcome");
    bool unknown_product = false;
    for (const auto& r : o.at("reasons").as_array()) unknown_product = unknown_product || r == "unknown_product";
    if ((preferential && outcome == "not_originating") || unknown_product) {
      std::string reasons;
      for (const auto& r : o.at("reasons").as_array())
        reasons += (reasons.empty() ? "" : ", ") + std::string(r.as_string());
      const std::string field = "goods/" + std::to_string(o.at("line").as_int64());
      const std::string why = " (" + reasons + "): " + Str(o, "explanation_en");
      if (unknown_product)
        refused.emplace_back(field, "goods.unknown_product"_code, "unknown product" + why,
                             ErrorParams{{"reasons", reasons}});
      else
        refused.emplace_back(field, "goods.not_originating"_code,
                             std::string("not originating under ")
                                 .append(regime)
                                 .append(why)
                                 .append(" The non-preferential certificate (NP) remains possible."),
                             ErrorParams{{"regime", regime}, {"reasons", reasons}});
    }
  }
  return refused;
}

}  // namespace origine::certificates
