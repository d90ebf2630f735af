// Refunds through the adapters (Wave checkout refund, MoMo Disbursement): the
// requests sent, the outcomes, the status queries; secrets and bodies never in errors.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/encoding.h"
#include "payments/adapter_test_support.h"
#include "payments/provider.h"
#include "testkit/testkit.h"

namespace origine::payments {
namespace {
namespace json = boost::json;
using namespace adapter_testing;  // NOLINT(google-build-using-namespace): the adapters' test kit
using encoding::Base64;

TEST(Refunds, OnlyWaveAndMomoHaveARefundApi) {
  FakeHttp http;
  for (const char* name : {"orange", "cinetpay"}) {
    auto p = *MakeProvider(Config(name), http, Clock());
    EXPECT_FALSE(p->HasRefundApi()) << name;
    auto r = p->Refund(RefundOf("x"));
    EXPECT_EQ(r.outcome, RefundOutcome::kRejected);
    EXPECT_NE(r.detail.find("no refund API"), std::string::npos);
    EXPECT_EQ(p->RefundStatus(RefundOf("x")).error().kind, ErrorKind::kInvalidArgument);
  }
  EXPECT_TRUE(http.sent.empty());
  EXPECT_TRUE((*MakeProvider(Config("wave"), http, Clock()))->HasRefundApi());
  EXPECT_TRUE((*MakeProvider(Config("momo"), http, Clock()))->HasRefundApi());
}

TEST(Refunds, WaveRefundsTheSessionAndReadsTheReversalLine) {
  FakeHttp http;
  auto p = *MakeProvider(Config("wave"), http, Clock());
  const std::string tx_none = R"({"page_info":{"has_next_page":false},"items":[]})";
  const std::string tx_rev =
      R"({"page_info":{"has_next_page":false},"items":[{"transaction_id":"TR-9","checkout_api_session_id":"cos-1","is_reversal":true,"amount":"-1485","fee":"0","timestamp":"2026-11-27T10:00:00Z"}]})";
  // 200: refunded; the reversal id is read from the transactions (3 days).
  http.Answer(200, "");
  for (int d = 0; d < 3; ++d) http.Answer(200, d == 1 ? tx_rev : tx_none);
  RefundResult done = p->Refund(RefundOf("cos-1"));
  EXPECT_EQ(done.outcome, RefundOutcome::kDone) << done.detail;
  EXPECT_EQ(done.provider_refund_id, "TR-9");
  EXPECT_EQ(http.sent[0].method, "POST");
  EXPECT_EQ(http.sent[0].url, "http://sim/wave/v1/checkout/sessions/cos-1/refund");
  EXPECT_TRUE(HasHeader(http.sent[0], "Authorization", "Bearer api-s3cret"));
  EXPECT_TRUE(HasHeader(http.sent[0], "Idempotency-Key", RefundOf("").refund_reference));
  EXPECT_NE(http.sent[1].url.find("/v1/transactions?date="), std::string::npos);
  // No session id known: refused without a call.
  http.sent.clear();
  EXPECT_EQ(p->Refund(RefundOf("")).outcome, RefundOutcome::kRejected);
  EXPECT_TRUE(http.sent.empty());
  // 5xx and timeouts are unclear; the detail has the path and status only.
  http.Answer(503, "SECRETBODY");
  RefundResult unclear = p->Refund(RefundOf("cos-1"));
  EXPECT_EQ(unclear.outcome, RefundOutcome::kUnclear);
  EXPECT_NE(unclear.detail.find("/v1/checkout/sessions/cos-1/refund (HTTP 503)"), std::string::npos);
  ExpectClean(unclear.detail);
  http.Timeout();
  EXPECT_EQ(p->Refund(RefundOf("cos-1")).outcome, RefundOutcome::kUnclear);
  // 409 not refundable: refused, unless the API shows it refunded already.
  const std::string paid =
      R"({"id":"cos-1","client_reference":"0b7f3c1e-1111-4222-8333-444455556666","amount":"1500","checkout_status":"complete","payment_status":"succeeded"})";
  http.Answer(409, R"({"code":"checkout-session-not-refundable","message":"SECRETBODY"})");
  http.Answer(200, paid);
  for (int d = 0; d < 3; ++d) http.Answer(200, tx_none);
  RefundResult refused = p->Refund(RefundOf("cos-1"));
  EXPECT_EQ(refused.outcome, RefundOutcome::kRejected);
  ExpectClean(refused.detail);
  http.Answer(409, R"({"code":"checkout-session-not-refundable"})");
  http.Answer(200, paid);
  for (int d = 0; d < 3; ++d) http.Answer(200, d == 2 ? tx_rev : tx_none);
  RefundResult already = p->Refund(RefundOf("cos-1"));
  EXPECT_EQ(already.outcome, RefundOutcome::kDone);
  EXPECT_EQ(already.provider_refund_id, "TR-9");

  // Status: reversal line or refunded flag -> succeeded; paid without
  // either -> not found (never received); unpaid -> failed.
  struct Case {
    std::string session, transactions;
    RemoteStatus want;
  };
  std::string flagged = paid;
  flagged.insert(flagged.size() - 1, R"(,"refunded":true)");
  std::string unpaid = paid;
  unpaid.replace(unpaid.find("succeeded"), 9, "cancelled");
  for (const Case& c : {Case{paid, tx_rev, RemoteStatus::kSucceeded}, Case{flagged, tx_none, RemoteStatus::kSucceeded},
                        Case{paid, tx_none, RemoteStatus::kNotFound}, Case{unpaid, tx_none, RemoteStatus::kFailed}}) {
    http.Answer(200, c.session);
    for (int d = 0; d < 3; ++d) http.Answer(200, c.transactions);
    auto st = p->RefundStatus(RefundOf("cos-1"));
    ASSERT_TRUE(st) << c.session;
    EXPECT_EQ(st->status, c.want) << c.session;
  }
  http.Answer(500, "SECRETBODY");
  auto down = p->RefundStatus(RefundOf("cos-1"));
  EXPECT_EQ(down.error().kind, ErrorKind::kUnavailable);
  ExpectClean(down.error().message);
}

TEST(Refunds, MomoRefundsThroughDisbursementWithItsOwnTokenAndKey) {
  FakeHttp http;
  ProviderConfig c = Config("momo");
  c.disbursement_subscription_key = "disb-s3cret";
  c.disbursement_api_user = "duser";
  c.disbursement_api_key = "disb-key-s3cret";
  auto p = *MakeProvider(c, http, Clock());
  http.Answer(200, R"({"access_token":"dtok","expires_in":3600})");
  http.Answer(202, "");
  RefundResult sent = p->Refund(RefundOf("0b7f3c1e-1111-4222-8333-444455556666"));
  EXPECT_EQ(sent.outcome, RefundOutcome::kAccepted) << sent.detail;
  ASSERT_EQ(http.sent.size(), 2u);
  EXPECT_EQ(http.sent[0].url, "http://sim/momo/disbursement/token/");
  EXPECT_TRUE(HasHeader(http.sent[0], "Authorization", "Basic " + Base64("duser:disb-key-s3cret")));
  EXPECT_TRUE(HasHeader(http.sent[0], "Ocp-Apim-Subscription-Key", "disb-s3cret"));
  const HttpRequest& post = http.sent[1];
  EXPECT_EQ(post.url, "http://sim/momo/disbursement/v1_0/refund");
  EXPECT_TRUE(HasHeader(post, "Authorization", "Bearer dtok"));
  EXPECT_TRUE(HasHeader(post, "X-Reference-Id", RefundOf("").refund_reference));
  EXPECT_TRUE(HasHeader(post, "Ocp-Apim-Subscription-Key", "disb-s3cret"));
  EXPECT_TRUE(HasHeader(post, "X-Target-Environment", "sandbox"));
  auto body = json::parse(post.body).as_object();
  EXPECT_EQ(body.at("amount").as_string(), "1500");
  EXPECT_EQ(body.at("currency").as_string(), "XOF");
  EXPECT_EQ(body.at("referenceIdToRefund").as_string(), "0b7f3c1e-1111-4222-8333-444455556666");
  EXPECT_EQ(body.at("externalId").as_string(), "0b7f3c1e-1111-4222-8333-444455556666");
  EXPECT_EQ(body.at("payerMessage").as_string(), "Remboursement Origine 0b7f3c1e");
  // The token is cached; 409 (our reference exists) is accepted, 400 refused, 500 unclear.
  http.Answer(409, R"({"code":"RESOURCE_ALREADY_EXIST"})");
  EXPECT_EQ(p->Refund(RefundOf("x")).outcome, RefundOutcome::kAccepted);
  http.Answer(400, R"({"code":"INVALID_CURRENCY","message":"SECRETBODY"})");
  RefundResult refused = p->Refund(RefundOf("x"));
  EXPECT_EQ(refused.outcome, RefundOutcome::kRejected);
  ExpectClean(refused.detail);
  http.Answer(500, "");
  EXPECT_EQ(p->Refund(RefundOf("x")).outcome, RefundOutcome::kUnclear);
  EXPECT_EQ(http.sent.size(), 5u);

  struct Case {
    int http;
    const char* answer;
    RemoteStatus want;
  };
  for (
      const Case& k :
      {Case{
           200,
           R"({"externalId":"0b7f3c1e-1111-4222-8333-444455556666","status":"SUCCESSFUL","financialTransactionId":"F1","amount":"1500"})",
           RemoteStatus::kSucceeded},
       Case{200, R"({"status":"PENDING"})", RemoteStatus::kPending},
       Case{200, R"({"status":"FAILED","reason":"NOT_ALLOWED"})", RemoteStatus::kFailed},
       Case{404, R"({"code":"RESOURCE_NOT_FOUND"})", RemoteStatus::kNotFound}}) {
    http.Answer(k.http, k.answer);
    auto st = p->RefundStatus(RefundOf("x"));
    ASSERT_TRUE(st) << k.answer;
    EXPECT_EQ(st->status, k.want) << k.answer;
    if (k.want == RemoteStatus::kSucceeded) {
      EXPECT_EQ(st->provider_txn, "F1");
    }
    if (k.want == RemoteStatus::kFailed) {
      EXPECT_NE(st->detail.find("NOT_ALLOWED"), std::string::npos);
    }
  }
  EXPECT_EQ(http.sent.back().url, "http://sim/momo/disbursement/v1_0/refund/9d1c2b3a-aaaa-4bbb-8ccc-ddddeeeeffff");
  http.Answer(200, R"({"externalId":"another","status":"SUCCESSFUL"})");
  EXPECT_EQ(p->RefundStatus(RefundOf("x")).error().kind, ErrorKind::kUnavailable);
  http.Answer(503, "SECRETBODY");
  auto down = p->RefundStatus(RefundOf("x"));
  EXPECT_EQ(down.error().kind, ErrorKind::kUnavailable);
  ExpectClean(down.error().message);

  // No disbursement token: nothing was sent (safe to send later).
  FakeHttp http2;
  auto q = *MakeProvider(c, http2, Clock());
  http2.Answer(401, R"({"error":"login_failed","SECRETBODY":1})");
  RefundResult not_sent = q->Refund(RefundOf("x"));
  EXPECT_EQ(not_sent.outcome, RefundOutcome::kNotSent);
  ExpectClean(not_sent.detail);
  EXPECT_EQ(http2.sent.size(), 1u);
  // Without disbursement credentials the collection ones are used.
  FakeHttp http3;
  auto d = *MakeProvider(Config("momo"), http3, Clock());
  http3.Answer(200, R"({"access_token":"t"})");
  http3.Answer(202, "");
  EXPECT_EQ(d->Refund(RefundOf("x")).outcome, RefundOutcome::kAccepted);
  EXPECT_TRUE(HasHeader(http3.sent[0], "Ocp-Apim-Subscription-Key", "sub-s3cret"));
}

}  // namespace
}  // namespace origine::payments
