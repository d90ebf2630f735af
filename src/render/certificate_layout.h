// origine/render/certificate_layout.h — internal: the page layout of a
// certificate of origin (A4, French, goods table continued over as many pages
// as needed, the QR code on every page), drawn with cairo and pango. Used by
// RenderCertificatePdf (certificate_pdf.cc), which validates the view and owns
// the PDF surface.
// Not thread-safe per call's cairo context; reentrant otherwise.
#pragma once

#include <cairo.h>

#include "render/certificate_pdf.h"
#include "render/qr_image.h"

namespace origine::render::internal {

inline constexpr double kMm = 72.0 / 25.4;  // points per millimetre
inline constexpr double kPageW = 210 * kMm, kPageH = 297 * kMm;

// Draws every page of `view` on `cr` (a kPageW × kPageH surface in points),
// calling cairo_show_page after each. `view` must have passed validation and
// `qr` must be the encoding of its qr_text. Drawing errors are left in `cr`'s
// status for the caller to check.
void DrawCertificate(cairo_t* cr, const CertificateView& view, const QrMatrix& qr);

}  // namespace origine::render::internal
