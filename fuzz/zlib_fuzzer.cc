// libFuzzer target: capped zlib inflation (one complete stream, no trailing
// bytes, output cap). Properties: never crashes, never returns more than the
// cap; our compressor's output always inflates back to its input.
#include <cstdint>
#include <cstdlib>

#include "trust/deflate.h"
#include "trust/verify.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  for (size_t cap : {size_t{0}, size_t{64}, origine::trust::kMaxCoseSize}) {
    auto out = origine::trust::ZlibDecompress({data, size}, cap);
    if (out && out->size() > cap) std::abort();
  }
  if (size <= 4096) {
    const origine::trust::Bytes packed = origine::trust::ZlibCompress({data, size});
    auto back = origine::trust::ZlibDecompress(packed, 4096);
    if (!back || *back != origine::trust::Bytes(data, data + size)) std::abort();
  }
  return 0;
}
