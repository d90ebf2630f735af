// origine/payments/payments.h — the vocabulary of the payments module: intent
// states and their transition table, the providers' names, the module's
// migrations (versions 80-89). Fees: fees.h.
//
// An intent is one attempt to collect one fee through one provider. Its state
// only moves along the table below, each move a compare-and-set in SQL
// (`UPDATE ... WHERE id = ? AND state = ?`, one row or kConflict):
//
//   created -> initiating -> pending -> succeeded | failed | expired | cancelled
//   initiating -> unknown (timeout or 5xx: never re-POSTed; resolved by a status query)
//   unknown -> pending | succeeded | failed | expired
//   expired | failed | cancelled -> late_success (the provider reports success afterwards)
//   succeeded | late_success -> refund_pending -> refunded
//
// Thread-safety: pure functions and constants.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/db.h"

namespace origine::payments {

enum class State {
  kCreated,
  kInitiating,
  kPending,
  kSucceeded,
  kFailed,
  kExpired,
  kCancelled,
  kUnknown,
  kLateSuccess,
  kRefundPending,
  kRefunded,
};

const char* StateName(State s);
std::optional<State> ParseState(std::string_view name);
// True when `from -> to` is in the table above.
bool CanTransition(State from, State to);
// States in which the provider may still report an outcome we have not seen:
// created, initiating, pending, unknown.
bool IsOpen(State s);

// Our currency: every fee and payment is in whole CFA francs.
inline constexpr const char* kCurrency = "XOF";

// The providers, by the name used in URLs, config and ledger accounts.
inline const std::vector<std::string>& ProviderNames() {
  static const std::vector<std::string> kNames = {"orange", "wave", "cinetpay", "momo"};
  return kNames;
}
bool IsProviderName(std::string_view name);

// The module's tables (schema.cc; docs/ARCHITECTURE.md, "Tables and owners"),
// migration 80; their statements are in the *_store.cc files.
const std::vector<storage::Migration>& PaymentsMigrations();

}  // namespace origine::payments
