// origine/render/raii.h — internal: unique_ptr owners for cairo, pango,
// libqrencode and GLib objects, and a cairo write callback that appends to a
// std::string. Not part of the public API of origine_render.
#pragma once

#include <cairo.h>
#include <glib-object.h>
#include <qrencode.h>

#include <memory>
#include <string>

namespace origine::render::internal {

struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct CairoDeleter {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};
struct GObjectDeleter {
  void operator()(void* o) const { g_object_unref(o); }
};
struct QrCodeDeleter {
  void operator()(QRcode* q) const { QRcode_free(q); }
};

using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
using CairoPtr = std::unique_ptr<cairo_t, CairoDeleter>;
template <typename T>
using GObjectPtr = std::unique_ptr<T, GObjectDeleter>;  // PangoLayout, PangoContext...
using QrCodePtr = std::unique_ptr<QRcode, QrCodeDeleter>;

// cairo_write_func_t appending to the std::string passed as closure.
inline cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  auto* out = static_cast<std::string*>(closure);
  try {
    out->append(reinterpret_cast<const char*>(data), length);
  } catch (...) {
    return CAIRO_STATUS_NO_MEMORY;
  }
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace origine::render::internal
