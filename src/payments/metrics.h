// origine/payments/metrics.h — the payments counters exposed at /metrics
// (Prometheus text): callbacks, initiations, status queries, transitions and
// refunds, by provider and outcome.
// Thread-safety: every method may be called from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace origine::payments {

class PaymentMetrics {
 public:
  // Adds one to origine_<name>{provider, outcome}.
  void Count(const std::string& name, const std::string& provider, const std::string& outcome);
  std::string Render() const;

 private:
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, std::string>, uint64_t> counts_;
};

}  // namespace origine::payments
