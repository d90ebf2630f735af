#include "render/certificate_layout.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "render/pdf_text.h"

namespace origine::render::internal {
namespace {

constexpr double kMargin = 13 * kMm;
constexpr double kW = kPageW - 2 * kMargin;  // content width
constexpr double kPad = 4.5;                 // inner padding of a box
constexpr double kGap = 7;                   // vertical gap between blocks
constexpr double kQrMinSide = 38 * kMm, kQrMaxSide = 48 * kMm, kQrModule = 0.5 * kMm;
constexpr int kQrQuietModules = 4;

constexpr Rgb kInk{0.10, 0.11, 0.13};
constexpr Rgb kNavy{0.05, 0.20, 0.38};
constexpr Rgb kGrey{0.36, 0.39, 0.43};
constexpr Rgb kRule{0.30, 0.34, 0.40};
constexpr Rgb kShade{0.925, 0.945, 0.965};
constexpr Rgb kWhite{1, 1, 1};

// Goods table columns; the description column takes the remaining width.
struct Column {
  const char* label;
  double width;
  PangoAlignment align;
};
constexpr std::array<Column, 7> kColumnsTemplate{{
    {"N°", 18, PANGO_ALIGN_CENTER},
    {"Code SH", 64, PANGO_ALIGN_LEFT},
    {"Désignation des marchandises", 0, PANGO_ALIGN_LEFT},
    {"Quantité", 56, PANGO_ALIGN_RIGHT},
    {"Poids brut (kg)", 50, PANGO_ALIGN_RIGHT},
    {"Poids net (kg)", 50, PANGO_ALIGN_RIGHT},
    {"Valeur (FCFA)", 62, PANGO_ALIGN_RIGHT},
}};
constexpr int kDescColumn = 2;

std::array<Column, 7> Columns() {
  std::array<Column, 7> cols = kColumnsTemplate;
  double fixed = 0;
  for (const Column& c : cols) fixed += c.width;
  cols[kDescColumn].width = kW - fixed;
  return cols;
}

TextStyle Style(double size, Rgb color = kInk, bool bold = false) {
  TextStyle s;
  s.size_pt = size;
  s.color = color;
  s.bold = bold;
  return s;
}

void SetColor(cairo_t* cr, Rgb c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

void FillRect(cairo_t* cr, double x, double y, double w, double h, Rgb c) {
  SetColor(cr, c);
  cairo_rectangle(cr, x, y, w, h);
  cairo_fill(cr);
}

void StrokeRect(cairo_t* cr, double x, double y, double w, double h, double line, Rgb c) {
  SetColor(cr, c);
  cairo_set_line_width(cr, line);
  cairo_rectangle(cr, x, y, w, h);
  cairo_stroke(cr);
}

void Line(cairo_t* cr, double x0, double y0, double x1, double y1, double line, Rgb c) {
  SetColor(cr, c);
  cairo_set_line_width(cr, line);
  cairo_move_to(cr, x0, y0);
  cairo_line_to(cr, x1, y1);
  cairo_stroke(cr);
}

// Draws one certificate. Every section function returns its height and draws
// only when `draw` is true, so the same code measures and paints.
class Renderer {
 public:
  Renderer(cairo_t* cr, const CertificateView& v, const QrMatrix& qr)
      : cr_(cr), text_(cr), v_(v), qr_(qr), cols_(Columns()) {
    module_ = std::clamp(kQrModule * qr.width, kQrMinSide, kQrMaxSide) / qr.width;
  }

  struct Page {
    size_t first = 0, end = 0;  // goods lines [first, end)
    bool closing = false;       // ends with the "fin de la liste" line
  };

  std::vector<Page> Paginate() {
    const double bottom = BottomTop() - kGap;
    const double closing_h = ClosingRow(0, true, false);
    std::vector<Page> pages;
    Page page;
    double y = TableTop(true) + ColumnHeader(0, false);
    for (size_t i = 0; i < v_.goods.size(); ++i) {
      const double row = GoodsRow(i, 0, false);
      const double needed = row + closing_h;               // room for "fin de la liste" or "suite…"
      if (y + needed > bottom && page.end > page.first) {  // a row never splits across pages
        pages.push_back(page);
        page = Page{i, i, false};
        y = TableTop(false) + ColumnHeader(0, false);
      }
      y += row;
      page.end = i + 1;
    }
    page.closing = true;
    pages.push_back(page);
    return pages;
  }

  void DrawPage(const Page& page, int index, int count) {
    const bool first = index == 0;
    StrokeRect(cr_, kMargin - 6, kMargin - 6, kW + 12, kPageH - 2 * kMargin + 12, 0.8, kNavy);
    const double table_top = first ? FirstPageTop(true) : ContinuationTop(true);
    double y = table_top + ColumnHeader(table_top, true);
    for (size_t i = page.first; i < page.end; ++i) {
      if (i > page.first) Line(cr_, kMargin, y, kMargin + kW, y, 0.4, Rgb{0.6, 0.63, 0.67});
      y += GoodsRow(i, y, true);
    }
    // Column rules down to the last goods line.
    double x = kMargin;
    for (size_t c = 0; c + 1 < cols_.size(); ++c) {
      x += cols_[c].width;
      Line(cr_, x, table_top, x, y, 0.5, kRule);
    }
    // The table frame fills the page down to the certification block; on the
    // last page the unused space is struck through so no line can be added.
    const double table_bottom = BottomTop() - kGap;
    if (page.end > page.first) Line(cr_, kMargin, y, kMargin + kW, y, 0.9, kRule);
    y += ClosingRow(y, page.closing, true);
    if (page.closing && table_bottom - y > 12) {
      Line(cr_, kMargin + kW - 6, y + 3, kMargin + 6, table_bottom - 3, 0.6, kGrey);
    }
    StrokeRect(cr_, kMargin, table_top, kW, table_bottom - table_top, 0.9, kRule);
    Bottom(BottomTop(), true);
    Footer(index, count);
  }

 private:
  // ---- page 1 -------------------------------------------------------------
  double FirstPageTop(bool draw) {
    double y = kMargin;
    y += Header(y, draw) + kGap;
    y += TitleBand(y, draw) + kGap;
    y += PartiesRow(y, draw);
    y += FactsRow(y, draw) + kGap;
    y += SectionBand(y, "Marchandises", draw);
    return y;
  }

  double Header(double y, bool draw) {
    const double left_w = kW * 0.58;
    TextStyle country = Style(8, kGrey, true);
    country.letter_spacing_pt = 1.2;
    char* upper = g_utf8_strup(v_.issuer_country.c_str(), static_cast<gssize>(v_.issuer_country.size()));
    TextBlock c(text_, upper, left_w, country);
    g_free(upper);
    TextStyle name_style = Style(11.5, kNavy, true);
    name_style.max_lines = 3;
    TextBlock name(text_, v_.issuer_name, left_w, name_style);
    TextBlock sub(text_, "Autorité de délivrance des certificats d'origine", left_w, Style(7.5, kGrey));
    const double left_h = c.height() + 2 + name.height() + 2 + sub.height();
    const double box_h = NumberBox(y, draw);
    if (draw) {
      const double ly = y + std::max(0.0, (box_h - left_h) / 2);
      c.Draw(kMargin, ly);
      name.Draw(kMargin, ly + c.height() + 2);
      sub.Draw(kMargin, ly + c.height() + 2 + name.height() + 2);
    }
    return std::max(left_h, box_h);
  }

  // The framed certificate number at the top right of every page.
  double NumberBox(double y, bool draw) {
    const double w = kW * 0.38, x = kMargin + kW - w;
    TextBlock label(text_, "Certificat N°", w - 2 * kPad, Style(7, kGrey));
    TextStyle num_style = Style(12.5, kNavy, true);
    num_style.mono = true;
    num_style.max_lines = 2;
    TextBlock num(text_, v_.number, w - 2 * kPad, num_style);
    TextBlock regime(text_, "Régime : " + v_.regime_code, w - 2 * kPad, Style(8, kInk));
    const double h = kPad + label.height() + 1 + num.height() + 2 + regime.height() + kPad;
    if (draw) {
      FillRect(cr_, x, y, w, h, kShade);
      StrokeRect(cr_, x, y, w, h, 1.2, kNavy);
      label.Draw(x + kPad, y + kPad);
      num.Draw(x + kPad, y + kPad + label.height() + 1);
      regime.Draw(x + kPad, y + kPad + label.height() + 1 + num.height() + 2);
    }
    return h;
  }

  double TitleBand(double y, bool draw) {
    TextStyle s = Style(12.5, kWhite, true);
    s.align = PANGO_ALIGN_CENTER;
    s.max_lines = 3;
    TextBlock title(text_, v_.regime_title, kW - 4 * kPad, s);
    const double h = title.height() + 2 * 6;
    if (draw) {
      FillRect(cr_, kMargin, y, kW, h, kNavy);
      title.Draw(kMargin + 2 * kPad, y + 6);
    }
    return h;
  }

  // A framed cell: a small numbered label, then stacked text blocks.
  double Cell(double x, double y, double w, double h, int number, const char* label, const std::vector<TextBlock>& body,
              bool draw) {
    TextBlock head(text_, std::to_string(number) + ".  " + label, w - 2 * kPad, Style(7, kNavy, true));
    double needed = 3 + head.height() + 2;
    for (const TextBlock& b : body) needed += b.height() + 1;
    needed += kPad - 1;
    if (draw) {
      StrokeRect(cr_, x, y, w, h, 0.8, kRule);
      head.Draw(x + kPad, y + 3);
      double by = y + 3 + head.height() + 2;
      for (const TextBlock& b : body) {
        b.Draw(x + kPad, by);
        by += b.height() + 1;
      }
    }
    return needed;
  }

  std::vector<TextBlock> Party(double w, const std::string& name, const std::string& address,
                               const std::string& extra) {
    TextStyle n = Style(9.5, kInk, true);
    n.max_lines = 2;
    TextStyle a = Style(8.5);
    a.max_lines = 4;
    TextStyle e = Style(8, kGrey);
    e.max_lines = 2;
    std::vector<TextBlock> body;
    body.emplace_back(text_, name, w, n);
    body.emplace_back(text_, address, w, a);
    if (!extra.empty()) body.emplace_back(text_, extra, w, e);
    return body;
  }

  double PartiesRow(double y, bool draw) {
    const double w = kW / 2, inner = w - 2 * kPad;
    std::string ids = "NIF : " + v_.exporter_nif + "    RCCM : " + v_.exporter_rccm;
    auto exporter = Party(inner, v_.exporter_name, v_.exporter_address, ids);
    auto consignee = Party(inner, v_.consignee_name, v_.consignee_address, v_.consignee_country);
    const double h = std::max(Cell(kMargin, y, w, 0, 1, "Exportateur", exporter, false),
                              Cell(kMargin + w, y, w, 0, 2, "Destinataire", consignee, false));
    if (draw) {
      Cell(kMargin, y, w, h, 1, "Exportateur", exporter, true);
      Cell(kMargin + w, y, w, h, 2, "Destinataire", consignee, true);
    }
    return h;
  }

  double FactsRow(double y, bool draw) {
    const double w = kW / 4, inner = w - 2 * kPad;
    const std::pair<const char*, const std::string*> facts[] = {
        {"Pays d'origine", &v_.origin_country},
        {"Pays de destination", &v_.destination_country},
        {"Moyen de transport", &v_.transport},
        {"Facture", &v_.invoice_reference},
    };
    TextStyle s = Style(9, kInk, true);
    s.max_lines = 3;
    double h = 0;
    std::vector<std::vector<TextBlock>> bodies;
    for (const auto& [label, value] : facts) {
      bodies.emplace_back();
      bodies.back().emplace_back(text_, *value, inner, s);
    }
    for (int i = 0; i < 4; ++i) {
      h = std::max(h, Cell(kMargin + i * w, y, w, 0, 3 + i, facts[i].first, bodies[i], false));
    }
    if (draw) {
      for (int i = 0; i < 4; ++i) Cell(kMargin + i * w, y, w, h, 3 + i, facts[i].first, bodies[i], true);
    }
    return h;
  }

  double SectionBand(double y, const std::string& title, bool draw) {
    TextBlock t(text_, "7.  " + title, kW - 2 * kPad, Style(7.5, kWhite, true));
    const double h = t.height() + 6;
    if (draw) {
      FillRect(cr_, kMargin, y, kW, h, kNavy);
      t.Draw(kMargin + kPad, y + 3);
    }
    return h;
  }

  // ---- continuation pages ---------------------------------------------------
  double ContinuationTop(bool draw) {
    double y = kMargin;
    const double left_w = kW * 0.58;
    TextStyle n = Style(10, kNavy, true);
    n.max_lines = 2;
    TextStyle t = Style(8, kGrey);
    t.max_lines = 2;
    TextBlock name(text_, v_.issuer_name, left_w, n);
    TextBlock title(text_, v_.regime_title, left_w, t);
    const double box_h = NumberBox(y, draw);
    if (draw) {
      name.Draw(kMargin, y);
      title.Draw(kMargin, y + name.height() + 2);
    }
    y += std::max(box_h, name.height() + 2 + title.height()) + kGap;
    y += SectionBand(y, "Marchandises (suite)", draw);
    return y;
  }

  double TableTop(bool first) { return first ? FirstPageTop(false) : ContinuationTop(false); }

  // ---- goods table ----------------------------------------------------------
  double ColumnHeader(double y, bool draw) {
    double h = 0, x = kMargin;
    std::vector<TextBlock> cells;
    for (const Column& c : cols_) {
      TextStyle s = Style(7, kNavy, true);
      s.align = c.align;
      cells.emplace_back(text_, c.label, c.width - 6, s);
      h = std::max(h, cells.back().height());
    }
    h += 8;
    if (draw) {
      FillRect(cr_, kMargin, y, kW, h, kShade);
      Line(cr_, kMargin, y + h, kMargin + kW, y + h, 0.9, kRule);
      for (size_t i = 0; i < cols_.size(); ++i) {
        cells[i].Draw(x + 3, y + h - 4 - cells[i].height());
        x += cols_[i].width;
      }
    }
    return h;
  }

  double GoodsRow(size_t index, double y, bool draw) {
    const CertificateView::Line& l = v_.goods[index];
    const std::string qty = l.unit.empty() ? l.quantity : l.quantity + " " + l.unit;
    const std::string values[] = {std::to_string(index + 1), l.hs_code,       l.description, qty,
                                  l.gross_weight_kg,         l.net_weight_kg, l.value_xof};
    std::vector<TextBlock> cells;
    double h = 0;
    for (size_t i = 0; i < cols_.size(); ++i) {
      TextStyle s = Style(i == 1 ? 7.5 : 8);
      s.align = cols_[i].align;
      s.max_lines = i == kDescColumn ? 20 : 3;
      cells.emplace_back(text_, values[i], cols_[i].width - 6, s);
      h = std::max(h, cells.back().height());
    }
    h += 7;
    if (draw) {
      if (index % 2 == 1) FillRect(cr_, kMargin, y, kW, h, Rgb{0.975, 0.98, 0.985});
      double x = kMargin;
      for (size_t i = 0; i < cols_.size(); ++i) {
        cells[i].Draw(x + 3, y + 3.5);
        x += cols_[i].width;
      }
    }
    return h;
  }

  // The line under the goods of a page: the end of the list, or "continued".
  double ClosingRow(double y, bool last, bool draw) {
    TextStyle s = Style(7, kGrey);
    s.italic = true;
    s.align = PANGO_ALIGN_CENTER;
    const size_t n = v_.goods.size();
    std::string text = !last    ? "Suite de la liste à la page suivante."
                       : n == 0 ? "Aucune marchandise déclarée."
                                : "Fin de la liste — " + std::to_string(n) +
                                      (n == 1 ? " ligne de marchandises." : " lignes de marchandises.");
    TextBlock t(text_, text, kW - 2 * kPad, s);
    const double h = t.height() + 7;
    if (draw) t.Draw(kMargin + kPad, y + 3.5);
    return h;
  }

  // ---- certification, QR and footer (every page) ----------------------------
  double QrSide() const { return module_ * qr_.width; }
  double QrBoxWidth() const { return std::max(QrSide() + 2 * kQrQuietModules * module_ + 2 * kPad, 62 * kMm); }

  double Bottom(double y, bool draw) {
    const double qw = QrBoxWidth(), cw = kW - qw;
    const double h = std::max(Certification(kMargin, y, cw, 0, false), QrBox(kMargin + cw, y, qw, 0, false));
    if (draw) {
      Certification(kMargin, y, cw, h, true);
      QrBox(kMargin + cw, y, qw, h, true);
    }
    return h;
  }

  double BottomTop() { return kPageH - kMargin - FooterHeight() - 5 - Bottom(0, false); }

  double Certification(double x, double y, double w, double h, bool draw) {
    const double inner = w - 2 * kPad;
    std::vector<TextBlock> body;
    TextStyle para = Style(8);
    para.max_lines = 5;
    body.emplace_back(text_,
                      "L'autorité soussignée certifie que les marchandises désignées dans le présent "
                      "certificat sont originaires de : " +
                          v_.origin_country + ", conformément aux règles d'origine du régime " + v_.regime_code + ".",
                      inner, para);
    const double value = Cell(x, y, w, h, 8, "Certification", body, draw);
    // Key/value lines under the paragraph.
    const std::pair<const char*, const std::string*> rows[] = {
        {"Délivré le", &v_.issued_on},
        {"Valable jusqu'au", &v_.expires_on},
        {"Autorité", &v_.issuer_name},
        {"Signataire", &v_.signatory_name},
    };
    const double key_w = 30 * kMm;
    double ky = y + value + 3;
    for (const auto& [key, val] : rows) {
      TextBlock k(text_, key, key_w, Style(8, kGrey));
      TextStyle vs = Style(8.5, kInk, true);
      vs.max_lines = 2;
      TextBlock v(text_, *val, inner - key_w, vs);
      if (draw) {
        k.Draw(x + kPad, ky);
        v.Draw(x + kPad + key_w, ky);
      }
      ky += std::max(k.height(), v.height()) + 2;
    }
    TextStyle note = Style(7, kGrey);
    note.italic = true;
    TextBlock signed_note(text_,
                          "Document signé électroniquement : son authenticité se vérifie par le code QR "
                          "ci-contre.",
                          inner, note);
    if (draw) signed_note.Draw(x + kPad, ky + 4);
    ky += 4 + signed_note.height() + kPad;
    return ky - y;
  }

  double QrBox(double x, double y, double w, double h, bool draw) {
    const double inner = w - 2 * kPad;
    TextBlock head(text_, "9.  Vérification", inner, Style(7, kNavy, true));
    const double quiet = kQrQuietModules * module_;
    TextStyle cap = Style(7, kInk, true);
    cap.align = PANGO_ALIGN_CENTER;
    TextBlock caption(text_, "Vérifier : scannez le code QR\nou rendez-vous sur /verify", inner, cap);
    TextStyle hs = Style(5.5, kGrey);
    hs.mono = true;
    hs.char_wrap = true;
    hs.align = PANGO_ALIGN_CENTER;
    hs.max_lines = 3;
    TextBlock hash(text_, "SHA-256 " + v_.document_sha256_hex, inner, hs);
    const double qr_y = y + 3 + head.height();  // quiet zone starts here
    const double needed = 3 + head.height() + 2 * quiet + QrSide() + caption.height() + 2 + hash.height() + kPad;
    if (draw) {
      StrokeRect(cr_, x, y, w, h, 0.8, kRule);
      head.Draw(x + kPad, y + 3);
      const double qx = x + (w - QrSide()) / 2, qy = qr_y + quiet;
      FillRect(cr_, qx - quiet, qy - quiet, QrSide() + 2 * quiet, QrSide() + 2 * quiet, kWhite);
      SetColor(cr_, Rgb{0, 0, 0});
      for (int my = 0; my < qr_.width; ++my) {
        for (int mx = 0; mx < qr_.width; ++mx) {
          if (qr_.dark(mx, my)) cairo_rectangle(cr_, qx + mx * module_, qy + my * module_, module_, module_);
        }
      }
      // Adjacent squares share edges exactly; no antialiasing seams between them.
      cairo_save(cr_);
      cairo_set_antialias(cr_, CAIRO_ANTIALIAS_NONE);
      cairo_fill(cr_);
      cairo_restore(cr_);
      const double cy = qy + QrSide() + quiet;
      caption.Draw(x + kPad, cy);
      hash.Draw(x + kPad, cy + caption.height() + 2);
    }
    return needed;
  }

  double FooterHeight() { return TextBlock(text_, "Page", kW, Style(7)).height() + 4; }

  void Footer(int index, int count) {
    const double y = kPageH - kMargin - FooterHeight();
    Line(cr_, kMargin, y, kMargin + kW, y, 0.5, kRule);
    TextStyle left = Style(7, kGrey);
    left.max_lines = 1;
    TextBlock l(text_, "Certificat N° " + v_.number + " — " + v_.regime_code, kW * 0.7, left);
    TextStyle right = Style(7, kInk, true);
    right.align = PANGO_ALIGN_RIGHT;
    TextBlock r(text_, "Page " + std::to_string(index + 1) + " / " + std::to_string(count), kW * 0.3, right);
    l.Draw(kMargin, y + 4);
    r.Draw(kMargin + kW * 0.7, y + 4);
  }

  cairo_t* cr_;
  TextContext text_;
  const CertificateView& v_;
  const QrMatrix& qr_;
  std::array<Column, 7> cols_;
  double module_ = kQrModule;
};

}  // namespace

void DrawCertificate(cairo_t* cr, const CertificateView& view, const QrMatrix& qr) {
  Renderer renderer(cr, view, qr);
  const std::vector<Renderer::Page> pages = renderer.Paginate();
  for (size_t i = 0; i < pages.size(); ++i) {
    renderer.DrawPage(pages[i], static_cast<int>(i), static_cast<int>(pages.size()));
    cairo_show_page(cr);
  }
}

}  // namespace origine::render::internal
