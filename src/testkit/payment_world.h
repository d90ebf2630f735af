// origine/testkit/payment_world.h — what the payments tests (and the app's
// demo payer test) stand on: a migrated database with the usual people, the
// regimes of data/regimes, the application workflow (no signing key: nothing
// is signed), and a PaymentService whose one provider, "wave", is scripted by
// the test (testkit/scripted_provider.h).
//
//   testkit::PaymentWorld w;
//   const int64_t id = w.AwaitingPayment();          // an ETLS application, fee 1 500 XOF
//   w.script.status = {payments::RemoteStatus::kSucceeded, "T-1", 1500, ""};
//
// Test-only.
#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <memory>
#include <string>

#include "certificates/service.h"
#include "payments/service.h"
#include "testkit/scripted_provider.h"
#include "testkit/testkit.h"
#include "tlog/log.h"

namespace origine::testkit {

// The options of the world's PaymentService: intents expire after 600 s.
payments::PaymentsOptions PaymentWorldOptions();

// A signer source without any key: signing fails (kUnavailable).
class NoSigner : public pki::SignerSource {
 public:
  Result<pki::ActiveSigner> Active(storage::Tx& tx, int64_t now) override;
};

class PaymentWorld {
 public:
  explicit PaymentWorld(payments::PaymentsOptions options = PaymentWorldOptions());
  // With more providers beside the scripted "wave" (e.g. a real adapter over a fake HTTP client).
  PaymentWorld(payments::PaymentsOptions options,
               std::map<std::string, std::unique_ptr<payments::PaymentProvider>> more_providers);
  ~PaymentWorld();

  // A new ETLS application of people.exporter, submitted: awaiting payment.
  int64_t AwaitingPayment();
  // The status of an application ("awaiting_payment", "submitted", ...).
  std::string ApplicationStatus(int64_t id);
  // people.exporter starts paying application `id` through "wave"; the intent's reference.
  std::string Pay(int64_t id, const std::string& idempotency_key = "");
  // An application paid for (the provider confirms at once): the intent's reference.
  std::string Paid();
  // A callback about `reference` whose event key is `event` (answered by the service).
  payments::PaymentService::CallbackAnswer Callback(const std::string& reference, const std::string& event);
  // The intent as `who` (default: people.admin) sees it, its state, its refund's state ("" when none).
  boost::json::object Intent(const std::string& reference);
  boost::json::object Intent(const std::string& reference, const Principal& who);
  std::string State(const std::string& reference);
  std::string RefundState(const std::string& reference);
  // The ledger sums to zero and no entry is unbalanced.
  bool Balanced();
  // Balance of one ledger account.
  int64_t Balance(const std::string& account);
  // Counts rows of this world's database: SELECT COUNT(*) ... (tests only).
  int64_t Count(const std::string& select_count_sql) { return testkit::Count(*db, select_count_sql); }

  FakeClock clock{1'795'000'000};  // 2026-11-18
  TempDir dir;
  std::unique_ptr<storage::Db> db;
  People people;
  Script script;

 private:
  NoSigner signer_;
  tlog::Log log_{"origine.local/ML/log"};

 public:
  std::unique_ptr<certificates::ApplicationService> apps;
  std::unique_ptr<payments::PaymentService> pay;
};

}  // namespace origine::testkit
