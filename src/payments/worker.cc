// The payments worker thread: processes the callback inbox, polls due
// intents and moves refunds on, every period or when woken.
#include <chrono>

#include "core/log.h"
#include "payments/service.h"

namespace origine::payments {

void PaymentService::StartWorker(int period_ms) {
  std::lock_guard<std::mutex> g(worker_mu_);
  if (worker_.joinable()) return;
  stop_ = false;
  worker_ = std::thread([this, period_ms] {
    while (true) {
      {
        std::unique_lock<std::mutex> lock(worker_mu_);
        worker_cv_.wait_for(lock, std::chrono::milliseconds(period_ms), [this] { return stop_ || woken_; });
        if (stop_) return;
        woken_ = false;
      }
      for (int round = 0; round < 20; ++round) {
        auto a = ProcessInbox(50);
        auto b = PollDue(50);
        auto c = PollRefunds(20);
        if (!a) log::Error("payments inbox", {{"error", a.error().message}});
        if (!b) log::Error("payments polling", {{"error", b.error().message}});
        if (!c) log::Error("payments refunds", {{"error", c.error().message}});
        if ((!a || *a == 0) && (!b || *b == 0) && (!c || *c == 0)) break;
        std::lock_guard<std::mutex> lock(worker_mu_);
        if (stop_) return;
      }
    }
  });
}

void PaymentService::StopWorker() {
  {
    std::lock_guard<std::mutex> g(worker_mu_);
    stop_ = true;
  }
  worker_cv_.notify_all();
  if (worker_.joinable()) worker_.join();
}

void PaymentService::Wake() {
  {
    std::lock_guard<std::mutex> g(worker_mu_);
    woken_ = true;
  }
  worker_cv_.notify_all();
}

}  // namespace origine::payments
