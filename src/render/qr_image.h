// origine/render/qr_image.h — QR codes for certificates (libqrencode).
//
// Both functions encode with error-correction level Q and libqrencode's
// case-sensitive mode, so Base45 text ("CO1:...") is packed in alphanumeric mode.
// Thread-safe: no shared state (libqrencode is reentrant; cairo surfaces are
// per call). Failures: kInvalidArgument for empty text, text containing a NUL
// byte, text too long for a version-40 Q symbol, or module_px out of [1, 32];
// kInternal if libqrencode or cairo fail otherwise (e.g. out of memory).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace origine::render {

// The module grid of a QR symbol, without quiet zone.
struct QrMatrix {
  int width = 0;                 // modules per side (21..177)
  std::vector<uint8_t> modules;  // width*width, row-major, 1 = dark
  bool dark(int x, int y) const { return modules[static_cast<size_t>(y) * width + x] != 0; }
};

// Encodes `text`. Capacity at level Q (version 40): 2420 Base45/alphanumeric
// characters or 1663 arbitrary bytes; the smallest fitting version is chosen.
Result<QrMatrix> EncodeQr(std::string_view text);

// PNG bytes (black on white, RGB) of the QR for `text`, each
// module `module_px` pixels, with the standard 4-module quiet zone.
Result<std::string> QrPng(std::string_view text, int module_px = 4);

}  // namespace origine::render
