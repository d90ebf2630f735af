#include "testkit/scripted_provider.h"

namespace origine::testkit {

payments::InitResult ScriptedProvider::Initiate(const payments::InitRequest& r) {
  ++s_.initiations;
  payments::InitResult out;
  out.outcome = s_.init;
  if (s_.init == payments::InitOutcome::kAccepted) {
    out.provider_ref = "cos-" + r.reference.substr(0, 8);
    out.payment_url = "http://sim/pay/wave/" + out.provider_ref;
  }
  return out;
}

Result<payments::StatusResult> ScriptedProvider::Status(const payments::IntentRef& r) {
  ++s_.status_queries;
  auto it = s_.status_of.find(r.reference);
  return it != s_.status_of.end() ? it->second : s_.status;
}

payments::CallbackCheck ScriptedProvider::VerifyCallback(const payments::CallbackRequest& r, const std::string&) {
  payments::CallbackCheck c;
  c.verdict = s_.verdict;
  c.event_key = r.body;
  c.reference = r.query.count("ref") ? r.query.at("ref") : "";
  return c;
}

payments::RefundResult ScriptedProvider::Refund(const payments::RefundRequest& r) {
  s_.refunds.push_back(r);
  payments::RefundResult out;
  out.outcome = s_.refund;
  out.detail = "POST /v1/checkout/sessions/" + r.provider_ref + "/refund (HTTP x)";
  if (s_.refund == payments::RefundOutcome::kDone) out.provider_refund_id = "TR-" + r.refund_reference.substr(0, 4);
  return out;
}

Result<payments::StatusResult> ScriptedProvider::RefundStatus(const payments::RefundRequest&) {
  ++s_.refund_status_queries;
  return s_.refund_status;
}

}  // namespace origine::testkit
