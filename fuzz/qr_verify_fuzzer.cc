// libFuzzer target: the whole offline verification path, VerifyQrText, with
// a fixed trust list (the demo signer of fuzz/trust_list.json) at a fixed
// time inside its validity, through the parsed TrustStore (the server's path).
// Properties: never crashes; "valid" always comes with claims; every other
// outcome has a reason; "revoked" never happens (no signer of the fixed list
// is revoked).
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "fuzz/fixed_trust.h"
#include "trust/verify.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto outcome = origine::trust::VerifyQrText(text, origine::fuzz::FixedTrustStore(), origine::fuzz::kFixedNow);
  if (outcome.status == origine::trust::VerifyStatus::kValid && !outcome.claims) std::abort();
  if (outcome.status != origine::trust::VerifyStatus::kValid && outcome.reason.empty()) std::abort();
  if (outcome.status == origine::trust::VerifyStatus::kRevoked || outcome.signer_revocation) std::abort();
  return 0;
}
