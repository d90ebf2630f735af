// origine/payments/providers/providers.h — the adapter constructors (private
// to src/payments; callers use MakeProvider in provider.h).
#pragma once

#include <memory>

#include "payments/provider.h"

namespace origine::payments::internal {

std::unique_ptr<PaymentProvider> MakeOrange(const ProviderConfig& c, HttpClient& http);
std::unique_ptr<PaymentProvider> MakeWave(const ProviderConfig& c, HttpClient& http);
std::unique_ptr<PaymentProvider> MakeCinetPay(const ProviderConfig& c, HttpClient& http);
std::unique_ptr<PaymentProvider> MakeMomo(const ProviderConfig& c, HttpClient& http);

}  // namespace origine::payments::internal
