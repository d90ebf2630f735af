// libFuzzer target: strict Base45 decoding (RFC 9285).
// Properties: never crashes; whatever decodes re-encodes to the same text
// (the strict decoder accepts exactly one spelling per byte string).
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "trust/base45.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto decoded = origine::trust::Base45Decode(text);
  if (decoded) {
    if (origine::trust::Base45Encode(*decoded) != text) std::abort();
  }
  // And the encoder on arbitrary bytes: must round-trip.
  const std::string encoded = origine::trust::Base45Encode({data, size});
  auto back = origine::trust::Base45Decode(encoded);
  if (!back || *back != origine::trust::Bytes(data, data + size)) std::abort();
  return 0;
}
