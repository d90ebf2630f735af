// PaymentService: construction, the providers, the policy (service.h).
#include "payments/service.h"

#include "payments/service_internal.h"

namespace origine::payments {

PaymentService::PaymentService(storage::Db& db, const Clock& clock,
                               std::map<std::string, std::unique_ptr<PaymentProvider>> providers,
                               PaymentsOptions options)
    : db_(db), clock_(clock), providers_(std::move(providers)), options_(std::move(options)) {}

PaymentService::~PaymentService() { StopWorker(); }

void PaymentService::SetPublicUrl(const std::string& url) {
  std::lock_guard<std::mutex> g(url_mu_);
  options_.public_url = url;
}

std::string PaymentService::PublicUrl() {
  std::lock_guard<std::mutex> g(url_mu_);
  return options_.public_url;
}

SettlementPolicy PaymentService::Policy() const {
  return {options_.poll_initial_seconds, options_.poll_max_seconds, options_.late_window_seconds};
}

std::vector<std::string> PaymentService::EnabledProviders() const {
  std::vector<std::string> out;
  for (const auto& n : ProviderNames())
    if (providers_.count(n)) out.push_back(n);
  return out;
}

PaymentProvider* PaymentService::provider(const std::string& name) const {
  auto it = providers_.find(name);
  return it == providers_.end() ? nullptr : it->second.get();
}

std::string PaymentService::RefundMode(const std::string& provider_name) const {
  PaymentProvider* p = provider(provider_name);
  return p && p->HasRefundApi() ? "provider" : "manual";
}

namespace internal {

const char* ProviderLabel(const std::string& p) {
  if (p == "orange") return "Orange Money";
  if (p == "wave") return "Wave";
  if (p == "cinetpay") return "Moov Money (CinetPay)";
  if (p == "momo") return "MTN MoMo";
  return "";
}

std::string Money(int64_t xof) {
  std::string digits = std::to_string(xof < 0 ? -xof : xof), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += "\u202f";
    out += digits[i];
  }
  return (xof < 0 ? "-" : "") + out + " FCFA";
}

Result<int64_t> DayParam(const std::string& date, const std::string& field) {
  auto day = ParseDate(date);
  if (!day)
    return Error::Invalid("date.format"_code, field + " must be a real date YYYY-MM-DD",
                          {{field, "date.format"_code, "must be a date YYYY-MM-DD", {{"field", field}}}})
        .With("field", field);
  return *day;
}

}  // namespace internal
}  // namespace origine::payments
