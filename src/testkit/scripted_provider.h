// origine/testkit/scripted_provider.h — a payment provider whose answers the
// test writes (payments, and the app's demo payer): what initiation, status
// queries, callbacks and refunds answer, and what was asked.
//
//   testkit::Script script;
//   providers["wave"] = std::make_unique<testkit::ScriptedProvider>(script);
//   script.status = {payments::RemoteStatus::kSucceeded, "T-1", 1500, ""};
//
// Test-only. Thread-safety: none (the test drives the service from one thread).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "payments/provider.h"

namespace origine::testkit {

struct Script {
  payments::InitOutcome init = payments::InitOutcome::kAccepted;
  payments::StatusResult status{payments::RemoteStatus::kPending, "", std::nullopt, ""};
  std::map<std::string, payments::StatusResult> status_of;  // by reference, before `status`
  payments::CallbackVerdict verdict = payments::CallbackVerdict::kAccepted;
  int initiations = 0;
  int status_queries = 0;
  // Refunds: off by default (manual mode, like Orange and CinetPay).
  bool refund_api = false;
  payments::RefundOutcome refund = payments::RefundOutcome::kDone;
  payments::StatusResult refund_status{payments::RemoteStatus::kPending, "", std::nullopt, ""};
  std::vector<payments::RefundRequest> refunds;
  int refund_status_queries = 0;
};

// Plays "wave": accepted initiations get provider_ref "cos-<reference prefix>";
// a callback's event key is its body and its reference the query's `ref`.
class ScriptedProvider : public payments::PaymentProvider {
 public:
  explicit ScriptedProvider(Script& s) : s_(s) {}
  const std::string& name() const override { return name_; }
  payments::InitResult Initiate(const payments::InitRequest& r) override;
  Result<payments::StatusResult> Status(const payments::IntentRef& r) override;
  payments::CallbackCheck VerifyCallback(const payments::CallbackRequest& r, const std::string&) override;
  Result<std::vector<payments::StatementLine>> ParseStatement(const std::string&) override {
    return std::vector<payments::StatementLine>{};
  }
  bool HasRefundApi() const override { return s_.refund_api; }
  payments::RefundResult Refund(const payments::RefundRequest& r) override;
  Result<payments::StatusResult> RefundStatus(const payments::RefundRequest&) override;

 private:
  Script& s_;
  std::string name_ = "wave";
};

}  // namespace origine::testkit
