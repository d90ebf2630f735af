// Demo data: two exporting companies, one account per role, and a few
// applications at every stage, two of them issued as real signed certificates.
#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <thread>

#include "app/platform.h"
#include "core/log.h"
#include "registry/registry.h"

namespace origine::app {
namespace json = boost::json;

namespace {

constexpr const char* kDemoPassword = "origine-demo";

Result<Principal> AsPrincipal(Platform& p, const std::string& email) {
  ASSIGN_OR_RETURN(identity::Session s,
                   p.identity->Login(email, kDemoPassword, {"demo-seed", "", "origine demo seed"}));
  RETURN_IF_ERROR(p.identity->Logout(s.token, s.principal, {"demo-seed", "", "origine demo seed"}));
  return s.principal;
}

json::value SesameApplication(const char* invoice, const char* destination, const char* consignee) {
  json::object a = json::parse(R"({
    "regime": "ETLS",
    "consignee": {"name": "", "address": "Zone industrielle, BP 1200", "country": ""},
    "origin_country": "ML", "destination_country": "",
    "transport": {"mode": "road", "details": "Camion immatriculé AB-1234-MD, corridor Bamako–Dakar"},
    "invoice": {"number": "", "date": "2026-11-02"},
    "goods": [
      {"hs_code": "120740", "description": "Graines de sésame décortiquées, qualité export, sacs de 50 kg",
       "quantity": "400", "unit": "sacs", "gross_weight_kg": "20150", "net_weight_kg": "20000", "value_xof": 14000000},
      {"hs_code": "151590", "description": "Beurre de karité non raffiné, cartons de 25 kg",
       "quantity": "200", "unit": "cartons", "gross_weight_kg": "5120", "net_weight_kg": "5000", "value_xof": 6500000}
    ]})")
                       .as_object();
  a["consignee"].as_object()["name"] = consignee;
  a["consignee"].as_object()["country"] = destination;
  a["destination_country"] = destination;
  a["invoice"].as_object()["number"] = invoice;
  return a;
}

// The French HS demo set and the demo exporters' products, with one granted
// approval. Idempotent (HS lines are upserted; products only if none yet).
Status SeedRegistry(Platform& p, const Principal& exporter, const RequestMeta& meta) {
  const auto hs = std::filesystem::path(p.config.regimes_dir).parent_path() / "hs" / "hs-fr-demo.csv";
  if (std::filesystem::exists(hs))
    RETURN_IF_ERROR(ImportHsFile(*p.db, p.clock, hs.string(), "fr"));
  else
    log::Info("demo HS set not found", {{"path", hs.string()}});
  registry::RegistryService reg(*p.db, p.clock);
  ASSIGN_OR_RETURN(json::array mine, reg.ListProducts(exporter));
  if (!mine.empty()) return {};
  ASSIGN_OR_RETURN(Principal exporter2, AsPrincipal(p, "exportateur2@demo.ml"));
  ASSIGN_OR_RETURN(Principal agent, AsPrincipal(p, "agent@demo.ml"));
  RETURN_IF_ERROR(reg.CreateProduct(exporter, json::parse(R"j({"name": "Graines de sésame décortiquées",
      "hs_code": "120740", "producer": "Coopérative des producteurs de sésame de Kita", "product_kind": "unprocessed",
      "wholly_obtained": true, "ex_works_xof": 35000, "materials": [], "processes": ["cleaning", "sorting"]})j"),
                                    meta));
  RETURN_IF_ERROR(reg.CreateProduct(exporter, json::parse(R"j({"name": "Riz blanchi reconditionné (riz importé)",
      "hs_code": "100630", "producer": "Sahel Sésame SARL, atelier de Bamako", "product_kind": "industrial",
      "ex_works_xof": 1000000, "materials": [{"hs_code": "100630", "description": "Riz blanchi importé en vrac",
      "cif_xof": 900000}], "processes": ["simple_packaging"]})j"),
                                    meta));
  ASSIGN_OR_RETURN(json::object butter,
                   reg.CreateProduct(exporter2, json::parse(R"j({"name": "Beurre de karité raffiné",
      "hs_code": "151590", "producer": "Niger Karité SA, usine de Ségou", "product_kind": "industrial",
      "ex_works_xof": 1000000, "materials": [{"hs_code": "3923", "description": "Pots en plastique importés",
      "cif_xof": 150000}], "processes": ["refining"]})j"),
                                     meta));
  RETURN_IF_ERROR(reg.CreateProduct(exporter2, json::parse(R"j({"name": "Savon au karité", "hs_code": "340111",
      "producer": "Niger Karité SA", "product_kind": "industrial", "ex_works_xof": 500000,
      "materials": [{"hs_code": "2815", "description": "Soude caustique importée", "cif_xof": 60000}],
      "processes": ["mixing"]})j"),
                                    meta));
  ASSIGN_OR_RETURN(json::object granted, reg.RequestApproval(exporter2, butter["id"].as_int64(), "ETLS", meta));
  RETURN_IF_ERROR(reg.Decide(agent, granted["id"].as_int64(), json::parse(R"j({"decision": "grant",
      "number": "AGR-CEDEAO-ML-2026-0042", "valid_until": "2028-12-31", "comment": "Dossier technique complet."})j"),
                             meta));
  return {};
}

// Pays the demo's fees. With the simulator playing the provider and answering,
// for real: a genuine intent through the adapter, the payer's "Payer" through
// the simulator's control API (docs/formats/paysim.md), the confirmation by
// the normal status query; so ledger, receipt and workflow come from the real
// path and the simulator's statement matches them. Otherwise (no provider, a
// real provider, the simulator not answering, or it never settled the
// payment) the fee is recorded without a provider (SeedPaidForDemo).
class DemoPayer {
 public:
  explicit DemoPayer(Platform& p) : p_(p) {}

  Status Pay(const Principal& exporter, int64_t application_id, const std::string& provider) {
    std::string why;
    const std::string base = Simulator(provider, &why);
    for (int attempt = 0; !base.empty() && attempt < 3; ++attempt) {
      auto act = [&](const std::string& reference) -> Status {
        payments::HttpRequest req;
        req.method = "POST";
        req.url = base + "/_control/payments/" + provider + "/" + reference + "/complete";
        req.headers = {{"Content-Type", "application/json"}};
        req.body = R"({"outcome":"success"})";
        ASSIGN_OR_RETURN(payments::HttpResponse res, p_.http->Send(req));
        if (res.status != 200) return Error::Unavailable("the simulator answered " + std::to_string(res.status));
        return {};
      };
      auto paid = p_.payments->PayForDemo(exporter, application_id, provider, act, 15000);
      if (!paid) {
        why = "l'intention de paiement n'a pas pu être créée (" + paid.error().message + ")";
        break;
      }
      if (paid->state == "succeeded") {
        ++real_;
        return {};
      }
      why = "le simulateur n'a pas confirmé le paiement " + paid->reference + " (" + paid->state + ")";
      log::Warn("demo payment not confirmed by the simulator",
                {{"reference", paid->reference}, {"state", paid->state}});
      // Still open (e.g. stuck at the provider): another intent would be refused.
      if (paid->state == "pending" || paid->state == "unknown" || paid->state == "initiating") break;
    }
    RETURN_IF_ERROR(p_.payments->SeedPaidForDemo(application_id, provider));
    ++recorded_;
    reasons_.insert(why);
    return {};
  }

  std::string Summary() const {
    std::string out;
    if (real_ > 0)
      out += "Paiements de démonstration : " + std::to_string(real_) +
             " payé(s) à travers le simulateur de prestataires (intention, paiement, confirmation) ; "
             "le rapprochement de ses relevés les trouve.\n";
    if (recorded_ > 0) {
      out += "ATTENTION : " + std::to_string(recorded_) +
             " paiement(s) de démonstration enregistré(s) SANS prestataire (transaction DEMO-…), car ";
      bool first = true;
      for (const auto& r : reasons_) {
        out += (first ? "" : " ; ") + r;
        first = false;
      }
      out +=
          ". Un rapprochement les listera « absents chez le prestataire ». Démarrez origine-paysim "
          "avant le serveur (make run le fait) sur une base neuve pour des paiements réels.\n";
    }
    return out;
  }

 private:
  // The simulator's base URL when it plays `provider` and answers; else "" and why.
  std::string Simulator(const std::string& provider, std::string* why) {
    if (!p_.payments->provider(provider)) {
      *why = "aucun prestataire « " + provider + " » n'est configuré";
      return "";
    }
    const std::string base = SimulatorBaseFor(p_.config, provider);
    if (base.empty()) {
      *why = "le prestataire « " + provider + " » est réel (seul le simulateur peut être payé par la démonstration)";
      return "";
    }
    if (!reachable_.count(base)) {
      // `make run` starts the simulator beside the server: give it a few seconds.
      bool ok = false;
      for (int i = 0; i < 25 && !ok; ++i) {
        auto res = p_.http->Send({"GET", base + "/_control/health", {}, "", 2000});
        ok = res && res->status == 200;
        if (!ok) std::this_thread::sleep_for(std::chrono::milliseconds(200));
      }
      reachable_[base] = ok;
      if (!ok) log::Warn("payment simulator not reachable: demo payments recorded without a provider", {{"url", base}});
    }
    if (!reachable_[base]) {
      *why = "le simulateur de prestataires ne répond pas sur " + base;
      return "";
    }
    return base;
  }

  Platform& p_;
  std::map<std::string, bool> reachable_;
  std::set<std::string> reasons_;
  int real_ = 0, recorded_ = 0;
};

}  // namespace

Result<std::string> SeedDemo(Platform& p) {
  const RequestMeta meta{"demo-seed", "", "origine demo seed"};
  ASSIGN_OR_RETURN(int64_t sahel, p.identity->EnsureCompany({"Sahel Sésame SARL", "084151646T", "MA.BKO.2023.B.4040",
                                                             "Rue 305, Quartier du Fleuve, Bamako"},
                                                            meta));
  ASSIGN_OR_RETURN(int64_t karite,
                   p.identity->EnsureCompany(
                       {"Niger Karité SA", "091234567K", "MA.SGO.2024.A.0120", "Route de Markala, Ségou"}, meta));
  struct U {
    const char* email;
    const char* name;
    Role role;
    std::optional<int64_t> company;
  };
  const U users[] = {
      {"exportateur@demo.ml", "Awa Traoré", Role::kExporter, sahel},
      {"exportateur2@demo.ml", "Moussa Coulibaly", Role::kExporter, karite},
      {"agent@demo.ml", "Fatoumata Keïta", Role::kAgent, std::nullopt},
      {"signataire@demo.ml", "Ibrahim Diarra", Role::kSignatory, std::nullopt},
      {"admin@demo.ml", "Administrateur Origine", Role::kAdmin, std::nullopt},
      {"auditeur@demo.ml", "Aminata Sangaré", Role::kAuditor, std::nullopt},
  };
  for (const U& u : users)
    RETURN_IF_ERROR(p.identity->EnsureUser({u.email, u.name, kDemoPassword, u.role, u.company}, meta));

  ASSIGN_OR_RETURN(Principal exporter, AsPrincipal(p, "exportateur@demo.ml"));
  RETURN_IF_ERROR(SeedRegistry(p, exporter, meta));
  ASSIGN_OR_RETURN(json::object existing, p.applications->List(exporter, std::nullopt, PageRequest{1, ""}));
  if (!existing["items"].as_array().empty()) return std::string();  // already seeded
  ASSIGN_OR_RETURN(Principal exporter2, AsPrincipal(p, "exportateur2@demo.ml"));
  ASSIGN_OR_RETURN(Principal agent, AsPrincipal(p, "agent@demo.ml"));
  ASSIGN_OR_RETURN(Principal signatory, AsPrincipal(p, "signataire@demo.ml"));

  DemoPayer payer(p);
  auto issue = [&](const Principal& who, const json::value& input) -> Status {
    ASSIGN_OR_RETURN(json::object app, p.applications->Create(who, input, meta));
    const int64_t id = app["id"].as_int64();
    RETURN_IF_ERROR(p.applications->Submit(who, id, meta));
    RETURN_IF_ERROR(payer.Pay(who, id, id % 2 ? "orange" : "wave"));
    RETURN_IF_ERROR(p.applications->Approve(agent, id, "Dossier complet.", meta));
    RETURN_IF_ERROR(p.applications->Sign(signatory, id, meta));
    return {};
  };
  RETURN_IF_ERROR(issue(exporter, SesameApplication("FAC-2026-0117", "SN", "Dakar Agro Import SA")));
  RETURN_IF_ERROR(issue(exporter, SesameApplication("FAC-2026-0121", "CI", "Abidjan Négoce SARL")));
  json::object np = SesameApplication("KS-2026-044", "FR", "Karité Europe SAS").as_object();
  np["regime"] = "NP";
  np["transport"] = json::object{{"mode", "sea"}, {"details", "Conteneur MSCU 123456-7 via Dakar"}};
  RETURN_IF_ERROR(issue(exporter2, np));
  // One waiting for review and one draft, so every screen has something.
  ASSIGN_OR_RETURN(
      json::object submitted,
      p.applications->Create(exporter, SesameApplication("FAC-2026-0130", "BF", "Ouaga Distribution"), meta));
  RETURN_IF_ERROR(p.applications->Submit(exporter, submitted["id"].as_int64(), meta));
  RETURN_IF_ERROR(payer.Pay(exporter, submitted["id"].as_int64(), "cinetpay"));
  // One submitted and awaiting payment: the exporter pays it through the simulator.
  ASSIGN_OR_RETURN(json::object unpaid,
                   p.applications->Create(exporter, SesameApplication("FAC-2026-0133", "NE", "Niamey Commerce"), meta));
  RETURN_IF_ERROR(p.applications->Submit(exporter, unpaid["id"].as_int64(), meta));
  RETURN_IF_ERROR(p.applications->Create(exporter, json::parse(R"({"regime": "NP", "origin_country": "ML"})"), meta));
  const std::string summary = payer.Summary();
  log::Info("demo data seeded", {{"payments", summary}});
  return summary;
}

}  // namespace origine::app
