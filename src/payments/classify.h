// origine/payments/classify.h — the reconciliation's rule, pure: every line of
// a provider statement, and every payment of ours the statement lacks, in
// exactly one class:
//   matched              our payment succeeded, same amount, the expected fee
//   fee_variance         same amount, another fee than the contract's rate
//   amount_mismatch      the provider moved another amount than ours
//   missing_ours         money at the provider that we never recorded as paid
//                        (a late success not yet seen, or not ours)
//   missing_at_provider  paid for us, absent from the statement (false success?)
// Reversal lines (refunds) match a refunded or refund-pending payment.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "payments/provider.h"

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
// The French label of a class ("Rapproché", ...); "" for an unknown one.
const char* ClassLabel(const std::string& cls);

}  // namespace origine::payments
