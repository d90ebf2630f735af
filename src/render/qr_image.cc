#include "render/qr_image.h"

#include <cerrno>
#include <cstring>

#include "render/raii.h"

namespace origine::render {

using internal::QrCodePtr;

Result<QrMatrix> EncodeQr(std::string_view text) {
  if (text.empty()) return Error::Invalid("qr.text"_code, "QR text is empty");
  if (text.find('\0') != std::string_view::npos) return Error::Invalid("qr.text"_code, "QR text contains a NUL byte");
  const std::string copy(text);  // libqrencode wants a NUL-terminated string
  errno = 0;
  QrCodePtr code(QRcode_encodeString(copy.c_str(), /*version=*/0, QR_ECLEVEL_Q, QR_MODE_8,
                                     /*casesensitive=*/1));
  if (!code) {
    if (errno == ERANGE) {
      return Error::Invalid("qr.text"_code, "QR text is too long (" + std::to_string(text.size()) +
                                                " bytes) for a QR code at error-correction level Q");
    }
    if (errno == EINVAL) return Error::Invalid("qr.text"_code, "QR text cannot be encoded");
    return Error::Internal(std::string("QR encoding failed: ") + std::strerror(errno));
  }
  QrMatrix m;
  m.width = code->width;
  const size_t n = static_cast<size_t>(code->width) * code->width;
  m.modules.resize(n);
  for (size_t i = 0; i < n; ++i) m.modules[i] = code->data[i] & 1;  // bit 0 = dark
  return m;
}

Result<std::string> QrPng(std::string_view text, int module_px) {
  if (module_px < 1 || module_px > 32)
    return Error::Invalid("qr_image.module"_code, "module_px must be between 1 and 32");
  ASSIGN_OR_RETURN(QrMatrix m, EncodeQr(text));
  constexpr int kQuiet = 4;
  const int side = (m.width + 2 * kQuiet) * module_px;
  internal::SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, side, side));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return Error::Internal("cannot create the QR image surface");
  }
  {
    internal::CairoPtr cr(cairo_create(surface.get()));
    cairo_set_antialias(cr.get(), CAIRO_ANTIALIAS_NONE);
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    cairo_set_source_rgb(cr.get(), 0, 0, 0);
    for (int y = 0; y < m.width; ++y) {
      for (int x = 0; x < m.width; ++x) {
        if (m.dark(x, y)) {
          cairo_rectangle(cr.get(), (x + kQuiet) * module_px, (y + kQuiet) * module_px, module_px, module_px);
        }
      }
    }
    cairo_fill(cr.get());
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) return Error::Internal("cannot draw the QR image");
  }
  std::string png;
  if (cairo_surface_write_to_png_stream(surface.get(), internal::AppendToString, &png) != CAIRO_STATUS_SUCCESS) {
    return Error::Internal("cannot encode the QR image as PNG");
  }
  return png;
}

}  // namespace origine::render
