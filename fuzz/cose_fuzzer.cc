// libFuzzer target: COSE_Sign1 parsing and ES256 verification with a fixed
// P-256 key. Properties: never crashes; nothing a fuzzer makes up verifies
// (it would be a forgery) unless it carries a signature from the seeds.
#include <cstdint>
#include <cstdlib>

#include "fuzz/fixed_trust.h"
#include "trust/cose.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto msg = origine::trust::ParseSign1({data, size});
  if (!msg) return 0;
  (void)origine::trust::SigStructure(msg->protected_bstr, {}, msg->payload);
  for (const auto& spki : origine::fuzz::FixedSpkis()) (void)origine::trust::VerifySign1Es256(*msg, spki);
  return 0;
}
