#include "payments/payments.h"

#include <array>
#include <utility>

#include "origin/engine.h"

namespace origine::payments {

namespace {
constexpr std::array<std::pair<State, const char*>, 11> kNames = {{
    {State::kCreated, "created"},
    {State::kInitiating, "initiating"},
    {State::kPending, "pending"},
    {State::kSucceeded, "succeeded"},
    {State::kFailed, "failed"},
    {State::kExpired, "expired"},
    {State::kCancelled, "cancelled"},
    {State::kUnknown, "unknown"},
    {State::kLateSuccess, "late_success"},
    {State::kRefundPending, "refund_pending"},
    {State::kRefunded, "refunded"},
}};

const char* ServiceName(origin::Service s) {
  switch (s) {
    case origin::Service::kIssue:
      return "issue";
    case origin::Service::kAmendment:
      return "amendment";
    case origin::Service::kDuplicata:
      return "duplicata";
  }
  return "";
}
}  // namespace

const char* StateName(State s) {
  for (const auto& [state, name] : kNames)
    if (state == s) return name;
  return "";
}

std::optional<State> ParseState(std::string_view name) {
  for (const auto& [state, n] : kNames)
    if (name == n) return state;
  return std::nullopt;
}

bool CanTransition(State from, State to) {
  using S = State;
  switch (from) {
    case S::kCreated:
      return to == S::kInitiating || to == S::kCancelled;
    case S::kInitiating:
      return to == S::kPending || to == S::kUnknown || to == S::kFailed;
    case S::kPending:
      return to == S::kSucceeded || to == S::kFailed || to == S::kExpired || to == S::kCancelled;
    case S::kUnknown:
      return to == S::kPending || to == S::kSucceeded || to == S::kFailed || to == S::kExpired;
    case S::kExpired:
    case S::kFailed:
    case S::kCancelled:
      return to == S::kLateSuccess;
    case S::kSucceeded:
    case S::kLateSuccess:
      return to == S::kRefundPending;
    case S::kRefundPending:
      return to == S::kRefunded;
    case S::kRefunded:
      return false;
  }
  return false;
}

bool IsOpen(State s) {
  return s == State::kCreated || s == State::kInitiating || s == State::kPending || s == State::kUnknown;
}

bool IsProviderName(std::string_view name) {
  for (const auto& n : ProviderNames())
    if (n == name) return true;
  return false;
}

Result<std::vector<Fee>> FeesFor(const certificates::RegimeSetPtr& regimes, const std::string& regime,
                                 const std::string& date) {
  std::optional<certificates::RegimeInfo> info = certificates::FindRegime(regimes, regime, date);
  if (!info) return Error::NotFound("the regime " + regime + " is not in force on " + date);
  std::vector<Fee> out;
  for (const auto& f : info->regime->fees)
    out.push_back({f.code, f.label_fr, f.label_en, ServiceName(f.service), f.form, info->code, info->regime->version,
                   info->regime->effective.from, f.amount_xof});
  return out;
}

Result<Fee> FeeFor(const certificates::RegimeSetPtr& regimes, const std::string& regime, const std::string& service,
                   const std::string& date) {
  ASSIGN_OR_RETURN(std::vector<Fee> fees, FeesFor(regimes, regime, date));
  for (const auto& f : fees)
    if (f.service == service && f.form.empty() && f.amount_xof > 0) return f;
  return Error::NotFound("no " + service + " fee for " + regime);
}

}  // namespace origine::payments
