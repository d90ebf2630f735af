// origine/payments/reconcile.h — provider statements against our payments,
// and the Treasury report.
//
// Classify (pure) puts every statement line, and every payment of ours the
// statement lacks, in exactly one class:
//   matched              our payment succeeded, same amount, the expected fee
//   fee_variance         same amount, another fee than the contract's rate
//   amount_mismatch      the provider moved another amount than ours
//   missing_ours         money at the provider that we never recorded as paid
//                        (a late success not yet seen, or not ours)
//   missing_at_provider  paid for us, absent from the statement (false success?)
// Reversal lines (Wave refunds) match a refunded or refund-pending payment.
//
// Reconciler::Import stores the statement (raw, with its SHA-256: the same file
// twice is kConflict) and its classified lines in one transaction with an
// audit event, and posts each matched line's provider fee to the ledger
// (FeeExpense / ProviderClearing, once per payment). Staff rules: import by
// admin; reports by admin and auditor.
// Thread-safety: as PaymentService.
#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/context.h"
#include "payments/provider.h"
#include "payments/service.h"
#include "storage/db.h"

namespace origine::payments {

struct OurPayment {
  int64_t intent_id = 0;
  std::string reference;
  std::string state;  // succeeded, late_success, refund_pending, refunded, or an unpaid state
  int64_t amount_xof = 0;
  bool paid_in_period = false;  // its success was posted on the statement's day
};

struct Classified {
  std::string cls;     // matched, fee_variance, amount_mismatch, missing_ours, missing_at_provider
  std::string detail;  // French, for the report
  StatementLine line;  // for missing_at_provider: reference and our amount only
  int64_t intent_id = 0;
  int64_t expected_fee_xof = 0;
};

// Fee rate in basis points (100 = 1 %), rounded half up to whole XOF.
int64_t ExpectedFee(int64_t amount_xof, int fee_bp);
std::vector<Classified> Classify(const std::vector<StatementLine>& lines, const std::vector<OurPayment>& ours,
                                 int fee_bp);

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

// XLSX bytes of sheets (name, header, rows); numbers in cells that parse as
// integers are written as numbers. kInternal when libxlsxwriter fails.
struct Sheet {
  std::string name;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};
Result<std::string> WriteXlsx(const std::vector<Sheet>& sheets);

}  // namespace origine::payments
