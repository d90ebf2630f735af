// Receipts: numbered without gaps per year in the transaction that confirms
// the payment, rendered as a PDF on demand (owner exporter or staff).
#include <cstdio>

#include "certificates/service.h"
#include "identity/directory.h"
#include "payments/fees.h"
#include "payments/intent_store.h"
#include "payments/receipt_store.h"
#include "payments/service.h"
#include "payments/service_internal.h"
#include "render/report_pdf.h"

namespace origine::payments {

Status PaymentService::IssueReceipt(storage::Tx& tx, const Intent& paid, int64_t now) {
  const int64_t year = std::stoll(FormatUtc(now, true).substr(0, 4));
  ASSIGN_OR_RETURN(int64_t seq, NextReceiptNumber(tx, year));
  char number[32];
  std::snprintf(number, sizeof number, "RC-%lld-%06lld", static_cast<long long>(year), static_cast<long long>(seq));
  RETURN_IF_ERROR(InsertReceipt(tx, {number, paid.id, now}));
  Status marked = certificates::MarkPaid(tx, paid.application_id, paid.created_by, paid.reference, now);
  if (!marked) {
    if (marked.error().kind != ErrorKind::kConflict) return marked.error();
    // Paid twice (another intent won): keep the money visible for a refund.
    Intent flagged = paid;
    flagged.review = "already_paid";
    RETURN_IF_ERROR(UpdateIntent(tx, paid, flagged));
  }
  return {};
}

Result<std::string> PaymentService::ReceiptPdf(const Principal& who, const std::string& reference) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(Intent i, FindIntentByReference(*tx, reference));
  if (!internal::IsStaff(who) && (!who.company_id || *who.company_id != i.company_id))
    return Error::NotFound("payment.not_found"_code, "no such payment");
  ASSIGN_OR_RETURN(std::optional<ReceiptRow> receipt, FindReceipt(*tx, i.id));
  if (!receipt) return Error::NotFound("receipt.not_found"_code, "this payment has no receipt (not paid)");
  ASSIGN_OR_RETURN(identity::CompanyRecord company, identity::FindCompany(*tx, i.company_id));
  auto fee = FeeFor(options_.regimes, i.regime, i.service, FormatUtc(i.created_at, true));
  render::ReportView v;
  v.issuer_name = options_.issuer_name;
  v.title = "Reçu de paiement";
  v.number = receipt->number;
  v.created = "Émis le " + FormatUtc(receipt->issued_at) + " (UTC)";
  v.fields = {{"Exportateur", company.name},
              {"NIF", company.nif},
              {"Demande", "n° " + std::to_string(i.application_id) + " — régime " + i.regime},
              {"Objet", fee ? fee->label_fr : i.fee_code},
              {"Montant", internal::Money(i.amount_xof)},
              {"Moyen de paiement", internal::ProviderLabel(i.provider)},
              {"Transaction du prestataire", i.provider_txn.empty() ? "—" : i.provider_txn},
              {"Référence Origine", i.reference},
              {"État", i.state == State::kSucceeded ? "Payé" : StateName(i.state)}};
  v.note =
      "Reçu émis automatiquement à la confirmation du paiement par le prestataire. Montants en francs CFA "
      "(XOF), sans décimales.";
  return render::RenderReportPdf(v);
}

}  // namespace origine::payments
