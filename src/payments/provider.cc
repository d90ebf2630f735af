#include "payments/provider.h"

#include "payments/providers/providers.h"

namespace origine::payments {

const char* RemoteStatusName(RemoteStatus s) {
  switch (s) {
    case RemoteStatus::kPending:
      return "pending";
    case RemoteStatus::kSucceeded:
      return "succeeded";
    case RemoteStatus::kFailed:
      return "failed";
    case RemoteStatus::kExpired:
      return "expired";
    case RemoteStatus::kNotFound:
      return "not_found";
  }
  return "";
}

const char* RefundOutcomeName(RefundOutcome o) {
  switch (o) {
    case RefundOutcome::kDone:
      return "done";
    case RefundOutcome::kAccepted:
      return "accepted";
    case RefundOutcome::kRejected:
      return "rejected";
    case RefundOutcome::kUnclear:
      return "unclear";
    case RefundOutcome::kNotSent:
      return "not_sent";
  }
  return "";
}

const char* CallbackVerdictName(CallbackVerdict v) {
  switch (v) {
    case CallbackVerdict::kAccepted:
      return "accepted";
    case CallbackVerdict::kForged:
      return "forged";
    case CallbackVerdict::kStale:
      return "stale";
    case CallbackVerdict::kMalformed:
      return "malformed";
  }
  return "";
}

Result<std::unique_ptr<PaymentProvider>> MakeProvider(const ProviderConfig& c, HttpClient& http, const Clock& clock) {
  if (c.name == "orange") return internal::MakeOrange(c, http, clock);
  if (c.name == "wave") return internal::MakeWave(c, http, clock);
  if (c.name == "cinetpay") return internal::MakeCinetPay(c, http, clock);
  if (c.name == "momo") return internal::MakeMomo(c, http, clock);
  return Error::Invalid("provider.unknown"_code, "unknown payment provider " + c.name).With("provider", c.name);
}

}  // namespace origine::payments
