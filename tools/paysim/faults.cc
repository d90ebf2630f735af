#include "paysim/faults.h"

#include <algorithm>
#include <cstdlib>

#include "paysim/signing.h"

namespace origine::paysim {
namespace {

struct Info {
  FaultKind kind;
  const char* name;
  std::map<std::string, std::pair<int64_t, std::pair<int64_t, int64_t>>> params;  // name -> default, [min, max]
};

const std::vector<Info>& Catalogue() {
  static const std::vector<Info> kInfo = {
      {FaultKind::kDuplicate, "duplicate", {{"times", {2, {2, 20}}}}},
      {FaultKind::kDelay, "delay", {{"ms", {2000, {0, 120000}}}}},
      {FaultKind::kReorder, "reorder", {{"ms", {5000, {0, 120000}}}}},
      {FaultKind::kBeforeReply, "before_reply", {}},
      {FaultKind::kLost, "lost", {}},
      {FaultKind::kForgedSignature, "forged_signature", {}},
      {FaultKind::kStaleTimestamp, "stale_timestamp", {{"age", {900, {1, 86400 * 30}}}}},
      {FaultKind::kWrongNotifToken, "wrong_notif_token", {}},
      {FaultKind::kInit5xx, "init_5xx", {{"status", {500, {500, 599}}}, {"created", {1, {0, 1}}}}},
      {FaultKind::kInitTimeout, "init_timeout", {{"ms", {20000, {0, 120000}}}}},
      {FaultKind::kStuckPending, "stuck_pending", {}},
      {FaultKind::kAmountMismatch, "amount_mismatch", {{"delta", {-100, {-1000000000, 1000000000}}}}},
      {FaultKind::kLateSuccess, "late_success", {{"ms", {1000, {0, 120000}}}}},
      {FaultKind::kRefund5xx, "refund_5xx", {{"status", {500, {500, 599}}}, {"created", {1, {0, 1}}}}},
      {FaultKind::kRefundTimeout, "refund_timeout", {{"ms", {20000, {0, 120000}}}}},
  };
  return kInfo;
}

const Info& InfoOf(FaultKind k) {
  for (const auto& i : Catalogue())
    if (i.kind == k) return i;
  std::abort();  // every kind is in the catalogue
}

}  // namespace

const char* ProviderName(Provider p) {
  switch (p) {
    case Provider::kOrange:
      return "orange";
    case Provider::kWave:
      return "wave";
    case Provider::kCinetPay:
      return "cinetpay";
    case Provider::kMomo:
      return "momo";
  }
  return "?";
}

std::optional<Provider> ParseProvider(const std::string& name) {
  for (Provider p : {Provider::kOrange, Provider::kWave, Provider::kCinetPay, Provider::kMomo})
    if (name == ProviderName(p)) return p;
  return std::nullopt;
}

const char* FaultName(FaultKind k) { return InfoOf(k).name; }

std::optional<FaultKind> ParseFault(const std::string& name) {
  for (const auto& i : Catalogue())
    if (name == i.name) return i.kind;
  return std::nullopt;
}

const std::vector<FaultKind>& AllFaults() {
  static const std::vector<FaultKind> kAll = [] {
    std::vector<FaultKind> v;
    for (const auto& i : Catalogue()) v.push_back(i.kind);
    return v;
  }();
  return kAll;
}

bool FaultApplies(FaultKind k, Provider p) {
  if (k == FaultKind::kStaleTimestamp) return p == Provider::kWave;
  if (k == FaultKind::kWrongNotifToken) return p == Provider::kOrange;
  if (k == FaultKind::kRefund5xx || k == FaultKind::kRefundTimeout) return p == Provider::kWave || p == Provider::kMomo;
  return true;
}

int64_t Fault::Param(const std::string& name) const {
  auto it = params.find(name);
  return it == params.end() ? 0 : it->second;
}

Fault DefaultFault(FaultKind k) {
  Fault f{k, {}};
  for (const auto& [name, def] : InfoOf(k).params) f.params[name] = def.first;
  return f;
}

Result<Fault> MakeFault(FaultKind k, const std::map<std::string, int64_t>& params) {
  Fault f = DefaultFault(k);
  const Info& info = InfoOf(k);
  std::vector<FieldError> errors;
  for (const auto& [name, value] : params) {
    auto it = info.params.find(name);
    if (it == info.params.end()) {
      errors.push_back({"params/" + name, "fault.param_unknown"_code,
                        std::string("fault ") + info.name + " has no parameter " + name});
      continue;
    }
    const auto [lo, hi] = it->second.second;
    if (value < lo || value > hi) {
      errors.push_back({"params/" + name, "fault.param_range"_code,
                        "must be between " + std::to_string(lo) + " and " + std::to_string(hi)});
      continue;
    }
    f.params[name] = value;
  }
  if (!errors.empty()) return Error::Invalid("paysim.invalid"_code, "invalid fault parameters", std::move(errors));
  return f;
}

Result<uint64_t> FaultScheduler::Arm(Fault fault, std::optional<Provider> provider, std::string reference,
                                     int64_t count) {
  if (provider && !FaultApplies(fault.kind, *provider))
    return Error::Invalid(
        "paysim.invalid"_code,
        std::string("fault ") + FaultName(fault.kind) + " does not apply to " + ProviderName(*provider),
        {{"fault", "fault.not_applicable"_code, "not applicable to this provider"}});
  if (count < 1)
    return Error::Invalid("paysim.invalid"_code, "count must be at least 1",
                          {{"count", "count.range"_code, "must be at least 1"}});
  const uint64_t id = next_id_++;
  armed_.push_back({id, std::move(fault), provider, std::move(reference), count});
  return id;
}

std::optional<Fault> FaultScheduler::Take(Provider provider, const std::string& reference, uint64_t seq) {
  auto matches = [&](const ArmedFault& a) {
    if (a.provider && *a.provider != provider) return false;
    return FaultApplies(a.fault.kind, provider);
  };
  // By reference first: it stays armed (the same reference may be re-used on purpose).
  for (const auto& a : armed_)
    if (!a.reference.empty() && a.reference == reference && matches(a)) return a.fault;
  for (auto it = armed_.begin(); it != armed_.end(); ++it) {
    if (!it->reference.empty() || !matches(*it)) continue;
    Fault f = it->fault;
    if (--it->remaining <= 0) armed_.erase(it);
    return f;
  }
  return RandomFault(seed_, probability_, provider, seq);
}

std::optional<Fault> FaultScheduler::RandomFault(uint64_t seed, double probability, Provider provider, uint64_t seq) {
  if (probability <= 0) return std::nullopt;
  const auto d = Derive(seed, "fault", seq);
  auto u64 = [&](int offset) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | d[offset + i];
    return v;
  };
  // Uniform in [0, 1) from 53 bits.
  const double u = static_cast<double>(u64(0) >> 11) / 9007199254740992.0;
  if (u >= probability) return std::nullopt;
  std::vector<FaultKind> candidates;
  for (FaultKind k : AllFaults())
    if (k != FaultKind::kInitTimeout && k != FaultKind::kRefund5xx && k != FaultKind::kRefundTimeout &&
        FaultApplies(k, provider))
      candidates.push_back(k);
  Fault f = DefaultFault(candidates[u64(8) % candidates.size()]);
  if (f.kind == FaultKind::kDelay) f.params["ms"] = 100 + static_cast<int64_t>(u64(16) % 1901);
  if (f.kind == FaultKind::kDuplicate) f.params["times"] = 2 + static_cast<int64_t>(u64(16) % 3);
  return f;
}

Result<double> ParseFaultSpec(const std::string& spec) {
  if (spec.empty() || spec == "none") return 0.0;
  if (spec.rfind("random:", 0) == 0) {
    const std::string num = spec.substr(7);
    char* end = nullptr;
    const double p = std::strtod(num.c_str(), &end);
    if (!num.empty() && end && *end == '\0' && p >= 0 && p <= 1) return p;
  }
  return Error::Invalid("paysim.faults_spec"_code,
                        "--faults must be none or random:P with 0 <= P <= 1, not \"" + spec + "\"");
}

}  // namespace origine::paysim
