#include "app/demo_payments.h"

#include <chrono>
#include <thread>

#include "app/platform.h"
#include "core/log.h"
#include "payments/crypto.h"

namespace origine::app {
namespace {

const RequestMeta kDemoMeta{"demo-seed", "", "origine demo seed"};

bool Open(const std::string& state) {
  auto s = payments::ParseState(state);
  return s && payments::IsOpen(*s);
}

}  // namespace

Result<DemoPayment> PayThroughProvider(payments::PaymentService& pay, const Principal& payer, int64_t application_id,
                                       const std::string& provider,
                                       const std::function<Status(const std::string& reference)>& act, int wait_ms) {
  bool replayed = false;
  ASSIGN_OR_RETURN(boost::json::object created,
                   pay.CreateIntent(payer, application_id, provider, provider == "momo" ? "22376000000" : "", "",
                                    kDemoMeta, &replayed));
  DemoPayment out{std::string(created["reference"].as_string()), std::string(created["state"].as_string())};
  if (!Open(out.state)) return out;  // refused at initiation
  // The payer pays; a refusal here (e.g. no longer open) is seen by the status query.
  if (Status st = act(out.reference); !st)
    log::Warn("demo payment: the payer's action failed", {{"reference", out.reference}, {"error", st.error().message}});
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(wait_ms);
  for (;;) {
    // Due now, as the exporter's "check" asks; then the worker's own step.
    RETURN_IF_ERROR(pay.Check(payer, out.reference));
    RETURN_IF_ERROR(pay.PollDue(20));
    ASSIGN_OR_RETURN(boost::json::object intent, pay.GetIntent(payer, out.reference));
    out.state = std::string(intent["state"].as_string());
    if (!Open(out.state) || std::chrono::steady_clock::now() >= deadline) return out;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

Status RecordDemoPayment(payments::PaymentService& pay, int64_t application_id, const std::string& provider) {
  RETURN_IF_ERROR(pay.RecordExternalPayment(application_id, provider, "DEMO-" + payments::NewUuid().substr(0, 8),
                                            {"demo", "", "origine demo seed"}));
  return {};
}

Status DemoPayer::Pay(const Principal& exporter, int64_t application_id, const std::string& provider) {
  std::string why;
  const std::string base = Simulator(provider, &why);
  for (int attempt = 0; !base.empty() && attempt < 3; ++attempt) {
    auto act = [&](const std::string& reference) -> Status {
      payments::HttpRequest req;
      req.method = "POST";
      req.url = base;
      req.url.append("/_control/payments/").append(provider).append("/").append(reference).append("/complete");
      req.headers = {{"Content-Type", "application/json"}};
      req.body = R"({"outcome":"success"})";
      ASSIGN_OR_RETURN(payments::HttpResponse res, p_.http->Send(req));
      if (res.status != 200)
        return Error::Unavailable("provider.unavailable"_code, "the simulator answered " + std::to_string(res.status));
      return {};
    };
    auto paid = PayThroughProvider(*p_.payments, exporter, application_id, provider, act, 15000);
    if (!paid) {
      why = "l'intention de paiement n'a pas pu être créée (" + paid.error().message + ")";
      break;
    }
    if (paid->state == "succeeded") {
      ++real_;
      return {};
    }
    why = "le simulateur n'a pas confirmé le paiement " + paid->reference + " (" + paid->state + ")";
    log::Warn("demo payment not confirmed by the simulator", {{"reference", paid->reference}, {"state", paid->state}});
    // Still open (e.g. stuck at the provider): another intent would be refused.
    if (paid->state == "pending" || paid->state == "unknown" || paid->state == "initiating") break;
  }
  RETURN_IF_ERROR(RecordDemoPayment(*p_.payments, application_id, provider));
  ++recorded_;
  reasons_.insert(why);
  return {};
}

std::string DemoPayer::Summary() const {
  std::string out;
  if (real_ > 0)
    out += "Paiements de démonstration : " + std::to_string(real_) +
           " payé(s) à travers le simulateur de prestataires (intention, paiement, confirmation) ; "
           "le rapprochement de ses relevés les trouve.\n";
  if (recorded_ > 0) {
    out += "ATTENTION : " + std::to_string(recorded_) +
           " paiement(s) de démonstration enregistré(s) SANS prestataire (transaction DEMO-…), car ";
    bool first = true;
    for (const auto& r : reasons_) {
      out += (first ? "" : " ; ") + r;
      first = false;
    }
    out +=
        ". Un rapprochement les listera « absents chez le prestataire ». Démarrez origine-paysim "
        "avant le serveur (make run le fait) sur une base neuve pour des paiements réels.\n";
  }
  return out;
}

std::string DemoPayer::Simulator(const std::string& provider, std::string* why) {
  if (!p_.payments->provider(provider)) {
    *why = "aucun prestataire « " + provider + " » n'est configuré";
    return "";
  }
  std::string base = SimulatorBaseFor(p_.config, provider);
  if (base.empty()) {
    *why = "le prestataire « " + provider + " » est réel (seul le simulateur peut être payé par la démonstration)";
    return "";
  }
  if (!reachable_.count(base)) {
    // `make run` starts the simulator beside the server: give it a few seconds.
    bool ok = false;
    for (int i = 0; i < 25 && !ok; ++i) {
      auto res = p_.http->Send({"GET", base + "/_control/health", {}, "", 2000});
      ok = res && res->status == 200;
      if (!ok) std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    reachable_[base] = ok;
    if (!ok) log::Warn("payment simulator not reachable: demo payments recorded without a provider", {{"url", base}});
  }
  if (!reachable_[base]) {
    *why = "le simulateur de prestataires ne répond pas sur " + base;
    return "";
  }
  return base;
}

}  // namespace origine::app
