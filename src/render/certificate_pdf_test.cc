#include "render/certificate_pdf.h"

#include <gtest/gtest.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>

#include <memory>
#include <regex>
#include <thread>

#include "render/qr_decode.h"
#include "render/test_util.h"

namespace origine::render {
namespace {

using testing::Base45Text;
using testing::HaveTool;
using testing::RunCapture;
using testing::TempDir;
using testing::WriteFile;

CertificateView SampleView(size_t lines) {
  CertificateView v;
  v.number = "ML-ETLS-2026-000001";
  v.regime_code = "ETLS";
  v.regime_title = "Certificat d'origine — Schéma de libéralisation des échanges de la CEDEAO";
  v.issuer_name = "Agence pour la promotion des exportations du Mali (APEX-Mali)";
  v.issuer_country = "Mali";
  v.issued_on = "27/11/2026";
  v.expires_on = "26/05/2027";
  v.exporter_name = "Société Malienne des Oléagineux (SOMAO) SA";
  v.exporter_address = "Zone industrielle de Sotuba, rue 810, porte 45, BP 2201, Bamako, Mali";
  v.exporter_nif = "084123456P";
  v.exporter_rccm = "MA.BKO.2019.B.4521";
  v.consignee_name = "Société Ivoirienne — Côte d'Ivoire, Sésame décortiqué";
  v.consignee_address = "Boulevard de Marseille, Treichville, 01 BP 1234 Abidjan 01";
  v.consignee_country = "Côte d'Ivoire";
  v.origin_country = "Mali";
  v.destination_country = "Côte d'Ivoire";
  v.transport = "Routier — camion immatriculé AB-1234-MD";
  v.invoice_reference = "FAC-2026-0917 du 20/11/2026";
  v.signatory_name = "Aminata Traoré, Directrice des opérations";
  v.qr_text = Base45Text(520);
  v.document_sha256_hex = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  for (size_t i = 0; i < lines; ++i) {
    CertificateView::Line l;
    l.hs_code = "1207.40.00";
    l.description = lines == 1 ? "Sésame décortiqué, qualité export, en sacs de 50 kg"
                               : "Sésame décortiqué blanc, qualité export, récolte 2026, triés et nettoyés "
                                 "mécaniquement, taux d'humidité inférieur à 6 %, conditionnés en sacs de "
                                 "jute de 50 kg marqués « Origine Mali », lot n° " +
                                     std::to_string(1000 + i);
    l.quantity = "400";
    l.unit = "sacs";
    l.gross_weight_kg = "20 400";
    l.net_weight_kg = "20 000";
    l.value_xof = "18 500 000";
    v.goods.push_back(l);
  }
  return v;
}

std::string Normalize(const std::string& s) {  // collapse whitespace runs (text extraction wraps lines)
  return std::regex_replace(s, std::regex("\\s+"), " ");
}

std::string PageText(const poppler::document& doc, int i) {
  std::unique_ptr<poppler::page> page(doc.create_page(i));
  // Content-stream order: each pango layout comes out whole (boxes side by side
  // would interleave in physical order).
  poppler::byte_array utf8 = page->text(poppler::rectf(), poppler::page::raw_order_layout).to_utf8();
  return Normalize(std::string(utf8.begin(), utf8.end()));
}

std::unique_ptr<poppler::document> Load(const std::string& pdf) {
  return std::unique_ptr<poppler::document>(
      poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
}

// Independent decoder: poppler-utils' pdftoppm at 150 dpi, then zbar.
void ExpectZbarReads(const std::string& pdf, int page, const std::string& expected) {
  if (!HaveTool("pdftoppm") || !HaveTool("zbarimg")) {
    GTEST_SKIP() << "pdftoppm or zbarimg not installed (apt-get install poppler-utils zbar-tools)";
  }
  TempDir dir;
  WriteFile(dir.File("c.pdf"), pdf);
  const std::string p = std::to_string(page);
  std::string out;
  ASSERT_TRUE(RunCapture(
      "pdftoppm -r 150 -png -f " + p + " -l " + p + " -singlefile " + dir.File("c.pdf") + " " + dir.File("page"),
      &out));
  ASSERT_TRUE(RunCapture("zbarimg --raw -q " + dir.File("page.png") + " 2>/dev/null", &out)) << "zbarimg found no code";
  while (!out.empty() && out.back() == '\n') out.pop_back();
  EXPECT_EQ(out, expected);
}

const char* const kLabels[] = {
    "Exportateur",
    "Destinataire",
    "Pays d'origine",
    "Pays de destination",
    "Moyen de transport",
    "Facture",
    "Désignation des marchandises",
    "Code SH",
    "Quantité",
    "Poids brut (kg)",
    "Poids net (kg)",
    "Valeur (FCFA)",
    "Délivré le",
    "Valable jusqu'au",
    "Signataire",
    "Vérifier : scannez le code QR ou rendez-vous sur /verify",
};

TEST(CertificatePdf, OneLineCertificateIsOnePageWithLabelsAccentsAndQr) {
  const CertificateView v = SampleView(1);
  Result<std::string> pdf = RenderCertificatePdf(v);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  ASSERT_EQ(pdf->substr(0, 5), "%PDF-");
  WriteFile("/tmp/origine_certificate_sample.pdf", *pdf);

  auto doc = Load(*pdf);
  ASSERT_TRUE(doc);
  EXPECT_EQ(doc->pages(), 1);
  poppler::byte_array title = doc->get_title().to_utf8();
  EXPECT_EQ(std::string(title.begin(), title.end()), v.number);

  const std::string text = PageText(*doc, 0);
  for (const char* label : kLabels) EXPECT_NE(text.find(label), std::string::npos) << label;
  for (const char* s : {"Société Ivoirienne — Côte d'Ivoire, Sésame décortiqué", "Sésame décortiqué",
                        "ML-ETLS-2026-000001", "Page 1 / 1", "APEX-Mali", "18 500 000", "27/11/2026"}) {
    EXPECT_NE(text.find(s), std::string::npos) << s << "\n in: " << text;
  }
  std::vector<std::string> fonts;
  for (const poppler::font_info& f : doc->fonts()) fonts.push_back(f.name());
  ASSERT_FALSE(fonts.empty());
  for (const std::string& f : fonts) EXPECT_NE(f.find("DejaVuSans"), std::string::npos) << f;

  Result<std::string> qr = DecodeQrFromPdf(*pdf);
  ASSERT_TRUE(qr.ok()) << qr.error().message;
  EXPECT_EQ(*qr, v.qr_text);
  ExpectZbarReads(*pdf, 1, v.qr_text);
}

TEST(CertificatePdf, SixtyLongLinesContinueOnSeveralPages) {
  const CertificateView v = SampleView(60);
  Result<std::string> pdf = RenderCertificatePdf(v);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  ASSERT_EQ(pdf->substr(0, 5), "%PDF-");
  WriteFile("/tmp/origine_certificate_sample_60.pdf", *pdf);

  auto doc = Load(*pdf);
  ASSERT_TRUE(doc);
  const int n = doc->pages();
  EXPECT_GT(n, 1);
  std::string all;
  for (int i = 0; i < n; ++i) {
    const std::string text = PageText(*doc, i);
    EXPECT_NE(text.find("ML-ETLS-2026-000001"), std::string::npos) << "page " << i + 1;
    EXPECT_NE(text.find("Page " + std::to_string(i + 1) + " / " + std::to_string(n)), std::string::npos);
    EXPECT_NE(text.find("Désignation des marchandises"), std::string::npos) << "page " << i + 1;
    EXPECT_NE(text.find("Vérifier : scannez le code QR"), std::string::npos) << "page " << i + 1;
    all += text;
  }
  for (int lot = 1000; lot < 1060; ++lot) {  // every line made it, none truncated
    EXPECT_NE(all.find("lot n° " + std::to_string(lot)), std::string::npos) << lot;
  }
  EXPECT_NE(all.find("Fin de la liste — 60 lignes de marchandises."), std::string::npos);

  Result<std::string> qr = DecodeQrFromPdf(*pdf);
  ASSERT_TRUE(qr.ok()) << qr.error().message;
  EXPECT_EQ(*qr, v.qr_text);
  ExpectZbarReads(*pdf, n, v.qr_text);  // the QR is on the last page too
}

TEST(CertificatePdf, SameInputSameBytesAndFileDecode) {
  const CertificateView v = SampleView(3);
  Result<std::string> a = RenderCertificatePdf(v), b = RenderCertificatePdf(v);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, *b);
  TempDir dir;
  WriteFile(dir.File("c.pdf"), *a);
  Result<std::string> qr = DecodeQrFromFile(dir.File("c.pdf"));
  ASSERT_TRUE(qr.ok()) << qr.error().message;
  EXPECT_EQ(*qr, v.qr_text);
}

TEST(CertificatePdf, ExtremeTextStillRenders) {
  CertificateView v = SampleView(2);
  v.exporter_address = std::string(3000, 'x');
  v.goods[0].description.assign(20000, 'y');
  v.regime_title = "";
  v.goods.push_back({});  // every field empty
  Result<std::string> pdf = RenderCertificatePdf(v);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  Result<std::string> qr = DecodeQrFromPdf(*pdf);
  ASSERT_TRUE(qr.ok()) << qr.error().message;
  EXPECT_EQ(*qr, v.qr_text);

  CertificateView none = SampleView(0);
  Result<std::string> empty_goods = RenderCertificatePdf(none);
  ASSERT_TRUE(empty_goods.ok());
  EXPECT_EQ(Load(*empty_goods)->pages(), 1);
}

TEST(CertificatePdf, LongestRealisticQrStillDecodesAt150Dpi) {
  CertificateView v = SampleView(1);
  v.qr_text = Base45Text(1100, 9);  // module shrinks below 0.5 mm once the QR reaches 48 mm
  Result<std::string> pdf = RenderCertificatePdf(v);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  Result<std::string> qr = DecodeQrFromPdf(*pdf);
  ASSERT_TRUE(qr.ok()) << qr.error().message;
  EXPECT_EQ(*qr, v.qr_text);
  ExpectZbarReads(*pdf, 1, v.qr_text);
}

TEST(CertificatePdf, ConcurrentRendersGiveIdenticalBytes) {
  const CertificateView v = SampleView(8);
  std::vector<std::string> out(4);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < out.size(); ++i) {
    threads.emplace_back([&, i] {
      Result<std::string> r = RenderCertificatePdf(v);
      if (r.ok()) out[i] = *std::move(r);
    });
  }
  for (std::thread& t : threads) t.join();
  ASSERT_FALSE(out[0].empty());
  for (const std::string& pdf : out) EXPECT_EQ(pdf, out[0]);
}

TEST(CertificatePdf, RejectsInvalidViews) {
  CertificateView v = SampleView(1);
  v.number.clear();
  v.goods[0].description = "bad \xff utf-8";
  Result<std::string> r = RenderCertificatePdf(v);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r, testkit::IsError("render.invalid"));
  ASSERT_EQ(r.error().fields.size(), 2u);
  EXPECT_EQ(r.error().fields[0].field, "number");
  EXPECT_EQ(r.error().fields[0].code, "render.required");
  EXPECT_EQ(r.error().fields[1].field, "goods/0/description");
  EXPECT_EQ(r.error().fields[1].code, "render.utf8");

  CertificateView long_qr = SampleView(1);
  long_qr.qr_text = std::string(5000, 'q');
  Result<std::string> q = RenderCertificatePdf(long_qr);
  ASSERT_FALSE(q.ok());
  EXPECT_EQ(q.error().fields.at(0).field, "qr_text");
  EXPECT_EQ(q.error().fields.at(0).code, "qr.text");
}

}  // namespace
}  // namespace origine::render
