// Demo data: two exporting companies, one account per role, and a few
// applications at every stage, two of them issued as real signed certificates.
#include <boost/json.hpp>
#include <filesystem>

#include "app/demo_payments.h"
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
