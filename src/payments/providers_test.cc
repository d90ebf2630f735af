// Adapters against a fake HTTP client: request shapes, outcome mapping,
// callback authenticity (HMAC vectors), statement parsing; secrets never in errors.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <deque>

#include "core/encoding.h"
#include "payments/crypto.h"
#include "payments/provider.h"
#include "payments/providers/common.h"
#include "payments/settlement.h"
#include "testkit/testkit.h"

namespace origine::payments {
namespace {
namespace json = boost::json;
using encoding::Base64;
using testkit::IsError;

// The adapters' clock (access-token lifetimes, Wave's refund lookup window).
FakeClock& Clock() {
  static FakeClock clock{1'800'000'000};  // 2027-01-15T08:00:00Z
  return clock;
}

class FakeHttp : public HttpClient {
 public:
  std::vector<HttpRequest> sent;
  std::deque<Result<HttpResponse>> answers;
  Result<HttpResponse> Send(const HttpRequest& r) override {
    sent.push_back(r);
    if (answers.empty()) return Error::Unavailable("no answer: timeout");
    auto a = answers.front();
    answers.pop_front();
    return a;
  }
  void Answer(int status, std::string body) { answers.push_back(HttpResponse{status, std::move(body), {}}); }
  void Timeout() { answers.push_back(Error::Unavailable("no answer: Timeout was reached")); }
};

ProviderConfig Config(const std::string& name) {
  ProviderConfig c;
  c.name = name;
  c.base_url = "http://sim/" + name;
  c.client_id = "cid";
  c.client_secret = "orange-s3cret";
  c.merchant_key = "mk";
  c.api_key = "api-s3cret";
  c.webhook_secret = "wave-s3cret";
  c.site_id = "100001";
  c.secret_key = "cinetpay-s3cret";
  c.subscription_key = "sub-s3cret";
  c.api_user = "user";
  return c;
}

InitRequest Init() {
  InitRequest r;
  r.reference = "0b7f3c1e-1111-4222-8333-444455556666";
  r.amount_xof = 1500;
  r.description = "Certificat";
  r.return_url = "http://us/applications/1?payment=x";
  r.cancel_url = r.return_url + "&cancelled=1";
  r.notify_url = "http://us/api/v1/payments/callbacks/p?ref=x";
  r.payer_msisdn = "22376000000";
  return r;
}

TEST(Crypto, HmacSha256MatchesRfc4231) {
  // RFC 4231 test case 2.
  EXPECT_EQ(HmacSha256Hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_TRUE(ConstantTimeEqual("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEqual("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEqual("abc", "abcd"));
  const std::string u = NewUuid();
  EXPECT_EQ(u.size(), 36u);
  EXPECT_EQ(u[14], '4');
  EXPECT_NE(NewUuid(), u);
}

TEST(Orange, InitiationSendsOurReferenceAndMapsEveryOutcome) {
  FakeHttp http;
  auto p = *MakeProvider(Config("orange"), http, Clock());
  http.Answer(200, R"({"access_token":"tok","expires_in":3600})");
  http.Answer(201, R"({"status":201,"pay_token":"pt","payment_url":"http://sim/pay/orange/pt","notif_token":"nt"})");
  InitResult ok = p->Initiate(Init());
  ASSERT_EQ(ok.outcome, InitOutcome::kAccepted) << ok.detail;
  EXPECT_EQ(ok.provider_ref, "pt");
  EXPECT_EQ(ok.notif_token, "nt");
  ASSERT_EQ(http.sent.size(), 2u);
  EXPECT_EQ(http.sent[0].url, "http://sim/orange/oauth/v3/token");
  EXPECT_EQ(http.sent[0].body, "grant_type=client_credentials");
  EXPECT_EQ(http.sent[0].headers[0].second, "Basic " + Base64("cid:orange-s3cret"));
  EXPECT_EQ(http.sent[1].url, "http://sim/orange/orange-money-webpay/ml/v1/webpayment");
  auto body = json::parse(http.sent[1].body).as_object();
  EXPECT_EQ(body["order_id"].as_string(), Init().reference);
  EXPECT_EQ(body["amount"].as_int64(), 1500);  // an integer, never "1500.00"
  // The token is cached; 5xx and timeouts are unclear, 4xx a refusal.
  http.Answer(500, "{}");
  EXPECT_EQ(p->Initiate(Init()).outcome, InitOutcome::kUnclear);
  http.Timeout();
  InitResult t = p->Initiate(Init());
  EXPECT_EQ(t.outcome, InitOutcome::kUnclear);
  http.Answer(403, R"({"code":403,"description":"order_id already used"})");
  EXPECT_EQ(p->Initiate(Init()).outcome, InitOutcome::kRejected);
  http.Answer(201, R"({"status":201})");  // created or not: unreadable
  EXPECT_EQ(p->Initiate(Init()).outcome, InitOutcome::kUnclear);
  for (const auto& s : {ok.detail, t.detail}) {
    EXPECT_EQ(s.find("s3cret"), std::string::npos) << s;
    EXPECT_EQ(s.find("tok"), std::string::npos) << s;
  }
}

TEST(Orange, StatusAndNotificationToken) {
  FakeHttp http;
  auto p = *MakeProvider(Config("orange"), http, Clock());
  http.Answer(200, R"({"access_token":"tok","expires_in":3600})");
  http.Answer(201, R"({"status":"SUCCESS","order_id":"r1","txnid":"MP1","amount":1500})");
  auto st = p->Status({"r1", "pt", 1500});
  ASSERT_TRUE(st) << st.error().message;
  EXPECT_EQ(st->status, RemoteStatus::kSucceeded);
  EXPECT_EQ(st->provider_txn, "MP1");
  EXPECT_EQ(st->reference, "r1");
  EXPECT_EQ(st->currency, "");  // not reported
  // An answer about another order is reported as such, never trusted (settlement.h).
  http.Answer(201, R"({"status":"SUCCESS","order_id":"other","txnid":"MP2","amount":1500})");
  auto other = p->Status({"r1", "pt", 1500});
  ASSERT_TRUE(other) << other.error().message;
  EXPECT_TRUE(IsForeignAnswer(*other, "r1"));
  http.Answer(201, R"({"status":"SUCCESS","txnid":"MP3","amount":1500})");  // no order_id: names no order of ours
  EXPECT_TRUE(IsForeignAnswer(*p->Status({"r1", "pt", 1500}), "r1"));
  http.Answer(404, R"({"code":404})");
  EXPECT_EQ(p->Status({"r1", "", 1500})->status, RemoteStatus::kNotFound);

  CallbackRequest cb;
  cb.query = {{"ref", "r1"}};
  cb.body = R"({"status":"SUCCESS","notif_token":"nt","txnid":"MP1"})";
  EXPECT_EQ(p->VerifyCallback(cb, "nt").verdict, CallbackVerdict::kAccepted);
  EXPECT_EQ(p->VerifyCallback(cb, "other").verdict, CallbackVerdict::kForged);
  EXPECT_EQ(p->VerifyCallback(cb, "").verdict, CallbackVerdict::kForged);
  cb.query.clear();
  EXPECT_EQ(p->VerifyCallback(cb, "nt").verdict, CallbackVerdict::kMalformed);
}

TEST(Wave, SignatureTimestampWindowAndSessionStates) {
  FakeHttp http;
  auto p = *MakeProvider(Config("wave"), http, Clock());
  const std::string body =
      R"({"id":"AE_1","type":"checkout.session.completed","data":{"id":"cos-1","client_reference":"r1"}})";
  const int64_t now = 1'800'000'000;
  auto req = [&](const std::string& header, int64_t at) {
    CallbackRequest r;
    r.headers = {{"wave-signature", header}};
    r.body = body;
    r.now = at;
    return r;
  };
  const std::string ts = std::to_string(now);
  const std::string good = HmacSha256Hex("wave-s3cret", ts + body);
  auto ok = p->VerifyCallback(req("t=" + ts + ",v1=" + good, now + 10), "");
  EXPECT_EQ(ok.verdict, CallbackVerdict::kAccepted);
  EXPECT_EQ(ok.event_key, "AE_1");
  EXPECT_EQ(ok.reference, "r1");
  // Any one of several v1 signatures may match (key rotation).
  EXPECT_EQ(p->VerifyCallback(req("t=" + ts + ",v1=00ff,v1=" + good, now), "").verdict, CallbackVerdict::kAccepted);
  EXPECT_EQ(p->VerifyCallback(req("t=" + ts + ",v1=" + HmacSha256Hex("wrong", ts + body), now), "").verdict,
            CallbackVerdict::kForged);
  EXPECT_EQ(p->VerifyCallback(req("t=" + ts + ",v1=" + good, now + 301), "").verdict, CallbackVerdict::kStale);
  EXPECT_EQ(p->VerifyCallback(req("t=" + ts + ",v1=" + good, now - 301), "").verdict, CallbackVerdict::kStale);
  EXPECT_EQ(p->VerifyCallback(req("v1=" + good, now), "").verdict, CallbackVerdict::kForged);
  CallbackRequest none;
  none.body = body;
  EXPECT_EQ(p->VerifyCallback(none, "").verdict, CallbackVerdict::kForged);

  struct Case {
    const char* session;
    RemoteStatus want;
  };
  for (
      const Case& c :
      {Case{R"({"checkout_status":"complete","payment_status":"succeeded","transaction_id":"T1"})",
            RemoteStatus::kSucceeded},
       Case{R"({"checkout_status":"open","payment_status":"processing"})", RemoteStatus::kPending},
       Case{R"({"checkout_status":"expired","payment_status":"cancelled","last_payment_error":null})",
            RemoteStatus::kExpired},
       Case{
           R"({"checkout_status":"expired","payment_status":"cancelled","last_payment_error":{"code":"payer-cancelled"}})",
           RemoteStatus::kFailed}}) {
    auto s = json::parse(c.session).as_object();
    s["client_reference"] = "r1";
    s["amount"] = "1500";
    http.Answer(200, json::serialize(s));
    auto st = p->Status({"r1", "cos-1", 1500});
    ASSERT_TRUE(st) << c.session;
    EXPECT_EQ(st->status, c.want) << c.session;
  }
  EXPECT_EQ(http.sent.back().url, "http://sim/wave/v1/checkout/sessions/cos-1");
  // Lost creation answer: found by our reference.
  http.Answer(
      200,
      R"({"result":[{"id":"cos-9","client_reference":"r1","checkout_status":"complete","payment_status":"succeeded","amount":"1500"}]})");
  auto found = p->Status({"r1", "", 1500});
  ASSERT_TRUE(found);
  EXPECT_EQ(found->status, RemoteStatus::kSucceeded);
  EXPECT_NE(http.sent.back().url.find("/v1/checkout/sessions/search?client_reference=r1"), std::string::npos);
}

TEST(CinetPay, XTokenOverTheSixteenFieldsInOrder) {
  FakeHttp http;
  auto p = *MakeProvider(Config("cinetpay"), http, Clock());
  const std::vector<std::pair<std::string, std::string>> fields = {{"cpm_site_id", "100001"},
                                                                   {"cpm_trans_id", "r1"},
                                                                   {"cpm_trans_date", "20261127083000"},
                                                                   {"cpm_amount", "1500"},
                                                                   {"cpm_currency", "XOF"},
                                                                   {"signature", "sig"},
                                                                   {"payment_method", "OMML"},
                                                                   {"cel_phone_num", "76000000"},
                                                                   {"cpm_phone_prefixe", "223"},
                                                                   {"cpm_language", "fr"},
                                                                   {"cpm_version", "V4"},
                                                                   {"cpm_payment_config", "SINGLE"},
                                                                   {"cpm_page_action", "PAYMENT"},
                                                                   {"cpm_custom", ""},
                                                                   {"cpm_designation", "Certificat"},
                                                                   {"cpm_error_message", "SUCCES"}};
  std::string body, concat;
  for (const auto& [k, v] : fields) {
    body += (body.empty() ? "" : "&") + k + "=" + v;
    concat += v;
  }
  CallbackRequest r;
  r.body = body;
  r.headers = {{"x-token", HmacSha256Hex("cinetpay-s3cret", concat)}};
  auto ok = p->VerifyCallback(r, "");
  EXPECT_EQ(ok.verdict, CallbackVerdict::kAccepted);
  EXPECT_EQ(ok.reference, "r1");
  r.headers = {{"x-token", HmacSha256Hex("cinetpay-s3cret", concat + "x")}};
  EXPECT_EQ(p->VerifyCallback(r, "").verdict, CallbackVerdict::kForged);
  r.headers.clear();
  EXPECT_EQ(p->VerifyCallback(r, "").verdict, CallbackVerdict::kForged);
  r.body = "";
  EXPECT_EQ(p->VerifyCallback(r, "").verdict, CallbackVerdict::kMalformed);  // the GET-style ping

  struct Case {
    const char* answer;
    int http;
    RemoteStatus want;
  };
  for (const Case& c : {Case{R"({"code":"00","data":{"amount":"1500","status":"ACCEPTED","operator_id":"OP1"}})", 200,
                             RemoteStatus::kSucceeded},
                        Case{R"({"code":"662","data":{"status":"PENDING"}})", 200, RemoteStatus::kPending},
                        Case{R"({"code":"600","data":{"status":"REFUSED"}})", 200, RemoteStatus::kFailed},
                        Case{R"({"code":"627"})", 200, RemoteStatus::kExpired},
                        Case{R"({"code":"627","message":"TRANSACTION_CANCEL","data":{"status":"REFUSED"}})", 200,
                             RemoteStatus::kExpired},
                        Case{R"({"code":"404","message":"TRANSACTION_NOT_FOUND"})", 404, RemoteStatus::kNotFound}}) {
    http.Answer(c.http, c.answer);
    auto st = p->Status({"r1", "", 1500});
    ASSERT_TRUE(st) << c.answer;
    EXPECT_EQ(st->status, c.want) << c.answer;
  }
  http.Answer(502, "");
  EXPECT_EQ(p->Status({"r1", "", 1500}).error().kind, ErrorKind::kUnavailable);
}

TEST(Momo, RequestToPayUsesOurReferenceAndTheCallbackIsOnlyAHint) {
  FakeHttp http;
  auto p = *MakeProvider(Config("momo"), http, Clock());
  http.Answer(200, R"({"access_token":"tok","expires_in":3600})");
  http.Answer(202, "");
  InitResult ok = p->Initiate(Init());
  ASSERT_EQ(ok.outcome, InitOutcome::kAccepted) << ok.detail;
  bool has_ref = false;
  for (const auto& [k, v] : http.sent[1].headers) has_ref = has_ref || (k == "X-Reference-Id" && v == Init().reference);
  EXPECT_TRUE(has_ref);
  EXPECT_EQ(json::parse(http.sent[1].body).at("amount").as_string(), "1500");
  http.Answer(409, R"({"code":"RESOURCE_ALREADY_EXIST"})");  // ours already: accepted, never re-created
  EXPECT_EQ(p->Initiate(Init()).outcome, InitOutcome::kAccepted);
  InitRequest no_phone = Init();
  no_phone.payer_msisdn.clear();
  EXPECT_EQ(p->Initiate(no_phone).outcome, InitOutcome::kRejected);

  CallbackRequest cb;
  cb.body = R"({"externalId":"r1","status":"SUCCESSFUL"})";
  auto hint = p->VerifyCallback(cb, "");
  EXPECT_EQ(hint.verdict, CallbackVerdict::kAccepted);
  EXPECT_EQ(hint.reference, "r1");
  http.Answer(200, R"({"externalId":"r1","status":"FAILED","reason":"EXPIRED"})");
  EXPECT_EQ(p->Status({"r1", "r1", 1500})->status, RemoteStatus::kExpired);
  http.Answer(200, R"({"externalId":"r1","status":"FAILED","reason":"APPROVAL_REJECTED"})");
  EXPECT_EQ(p->Status({"r1", "r1", 1500})->status, RemoteStatus::kFailed);
}

RefundRequest RefundOf(const std::string& provider_ref) {
  RefundRequest r;
  r.reference = "0b7f3c1e-1111-4222-8333-444455556666";
  r.provider_ref = provider_ref;
  r.amount_xof = 1500;
  r.refund_reference = "9d1c2b3a-aaaa-4bbb-8ccc-ddddeeeeffff";
  r.reason = "Remboursement Origine 0b7f3c1e";
  r.notify_url = "http://us/api/v1/payments/callbacks/momo?ref=" + r.reference;
  r.requested_at = Clock().NowUnix();
  return r;
}

bool HasHeader(const HttpRequest& r, const std::string& name, const std::string& value) {
  for (const auto& [k, v] : r.headers)
    if (k == name && v == value) return true;
  return false;
}

// No error or detail may carry a secret or a provider's body.
void ExpectClean(const std::string& text) {
  for (const char* secret :
       {"api-s3cret", "sub-s3cret", "disb-s3cret", "disb-key-s3cret", "orange-s3cret", "SECRETBODY"})
    EXPECT_EQ(text.find(secret), std::string::npos) << text;
}

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

TEST(Statements, EachProviderShapeParsesAndBadLinesAreNamed) {
  FakeHttp http;
  auto orange = *MakeProvider(Config("orange"), http, Clock());
  auto lines = orange->ParseStatement(
      "date,txnid,order_id,reference,msisdn,amount,fee,net,currency,status\n"
      "2026-11-27 08:00:00,MP1,r1,Certificat,76000000,1500,15,1485,XOF,SUCCESS\n");
  ASSERT_TRUE(lines) << lines.error().message;
  ASSERT_EQ(lines->size(), 1u);
  EXPECT_EQ((*lines)[0].reference, "r1");
  EXPECT_EQ((*lines)[0].amount_xof, 1500);
  EXPECT_EQ((*lines)[0].fee_xof, 15);
  auto bad = orange->ParseStatement(
      "date,txnid,order_id,reference,msisdn,amount,fee,net,currency,status\n"
      "2026-11-27 08:00:00,MP1,r1,C,76,15.5,0,0,XOF,SUCCESS\n");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("line 2"), std::string::npos);

  auto cinetpay = *MakeProvider(Config("cinetpay"), http, Clock());
  auto cp = cinetpay->ParseStatement(
      "transaction_id;operator_id;payment_date;amount;fees;currency;status;payment_method;phone\n"
      "r2;OP2;2026-11-27 09:00:00;1500;45;XOF;ACCEPTED;OMML;76000000\n");
  ASSERT_TRUE(cp) << cp.error().message;
  EXPECT_EQ((*cp)[0].reference, "r2");
  EXPECT_EQ((*cp)[0].fee_xof, 45);

  auto wave = *MakeProvider(Config("wave"), http, Clock());
  auto w = wave->ParseStatement(R"({"items":[{"timestamp":"2026-11-27T10:00:00Z","transaction_id":"T3",
      "transaction_type":"merchant_payment","amount":"1485","fee":"15","client_reference":"r3","is_reversal":false}]})");
  ASSERT_TRUE(w) << w.error().message;
  EXPECT_EQ((*w)[0].amount_xof, 1500);  // Wave gives the net amount: gross = net + fee

  auto momo = *MakeProvider(Config("momo"), http, Clock());
  auto m = momo->ParseStatement(R"({"date":"2026-11-27","transactions":[{"financialTransactionId":"F4",
      "externalId":"r4","amount":"1500","fee":"15","status":"SUCCESSFUL","timestamp":"2026-11-27T11:00:00Z"},
      {"financialTransactionId":"F5","externalId":"r4","referenceIdToRefund":"r4","type":"REFUND","amount":"1500",
       "fee":"0","status":"SUCCESSFUL","timestamp":"2026-11-27T12:00:00Z"}]})");
  ASSERT_TRUE(m) << m.error().message;
  ASSERT_EQ(m->size(), 2u);
  EXPECT_EQ((*m)[0].provider_txn, "F4");
  EXPECT_FALSE((*m)[0].reversal);
  EXPECT_TRUE((*m)[1].reversal);  // a refund through the Disbursement product
  EXPECT_EQ((*m)[1].reference, "r4");
  EXPECT_EQ((*m)[1].amount_xof, 1500);
  EXPECT_FALSE(momo->ParseStatement("date,txnid\n"));
}

TEST(Statements, ASpreadsheetExportWithAByteOrderMarkImports) {
  FakeHttp http;
  auto orange = *MakeProvider(Config("orange"), http, Clock());
  auto lines = orange->ParseStatement(
      "\xEF\xBB\xBF"
      "date,txnid,order_id,reference,msisdn,amount,fee,net,currency,status\r\n"
      "2026-11-27 08:00:00,MP1,r1,\"Certificat, ETLS\",76000000,1500,15,1485,XOF,SUCCESS\r\n");
  ASSERT_TRUE(lines) << lines.error().message;
  ASSERT_EQ(lines->size(), 1u);
  EXPECT_EQ((*lines)[0].provider_txn, "MP1");
  EXPECT_EQ((*lines)[0].at, 1'795'737'600 + 8 * 3600);  // 2026-11-27T08:00:00Z
  auto cinetpay = *MakeProvider(Config("cinetpay"), http, Clock());
  auto cp = cinetpay->ParseStatement(
      "\xEF\xBB\xBF"
      "transaction_id;operator_id;payment_date;amount;fees;currency;status;payment_method;phone\n"
      "r2;OP2;2026-11-27T09:00:00+01:00;1500;45;XOF;ACCEPTED;OMML;76000000\n");
  ASSERT_TRUE(cp) << cp.error().message;
  EXPECT_EQ((*cp)[0].at, 1'795'737'600 + 8 * 3600);  // the offset is applied
}

TEST(Statements, AnImpossibleDateIsRefusedNamingTheLine) {
  FakeHttp http;
  auto orange = *MakeProvider(Config("orange"), http, Clock());
  auto bad = orange->ParseStatement(
      "date,txnid,order_id,reference,msisdn,amount,fee,net,currency,status\n"
      "2026-11-27 08:00:00,MP1,r1,C,76,1500,15,1485,XOF,SUCCESS\n"
      "\n"
      "2026-02-30 08:00:00,MP2,r2,C,76,1500,15,1485,XOF,SUCCESS\n");
  ASSERT_THAT(bad, IsError("statement.date"));
  EXPECT_EQ(bad.error().message, "line 4: bad date");  // the line in the file, blank lines counted
  ASSERT_EQ(bad.error().fields.size(), 1u);
  EXPECT_EQ(bad.error().fields[0].field, "line 4/date");
  EXPECT_EQ(bad.error().fields[0].code, "statement.date");
  EXPECT_EQ(bad.error().params, (ErrorParams{{"line", "4"}}));
  auto wave = *MakeProvider(Config("wave"), http, Clock());
  auto w = wave->ParseStatement(R"({"items":[{"timestamp":"2026-02-30T10:00:00Z","transaction_id":"T3",
      "transaction_type":"merchant_payment","amount":"1485","fee":"15","client_reference":"r3"}]})");
  ASSERT_THAT(w, IsError("statement.date"));
  EXPECT_EQ(w.error().fields[0].field, "items/0/timestamp");
  EXPECT_EQ(w.error().params, (ErrorParams{{"item", "1"}}));
  // Other bad lines carry their own codes.
  const std::string header = "date,txnid,order_id,reference,msisdn,amount,fee,net,currency,status\n";
  EXPECT_THAT(orange->ParseStatement(header + "2026-11-27 08:00:00,,r1,C,76,1500,15,1485,XOF,SUCCESS\n"),
              IsError("statement.no_transaction"));
  EXPECT_THAT(orange->ParseStatement(header + "2026-11-27 08:00:00,MP1,r1,C,76,1500,x,1485,XOF,SUCCESS\n"),
              IsError("statement.fee"));
  EXPECT_THAT(orange->ParseStatement(header + "2026-11-27 08:00:00,MP1\n"), IsError("statement.too_few_fields"));
  EXPECT_THAT(orange->ParseStatement(""), IsError("statement.empty"));
  EXPECT_THAT(orange->ParseStatement("\"open"), IsError("csv.unterminated_quote"));
  auto header_only = orange->ParseStatement("date,order_id\n");
  ASSERT_THAT(header_only, IsError("statement.header"));
  EXPECT_EQ(header_only.error().fields[0].code, "statement.column_missing");
  EXPECT_EQ(header_only.error().fields[0].params, (ErrorParams{{"column", "txnid"}}));
  EXPECT_THAT(wave->ParseStatement("[]"), IsError("statement.shape"));
  EXPECT_THAT(wave->ParseStatement(R"({"items":[1]})"), IsError("statement.item_not_object"));
  EXPECT_THAT(orange->FetchStatement(0, 86400), IsError("statement.no_api"));
}

TEST(Adapters, TimesAreStrictAndWithoutAZoneUtc) {
  using internal::ParseTime;
  EXPECT_EQ(ParseTime("2026-11-27T08:00:00Z"), 1'795'737'600 + 8 * 3600);
  EXPECT_EQ(ParseTime("2026-11-27 08:00:00"), 1'795'737'600 + 8 * 3600);
  EXPECT_EQ(ParseTime("2026-11-27T08:00:00.250"), 1'795'737'600 + 8 * 3600);
  EXPECT_EQ(ParseTime("2026-11-27T10:00:00+02:00"), 1'795'737'600 + 8 * 3600);
  EXPECT_FALSE(ParseTime("2026-02-30T08:00:00Z"));
  EXPECT_FALSE(ParseTime("2026-11-27T24:00:00Z"));
  EXPECT_FALSE(ParseTime("2026-11-27"));
  EXPECT_FALSE(ParseTime("27/11/2026 08:00"));
}

TEST(Adapters, FormBodiesAndUrlPartsGoThroughBoostUrl) {
  using internal::FormBody;
  using internal::ParseForm;
  using internal::UrlEncode;
  EXPECT_EQ(FormBody({{"grant_type", "client_credentials"}}), "grant_type=client_credentials");
  const std::string body = FormBody({{"a b", "x&y=z"}, {"é", "1+1"}});
  EXPECT_EQ(body, "a%20b=x%26y%3Dz&%C3%A9=1%2B1");
  auto back = ParseForm(body);
  EXPECT_EQ(back, (std::map<std::string, std::string>{{"a b", "x&y=z"}, {"é", "1+1"}}));
  EXPECT_EQ(ParseForm("cpm_trans_id=r1&cpm_custom=&cpm_designation=Certificat+ETLS&x=%C3%A9"),
            (std::map<std::string, std::string>{
                {"cpm_trans_id", "r1"}, {"cpm_custom", ""}, {"cpm_designation", "Certificat ETLS"}, {"x", "é"}}));
  EXPECT_EQ(ParseForm("a=1&a=2"), (std::map<std::string, std::string>{{"a", "2"}}));  // later keys win
  EXPECT_TRUE(ParseForm("%zz=1").empty());                                            // unreadable
  EXPECT_EQ(UrlEncode("0b7f3c1e-1111.4222_8333~x"), "0b7f3c1e-1111.4222_8333~x");
  EXPECT_EQ(UrlEncode("a/b c?d"), "a%2Fb%20c%3Fd");
}

TEST(Adapters, TheReportedCurrencyIsOursUnderTheProvidersCode) {
  FakeHttp http;
  ProviderConfig c = Config("orange");
  c.currency = "OUV";  // Orange's sandbox name for XOF
  auto p = *MakeProvider(c, http, Clock());
  http.Answer(200, R"({"access_token":"tok","expires_in":3600})");
  http.Answer(201, R"({"status":"SUCCESS","order_id":"r1","txnid":"MP1","amount":1500,"currency":"OUV"})");
  EXPECT_EQ(p->Status({"r1", "pt", 1500})->currency, "XOF");
  http.Answer(201, R"({"status":"SUCCESS","order_id":"r1","txnid":"MP1","amount":1500,"currency":"EUR"})");
  EXPECT_EQ(p->Status({"r1", "pt", 1500})->currency, "EUR");
  auto wave = *MakeProvider(Config("wave"), http, Clock());
  http.Answer(200, R"({"client_reference":"r1","checkout_status":"complete","payment_status":"succeeded",
      "amount":"1500","currency":"XOF"})");
  auto st = wave->Status({"r1", "cos-1", 1500});
  ASSERT_TRUE(st);
  EXPECT_EQ(st->currency, "XOF");
  EXPECT_EQ(st->reference, "r1");
}

TEST(Adapters, AccessTokensAreCachedUntilShortlyBeforeTheyExpireOnTheInjectedClock) {
  FakeHttp http;
  FakeClock clock{1'800'000'000};
  auto p = *MakeProvider(Config("orange"), http, clock);
  auto status = [&] {
    http.Answer(201, R"({"status":"PENDING","order_id":"r1"})");
    return p->Status({"r1", "pt", 1500});
  };
  http.Answer(200, R"({"access_token":"tok","expires_in":600})");
  ASSERT_TRUE(status());
  clock.Advance(560);  // still 40 s left: cached
  ASSERT_TRUE(status());
  EXPECT_EQ(http.sent.size(), 3u);
  clock.Advance(20);  // 20 s left: fetched again
  http.Answer(200, R"({"access_token":"tok2","expires_in":600})");
  http.Answer(201, R"({"status":"PENDING","order_id":"r1"})");
  ASSERT_TRUE(p->Status({"r1", "pt", 1500}));
  EXPECT_EQ(http.sent.size(), 5u);
  EXPECT_EQ(http.sent[3].url, "http://sim/orange/oauth/v3/token");
}

}  // namespace
}  // namespace origine::payments
