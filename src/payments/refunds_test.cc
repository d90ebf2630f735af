// Refunds through the service, with a scripted provider (ADR 0057): through
// the provider's API (at once, accepted then confirmed, unclear, never
// received, refused and retried, a crash during the call) and manual ones;
// one ledger reversal each, every step audited.
#include <gtest/gtest.h>

#include "payments/ledger.h"
#include "payments/service.h"
#include "testkit/payment_world.h"

namespace origine::payments {
namespace {

using testkit::IsError;
using testkit::IsOk;

class RefundFlow : public ::testing::Test {
 protected:
  testkit::PaymentWorld w;
  PaymentService& pay() { return *w.pay; }
  int64_t RefundEntries() { return w.Count("SELECT COUNT(*) FROM ledger_entries WHERE kind = 'refund'"); }
};

TEST_F(RefundFlow, ProviderRefundConfirmsAtOnceWithOneReversal) {
  w.script.refund_api = true;
  const std::string ref = w.Paid();
  EXPECT_EQ(w.Intent(ref)["refund_mode"], "provider");
  EXPECT_TRUE(w.Intent(ref)["refund"].is_null());
  EXPECT_TRUE(w.script.refunds.empty());
  auto out = pay().Refund(w.people.admin, ref, "Demande annulée", testkit::kMeta);
  ASSERT_THAT(out, IsOk());
  EXPECT_EQ((*out)["state"], "refunded");
  EXPECT_EQ((*out)["refund"].as_object()["state"], "done");
  EXPECT_EQ((*out)["refund"].as_object()["mode"], "provider");
  ASSERT_EQ(w.script.refunds.size(), 1u);
  const RefundRequest& sent = w.script.refunds[0];
  EXPECT_EQ(sent.reference, ref);
  EXPECT_EQ(sent.amount_xof, 1500);
  EXPECT_EQ(sent.refund_reference.size(), 36u);
  EXPECT_EQ(sent.reason.find("annulée"), std::string::npos);  // the internal reason is not sent to the payer
  EXPECT_EQ((*out)["refund"].as_object()["reference"].as_string(), sent.refund_reference);
  EXPECT_EQ((*out)["refund"].as_object()["provider_refund_id"].as_string(), "TR-" + sent.refund_reference.substr(0, 4));
  EXPECT_EQ(RefundEntries(), 1);
  EXPECT_TRUE(w.Balanced());
  EXPECT_EQ(w.Count("SELECT COUNT(*) FROM audit_events WHERE action = 'payment.refund_requested'"), 1);
  EXPECT_EQ(w.Count("SELECT COUNT(*) FROM audit_events WHERE action = 'payment.refund_confirmed'"), 1);
  // Nothing more to do: no second refund, no manual confirmation.
  EXPECT_THAT(pay().Refund(w.people.admin, ref, "encore", testkit::kMeta), IsError("refund.not_allowed"));
  EXPECT_THAT(pay().ConfirmRefund(w.people.admin, ref, "RF-1", testkit::kMeta), IsError("refund.not_pending"));
  w.clock.Advance(600);
  EXPECT_EQ(*pay().PollRefunds(10), 0);
  EXPECT_EQ(w.script.refunds.size(), 1u);
  EXPECT_EQ(RefundEntries(), 1);
  // The exporter sees the refund, not the administrator's reason nor errors.
  auto mine = w.Intent(ref, w.people.exporter);
  EXPECT_FALSE(mine["refund"].as_object().contains("reason"));
  EXPECT_FALSE(mine.contains("last_error"));
}

TEST_F(RefundFlow, AnUnclearRefundIsResolvedByStatusQueriesAndNeverSentTwice) {
  w.script.refund_api = true;
  const std::string ref = w.Paid();
  w.script.refund = RefundOutcome::kUnclear;
  auto out = pay().Refund(w.people.admin, ref, "Doublon", testkit::kMeta);
  ASSERT_THAT(out, IsOk());
  EXPECT_EQ((*out)["state"], "refund_pending");
  EXPECT_EQ((*out)["refund"].as_object()["state"], "unclear");
  EXPECT_NE((*out)["last_error"].as_string().find("no clear answer"), std::string::npos);
  // While the provider may be refunding: no manual confirmation, no new request.
  EXPECT_THAT(pay().ConfirmRefund(w.people.admin, ref, "RF-1", testkit::kMeta), IsError("refund.in_progress"));
  EXPECT_THAT(pay().Refund(w.people.admin, ref, "encore", testkit::kMeta), IsError("refund.in_progress"));
  // The worker asks: pending (the provider has it), then succeeded.
  w.clock.Advance(2);
  EXPECT_EQ(*pay().PollRefunds(10), 1);
  EXPECT_EQ(w.RefundState(ref), "sent");
  EXPECT_EQ(*pay().PollRefunds(10), 0);  // backoff: not due yet
  w.script.refund_status = {RemoteStatus::kSucceeded, "F-77", 1500, "SUCCESSFUL"};
  w.clock.Advance(10);
  EXPECT_EQ(*pay().PollRefunds(10), 1);
  EXPECT_EQ(w.State(ref), "refunded");
  EXPECT_EQ(w.Intent(ref)["refund"].as_object()["provider_refund_id"], "F-77");
  EXPECT_EQ(w.script.refunds.size(), 1u);
  EXPECT_EQ(w.script.refund_status_queries, 2);
  EXPECT_EQ(RefundEntries(), 1);
  EXPECT_TRUE(w.Balanced());
  EXPECT_EQ(w.Balance(ClearingAccount("wave")), 0);
  EXPECT_EQ(w.Balance(kRevenue), 0);
  // Every step is in the audit trail.
  for (const char* action :
       {"payment.refund_requested", "payment.refund_unclear", "payment.refund_sent", "payment.refund_confirmed"})
    EXPECT_EQ(w.Count(std::string("SELECT COUNT(*) FROM audit_events WHERE action = '") + action + "'"), 1) << action;
}

TEST_F(RefundFlow, WhenTheProviderNeverGotTheRefundItIsSentAgainWithTheSameReference) {
  w.script.refund_api = true;
  const std::string ref = w.Paid();
  w.script.refund = RefundOutcome::kUnclear;
  ASSERT_THAT(pay().Refund(w.people.admin, ref, "Doublon", testkit::kMeta), IsOk());
  w.script.refund_status = {RemoteStatus::kNotFound, "", std::nullopt, "no reversal"};
  w.clock.Advance(2);
  EXPECT_EQ(*pay().PollRefunds(10), 1);
  EXPECT_EQ(w.RefundState(ref), "retry");
  w.script.refund = RefundOutcome::kDone;
  EXPECT_EQ(*pay().PollRefunds(10), 1);
  EXPECT_EQ(w.State(ref), "refunded");
  ASSERT_EQ(w.script.refunds.size(), 2u);
  EXPECT_EQ(w.script.refunds[0].refund_reference, w.script.refunds[1].refund_reference);
  EXPECT_EQ(RefundEntries(), 1);
  EXPECT_TRUE(w.Balanced());
}

TEST_F(RefundFlow, ARefusedRefundStaysPendingWithItsErrorAndMayBeRetried) {
  w.script.refund_api = true;
  const std::string ref = w.Paid();
  w.script.refund = RefundOutcome::kRejected;
  auto out = pay().Refund(w.people.admin, ref, "Doublon", testkit::kMeta);
  ASSERT_THAT(out, IsOk());
  EXPECT_EQ((*out)["state"], "refund_pending");
  EXPECT_EQ((*out)["refund"].as_object()["state"], "refused");
  EXPECT_NE((*out)["last_error"].as_string().find("refused by the provider"), std::string::npos);
  EXPECT_EQ(w.Count("SELECT COUNT(*) FROM audit_events WHERE action = 'payment.refund_refused'"), 1);
  EXPECT_EQ(RefundEntries(), 0);
  w.clock.Advance(600);
  EXPECT_EQ(*pay().PollRefunds(10), 0);  // a refusal is not retried by itself
  const std::string first = w.script.refunds[0].refund_reference;
  // The administrator retries: a new reference; accepted, then confirmed by a status query.
  w.script.refund = RefundOutcome::kAccepted;
  out = pay().Refund(w.people.admin, ref, "Nouvel essai", testkit::kMeta);
  ASSERT_THAT(out, IsOk());
  EXPECT_EQ((*out)["refund"].as_object()["state"], "sent");
  EXPECT_TRUE((*out)["last_error"].is_null());
  ASSERT_EQ(w.script.refunds.size(), 2u);
  EXPECT_NE(w.script.refunds[1].refund_reference, first);
  w.script.refund_status = {RemoteStatus::kFailed, "", std::nullopt, "FAILED NOT_ALLOWED"};
  w.clock.Advance(10);
  EXPECT_EQ(*pay().PollRefunds(10), 1);
  EXPECT_EQ(w.RefundState(ref), "refused");
  EXPECT_NE(w.Intent(ref)["last_error"].as_string().find("NOT_ALLOWED"), std::string::npos);
  // Refunded outside after all: the administrator confirms by hand.
  auto manual = pay().ConfirmRefund(w.people.admin, ref, "VIR-2026-001", testkit::kMeta);
  ASSERT_THAT(manual, IsOk());
  EXPECT_EQ((*manual)["state"], "refunded");
  EXPECT_EQ(RefundEntries(), 1);
  EXPECT_TRUE(w.Balanced());
}

TEST_F(RefundFlow, WithoutARefundApiTheRefundIsManual) {
  const std::string ref = w.Paid();
  EXPECT_EQ(w.Intent(ref)["refund_mode"], "manual");
  auto out = pay().Refund(w.people.admin, ref, "Doublon", testkit::kMeta);
  ASSERT_THAT(out, IsOk());
  EXPECT_EQ((*out)["refund"].as_object()["state"], "manual");
  EXPECT_EQ((*out)["refund"].as_object()["mode"], "manual");
  EXPECT_TRUE(w.script.refunds.empty());
  w.clock.Advance(600);
  EXPECT_EQ(*pay().PollRefunds(10), 0);
  EXPECT_THAT(pay().ConfirmRefund(w.people.admin, ref, " ", testkit::kMeta), IsError("refund.provider_id_required"));
  ASSERT_THAT(pay().ConfirmRefund(w.people.admin, ref, "VIR-1", testkit::kMeta), IsOk());
  EXPECT_EQ(w.State(ref), "refunded");
  EXPECT_TRUE(w.script.refunds.empty());
  EXPECT_EQ(RefundEntries(), 1);
  EXPECT_TRUE(w.Balanced());
}

TEST_F(RefundFlow, ACrashDuringTheRefundCallIsResolvedByAStatusQueryNotANewCall) {
  w.script.refund_api = true;
  const std::string ref = w.Paid();
  w.script.refund = RefundOutcome::kUnclear;
  ASSERT_THAT(pay().Refund(w.people.admin, ref, "Doublon", testkit::kMeta), IsOk());
  // Back to the moment after our reference was committed and before the call
  // returned, as after a crash: "requested", due after the grace period.
  {
    auto tx = *w.db->Begin();
    ASSERT_TRUE(
        tx->Exec("UPDATE payment_intents SET refund_state = 'requested', refund_next_check_at = ? WHERE reference = ?",
                 {w.clock.NowUnix() + 30, ref}));
    ASSERT_TRUE(tx->Commit());
  }
  w.clock.Advance(10);
  EXPECT_EQ(*pay().PollRefunds(10), 0);  // the call may still be running
  w.script.refund_status = {RemoteStatus::kSucceeded, "F-9", 1500, "SUCCESSFUL"};
  w.clock.Advance(25);
  EXPECT_EQ(*pay().PollRefunds(10), 1);
  EXPECT_EQ(w.State(ref), "refunded");
  EXPECT_EQ(w.script.refunds.size(), 1u);  // never called again
  EXPECT_EQ(w.script.refund_status_queries, 1);
  EXPECT_EQ(RefundEntries(), 1);
  EXPECT_TRUE(w.Balanced());
}

}  // namespace
}  // namespace origine::payments
