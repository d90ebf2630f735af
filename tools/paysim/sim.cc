// The simulator's core: routing, the payment store, completion and faults,
// the callback sender. Provider endpoints are in providers.cc, the payment
// page in page.cc, the control API and statements in control.cc.
#include "paysim/sim.h"

#include <algorithm>

#include "core/log.h"
#include "http/problem.h"
#include "net/http_client.h"
#include "paysim/signing.h"
#include "paysim/util.h"

namespace origine::paysim {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

constexpr std::string_view kAlnum = "abcdefghijklmnopqrstuvwxyz0123456789";
constexpr std::string_view kDigits = "0123456789";

int64_t ExpirySeconds(Provider p) {
  switch (p) {
    case Provider::kOrange:
      return int64_t{10} * 60;
    case Provider::kWave:
      return int64_t{30} * 60;
    case Provider::kCinetPay:
      return int64_t{20} * 60;
    case Provider::kMomo:
      return int64_t{5} * 60;
  }
  return 600;
}

// "MP261127.1234.C12345", the shape of Orange Money transaction ids.
std::string OrangeTxn(uint64_t seed, uint64_t seq, int64_t t) {
  const std::string day = Day(t);
  return "MP" + day.substr(2, 2) + day.substr(5, 2) + day.substr(8, 2) + "." +
         DeriveText(seed, "txn", seq, kDigits, 4) + ".C" + DeriveText(seed, "txn2", seq, kDigits, 5);
}

}  // namespace

PostResult CurlPost(const std::string& url, const std::string& content_type,
                    const std::vector<std::pair<std::string, std::string>>& headers, const std::string& body) {
  static const std::unique_ptr<net::HttpClient> client = net::MakeCurlHttpClient();
  net::HttpRequest req;
  req.method = "POST";
  req.url = url;
  req.headers = headers;
  req.headers.insert(req.headers.begin(), {"Content-Type", content_type});
  req.body = body;
  req.timeout_ms = 10000;
  req.connect_timeout_ms = 3000;
  req.user_agent = "origine-paysim";
  PostResult result;
  auto r = client->Send(req);
  if (r)
    result.status = r->status;
  else
    result.error = r.error().message;
  return result;
}

Simulator::Simulator(Config config, Poster poster)
    : config_(std::move(config)),
      poster_(std::move(poster)),
      started_(std::chrono::steady_clock::now()),
      scheduler_(config_.seed, config_.fault_probability) {
  clock_base_ = config_.clock_start;
  if (clock_base_ == 0)
    clock_base_ =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  AddOrangeRoutes();
  AddWaveRoutes();
  AddCinetPayRoutes();
  AddMomoRoutes();
  AddPageRoutes();
  AddControlRoutes();
  sender_ = std::thread([this] { SenderLoop(); });
}

Simulator::~Simulator() { Stop(); }

void Simulator::Stop() {
  {
    std::lock_guard lock(mu_);
    if (stopping_ && !sender_.joinable()) return;
    stopping_ = true;
  }
  cv_.notify_all();
  if (sender_.joinable()) sender_.join();
}

void Simulator::SetPublicUrl(const std::string& url) {
  std::lock_guard lock(mu_);
  config_.public_url = url;
}

int64_t Simulator::Now() const {
  const auto elapsed = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started_);
  return clock_base_ + elapsed.count() + clock_offset_.load();
}

void Simulator::Route(const std::string& method, const std::string& path, Handler h) {
  router_.Add(method, path, [this, h](Request& req) { return (this->*h)(req); });
}

Response Simulator::Handle(Request& req) {
  const auto start = std::chrono::steady_clock::now();
  std::string route = "(unmatched)";
  Response res;
  if (!http::ParseTarget(req.target, &req.path, &req.query)) {
    req.path = "/";
    res = http::Problem(400, "http.bad_request"_code, "bad-request", "the request target is malformed", req);
  } else {
    auto match = router_.Find(req);
    if (match.route) {
      route = match.route->path_template;
      try {
        res = match.route->handler(req);
      } catch (const std::exception& e) {
        log::Error("handler failed", {{"route", route}, {"error", e.what()}});
        res = http::Problem(500, "http.internal"_code, "internal", "internal error", req);
      }
    } else if (!match.allowed.empty()) {
      res = http::Problem(405, "http.method_not_allowed"_code, "method-not-allowed",
                          "use " + match.allowed.front() + " on this resource", req);
      res.AddHeader("Allow", match.allowed.front());
    } else {
      res = http::Problem(404, "http.not_found"_code, "not-found", "no such resource", req);
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  log::Line(res.status >= 500 ? "error" : "info", "request",
            {{"request_id", req.request_id}, {"method", req.method}, {"path", req.path}, {"route", route}},
            {{"status", res.status}, {"duration_ms", seconds * 1000}});
  return res;
}

std::string Simulator::Derived(std::string_view label, uint64_t n, std::string_view alphabet, size_t len) const {
  return DeriveText(config_.seed, label, n, alphabet, len);
}

std::string Simulator::PageUrl(Provider p, const std::string& token) const {
  return config_.public_url + "/pay/" + ProviderName(p) + "/" + token;
}

std::string Simulator::IssueToken(const char* label) {
  std::string token = std::string(label) + "-" + Derived(label, next_token_++, kAlnum, 32);
  tokens_.insert(token);
  return token;
}

std::string Simulator::StateName(State s) {
  switch (s) {
    case State::kInitiated:
      return "initiated";
    case State::kPending:
      return "pending";
    case State::kSucceeded:
      return "succeeded";
    case State::kFailed:
      return "failed";
    case State::kExpired:
      return "expired";
  }
  return "?";
}

Simulator::Payment& Simulator::Create(Provider p, const std::string& reference, int64_t amount) {
  auto pay = std::make_unique<Payment>();
  pay->provider = p;
  pay->seq = payments_.size() + 1;
  pay->reference = reference;
  pay->amount = amount;
  pay->recorded_amount = amount;
  pay->otp = Derived("otp", pay->seq, kDigits, 6);
  pay->created_at = Now();
  pay->expires_at = pay->created_at + ExpirySeconds(p);
  pay->fault = scheduler_.Take(p, reference, pay->seq);
  if (pay->fault && pay->fault->kind == FaultKind::kAmountMismatch)
    pay->recorded_amount = std::max<int64_t>(1, amount + pay->fault->Param("delta"));
  payments_.push_back(std::move(pay));
  return *payments_.back();
}

void Simulator::Index(const Payment& pay) {
  by_reference_[{pay.provider, pay.reference}] = pay.seq;
  by_provider_id_[{pay.provider, pay.provider_id}] = pay.seq;
}

Simulator::Payment* Simulator::FindByReference(Provider p, const std::string& reference) {
  auto it = by_reference_.find({p, reference});
  if (it == by_reference_.end()) return nullptr;
  Payment* pay = payments_[it->second - 1].get();
  Refresh(*pay);
  return pay;
}

Simulator::Payment* Simulator::FindByProviderId(Provider p, const std::string& id) {
  auto it = by_provider_id_.find({p, id});
  if (it == by_provider_id_.end()) return nullptr;
  Payment* pay = payments_[it->second - 1].get();
  Refresh(*pay);
  return pay;
}

Simulator::Payment* Simulator::FindAny(Provider p, const std::string& ref) {
  if (Payment* pay = FindByReference(p, ref)) return pay;
  return FindByProviderId(p, ref);
}

void Simulator::Refresh(Payment& pay) {
  if ((pay.state == State::kInitiated || pay.state == State::kPending) && !pay.stuck && Now() >= pay.expires_at)
    pay.state = State::kExpired;
}

bool Simulator::Complete(Payment& pay, bool success, const std::string& msisdn, std::string* why,
                         std::vector<Delivery>* sync) {
  Refresh(pay);
  if (pay.stuck || (pay.state != State::kInitiated && pay.state != State::kPending)) {
    *why = "the payment is " + StateName(pay.state) + (pay.stuck ? " (stuck)" : "") + ", not open";
    return false;
  }
  if (!msisdn.empty()) pay.msisdn = msisdn;
  const std::optional<FaultKind> kind = pay.fault ? std::optional(pay.fault->kind) : std::nullopt;
  if (!success) {
    pay.state = State::kFailed;
    pay.cancelled = true;
    pay.completed_at = Now();
    if (pay.provider == Provider::kOrange) pay.txn_id = OrangeTxn(config_.seed, pay.seq, pay.completed_at);
  } else if (kind == FaultKind::kStuckPending) {
    pay.state = State::kPending;
    pay.stuck = true;
    return true;
  } else if (kind == FaultKind::kLateSuccess) {
    pay.state = State::kExpired;
    pay.expires_at = Now();
    timers_.push_back({std::chrono::steady_clock::now() + std::chrono::milliseconds(pay.fault->Param("ms")), pay.seq});
    cv_.notify_all();
    return true;
  } else {
    Succeed(pay);
  }
  auto deliveries = BuildCallbacks(pay, success);
  if (sync)
    *sync = std::move(deliveries);
  else
    Queue(std::move(deliveries));
  return true;
}

void Simulator::Succeed(Payment& pay) {
  pay.state = State::kSucceeded;
  pay.completed_at = Now();
  switch (pay.provider) {
    case Provider::kOrange:
      pay.txn_id = OrangeTxn(config_.seed, pay.seq, pay.completed_at);
      break;
    case Provider::kWave: {
      std::string t = Derived("txn", pay.seq, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 12);
      pay.txn_id = "T" + t;
      break;
    }
    case Provider::kCinetPay:
      pay.txn_id = "CP" + Derived("txn", pay.seq, kDigits, 12);
      break;
    case Provider::kMomo:
      pay.txn_id = "1" + Derived("txn", pay.seq, kDigits, 9);
      break;
  }
}

std::vector<Simulator::Delivery> Simulator::BuildCallbacks(const Payment& pay, bool success) {
  std::vector<Delivery> out;
  const std::optional<FaultKind> kind = pay.fault ? std::optional(pay.fault->kind) : std::nullopt;
  const bool forged = kind == FaultKind::kForgedSignature;
  Delivery d;
  d.provider = pay.provider;
  d.reference = pay.reference;
  d.seq = pay.seq;
  d.event = success ? "success" : "failure";
  if (kind) d.fault = FaultName(*kind);
  const bool claims_success = success || forged;
  switch (pay.provider) {
    case Provider::kOrange: {
      d.url = pay.callback_url;
      d.content_type = "application/json";
      std::string token = pay.notif_token;
      if (forged || kind == FaultKind::kWrongNotifToken)
        token = Derived("forged-notif", pay.seq, "0123456789abcdef", 32);
      json::object body{
          {"status", claims_success ? "SUCCESS" : "FAILED"},
          {"notif_token", token},
          {"txnid", pay.txn_id.empty() ? "MP" + Derived("forged-txn", pay.seq, kDigits, 10) : pay.txn_id}};
      d.body = json::serialize(body);
      break;
    }
    case Provider::kWave: {
      d.url = config_.wave_webhook_url;
      d.content_type = "application/json";
      json::object session = WaveSession(pay);
      if (forged) {
        session["checkout_status"] = "complete";
        session["payment_status"] = "succeeded";
        session["last_payment_error"] = nullptr;
      }
      const std::string type = claims_success ? "checkout.session.completed" : "checkout.session.payment_failed";
      json::object event{{"id", "AE_" + Derived("wave-event-" + type, pay.seq,
                                                "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 16)},
                         {"type", type},
                         {"data", std::move(session)}};
      d.body = json::serialize(event);
      int64_t t = Now();
      if (kind == FaultKind::kStaleTimestamp) t -= pay.fault->Param("age");
      const std::string secret = forged ? config_.wave_webhook_secret + "-forged" : config_.wave_webhook_secret;
      d.headers.emplace_back("Wave-Signature", WaveSignatureHeader(secret, t, d.body));
      break;
    }
    case Provider::kCinetPay: {
      d.url = pay.callback_url;
      d.content_type = "application/x-www-form-urlencoded";
      auto fields = CinetPayFields(pay, claims_success);
      std::vector<std::pair<std::string, std::string>> ordered;
      ordered.reserve(std::size(kCinetPayFields));
      for (const char* name : kCinetPayFields) ordered.emplace_back(name, fields[name]);
      d.body = FormEncode(ordered);
      const std::string secret = forged ? config_.cinetpay_secret + "-forged" : config_.cinetpay_secret;
      d.headers.emplace_back("x-token", CinetPayToken(secret, fields));
      break;
    }
    case Provider::kMomo: {
      if (pay.callback_url.empty()) return out;  // no X-Callback-Url: MoMo sends nothing
      d.url = pay.callback_url;
      d.content_type = "application/json";
      json::object view = MomoView(pay);
      if (forged) {
        view["status"] = "SUCCESSFUL";
        view["financialTransactionId"] = "1" + Derived("forged-txn", pay.seq, kDigits, 9);
        view.erase("reason");
      }
      d.body = json::serialize(view);
      break;
    }
  }
  auto now = std::chrono::steady_clock::now();
  d.due = now;
  d.due_at = Now();
  if (d.url.empty()) d.outcome = "not_configured";
  if (kind == FaultKind::kLost) d.outcome = "lost";
  if (kind == FaultKind::kDelay) {
    d.due = now + std::chrono::milliseconds(pay.fault->Param("ms"));
    d.due_at += pay.fault->Param("ms") / 1000;
  }
  if (kind == FaultKind::kReorder) {
    d.held = true;
    d.due = now + std::chrono::milliseconds(pay.fault->Param("ms"));
  }
  const int64_t copies = kind == FaultKind::kDuplicate ? pay.fault->Param("times") : 1;
  for (int64_t i = 0; i < copies; ++i) out.push_back(d);
  return out;
}

void Simulator::Queue(std::vector<Delivery> deliveries) {
  for (auto& d : deliveries) {
    d.id = next_delivery_++;
    if (d.outcome == "lost" || d.outcome == "not_configured")
      log::Info("callback not sent",
                {{"provider", ProviderName(d.provider)}, {"reference", d.reference}, {"outcome", d.outcome}});
    else
      pending_.insert(d.id);
    deliveries_.push_back(std::move(d));
  }
  cv_.notify_all();
}

Simulator::Delivery* Simulator::FindDelivery(uint64_t id) {
  if (id < first_delivery_ || id - first_delivery_ >= deliveries_.size()) return nullptr;  // forgotten by a reset
  return &deliveries_[id - first_delivery_];
}

void Simulator::SendNow(std::vector<Delivery> deliveries) {
  std::vector<Delivery> to_send;
  {
    std::lock_guard lock(mu_);
    for (auto& d : deliveries) {
      d.id = next_delivery_++;
      if (d.outcome == "pending") {
        d.in_flight = true;
        pending_.insert(d.id);
        to_send.push_back(d);
      }
      deliveries_.push_back(std::move(d));
    }
  }
  for (const auto& d : to_send) Record(d.id, poster_(d.url, d.content_type, d.headers, d.body));
}

void Simulator::Record(uint64_t id, const PostResult& r) {
  std::lock_guard lock(mu_);
  Delivery* d = FindDelivery(id);
  if (!d) return;
  d->in_flight = false;
  d->sent_at = Now();
  d->status = r.status;
  d->error = r.error;
  d->outcome = r.status == 0 ? "error" : (r.status >= 200 && r.status < 300 ? "delivered" : "rejected");
  pending_.erase(id);
  log::Line(d->outcome == "delivered" ? "info" : "warn", "callback sent",
            {{"provider", ProviderName(d->provider)},
             {"reference", d->reference},
             {"event", d->event},
             {"outcome", d->outcome},
             {"fault", d->fault},
             {"error", d->error}},
            {{"status", static_cast<double>(d->status)}});
  // reorder: callbacks of other payments held for this one may go now.
  for (uint64_t other_id : pending_) {
    Delivery* other = FindDelivery(other_id);
    if (other && other->held && other->seq != d->seq) {
      other->held = false;
      other->due = std::chrono::steady_clock::now();
    }
  }
  cv_.notify_all();
}

void Simulator::SenderLoop() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    const auto now = std::chrono::steady_clock::now();
    auto next = now + std::chrono::seconds(1);
    // late_success timers
    for (size_t i = 0; i < timers_.size();) {
      if (timers_[i].due <= now) {
        Payment& pay = *payments_[timers_[i].seq - 1];
        timers_.erase(timers_.begin() + static_cast<long>(i));
        Succeed(pay);
        Queue(BuildCallbacks(pay, true));
      } else {
        next = std::min(next, timers_[i].due);
        ++i;
      }
    }
    Delivery* ready = nullptr;
    for (uint64_t id : pending_) {
      Delivery* d = FindDelivery(id);
      if (!d || d->in_flight) continue;
      if (d->due <= now) {
        ready = d;
        break;
      }
      next = std::min(next, d->due);
    }
    if (ready) {
      ready->in_flight = true;
      if (ready->held) ready->held = false;  // its hold timed out; it no longer waits
      const uint64_t id = ready->id;
      const std::string url = ready->url, type = ready->content_type, body = ready->body;
      const auto headers = ready->headers;
      lock.unlock();
      PostResult r = poster_(url, type, headers, body);
      Record(id, r);
      lock.lock();
      continue;
    }
    cv_.wait_until(lock, next);
  }
}

}  // namespace origine::paysim
