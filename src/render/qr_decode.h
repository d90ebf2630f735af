// origine/render/qr_decode.h — read the QR code of a certificate back from a
// PNG image or a PDF (verification by upload; tests of the renderer).
//
// Decoding uses ZXing-cpp restricted to QR codes; PDFs are rasterised with
// poppler-cpp. Returns the text of the first QR code found (pages in order).
// Thread-safe: no shared state of ours (poppler and ZXing objects are per call).
// The first PDF decode installs a silent poppler error handler (process-wide)
// so malformed uploads do not spam stderr.
// Failures:
//   kInvalidArgument  empty input, not a PNG/PDF, corrupt or encrypted file,
//                     image or page too large to rasterise, bad dpi;
//   kNotFound         the document is valid but holds no readable QR code;
//   kPayloadTooLarge  input over kMaxDecodeInputBytes;
//   kInternal         out of memory or other unexpected library failure.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.h"

namespace origine::render {

inline constexpr size_t kMaxDecodeInputBytes = size_t{20} * 1024 * 1024;  // 20 MiB

// `png_bytes` must be a PNG (at most 10000 x 10000 pixels; transparency is
// composited over white).
Result<std::string> DecodeQrFromPng(std::string_view png_bytes);

// Rasterises each page (at most the first 50) at `dpi` (50..600) and returns the
// first QR found; a page where nothing is found at `dpi` is retried at twice the
// resolution (capped at 600) before moving on.
Result<std::string> DecodeQrFromPdf(std::string_view pdf_bytes, int dpi = 150);

// Reads the file at `path` (at most kMaxDecodeInputBytes) and dispatches on its
// signature: "%PDF-" → DecodeQrFromPdf, PNG signature → DecodeQrFromPng.
// Also kNotFound when the file does not exist, kInvalidArgument when it is not a
// regular file or cannot be read, kUnsupportedMedia when it is neither PDF nor PNG.
Result<std::string> DecodeQrFromFile(const std::string& path);

}  // namespace origine::render
