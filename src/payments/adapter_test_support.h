// origine/payments/adapter_test_support.h — what the adapters' unit tests
// share (private to src/payments tests): a fake HTTP client that answers from
// a queue and records every request, the adapters' clock, provider settings
// with recognisable fake secrets, a payment and a refund request.
#pragma once

#include <deque>
#include <string>
#include <vector>

#include "core/clock.h"
#include "payments/provider.h"

namespace origine::payments::adapter_testing {

// The adapters' clock (access-token lifetimes, Wave's refund lookup window).
inline FakeClock& Clock() {
  static FakeClock clock{1'800'000'000};  // 2027-01-15T08:00:00Z
  return clock;
}

class FakeHttp : public HttpClient {
 public:
  std::vector<HttpRequest> sent;
  std::deque<Result<HttpResponse>> answers;
  Result<HttpResponse> Send(const HttpRequest& r) override {
    sent.push_back(r);
    if (answers.empty()) return Error::Unavailable("net.unreachable"_code, "no answer: timeout");
    auto a = answers.front();
    answers.pop_front();
    return a;
  }
  void Answer(int status, std::string body) { answers.push_back(HttpResponse{status, std::move(body), {}}); }
  void Timeout() { answers.push_back(Error::Unavailable("net.unreachable"_code, "no answer: Timeout was reached")); }
};

// Settings of `name` ("orange", "wave", "cinetpay", "momo") against http://sim/<name>; every
// secret contains "s3cret" so that a test can check none leaks.
inline ProviderConfig Config(const std::string& name) {
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

inline InitRequest Init() {
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

inline RefundRequest RefundOf(const std::string& provider_ref) {
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

inline bool HasHeader(const HttpRequest& r, const std::string& name, const std::string& value) {
  for (const auto& [k, v] : r.headers)
    if (k == name && v == value) return true;
  return false;
}

// No error or detail may carry a secret or a provider's body.
inline void ExpectClean(const std::string& text) {
  for (const char* secret :
       {"api-s3cret", "sub-s3cret", "disb-s3cret", "disb-key-s3cret", "orange-s3cret", "SECRETBODY"})
    EXPECT_EQ(text.find(secret), std::string::npos) << text;
}

}  // namespace origine::payments::adapter_testing
