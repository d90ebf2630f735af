#include "payments/payments.h"

#include <array>
#include <utility>

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

}  // namespace origine::payments
