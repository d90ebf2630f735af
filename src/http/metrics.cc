#include "http/metrics.h"

#include <sstream>

namespace origine::http {
namespace {
std::string Escape(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}
}  // namespace

void Metrics::Observe(const std::string& route, const std::string& method, int status, double seconds) {
  std::lock_guard<std::mutex> g(mu_);
  Series& s = series_[{route, method, status}];
  ++s.count;
  s.sum += seconds;
  for (size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++s.buckets[i];
}

std::string Metrics::Render() const {
  std::lock_guard<std::mutex> g(mu_);
  std::ostringstream out;
  out << "# HELP origine_http_requests_total HTTP requests by route, method and status.\n"
      << "# TYPE origine_http_requests_total counter\n";
  for (const auto& [key, s] : series_) {
    const auto& [route, method, status] = key;
    out << "origine_http_requests_total{route=\"" << Escape(route) << "\",method=\"" << method << "\",status=\""
        << status << "\"} " << s.count << "\n";
  }
  out << "# HELP origine_http_request_duration_seconds Time to answer a request.\n"
      << "# TYPE origine_http_request_duration_seconds histogram\n";
  for (const auto& [key, s] : series_) {
    const auto& [route, method, status] = key;
    std::string labels =
        "route=\"" + Escape(route) + "\",method=\"" + method + "\",status=\"" + std::to_string(status) + "\"";
    for (size_t i = 0; i < kBuckets.size(); ++i)
      out << "origine_http_request_duration_seconds_bucket{" << labels << ",le=\"" << kBuckets[i] << "\"} "
          << s.buckets[i] << "\n";
    out << "origine_http_request_duration_seconds_bucket{" << labels << ",le=\"+Inf\"} " << s.count << "\n";
    out << "origine_http_request_duration_seconds_sum{" << labels << "} " << s.sum << "\n";
    out << "origine_http_request_duration_seconds_count{" << labels << "} " << s.count << "\n";
  }
  return out.str();
}

}  // namespace origine::http
