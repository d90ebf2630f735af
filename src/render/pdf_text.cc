#include "render/pdf_text.h"

#include <memory>

namespace origine::render::internal {
namespace {

struct FontDescriptionDeleter {
  void operator()(PangoFontDescription* d) const { pango_font_description_free(d); }
};
struct FontOptionsDeleter {
  void operator()(cairo_font_options_t* o) const { cairo_font_options_destroy(o); }
};
struct AttrListDeleter {
  void operator()(PangoAttrList* l) const { pango_attr_list_unref(l); }
};

}  // namespace

TextContext::TextContext(cairo_t* cr) : cr_(cr), context_(pango_cairo_create_context(cr)) {
  // Vector output: no hinting, unrounded metrics, so layout is resolution-independent.
  std::unique_ptr<cairo_font_options_t, FontOptionsDeleter> options(cairo_font_options_create());
  cairo_font_options_set_hint_style(options.get(), CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(options.get(), CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options(context_.get(), options.get());
  pango_context_set_round_glyph_positions(context_.get(), FALSE);
}

TextBlock::TextBlock(const TextContext& ctx, std::string_view text, double width, const TextStyle& style)
    : cr_(ctx.cr()), layout_(pango_layout_new(ctx.pango())), color_(style.color) {
  std::unique_ptr<PangoFontDescription, FontDescriptionDeleter> font(pango_font_description_new());
  pango_font_description_set_family(font.get(), style.mono ? "DejaVu Sans Mono" : "DejaVu Sans");
  pango_font_description_set_weight(font.get(), style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style(font.get(), style.italic ? PANGO_STYLE_OBLIQUE : PANGO_STYLE_NORMAL);
  pango_font_description_set_absolute_size(font.get(), style.size_pt * PANGO_SCALE);
  PangoLayout* l = layout_.get();
  pango_layout_set_font_description(l, font.get());
  pango_layout_set_width(l, static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(l, style.char_wrap ? PANGO_WRAP_CHAR : PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(l, style.align);
  if (style.max_lines > 0) {
    pango_layout_set_height(l, -style.max_lines);
    pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
  }
  if (style.letter_spacing_pt > 0) {
    std::unique_ptr<PangoAttrList, AttrListDeleter> attrs(pango_attr_list_new());
    pango_attr_list_insert(attrs.get(),
                           pango_attr_letter_spacing_new(static_cast<int>(style.letter_spacing_pt * PANGO_SCALE)));
    pango_layout_set_attributes(l, attrs.get());
  }
  // Plain text, never markup: certificate fields are user data.
  pango_layout_set_text(l, text.empty() ? "" : text.data(), static_cast<int>(text.size()));
  PangoRectangle logical;
  pango_layout_get_extents(l, nullptr, &logical);
  height_ = static_cast<double>(logical.height) / PANGO_SCALE;
  width_ = static_cast<double>(logical.width) / PANGO_SCALE;
}

void TextBlock::Draw(double x, double y) const {
  cairo_save(cr_);
  cairo_set_source_rgb(cr_, color_.r, color_.g, color_.b);
  cairo_move_to(cr_, x, y);
  pango_cairo_show_layout(cr_, layout_.get());
  cairo_restore(cr_);
}

}  // namespace origine::render::internal
