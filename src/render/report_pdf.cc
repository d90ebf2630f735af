#include "render/report_pdf.h"

#include <cairo-pdf.h>
#include <glib.h>

#include "render/pdf_text.h"
#include "render/raii.h"

namespace origine::render {
namespace {

using internal::Rgb;
using internal::TextBlock;
using internal::TextContext;
using internal::TextStyle;

constexpr double kMm = 72.0 / 25.4;
constexpr double kPageW = 210 * kMm, kPageH = 297 * kMm;
constexpr double kMargin = 15 * kMm;
constexpr double kW = kPageW - 2 * kMargin;
constexpr double kFooter = 12 * kMm;
constexpr Rgb kInk{0.10, 0.11, 0.13};
constexpr Rgb kNavy{0.05, 0.20, 0.38};
constexpr Rgb kGrey{0.36, 0.39, 0.43};
constexpr Rgb kShade{0.925, 0.945, 0.965};
constexpr size_t kMaxRows = 20000;

TextStyle Style(double size, Rgb color = kInk, bool bold = false, PangoAlignment align = PANGO_ALIGN_LEFT) {
  TextStyle s;
  s.size_pt = size;
  s.color = color;
  s.bold = bold;
  s.align = align;
  return s;
}

Status Validate(const ReportView& v) {
  if (v.title.empty())
    return Error::Invalid("render.invalid"_code, "a report needs a title",
                          {{"title", "render.required"_code, "is required"}});
  auto utf8 = [](const std::string& s) { return g_utf8_validate(s.data(), static_cast<gssize>(s.size()), nullptr); };
  std::vector<const std::string*> all = {&v.issuer_name, &v.title, &v.number, &v.created, &v.note};
  for (const auto& [k, val] : v.fields) {
    all.push_back(&k);
    all.push_back(&val);
  }
  size_t rows = 0;
  for (const auto& t : v.tables) {
    all.push_back(&t.caption);
    for (const auto& c : t.columns) all.push_back(&c);
    for (const auto& r : t.rows) {
      if (r.size() != t.columns.size())
        return Error::Invalid("render.invalid"_code, "a table row has the wrong number of cells",
                              {{"tables", "render.row_size"_code, "row size"}});
      for (const auto& c : r) all.push_back(&c);
    }
    rows += t.rows.size();
  }
  if (rows > kMaxRows)
    return Error::Invalid(
        "render.invalid"_code, "too many table rows",
        {{"tables", "render.too_many_rows"_code, "at most 20000 rows", {{"max", std::to_string(kMaxRows)}}}});
  for (const auto* s : all)
    if (!utf8(*s))
      return Error::Invalid("render.invalid"_code, "text is not UTF-8", {{"text", "render.utf8"_code, "not UTF-8"}});
  return {};
}

class Writer {
 public:
  Writer(cairo_t* cr, const ReportView& v) : cr_(cr), text_(cr), v_(v) {}

  int Draw() {
    NewPage();
    for (const auto& [label, value] : v_.fields) {
      TextBlock l(text_, label, 60 * kMm, Style(9, kGrey));
      TextBlock val(text_, value, kW - 62 * kMm, Style(10, kInk, true));
      double h = std::max(l.height(), val.height()) + 4;
      Room(h);
      l.Draw(kMargin, y_);
      val.Draw(kMargin + 62 * kMm, y_);
      y_ += h;
    }
    for (const auto& t : v_.tables) Table(t);
    if (!v_.note.empty()) {
      TextBlock n(text_, v_.note, kW, Style(8, kGrey));
      Room(n.height() + 8);
      y_ += 8;
      n.Draw(kMargin, y_);
      y_ += n.height();
    }
    return pages_;
  }

 private:
  void NewPage() {
    if (pages_ > 0) {
      Footer();
      cairo_show_page(cr_);
    }
    ++pages_;
    y_ = kMargin;
    TextBlock issuer(text_, v_.issuer_name, kW * 0.65, Style(9, kNavy, true));
    issuer.Draw(kMargin, y_);
    if (!v_.number.empty()) {
      TextBlock num(text_, v_.number, kW * 0.35, Style(10, kInk, true, PANGO_ALIGN_RIGHT));
      num.Draw(kMargin + kW * 0.65, y_);
    }
    y_ += issuer.height() + 6;
    TextBlock title(text_, v_.title, kW, Style(16, kNavy, true));
    title.Draw(kMargin, y_);
    y_ += title.height() + 2;
    if (!v_.created.empty()) {
      TextBlock c(text_, v_.created, kW, Style(8.5, kGrey));
      c.Draw(kMargin, y_);
      y_ += c.height();
    }
    y_ += 4;
    cairo_set_source_rgb(cr_, kNavy.r, kNavy.g, kNavy.b);
    cairo_set_line_width(cr_, 1.2);
    cairo_move_to(cr_, kMargin, y_);
    cairo_line_to(cr_, kMargin + kW, y_);
    cairo_stroke(cr_);
    y_ += 10;
  }

  void Footer() {
    TextBlock f(text_, v_.title + (v_.number.empty() ? "" : " " + v_.number) + " — page " + std::to_string(pages_), kW,
                Style(7.5, kGrey, false, PANGO_ALIGN_CENTER));
    f.Draw(kMargin, kPageH - kFooter);
  }

  void Room(double h) {
    if (y_ + h > kPageH - kFooter - 6) NewPage();
  }

  void Table(const ReportTable& t) {
    if (t.columns.empty()) return;
    const double col = kW / static_cast<double>(t.columns.size());
    auto align = [&](size_t i) {
      return i < t.right_aligned.size() && t.right_aligned[i] ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
    };
    auto header = [&] {
      double h = 0;
      std::vector<TextBlock> cells;
      for (size_t i = 0; i < t.columns.size(); ++i) {
        cells.emplace_back(text_, t.columns[i], col - 4, Style(8, kNavy, true, align(i)));
        h = std::max(h, cells.back().height());
      }
      cairo_set_source_rgb(cr_, kShade.r, kShade.g, kShade.b);
      cairo_rectangle(cr_, kMargin, y_, kW, h + 4);
      cairo_fill(cr_);
      for (size_t i = 0; i < cells.size(); ++i) cells[i].Draw(kMargin + col * static_cast<double>(i) + 2, y_ + 2);
      y_ += h + 5;
    };
    y_ += 6;
    if (!t.caption.empty()) {
      TextBlock c(text_, t.caption, kW, Style(11, kNavy, true));
      Room(c.height() + 30);
      c.Draw(kMargin, y_);
      y_ += c.height() + 4;
    }
    Room(30);
    header();
    for (const auto& r : t.rows) {
      std::vector<TextBlock> cells;
      double h = 0;
      for (size_t i = 0; i < r.size(); ++i) {
        cells.emplace_back(text_, r[i], col - 4, Style(8.5, kInk, false, align(i)));
        h = std::max(h, cells.back().height());
      }
      if (y_ + h + 3 > kPageH - kFooter - 6) {
        NewPage();
        header();
      }
      for (size_t i = 0; i < cells.size(); ++i) cells[i].Draw(kMargin + col * static_cast<double>(i) + 2, y_);
      y_ += h + 3;
    }
  }

 public:
  void Finish() { Footer(); }

 private:
  cairo_t* cr_;
  TextContext text_;
  const ReportView& v_;
  int pages_ = 0;
  double y_ = 0;
};

}  // namespace

Result<std::string> RenderReportPdf(const ReportView& v) {
  RETURN_IF_ERROR(Validate(v));
  std::string pdf;
  internal::SurfacePtr surface(cairo_pdf_surface_create_for_stream(internal::AppendToString, &pdf, kPageW, kPageH));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
    return Error::Internal("cannot create the PDF surface");
  const std::string title = v.number.empty() ? v.title : v.title + " " + v.number;
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_AUTHOR, v.issuer_name.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Origine");
  {
    internal::CairoPtr cr(cairo_create(surface.get()));
    Writer w(cr.get(), v);
    w.Draw();
    w.Finish();
    cairo_show_page(cr.get());
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS)
      return Error::Internal(std::string("PDF drawing failed: ") + cairo_status_to_string(cairo_status(cr.get())));
  }
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) return Error::Internal("PDF output failed");
  return pdf;
}

}  // namespace origine::render
