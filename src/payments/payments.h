// origine/payments/payments.h — the vocabulary of the payments module: intent
// states and their transition table, fees from the regime data, the module's
// migrations (versions 300-399).
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

#include "certificates/regimes.h"
#include "core/result.h"
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

// The providers, by the name used in URLs, config and ledger accounts.
inline const std::vector<std::string>& ProviderNames() {
  static const std::vector<std::string> kNames = {"orange", "wave", "cinetpay", "momo"};
  return kNames;
}
bool IsProviderName(std::string_view name);

// A fee due for one service of one regime, in whole XOF, from the version of
// the regime data in force on the date asked.
struct Fee {
  std::string code;  // "ETLS-ISSUE"
  std::string label_fr, label_en;
  std::string service;  // "issue", "amendment", "duplicata"
  std::string form;     // "" = every form of the regime
  std::string regime;   // application regime code ("ETLS", "NP", ...)
  std::string regime_version;
  std::string effective_from;  // of that regime version (YYYY-MM-DD)
  int64_t amount_xof = 0;
};

// The fees of `regime` (application or data code) of `regimes` in force on
// `date` (YYYY-MM-DD), every service; kNotFound when the regime is not in force.
Result<std::vector<Fee>> FeesFor(const certificates::RegimeSetPtr& regimes, const std::string& regime,
                                 const std::string& date);
// The single fee for `service` ("issue" for a new certificate); kNotFound
// when none is configured (nothing to pay).
Result<Fee> FeeFor(const certificates::RegimeSetPtr& regimes, const std::string& regime, const std::string& service,
                   const std::string& date);

const std::vector<storage::Migration>& PaymentsMigrations();

}  // namespace origine::payments
