#include "core/log.h"

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <mutex>

namespace origine::log {
namespace {
std::mutex g_mu;
std::atomic<bool> g_quiet{false};

std::string Now() {
  using namespace std::chrono;
  auto now = system_clock::now();
  auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count();
  std::time_t t = ms / 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  char out[48];
  std::snprintf(out, sizeof out, "%s.%03dZ", buf, static_cast<int>(ms % 1000));
  return out;
}
}  // namespace

void Line(const std::string& level, const std::string& msg, const Fields& fields,
          const std::vector<std::pair<std::string, double>>& numbers) {
  if (level == "info" && g_quiet) return;
  boost::json::object o;
  o["ts"] = Now();
  o["level"] = level;
  o["msg"] = msg;
  for (const auto& [k, v] : fields) o[k] = v;
  // Integers print as integers; other values with microsecond precision
  // (Boost.JSON would print every double in exponent form).
  for (const auto& [k, v] : numbers) {
    if (v == static_cast<double>(static_cast<int64_t>(v)))
      o[k] = static_cast<int64_t>(v);
    else
      o[k] = static_cast<double>(static_cast<int64_t>(v * 1000)) / 1000;
  }
  std::string line = boost::json::serialize(o);
  line += '\n';
  std::lock_guard<std::mutex> g(g_mu);
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

void Info(const std::string& msg, const Fields& fields) { Line("info", msg, fields); }
void Warn(const std::string& msg, const Fields& fields) { Line("warn", msg, fields); }
void Error(const std::string& msg, const Fields& fields) { Line("error", msg, fields); }
void SetQuiet(bool quiet) { g_quiet = quiet; }

}  // namespace origine::log
