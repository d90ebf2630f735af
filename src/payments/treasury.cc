// The daily Treasury report (admin, auditor): what each provider's clearing
// account moved that day per regime and entry kind, the ledger balances at
// the end of the day, and how many payments wait for a person; JSON, PDF, XLSX.
#include <boost/json.hpp>

#include "payments/intent_store.h"
#include "payments/ledger_store.h"
#include "payments/reconcile.h"
#include "payments/service_internal.h"
#include "render/report_pdf.h"

namespace origine::payments {
namespace json = boost::json;

namespace {

std::vector<std::vector<std::string>> TreasuryRows(const json::object& t) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& i : t.at("items").as_array()) {
    const auto& o = i.as_object();
    rows.push_back({std::string(o.at("provider").as_string()), std::string(o.at("regime").as_string()),
                    std::string(o.at("kind").as_string()), std::to_string(o.at("count").as_int64()),
                    std::to_string(o.at("amount_xof").as_int64())});
  }
  return rows;
}

std::vector<std::vector<std::string>> BalanceRows(const json::object& t) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& [k, v] : t.at("balances_end_of_day").as_object())
    rows.push_back({std::string(k), std::to_string(v.as_int64())});
  return rows;
}

}  // namespace

Result<json::object> Reconciler::Treasury(const Principal& who, const std::string& date) {
  ASSIGN_OR_RETURN(int64_t day, internal::DayParam(date));
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(std::vector<ClearingMovement> movements, ClearingMovements(*tx, day, day + 86400));
  json::array items;
  int64_t total = 0;
  for (const auto& m : movements) {
    items.push_back({{"provider", m.provider},
                     {"regime", m.regime},
                     {"kind", m.kind},
                     {"count", m.count},
                     {"amount_xof", m.amount_xof}});
    total += m.amount_xof;
  }
  ASSIGN_OR_RETURN(auto balances_at_end, LedgerBalancesBefore(*tx, day + 86400));
  json::object balances;
  for (const auto& [account, amount] : balances_at_end) balances[account] = amount;
  ASSIGN_OR_RETURN(int64_t to_review, CountIntentsToReview(*tx));
  return json::object{{"date", date},
                      {"items", std::move(items)},
                      {"net_clearing_movement_xof", total},
                      {"balances_end_of_day", std::move(balances)},
                      {"payments_to_review", to_review}};
}

Result<std::string> Reconciler::TreasuryPdf(const Principal& who, const std::string& date) {
  ASSIGN_OR_RETURN(json::object t, Treasury(who, date));
  render::ReportView v;
  v.issuer_name = options_.issuer_name;
  v.title = "Rapport journalier du Trésor";
  v.number = date;
  v.created = "Établi le " + FormatUtc(clock_.NowUnix()) + " (UTC), depuis le grand livre";
  v.fields = {
      {"Journée (UTC)", date},
      {"Mouvement net des comptes prestataires", std::to_string(t["net_clearing_movement_xof"].as_int64()) + " FCFA"},
      {"Paiements à examiner", std::to_string(t["payments_to_review"].as_int64())}};
  v.tables.push_back({"Encaissements par prestataire et régime",
                      {"Prestataire", "Régime", "Écriture", "Nombre", "Montant (FCFA)"},
                      {false, false, false, true, true},
                      TreasuryRows(t)});
  v.tables.push_back({"Soldes en fin de journée", {"Compte", "Solde (FCFA, débit +)"}, {false, true}, BalanceRows(t)});
  v.note =
      "Montants en francs CFA (XOF), entiers. Écritures : payment = encaissement, late_payment = paiement "
      "tardif à rembourser, refund = remboursement, provider_fee = frais du prestataire.";
  return render::RenderReportPdf(v);
}

Result<std::string> Reconciler::TreasuryXlsx(const Principal& who, const std::string& date) {
  ASSIGN_OR_RETURN(json::object t, Treasury(who, date));
  return WriteXlsx({{"Encaissements", {"prestataire", "regime", "ecriture", "nombre", "montant_xof"}, TreasuryRows(t)},
                    {"Soldes", {"compte", "solde_xof"}, BalanceRows(t)}});
}

}  // namespace origine::payments
