// origine/http/metrics.h — request counters and latency histograms, exposed in
// the Prometheus text format at /metrics. Labels are the route template (not
// the raw path, to bound cardinality), the method and the status.
// Thread-safety: Observe and Render may be called from any thread.
#pragma once

#include <array>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace origine::http {

class Metrics {
 public:
  void Observe(const std::string& route, const std::string& method, int status, double seconds);
  std::string Render() const;

 private:
  static constexpr std::array<double, 11> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0};
  struct Series {
    uint64_t count = 0;
    double sum = 0;
    std::array<uint64_t, kBuckets.size()> buckets{};
  };
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, Series> series_;
};

}  // namespace origine::http
