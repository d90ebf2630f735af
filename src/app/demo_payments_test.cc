// The demo seed's payments, through the public payments interface: a real
// payment through the provider's adapter confirmed by the status query, one
// the provider never settles, one refused at initiation, and one recorded
// without a provider.
#include "app/demo_payments.h"

#include <gtest/gtest.h>

#include "testkit/payment_world.h"

namespace origine::app {
namespace {

using payments::RemoteStatus;
using testkit::IsError;
using testkit::IsOk;

TEST(DemoPayments, APaymentGoesThroughTheProviderAndTheStatusQuery) {
  testkit::PaymentWorld w;
  // The payer acts at the provider; only the status query confirms it.
  const int64_t id = w.AwaitingPayment();
  std::string acted;
  auto paid = PayThroughProvider(
      *w.pay, w.people.exporter, id, "wave",
      [&](const std::string& ref) -> Status {
        acted = ref;
        w.script.status = {RemoteStatus::kSucceeded, "T-DEMO", 1500, ""};
        return {};
      },
      5000);
  ASSERT_THAT(paid, IsOk());
  EXPECT_EQ(paid->state, "succeeded");
  EXPECT_EQ(acted, paid->reference);
  EXPECT_EQ(w.script.initiations, 1);
  EXPECT_GE(w.script.status_queries, 1);
  EXPECT_EQ(w.ApplicationStatus(id), "submitted");
  EXPECT_EQ(w.Count("SELECT COUNT(*) FROM ledger_entries WHERE kind = 'payment'"), 1);
  EXPECT_EQ(w.Count("SELECT COUNT(*) FROM receipts"), 1);
  EXPECT_EQ(w.Count("SELECT COUNT(*) FROM payment_intents WHERE provider_txn = 'T-DEMO'"), 1);
  EXPECT_TRUE(w.Balanced());

  // A provider that never settles: the intent is still open after the wait,
  // nothing is posted; the payer's failed action changes nothing by itself.
  const int64_t id2 = w.AwaitingPayment();
  w.script.status = {RemoteStatus::kPending, "", std::nullopt, ""};
  auto stuck = PayThroughProvider(
      *w.pay, w.people.exporter, id2, "wave",
      [](const std::string&) -> Status {
        return Error::Unavailable("provider.unavailable"_code, "the simulator answered 409");
      },
      300);
  ASSERT_THAT(stuck, IsOk());
  EXPECT_EQ(stuck->state, "pending");
  EXPECT_EQ(w.ApplicationStatus(id2), "awaiting_payment");
  EXPECT_EQ(w.Count("SELECT COUNT(*) FROM ledger_entries WHERE kind = 'payment'"), 1);

  // Refused at initiation: returned at once, without acting.
  const int64_t id3 = w.AwaitingPayment();
  w.script.init = payments::InitOutcome::kRejected;
  bool called = false;
  auto refused = PayThroughProvider(
      *w.pay, w.people.exporter, id3, "wave",
      [&](const std::string&) -> Status {
        called = true;
        return {};
      },
      5000);
  ASSERT_THAT(refused, IsOk());
  EXPECT_EQ(refused->state, "failed");
  EXPECT_FALSE(called);
  // Another company's application cannot be paid by this exporter.
  EXPECT_THAT(PayThroughProvider(
                  *w.pay, w.people.other_exporter, id3, "wave", [](const std::string&) -> Status { return {}; }, 100),
              IsError("application.not_found"));
}

TEST(DemoPayments, WithoutAProviderTheFeeIsRecordedAsPaidOutsideIt) {
  testkit::PaymentWorld w;
  const int64_t id = w.AwaitingPayment();
  ASSERT_THAT(RecordDemoPayment(*w.pay, id, "wave"), IsOk());
  EXPECT_EQ(w.ApplicationStatus(id), "submitted");
  EXPECT_EQ(w.script.initiations, 0);
  EXPECT_EQ(w.Count("SELECT COUNT(*) FROM payment_intents WHERE provider_txn LIKE 'DEMO-%'"), 1);
  EXPECT_EQ(w.Count("SELECT COUNT(*) FROM receipts"), 1);
  EXPECT_TRUE(w.Balanced());
  EXPECT_THAT(RecordDemoPayment(*w.pay, id, "wave"), IsError("payment.not_awaiting"));
}

}  // namespace
}  // namespace origine::app
