// Settlement through the service, with a scripted provider: the workflow step,
// one success posting per intent, unclear initiation, expiry and late
// success, the watch for late successes, forged callbacks, wrong amounts and
// answers about another payment; payments recorded outside the providers.
// (The decision itself: settlement_golden_test.cc.)
#include <gtest/gtest.h>

#include "payments/ledger.h"
#include "payments/service.h"
#include "testkit/payment_world.h"

namespace origine::payments {
namespace {

using testkit::IsError;
using testkit::IsOk;

class Settlement : public ::testing::Test {
 protected:
  testkit::PaymentWorld w;
  PaymentService& pay() { return *w.pay; }
};

TEST_F(Settlement, ConfirmedSuccessMovesTheApplicationOnceWithLedgerAndReceipt) {
  const int64_t id = w.AwaitingPayment();
  EXPECT_EQ(w.ApplicationStatus(id), "awaiting_payment");
  const std::string ref = w.Pay(id);
  EXPECT_EQ(w.State(ref), "pending");
  EXPECT_EQ(w.Count("SELECT COUNT(*) FROM audit_events WHERE action = 'payment.initiating'"), 1);
  // The callback is stored, answered, and duplicates are recognised.
  EXPECT_EQ(w.Callback(ref, "ev-1").outcome, "accepted");
  EXPECT_EQ(w.Callback(ref, "ev-1").outcome, "duplicate");
  EXPECT_EQ(w.Count("SELECT COUNT(*) FROM payment_inbox"), 1);
  // Processing asks the provider; it still says pending: nothing moves.
  ASSERT_EQ(*pay().ProcessInbox(10), 1);
  EXPECT_EQ(w.State(ref), "pending");
  EXPECT_EQ(w.ApplicationStatus(id), "awaiting_payment");
  // Now it says succeeded: one transaction moves intent and application.
  w.script.status = {RemoteStatus::kSucceeded, "T-1", 1500, ""};
  EXPECT_EQ(w.Callback(ref, "ev-2").outcome, "accepted");
  EXPECT_EQ(w.Callback(ref, "ev-3").outcome, "accepted");
  ASSERT_EQ(*pay().ProcessInbox(10), 2);
  EXPECT_EQ(w.State(ref), "succeeded");
  EXPECT_EQ(w.ApplicationStatus(id), "submitted");
  EXPECT_EQ(w.Count("SELECT COUNT(*) FROM ledger_entries WHERE kind = 'payment'"), 1);
  EXPECT_EQ(w.Count("SELECT COUNT(*) FROM receipts"), 1);
  EXPECT_EQ(w.Count("SELECT COUNT(*) FROM application_events WHERE action = 'payment'"), 1);
  EXPECT_EQ(w.Count("SELECT COUNT(*) FROM payment_inbox WHERE outcome = 'succeeded'"), 1);
  EXPECT_EQ(w.Count("SELECT COUNT(*) FROM payment_inbox WHERE outcome = 'no_change'"), 2);
  EXPECT_TRUE(w.Balanced());
  auto pdf = pay().ReceiptPdf(w.people.exporter, ref);
  ASSERT_THAT(pdf, IsOk());
  EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
  EXPECT_EQ(std::string(w.Intent(ref)["receipt_number"].as_string()).substr(0, 8), "RC-2026-");
  // Polling after the fact changes nothing either.
  w.clock.Advance(60);
  ASSERT_THAT(pay().PollDue(10), IsOk());
  EXPECT_EQ(w.Count("SELECT COUNT(*) FROM ledger_entries"), 1);
  // Paid: a resubmission after a return goes straight to review.
  auto view = w.apps->Get(w.people.exporter, id);
  EXPECT_EQ((*view)["payment"].as_object().at("status").as_string(), "paid");
}

TEST_F(Settlement, AnUnclearInitiationIsNeverResentAndIsResolvedByAStatusQuery) {
  const int64_t id = w.AwaitingPayment();
  w.script.init = InitOutcome::kUnclear;
  const std::string ref = w.Pay(id);
  EXPECT_EQ(w.State(ref), "unknown");
  // A second payment cannot start while this one may exist.
  bool replayed = false;
  EXPECT_THAT(pay().CreateIntent(w.people.exporter, id, "wave", "", "", testkit::kMeta, &replayed),
              IsError("payment.in_progress"));
  w.script.status = {RemoteStatus::kSucceeded, "T-9", 1500, ""};
  w.clock.Advance(2);
  ASSERT_THAT(pay().PollDue(10), IsOk());
  EXPECT_EQ(w.State(ref), "succeeded");
  EXPECT_EQ(w.ApplicationStatus(id), "submitted");
  EXPECT_EQ(w.script.initiations, 1);
}

TEST_F(Settlement, ExpiryThenLateSuccessIsHeldForRefund) {
  const int64_t id = w.AwaitingPayment();
  const std::string ref = w.Pay(id);
  w.clock.Advance(601);
  ASSERT_THAT(pay().PollDue(10), IsOk());
  EXPECT_EQ(w.State(ref), "expired");
  w.script.status = {RemoteStatus::kSucceeded, "T-5", 1500, ""};
  w.clock.Advance(300);
  ASSERT_THAT(pay().PollDue(10), IsOk());
  EXPECT_EQ(w.State(ref), "late_success");
  EXPECT_EQ(w.ApplicationStatus(id), "awaiting_payment");  // no certificate without a valid payment
  EXPECT_EQ(w.Balance(kSuspense), -1500);
  EXPECT_THAT(pay().Refund(w.people.admin, ref, "  ", testkit::kMeta), IsError("refund.reason_required"));
  ASSERT_THAT(pay().Refund(w.people.admin, ref, "Paiement reçu après expiration", testkit::kMeta), IsOk());
  EXPECT_EQ(w.State(ref), "refund_pending");
  ASSERT_THAT(pay().ConfirmRefund(w.people.admin, ref, "RF-1", testkit::kMeta), IsOk());
  EXPECT_EQ(w.State(ref), "refunded");
  EXPECT_EQ(w.Balance(kSuspense), 0);
  EXPECT_EQ(w.Balance(ClearingAccount("wave")), 0);
  EXPECT_TRUE(w.Balanced());
  // The exporter may pay again.
  EXPECT_FALSE(w.Pay(id).empty());
}

// The soak's lost late success (tests/soak/payments-invariants.test.mjs):
// a payment the provider reports as refused (CinetPay says REFUSED for
// expired payments too) that then succeeds, its callback lost (the server was
// down), must be seen by the watch poll at the end of the late window, even
// behind refused payments whose own windows ended before it.
TEST_F(Settlement, AFailedPaymentsLateSuccessIsSeenBehindFinishedWatches) {
  std::vector<std::string> cancelled;
  for (int k = 0; k < 3; ++k) {  // refused by their payers, for good
    const std::string ref = w.Pay(w.AwaitingPayment());
    w.script.status_of[ref] = {RemoteStatus::kFailed, "", std::nullopt, "payer-cancelled"};
    ASSERT_EQ(w.Callback(ref, "refused-" + ref).outcome, "accepted");
    ASSERT_EQ(*pay().ProcessInbox(10), 1);
    ASSERT_EQ(w.State(ref), "failed");
    cancelled.push_back(ref);
  }
  w.clock.Advance(10);
  const int64_t id = w.AwaitingPayment();
  const std::string late = w.Pay(id);
  w.script.status_of[late] = {RemoteStatus::kFailed, "", std::nullopt, "code 627 REFUSED"};
  ASSERT_EQ(w.Callback(late, "refused-" + late).outcome, "accepted");
  ASSERT_EQ(*pay().ProcessInbox(10), 1);
  ASSERT_EQ(w.State(late), "failed");
  // The provider's success comes a second later; its callback never arrives.
  w.script.status_of[late] = {RemoteStatus::kSucceeded, "CP-1", 1500, ""};
  // Every late window has ended: one watch poll each, one at a time.
  w.clock.Advance(600 + 3600 + 60);
  const int queries = w.script.status_queries;
  for (int round = 0; round < 10 && w.State(late) != "late_success"; ++round) ASSERT_THAT(pay().PollDue(1), IsOk());
  EXPECT_EQ(w.State(late), "late_success");
  EXPECT_EQ(w.script.status_queries - queries, 4) << "each watch asks once at its end";
  // Finished watches are never due again: nothing left to ask.
  EXPECT_EQ(*pay().PollDue(10), 0);
  EXPECT_EQ(w.Count("SELECT COUNT(*) FROM payment_intents WHERE next_poll_at IS NOT NULL"), 0);
  for (const auto& ref : cancelled) EXPECT_EQ(w.State(ref), "failed");
  EXPECT_EQ(w.Balance(kSuspense), -1500);
  EXPECT_EQ(w.ApplicationStatus(id), "awaiting_payment");
}

// An expired payment watched for a late success is asked again after
// poll_max_seconds, not at every worker round, and not after its window.
TEST_F(Settlement, AnExpiredPaymentIsWatchedAtTheWatchPaceUntilItsWindowEnds) {
  const std::string ref = w.Pay(w.AwaitingPayment());
  w.clock.Advance(601);
  ASSERT_THAT(pay().PollDue(10), IsOk());
  ASSERT_EQ(w.State(ref), "expired");
  w.script.status = {RemoteStatus::kExpired, "", std::nullopt, "expired"};
  int asked = 0;
  for (int64_t t = 0; t <= 3600; t += 60) {
    const int before = w.script.status_queries;
    ASSERT_THAT(pay().PollDue(10), IsOk());
    ASSERT_THAT(pay().PollDue(10), IsOk());  // a second worker round at the same second: not due
    ASSERT_LE(w.script.status_queries - before, 1) << "at +" << t << " s";
    asked += w.script.status_queries - before;
    w.clock.Advance(60);
  }
  EXPECT_EQ(asked, 12);  // every poll_max_seconds (300) over the 3600 s window
  EXPECT_EQ(w.Count("SELECT COUNT(*) FROM payment_intents WHERE next_poll_at IS NOT NULL"), 0);
  EXPECT_EQ(w.State(ref), "expired");
}

TEST_F(Settlement, ForgedCallbacksAndWrongAmountsChangeNothing) {
  const int64_t id = w.AwaitingPayment();
  const std::string ref = w.Pay(id);
  w.script.verdict = CallbackVerdict::kForged;
  EXPECT_EQ(w.Callback(ref, "ev-x").status, 401);
  w.script.verdict = CallbackVerdict::kStale;
  EXPECT_EQ(w.Callback(ref, "ev-y").status, 401);
  EXPECT_EQ(w.Count("SELECT COUNT(*) FROM payment_inbox"), 0);
  EXPECT_NE(pay().metrics().Render().find("outcome=\"forged\"} 1"), std::string::npos);
  w.script.verdict = CallbackVerdict::kAccepted;
  w.script.status = {RemoteStatus::kSucceeded, "T-2", 1400, ""};  // the provider moved 1,400 not 1,500
  w.Callback(ref, "ev-z");
  ASSERT_THAT(pay().ProcessInbox(10), IsOk());
  EXPECT_EQ(w.State(ref), "failed");
  EXPECT_EQ(w.ApplicationStatus(id), "awaiting_payment");
  EXPECT_EQ(w.Count("SELECT COUNT(*) FROM ledger_entries"), 0);
  EXPECT_EQ(std::string(w.Intent(ref)["review"].as_string()), "amount_mismatch");
  EXPECT_EQ(std::string(w.Intent(ref)["last_error"].as_string()), "provider reports 1400 XOF");
  EXPECT_EQ(w.Count("SELECT COUNT(*) FROM audit_events WHERE action = 'payment.review'"), 1);
  EXPECT_EQ(w.Count("SELECT COUNT(*) FROM payment_inbox WHERE outcome = 'amount_mismatch'"), 1);
}

TEST_F(Settlement, TheRightAmountInAnotherCurrencyIsNotAccepted) {
  const int64_t id = w.AwaitingPayment();
  const std::string ref = w.Pay(id);
  w.script.status = {RemoteStatus::kSucceeded, "T-3", 1500, "", "EUR"};
  w.clock.Advance(5);
  ASSERT_THAT(pay().PollDue(10), IsOk());
  EXPECT_EQ(w.State(ref), "failed");
  EXPECT_EQ(std::string(w.Intent(ref)["review"].as_string()), "amount_mismatch");
  EXPECT_EQ(std::string(w.Intent(ref)["last_error"].as_string()), "provider reports 1500 EUR");
  EXPECT_EQ(w.ApplicationStatus(id), "awaiting_payment");
  EXPECT_EQ(w.Count("SELECT COUNT(*) FROM ledger_entries"), 0);
}

TEST_F(Settlement, AnAnswerAboutAnotherPaymentIsNotTrustedAndAskedAgainLater) {
  const int64_t id = w.AwaitingPayment();
  const std::string ref = w.Pay(id);
  StatusResult foreign{RemoteStatus::kSucceeded, "T-4", 1500, ""};
  foreign.reference = "0b7f3c1e-1111-4222-8333-444455556666";
  w.script.status = foreign;
  // By the poll: nothing moves, the next query is later (as when the provider is down).
  w.clock.Advance(5);
  ASSERT_THAT(pay().PollDue(10), IsOk());
  EXPECT_EQ(w.State(ref), "pending");
  EXPECT_EQ(*pay().PollDue(10), 0);
  // By a callback: the event stays in the inbox, asked again later.
  ASSERT_EQ(w.Callback(ref, "ev-foreign").outcome, "accepted");
  ASSERT_EQ(*pay().ProcessInbox(10), 1);
  EXPECT_EQ(w.Count("SELECT COUNT(*) FROM payment_inbox WHERE processed_at IS NULL AND attempts = 1"), 1);
  EXPECT_EQ(w.Count("SELECT COUNT(*) FROM ledger_entries"), 0);
  EXPECT_NE(pay().metrics().Render().find("outcome=\"foreign_answer\"}"), std::string::npos);
  // The provider's answer names our payment: settled.
  foreign.reference = ref;
  w.script.status = foreign;
  w.clock.Advance(20);
  ASSERT_THAT(pay().ProcessInbox(10), IsOk());
  EXPECT_EQ(w.State(ref), "succeeded");
  EXPECT_EQ(w.ApplicationStatus(id), "submitted");
}

TEST_F(Settlement, AnExternalPaymentIsRecordedLikeAProvidersConfirmation) {
  const int64_t id = w.AwaitingPayment();
  auto ref = pay().RecordExternalPayment(id, "wave", "DEMO-1234", testkit::kMeta);
  ASSERT_THAT(ref, IsOk());
  EXPECT_EQ(w.State(*ref), "succeeded");
  EXPECT_EQ(std::string(w.Intent(*ref)["provider_transaction"].as_string()), "DEMO-1234");
  EXPECT_EQ(w.ApplicationStatus(id), "submitted");
  EXPECT_EQ(w.Count("SELECT COUNT(*) FROM receipts"), 1);
  EXPECT_EQ(w.script.initiations, 0);  // the provider never saw it
  EXPECT_TRUE(w.Balanced());
  // Nothing is due any more; unknown providers and applications are refused.
  EXPECT_THAT(pay().RecordExternalPayment(id, "wave", "DEMO-5678", testkit::kMeta), IsError("payment.not_awaiting"));
  EXPECT_THAT(pay().RecordExternalPayment(w.AwaitingPayment(), "paypal", "X", testkit::kMeta),
              IsError("payment.provider_unknown"));
  EXPECT_THAT(pay().RecordExternalPayment(99999, "wave", "X", testkit::kMeta), IsError("application.not_found"));
}

}  // namespace
}  // namespace origine::payments
