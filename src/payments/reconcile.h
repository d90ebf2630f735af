// origine/payments/reconcile.h — provider statements against our payments
// (classification rule: classify.h), and the Treasury report.
//
// Statements are read by each provider's adapter (CSV through core/csv.h: a
// UTF-8 byte-order mark, as spreadsheet exports add, is dropped; times through
// core/date.h: an impossible date refuses the statement, naming the line).
// Reconciler::Import stores the statement (raw, with its SHA-256: the same file
// twice is kConflict) and its classified lines in one transaction with an
// audit event, and posts each matched line's provider fee to the ledger
// (FeeExpense / ProviderClearing, once per payment). Who may import and
// read: the API's table (api/authz_table.cc: admin). Dates (YYYY-MM-DD) must be real
// calendar days: "2026-02-30" is kInvalidArgument "date.format", field "date".
// Errors: statement.* codes (web/src/i18n/errors/payments.ts).
// Implementation: reconcile.cc (import, reads, CSV/XLSX), treasury.cc.
// Thread-safety: as PaymentService.
#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/context.h"
#include "payments/classify.h"
#include "payments/provider.h"
#include "payments/service.h"
#include "payments/xlsx.h"
#include "storage/db.h"

namespace origine::payments {

struct ReconcileOptions {
  std::map<std::string, int> fee_bp = {{"orange", 100}, {"wave", 100}, {"cinetpay", 300}, {"momo", 100}};
  std::string issuer_name;
};

class Reconciler {
 public:
  Reconciler(storage::Db& db, const Clock& clock, PaymentService& payments, ReconcileOptions options)
      : db_(db), clock_(clock), payments_(payments), options_(std::move(options)) {}

  // `statement` empty: fetched from the provider's API when it has one (Wave).
  Result<boost::json::object> Import(const Principal& who, const std::string& provider, const std::string& date,
                                     const std::string& statement, const RequestMeta& meta);
  Result<boost::json::array> List(const Principal& who);
  Result<boost::json::object> Get(const Principal& who, int64_t id);
  Result<std::string> Csv(const Principal& who, int64_t id);
  Result<std::string> Xlsx(const Principal& who, int64_t id);

  // Totals of succeeded payments per provider, regime and day for `date`
  // (YYYY-MM-DD), with the ledger balances at the end of that day.
  Result<boost::json::object> Treasury(const Principal& who, const std::string& date);
  Result<std::string> TreasuryPdf(const Principal& who, const std::string& date);
  Result<std::string> TreasuryXlsx(const Principal& who, const std::string& date);

 private:
  storage::Db& db_;
  const Clock& clock_;
  PaymentService& payments_;
  ReconcileOptions options_;
};

}  // namespace origine::payments
