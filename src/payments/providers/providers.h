// origine/payments/providers/providers.h — the adapter constructors (private
// to src/payments; callers use MakeProvider in provider.h).
#pragma once

#include <memory>

#include "core/clock.h"
#include "payments/provider.h"

namespace origine::payments::internal {

std::unique_ptr<PaymentProvider> MakeOrange(const ProviderConfig& c, HttpClient& http, const Clock& clock);
std::unique_ptr<PaymentProvider> MakeWave(const ProviderConfig& c, HttpClient& http, const Clock& clock);
std::unique_ptr<PaymentProvider> MakeCinetPay(const ProviderConfig& c, HttpClient& http, const Clock& clock);
std::unique_ptr<PaymentProvider> MakeMomo(const ProviderConfig& c, HttpClient& http, const Clock& clock);

}  // namespace origine::payments::internal
