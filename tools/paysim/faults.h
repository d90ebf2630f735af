// paysim/faults.h — the fault catalogue and the deterministic scheduler that
// decides which fault (if any) a new payment gets (docs/formats/paysim.md).
//
// A payment gets at most one fault: an armed one first (by reference, then
// the oldest armed "next N payments" entry matching the provider), else,
// under `random:P`, one drawn from SHA-256(seed, seq). Same seed, same
// sequence of Take calls, same answers. Not thread-safe: the simulator calls
// it under its state lock.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace origine::paysim {

enum class Provider { kOrange, kWave, kCinetPay, kMomo };
// "orange", "wave", "cinetpay", "momo".
const char* ProviderName(Provider p);
std::optional<Provider> ParseProvider(const std::string& name);

enum class FaultKind {
  kDuplicate,
  kDelay,
  kReorder,
  kBeforeReply,
  kLost,
  kForgedSignature,
  kStaleTimestamp,
  kWrongNotifToken,
  kInit5xx,
  kInitTimeout,
  kStuckPending,
  kAmountMismatch,
  kLateSuccess,
  kRefund5xx,      // wave, momo: the refund call answers 5xx (done or not: `created`)
  kRefundTimeout,  // wave, momo: the refund is done at once, the answer waits `ms`
};

const char* FaultName(FaultKind k);  // "duplicate", "before_reply", ...
std::optional<FaultKind> ParseFault(const std::string& name);
const std::vector<FaultKind>& AllFaults();
// stale_timestamp is Wave's, wrong_notif_token Orange's, refund_5xx and
// refund_timeout Wave's and MoMo's (the providers with a refund API); the rest
// apply to all. The refund faults are never drawn by the random schedule.
bool FaultApplies(FaultKind k, Provider p);

struct Fault {
  FaultKind kind = FaultKind::kDuplicate;
  std::map<std::string, int64_t> params;  // integer parameters; defaults filled in
  int64_t Param(const std::string& name) const;
};

// A fault with its documented default parameters (docs/formats/paysim.md).
Fault DefaultFault(FaultKind k);
// Validates and fills `params` over the defaults; unknown parameter names or
// out-of-range values are kInvalidArgument.
Result<Fault> MakeFault(FaultKind k, const std::map<std::string, int64_t>& params);

struct ArmedFault {
  uint64_t id = 0;
  Fault fault;
  std::optional<Provider> provider;  // only payments of this provider
  std::string reference;             // only this reference (then `remaining` is ignored)
  int64_t remaining = 1;             // payments still to hit
};

class FaultScheduler {
 public:
  // probability in [0, 1]; 0 disables the random schedule.
  FaultScheduler(uint64_t seed, double probability) : seed_(seed), probability_(probability) {}

  // Arms a fault; returns its id. A fault naming a provider it does not apply
  // to is kInvalidArgument; count must be >= 1.
  Result<uint64_t> Arm(Fault fault, std::optional<Provider> provider, std::string reference, int64_t count);
  void Clear() { armed_.clear(); }
  const std::vector<ArmedFault>& armed() const { return armed_; }

  // The fault payment number `seq` (of `provider`, with `reference`) gets;
  // consumes one use of an armed entry.
  std::optional<Fault> Take(Provider provider, const std::string& reference, uint64_t seq);

  // The random schedule alone (pure): what `random:P` gives payment `seq`.
  static std::optional<Fault> RandomFault(uint64_t seed, double probability, Provider provider, uint64_t seq);

  double probability() const { return probability_; }

 private:
  uint64_t seed_;
  double probability_;
  uint64_t next_id_ = 1;
  std::vector<ArmedFault> armed_;
};

// Parses "none" or "random:P" (0 <= P <= 1).
Result<double> ParseFaultSpec(const std::string& spec);

}  // namespace origine::paysim
