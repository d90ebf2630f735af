// libFuzzer target: strict CBOR claims decoding (docs/formats/qr-payload.md).
// Properties: never crashes; decoded claims re-encode canonically and decode
// back to the same value (encode ∘ decode is a fixed point).
#include <cstdint>
#include <cstdlib>

#include "trust/claims.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto claims = origine::trust::DecodeClaims({data, size});
  if (!claims) return 0;
  const origine::trust::Bytes encoded = origine::trust::EncodeClaims(*claims);
  auto again = origine::trust::DecodeClaims(encoded);
  if (!again || !(*again == *claims)) std::abort();
  if (origine::trust::EncodeClaims(*again) != encoded) std::abort();
  return 0;
}
