// The simulator without sockets: requests go through Handle(), callbacks to
// a recording poster. The black-box test over HTTP is
// tests/integration/paysim.test.mjs.
#include "paysim/sim.h"

#include <gtest/gtest.h>

#include <thread>

#include "http/log.h"
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
    return std::make_unique<Simulator>(c, [this](const std::string& url, const std::string& type,
                                                 const std::vector<std::pair<std::string, std::string>>& h,
                                                 const std::string& body) {
      std::lock_guard lock(mu);
      sent.push_back({url, type, body, h});
      return PostResult{200, ""};
    });
  }
  http::Response Call(Simulator& sim, const std::string& method, const std::string& target, const std::string& body = "",
                      std::vector<std::pair<std::string, std::string>> headers = {}) {
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
  const std::string body = R"({"amount":"5000","currency":"XOF","success_url":"http://x/ok","error_url":"http://x/ko","client_reference":"R1"})";
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
  auto s = Obj(Call(*sim, "POST", "/wave/v1/checkout/sessions",
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
  const std::string init = R"({"merchant_key":"paysim-orange-merchant","currency":"OUV","order_id":"O-1","amount":5000,)"
                           R"("return_url":"http://x/r","cancel_url":"http://x/c","notif_url":"http://x/n","lang":"fr","reference":"CO"})";
  auto r = Call(*sim, "POST", "/orange/orange-money-webpay/dev/v1/webpayment", init, {{"Authorization", bearer}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto o = Obj(r);
  EXPECT_EQ(Call(*sim, "POST", "/orange/orange-money-webpay/dev/v1/webpayment", init, {{"Authorization", bearer}}).status, 403);
  EXPECT_EQ(Call(*sim, "POST", "/orange/orange-money-webpay/dev/v1/webpayment", init, {{"Authorization", "Bearer x"}}).status, 401);
  const std::string status_body = R"({"order_id":"O-1","amount":5000,"pay_token":")" + std::string(o["pay_token"].as_string()) + "\"}";
  auto st = Call(*sim, "POST", "/orange/orange-money-webpay/dev/v1/transactionstatus", status_body, {{"Authorization", bearer}});
  EXPECT_EQ(Obj(st)["status"], "INITIATED");
  EXPECT_EQ(Call(*sim, "POST", "/orange/orange-money-webpay/dev/v1/transactionstatus",
                 R"({"order_id":"O-1","amount":4000,"pay_token":""})", {{"Authorization", bearer}}).status, 404);
  // Virtual clock: 10 minutes later it has expired.
  Call(*sim, "POST", "/_control/clock/advance", R"({"seconds":601})");
  st = Call(*sim, "POST", "/orange/orange-money-webpay/dev/v1/transactionstatus", status_body, {{"Authorization", bearer}});
  EXPECT_EQ(Obj(st)["status"], "EXPIRED");
}

}  // namespace
}  // namespace origine::paysim
