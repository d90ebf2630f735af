// The simulator without sockets: requests go through Handle(), callbacks to
// a recording poster. The black-box test over HTTP is
// tests/integration/paysim.test.mjs.
#include "paysim/sim.h"

#include <gtest/gtest.h>

#include <functional>
#include <thread>

#include "core/log.h"
#include "paysim/signing.h"
#include "paysim/util.h"

namespace origine::paysim {
namespace {
namespace json = boost::json;

struct Sent {
  std::string url, type, body;
  std::vector<std::pair<std::string, std::string>> headers;
};

class SimTest : public ::testing::Test {
 protected:
  void SetUp() override { log::SetQuiet(true); }
  std::unique_ptr<Simulator> Make(uint64_t seed) {
    Config c;
    c.seed = seed;
    c.public_url = "http://127.0.0.1:8090";
    c.wave_webhook_url = "http://127.0.0.1:9/wave";
    c.clock_start = 1795766400;  // 2026-11-27T00:00:00Z
    return std::make_unique<Simulator>(
        c, [this](const std::string& url, const std::string& type,
                  const std::vector<std::pair<std::string, std::string>>& h, const std::string& body) {
          std::lock_guard lock(mu);
          sent.push_back({url, type, body, h});
          return PostResult{200, ""};
        });
  }
  http::Response Call(Simulator& sim, const std::string& method, const std::string& target,
                      const std::string& body = "",
                      const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    http::Request req;
    req.method = method;
    req.target = target;
    req.body = body;
    for (auto& [k, v] : headers) req.headers.Set(k, v);
    return sim.Handle(req);
  }
  std::vector<Sent> WaitSent(size_t n) {
    for (int i = 0; i < 200; ++i) {
      {
        std::lock_guard lock(mu);
        if (sent.size() >= n) return sent;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    std::lock_guard lock(mu);
    return sent;
  }
  json::object Obj(const http::Response& r) { return json::parse(r.body).as_object(); }

  std::mutex mu;
  std::vector<Sent> sent;
};

const char* kWaveAuth = "Bearer paysim-wave-api-key";

TEST_F(SimTest, WaveSessionIdsAndOtpFollowTheSeed) {
  auto a = Make(5), b = Make(5), c = Make(6);
  const std::string body =
      R"({"amount":"5000","currency":"XOF","success_url":"http://x/ok","error_url":"http://x/ko","client_reference":"R1"})";
  auto ra = Obj(Call(*a, "POST", "/wave/v1/checkout/sessions", body, {{"Authorization", kWaveAuth}}));
  auto rb = Obj(Call(*b, "POST", "/wave/v1/checkout/sessions", body, {{"Authorization", kWaveAuth}}));
  auto rc = Obj(Call(*c, "POST", "/wave/v1/checkout/sessions", body, {{"Authorization", kWaveAuth}}));
  EXPECT_EQ(ra["id"], rb["id"]);
  EXPECT_NE(ra["id"], rc["id"]);
  EXPECT_EQ(ra["amount"], "5000");
  EXPECT_EQ(ra["checkout_status"], "open");
  EXPECT_EQ(ra["wave_launch_url"].as_string(), "http://127.0.0.1:8090/pay/wave/" + std::string(ra["id"].as_string()));
  auto pa = Obj(Call(*a, "GET", "/_control/payments/wave/R1"));
  auto pb = Obj(Call(*b, "GET", "/_control/payments/wave/R1"));
  EXPECT_EQ(pa["otp"], pb["otp"]);
  EXPECT_EQ(pa["otp"].as_string().size(), 6u);
}

TEST_F(SimTest, WaveRefusesBadKeyAndDecimalAmounts) {
  auto sim = Make(1);
  EXPECT_EQ(Call(*sim, "POST", "/wave/v1/checkout/sessions", "{}", {{"Authorization", "Bearer nope"}}).status, 401);
  auto r = Call(*sim, "POST", "/wave/v1/checkout/sessions",
                R"({"amount":"5000.00","currency":"XOF","success_url":"http://x/ok","error_url":"http://x/ko"})",
                {{"Authorization", kWaveAuth}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Obj(r)["code"], "request-validation-error");
  r = Call(*sim, "POST", "/wave/v1/checkout/sessions",
           R"({"amount":5000,"currency":"XOF","success_url":"http://x/ok","error_url":"http://x/ko"})",
           {{"Authorization", kWaveAuth}});
  EXPECT_EQ(r.status, 400);
}

TEST_F(SimTest, PagePaymentSendsASignedWebhookAndRedirects) {
  auto sim = Make(3);
  auto s = Obj(Call(
      *sim, "POST", "/wave/v1/checkout/sessions",
      R"({"amount":"7500","currency":"XOF","success_url":"http://x/ok","error_url":"http://x/ko","client_reference":"R9"})",
      {{"Authorization", kWaveAuth}}));
  const std::string id(s["id"].as_string());
  auto page = Call(*sim, "GET", "/pay/wave/" + id);
  ASSERT_EQ(page.status, 200);
  const std::string otp(Obj(Call(*sim, "GET", "/_control/payments/wave/" + id))["otp"].as_string());
  EXPECT_NE(page.body.find("<strong id=\"sms-otp\">" + otp + "</strong>"), std::string::npos);
  // Wrong OTP: the page again, nothing sent.
  auto wrong = Call(*sim, "POST", "/pay/wave/" + id, "msisdn=70000000&otp=000000x&action=pay");
  EXPECT_EQ(wrong.status, 422);
  EXPECT_NE(wrong.body.find("Code de confirmation incorrect."), std::string::npos);
  auto bad_phone = Call(*sim, "POST", "/pay/wave/" + id, "msisdn=123&otp=" + otp + "&action=pay");
  EXPECT_EQ(bad_phone.status, 422);
  auto ok = Call(*sim, "POST", "/pay/wave/" + id, "msisdn=%2B22370000000&otp=" + otp + "&action=pay");
  ASSERT_EQ(ok.status, 303);
  ASSERT_EQ(ok.headers.size(), 1u);
  EXPECT_EQ(ok.headers[0].second, "http://x/ok");
  auto sent_now = WaitSent(1);
  ASSERT_EQ(sent_now.size(), 1u);
  EXPECT_EQ(sent_now[0].url, "http://127.0.0.1:9/wave");
  const std::string header = sent_now[0].headers.at(0).second;
  const std::string t = header.substr(2, header.find(',') - 2);
  EXPECT_EQ(header, WaveSignatureHeader("paysim-wave-webhook-secret", std::stoll(t), sent_now[0].body));
  auto event = json::parse(sent_now[0].body).as_object();
  EXPECT_EQ(event["type"], "checkout.session.completed");
  EXPECT_EQ(event["data"].as_object()["payment_status"], "succeeded");
  // A second payment attempt on the closed session is refused.
  EXPECT_EQ(Call(*sim, "POST", "/pay/wave/" + id, "msisdn=70000000&otp=" + otp + "&action=pay").status, 409);
}

TEST_F(SimTest, OrangeReusedOrderIdIs403AndStatusUsesTheToken) {
  auto sim = Make(1);
  auto tok = Call(*sim, "POST", "/orange/oauth/v3/token", "grant_type=client_credentials",
                  {{"Authorization", "Basic " + Base64("paysim-orange-client:paysim-orange-secret")}});
  ASSERT_EQ(tok.status, 200);
  const std::string bearer = "Bearer " + std::string(Obj(tok)["access_token"].as_string());
  const std::string init =
      R"({"merchant_key":"paysim-orange-merchant","currency":"OUV","order_id":"O-1","amount":5000,)"
      R"("return_url":"http://x/r","cancel_url":"http://x/c","notif_url":"http://x/n","lang":"fr","reference":"CO"})";
  auto r = Call(*sim, "POST", "/orange/orange-money-webpay/dev/v1/webpayment", init, {{"Authorization", bearer}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto o = Obj(r);
  EXPECT_EQ(
      Call(*sim, "POST", "/orange/orange-money-webpay/dev/v1/webpayment", init, {{"Authorization", bearer}}).status,
      403);
  EXPECT_EQ(
      Call(*sim, "POST", "/orange/orange-money-webpay/dev/v1/webpayment", init, {{"Authorization", "Bearer x"}}).status,
      401);
  const std::string status_body =
      R"({"order_id":"O-1","amount":5000,"pay_token":")" + std::string(o["pay_token"].as_string()) + "\"}";
  auto st = Call(*sim, "POST", "/orange/orange-money-webpay/dev/v1/transactionstatus", status_body,
                 {{"Authorization", bearer}});
  EXPECT_EQ(Obj(st)["status"], "INITIATED");
  EXPECT_EQ(Call(*sim, "POST", "/orange/orange-money-webpay/dev/v1/transactionstatus",
                 R"({"order_id":"O-1","amount":4000,"pay_token":""})", {{"Authorization", bearer}})
                .status,
            404);
  // Virtual clock: 10 minutes later it has expired.
  Call(*sim, "POST", "/_control/clock/advance", R"({"seconds":601})");
  st = Call(*sim, "POST", "/orange/orange-money-webpay/dev/v1/transactionstatus", status_body,
            {{"Authorization", bearer}});
  EXPECT_EQ(Obj(st)["status"], "EXPIRED");
}

// Pays a Wave session through the control API; returns the session id.
std::string PaidWave(
    SimTest& t, Simulator& sim, const std::string& reference,
    const std::function<http::Response(Simulator&, const std::string&, const std::string&, const std::string&,
                                       std::vector<std::pair<std::string, std::string>>)>& call) {
  auto s =
      json::parse(
          call(
              sim, "POST", "/wave/v1/checkout/sessions",
              R"({"amount":"5000","currency":"XOF","success_url":"http://x/ok","error_url":"http://x/ko","client_reference":")" +
                  reference + "\"}",
              {{"Authorization", kWaveAuth}})
              .body)
          .as_object();
  std::string id(s["id"].as_string());
  EXPECT_EQ(call(sim, "POST", "/_control/payments/wave/" + id + "/complete", R"({"outcome":"success"})", {}).status,
            200);
  (void)t;
  return id;
}

TEST_F(SimTest, WaveRefundOnceThenAReversalLineAndFaultsApply) {
  auto sim = Make(4);
  auto call = [this](Simulator& s, const std::string& m, const std::string& t, const std::string& b,
                     const std::vector<std::pair<std::string, std::string>>& h) { return Call(s, m, t, b, h); };
  // Unpaid: refused like the real API.
  auto open = Obj(Call(
      *sim, "POST", "/wave/v1/checkout/sessions",
      R"({"amount":"5000","currency":"XOF","success_url":"http://x/ok","error_url":"http://x/ko","client_reference":"U1"})",
      {{"Authorization", kWaveAuth}}));
  auto r = Call(*sim, "POST", "/wave/v1/checkout/sessions/" + std::string(open["id"].as_string()) + "/refund", "",
                {{"Authorization", kWaveAuth}});
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(Obj(r)["code"], "checkout-session-not-refundable");
  // Paid: refunded once; a second refund is refused.
  const std::string id = PaidWave(*this, *sim, "P1", call);
  EXPECT_EQ(
      Call(*sim, "POST", "/wave/v1/checkout/sessions/" + id + "/refund", "", {{"Authorization", "Bearer x"}}).status,
      401);
  EXPECT_EQ(
      Call(*sim, "POST", "/wave/v1/checkout/sessions/" + id + "/refund", "", {{"Authorization", kWaveAuth}}).status,
      200);
  EXPECT_EQ(
      Call(*sim, "POST", "/wave/v1/checkout/sessions/" + id + "/refund", "", {{"Authorization", kWaveAuth}}).status,
      409);
  auto session = Obj(Call(*sim, "GET", "/wave/v1/checkout/sessions/" + id, "", {{"Authorization", kWaveAuth}}));
  EXPECT_EQ(session["payment_status"], "succeeded");
  EXPECT_EQ(session["refunded"], true);
  auto tx = Obj(Call(*sim, "GET", "/wave/v1/transactions?date=2026-11-27", "", {{"Authorization", kWaveAuth}}));
  const auto& items = tx["items"].as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[1].as_object().at("is_reversal"), true);
  EXPECT_EQ(items[1].as_object().at("transaction_type"), "merchant_payment_refund");
  EXPECT_EQ(items[1].as_object().at("amount"), "-4950");
  EXPECT_EQ(items[1].as_object().at("checkout_api_session_id").as_string(), id);
  // refund_5xx: the refund happens, the answer is 500; with created=0 it does not.
  const std::string id2 = PaidWave(*this, *sim, "P2", call);
  ASSERT_EQ(Call(*sim, "POST", "/_control/faults", R"({"fault":"refund_5xx","reference":"P2"})").status, 201);
  EXPECT_EQ(
      Call(*sim, "POST", "/wave/v1/checkout/sessions/" + id2 + "/refund", "", {{"Authorization", kWaveAuth}}).status,
      500);
  EXPECT_EQ(Obj(Call(*sim, "GET", "/_control/payments/wave/P2"))["refunded"], true);
  const std::string id3 = PaidWave(*this, *sim, "P3", call);
  ASSERT_EQ(Call(*sim, "POST", "/_control/faults", R"({"fault":"refund_5xx","reference":"P3","params":{"created":0}})")
                .status,
            201);
  EXPECT_EQ(
      Call(*sim, "POST", "/wave/v1/checkout/sessions/" + id3 + "/refund", "", {{"Authorization", kWaveAuth}}).status,
      500);
  EXPECT_EQ(Obj(Call(*sim, "GET", "/_control/payments/wave/P3"))["refunded"], false);
  // refund_timeout: done at once, answered late.
  const std::string id4 = PaidWave(*this, *sim, "P4", call);
  ASSERT_EQ(Call(*sim, "POST", "/_control/faults", R"({"fault":"refund_timeout","reference":"P4","params":{"ms":300}})")
                .status,
            201);
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(
      Call(*sim, "POST", "/wave/v1/checkout/sessions/" + id4 + "/refund", "", {{"Authorization", kWaveAuth}}).status,
      200);
  EXPECT_GE(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(300));
  // Refund faults do not apply to Orange.
  EXPECT_EQ(Call(*sim, "POST", "/_control/faults", R"({"fault":"refund_5xx","provider":"orange"})").status, 422);
}

TEST_F(SimTest, MomoRefundThroughDisbursementWithItsOwnTokenAndStatus) {
  auto sim = Make(2);
  auto token = [&](const std::string& path, const std::string& key, const std::string& basic) {
    auto r =
        Call(*sim, "POST", path, "", {{"Authorization", "Basic " + Base64(basic)}, {"Ocp-Apim-Subscription-Key", key}});
    return r.status == 200 ? "Bearer " + std::string(Obj(r)["access_token"].as_string()) : std::string();
  };
  const std::string collection = token("/momo/collection/token/", "paysim-momo-subscription",
                                       "7b1c9a52-3f0e-4d6a-9c1e-2a5b8d4f6e10:paysim-momo-api-key");
  const std::string disb = token("/momo/disbursement/token/", "paysim-momo-disbursement",
                                 "3f6d2b1a-8c4e-4f7a-9b2d-5e1c7a9d0b21:paysim-momo-disbursement-key");
  ASSERT_FALSE(collection.empty());
  ASSERT_FALSE(disb.empty());
  EXPECT_TRUE(token("/momo/disbursement/token/", "paysim-momo-subscription",
                    "3f6d2b1a-8c4e-4f7a-9b2d-5e1c7a9d0b21:paysim-momo-disbursement-key")
                  .empty());
  const std::string pay_ref = "0b7f3c1e-1111-4222-8333-444455556666";
  auto r = Call(*sim, "POST", "/momo/collection/v1_0/requesttopay",
                R"({"amount":"5000","currency":"XOF","externalId":")" + pay_ref +
                    R"(","payer":{"partyIdType":"MSISDN","partyId":"22376000000"},"payerMessage":"m","payeeNote":"n"})",
                {{"Authorization", collection},
                 {"X-Reference-Id", pay_ref},
                 {"X-Target-Environment", "sandbox"},
                 {"Ocp-Apim-Subscription-Key", "paysim-momo-subscription"}});
  ASSERT_EQ(r.status, 202) << r.body;
  auto refund = [&](const std::string& ref, const std::string& token_header, const std::string& key) {
    return Call(*sim, "POST", "/momo/disbursement/v1_0/refund",
                R"({"amount":"5000","currency":"XOF","externalId":")" + pay_ref +
                    R"(","payerMessage":"Remboursement","payeeNote":"n","referenceIdToRefund":")" + pay_ref + "\"}",
                {{"Authorization", token_header},
                 {"X-Reference-Id", ref},
                 {"X-Target-Environment", "sandbox"},
                 {"Ocp-Apim-Subscription-Key", key},
                 {"X-Callback-Url", "http://127.0.0.1:9/momo?ref=" + pay_ref}});
  };
  auto status = [&](const std::string& ref) {
    return Call(*sim, "GET", "/momo/disbursement/v1_0/refund/" + ref, "",
                {{"Authorization", disb},
                 {"X-Target-Environment", "sandbox"},
                 {"Ocp-Apim-Subscription-Key", "paysim-momo-disbursement"}});
  };
  // The collection's token or key does not open the Disbursement product.
  EXPECT_EQ(refund("1a2b3c4d-0000-4000-8000-000000000001", collection, "paysim-momo-disbursement").status, 401);
  EXPECT_EQ(refund("1a2b3c4d-0000-4000-8000-000000000001", disb, "paysim-momo-subscription").status, 401);
  // Unpaid: accepted, then FAILED.
  ASSERT_EQ(refund("1a2b3c4d-0000-4000-8000-000000000001", disb, "paysim-momo-disbursement").status, 202);
  auto st = Obj(status("1a2b3c4d-0000-4000-8000-000000000001"));
  EXPECT_EQ(st["status"], "FAILED");
  EXPECT_EQ(st["reason"], "NOT_ALLOWED");
  // Paid (with a duplicate fault on the callbacks): refunded once.
  ASSERT_EQ(Call(*sim, "POST", "/_control/faults", R"({"fault":"duplicate","reference":")" + pay_ref + "\"}").status,
            201);
  ASSERT_EQ(Call(*sim, "POST", "/_control/payments/momo/" + pay_ref + "/complete", R"({"outcome":"success"})").status,
            200);
  ASSERT_EQ(refund("1a2b3c4d-0000-4000-8000-000000000002", disb, "paysim-momo-disbursement").status, 202);
  EXPECT_EQ(refund("1a2b3c4d-0000-4000-8000-000000000002", disb, "paysim-momo-disbursement").status, 409);
  st = Obj(status("1a2b3c4d-0000-4000-8000-000000000002"));
  EXPECT_EQ(st["status"], "SUCCESSFUL");
  EXPECT_EQ(st["externalId"].as_string(), pay_ref);
  const std::string fin(st["financialTransactionId"].as_string());
  EXPECT_FALSE(fin.empty());
  // The refund's callback, under the duplicate fault: twice, the same body.
  std::vector<Sent> callbacks;
  for (int i = 0; i < 200 && callbacks.size() < 2; ++i) {
    callbacks.clear();
    for (const auto& c : WaitSent(0))
      if (c.body.find(fin) != std::string::npos) callbacks.push_back(c);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_EQ(callbacks.size(), 2u);
  EXPECT_EQ(callbacks[0].body, callbacks[1].body);
  EXPECT_EQ(json::parse(callbacks[0].body).as_object()["status"], "SUCCESSFUL");
  // A second refund of the same payment: FAILED.
  ASSERT_EQ(refund("1a2b3c4d-0000-4000-8000-000000000003", disb, "paysim-momo-disbursement").status, 202);
  EXPECT_EQ(Obj(status("1a2b3c4d-0000-4000-8000-000000000003"))["status"], "FAILED");
  EXPECT_EQ(status("1a2b3c4d-0000-4000-8000-00000000ffff").status, 404);
  // The statement shows the payment and its reversal.
  auto stmt = Obj(Call(*sim, "GET", "/_control/statements/momo?date=2026-11-27"));
  const auto& lines = stmt["transactions"].as_array();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_FALSE(lines[0].as_object().contains("type"));
  EXPECT_EQ(lines[1].as_object().at("type"), "REFUND");
  EXPECT_EQ(lines[1].as_object().at("financialTransactionId").as_string(), fin);
  EXPECT_EQ(lines[1].as_object().at("externalId").as_string(), pay_ref);
  EXPECT_EQ(lines[1].as_object().at("amount"), "5000");
}

}  // namespace
}  // namespace origine::paysim
