#include "payments/metrics.h"

namespace origine::payments {

void PaymentMetrics::Count(const std::string& name, const std::string& provider, const std::string& outcome) {
  std::lock_guard<std::mutex> g(mu_);
  ++counts_[{name, provider, outcome}];
}

std::string PaymentMetrics::Render() const {
  std::lock_guard<std::mutex> g(mu_);
  std::string out;
  std::string last;
  for (const auto& [key, n] : counts_) {
    const auto& [name, provider, outcome] = key;
    if (name != last) {
      out += "# TYPE origine_" + name + " counter\n";
      last = name;
    }
    out.append("origine_").append(name).append("{provider=\"").append(provider).append("\",outcome=\"");
    out.append(outcome).append("\"} ").append(std::to_string(n)).append("\n");
  }
  return out;
}

}  // namespace origine::payments
