// Adapters against a fake HTTP client: request shapes, outcome mapping,
// callback authenticity (HMAC vectors), status answers; secrets never in errors.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/encoding.h"
#include "payments/adapter_test_support.h"
#include "payments/crypto.h"
#include "payments/provider.h"
#include "payments/settlement.h"
#include "testkit/testkit.h"

namespace origine::payments {
namespace {
namespace json = boost::json;
using namespace adapter_testing;  // NOLINT(google-build-using-namespace): the adapters' test kit
using encoding::Base64;

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
    body.append(body.empty() ? "" : "&").append(k).append("=").append(v);
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

}  // namespace
}  // namespace origine::payments
