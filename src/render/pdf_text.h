// origine/render/pdf_text.h — internal: pango text blocks measured and drawn on
// a cairo context in points (1 user unit = 1 pt on the PDF surface).
// A TextContext is bound to one cairo context and must not outlive it.
// Not thread-safe per object; create one per render call.
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include <string_view>

#include "render/raii.h"

namespace origine::render::internal {

struct Rgb {
  double r = 0, g = 0, b = 0;
};

struct TextStyle {
  double size_pt = 9;
  bool bold = false;
  bool italic = false;
  bool mono = false;  // "DejaVu Sans Mono" instead of "DejaVu Sans"
  PangoAlignment align = PANGO_ALIGN_LEFT;
  bool char_wrap = false;  // wrap anywhere (hashes); default wraps at words
  int max_lines = 0;       // > 0: ellipsize after that many lines
  double letter_spacing_pt = 0;
  Rgb color;
};

class TextContext {
 public:
  explicit TextContext(cairo_t* cr);
  cairo_t* cr() const { return cr_; }
  PangoContext* pango() const { return context_.get(); }

 private:
  cairo_t* cr_;
  GObjectPtr<PangoContext> context_;
};

// A paragraph laid out in a box `width` points wide (word wrap).
class TextBlock {
 public:
  TextBlock(const TextContext& ctx, std::string_view text, double width, const TextStyle& style);
  double height() const { return height_; }
  double width() const { return width_; }  // of the widest line
  void Draw(double x, double y) const;     // top-left corner of the box

 private:
  cairo_t* cr_;
  GObjectPtr<PangoLayout> layout_;
  Rgb color_;
  double height_ = 0, width_ = 0;
};

}  // namespace origine::render::internal
