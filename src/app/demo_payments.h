// origine/app/demo_payments.h — how the demo seed pays the fees of its
// applications (`origine demo seed`, `serve --demo`), through the public
// interface of the payments module only (docs/formats/payments.md, "Demo data").
//
// With the simulator playing the provider and answering, for real: a genuine
// intent through the adapter, the payer's "Payer" through the simulator's
// control API (docs/formats/paysim.md), the confirmation by the normal status
// query; so ledger, receipt and workflow come from the real path and the
// simulator's statement matches them. Otherwise (no provider, a real
// provider, the simulator not answering, or it never settled the payment) the
// fee is recorded as paid outside the providers (transaction "DEMO-…"), which
// a reconciliation lists as missing at the provider.
//
// Thread-safety: one seed at a time (DemoPayer keeps counts).
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>

#include "core/context.h"
#include "core/result.h"
#include "payments/service.h"

namespace origine::app {

struct Platform;

struct DemoPayment {
  std::string reference;
  std::string state;  // the intent's state when the wait ended
};

// Pays the application (awaiting payment) through `provider`'s adapter as its
// exporter `payer`: CreateIntent, then `act(reference)` plays the payer at the
// provider, then the intent is confirmed by the normal status query path
// (Check, PollDue), waited for at most `wait_ms`. Fails if the intent cannot
// be created; returns it still open when the provider has not settled it in time.
Result<DemoPayment> PayThroughProvider(payments::PaymentService& payments, const Principal& payer,
                                       int64_t application_id, const std::string& provider,
                                       const std::function<Status(const std::string& reference)>& act, int wait_ms);

// Records the application's fee as paid through `provider` outside the
// providers' flow (transaction "DEMO-<8 hex>"): PaymentService::RecordExternalPayment.
Status RecordDemoPayment(payments::PaymentService& payments, int64_t application_id, const std::string& provider);

// Pays the demo's fees through the simulator when it plays the provider and
// answers, else records them (see above), and says how in Summary().
class DemoPayer {
 public:
  explicit DemoPayer(Platform& p) : p_(p) {}
  Status Pay(const Principal& exporter, int64_t application_id, const std::string& provider);
  // French text for the operator: how many went through the simulator, how many
  // were recorded without a provider, and why.
  std::string Summary() const;

 private:
  // The simulator's base URL when it plays `provider` and answers; else "" and why.
  std::string Simulator(const std::string& provider, std::string* why);

  Platform& p_;
  std::map<std::string, bool> reachable_;
  std::set<std::string> reasons_;
  int real_ = 0, recorded_ = 0;
};

}  // namespace origine::app
