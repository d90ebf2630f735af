#include <cairo.h>
#include <gtest/gtest.h>

#include <random>

#include "render/qr_decode.h"
#include "render/qr_image.h"
#include "render/test_util.h"

namespace origine::render {
namespace {

using testing::Base45Text;
using testing::TempDir;
using testing::WriteFile;

TEST(QrImage, PngRoundTripWith520CharBase45Text) {
  const std::string text = Base45Text(520);
  ASSERT_EQ(text.size(), 520u);
  Result<std::string> png = QrPng(text);
  ASSERT_TRUE(png.ok()) << png.error().message;
  EXPECT_EQ(png->substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  Result<std::string> decoded = DecodeQrFromPng(*png);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(*decoded, text);
}

TEST(QrImage, RoundTripAtSmallModuleSizeAndUtf8Text) {
  Result<std::string> png = QrPng("Société Ivoirienne — Côte d'Ivoire", 2);
  ASSERT_TRUE(png.ok()) << png.error().message;
  Result<std::string> decoded = DecodeQrFromPng(*png);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(*decoded, "Société Ivoirienne — Côte d'Ivoire");
}

TEST(QrImage, Base45UsesAlphanumericModeAndQuietZone) {
  const std::string text = Base45Text(520);
  Result<QrMatrix> upper = EncodeQr(text);
  ASSERT_TRUE(upper.ok());
  std::string lower = text;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  Result<QrMatrix> bytes = EncodeQr(lower);  // lowercase forces 8-bit mode
  ASSERT_TRUE(bytes.ok());
  EXPECT_LT(upper->width, bytes->width);
  EXPECT_EQ(upper->modules.size(), static_cast<size_t>(upper->width * upper->width));
  // PNG side = (width + 2*4 quiet modules) * module_px.
  Result<std::string> png = QrPng(text, 3);
  ASSERT_TRUE(png.ok());
  const auto* p = reinterpret_cast<const unsigned char*>(png->data());
  const int png_width = (p[16] << 24) | (p[17] << 16) | (p[18] << 8) | p[19];
  EXPECT_EQ(png_width, (upper->width + 8) * 3);
}

TEST(QrImage, RejectsBadInput) {
  EXPECT_THAT(QrPng(""), testkit::IsError("qr.text"));
  EXPECT_THAT(EncodeQr(""), testkit::IsError("qr.text"));
  EXPECT_THAT(EncodeQr(std::string("a\0b", 3)), testkit::IsError("qr.text"));
  Result<std::string> too_long = QrPng(std::string(5000, 'x'));
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_NE(too_long.error().message.find("too long"), std::string::npos);
  EXPECT_THAT(QrPng("CO1:ABC", 0), testkit::IsError("qr_image.module"));
  EXPECT_THAT(QrPng("CO1:ABC", 33), testkit::IsError("qr_image.module"));
}

std::string BlankPng() {
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 200, 120);
  cairo_t* cr = cairo_create(s);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_rectangle(cr, 20, 20, 60, 60);  // a black square, not a QR code
  cairo_fill(cr);
  cairo_destroy(cr);
  std::string png;
  cairo_surface_write_to_png_stream(
      s,
      [](void* c, const unsigned char* d, unsigned n) {
        static_cast<std::string*>(c)->append(reinterpret_cast<const char*>(d), n);
        return CAIRO_STATUS_SUCCESS;
      },
      &png);
  cairo_surface_destroy(s);
  return png;
}

TEST(QrDecode, ClearErrorsForBadPngInput) {
  Result<std::string> empty = DecodeQrFromPng("");
  ASSERT_FALSE(empty.ok());
  EXPECT_THAT(empty, testkit::IsError("qr_image.format"));
  EXPECT_EQ(empty.error().message, "the image is empty");

  std::mt19937 rng(7);
  std::string random(4096, '\0');
  for (char& c : random) c = static_cast<char>(rng());
  Result<std::string> garbage = DecodeQrFromPng(random);
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.error().message, "the data is not a PNG image");

  // A PNG signature followed by a truncated body.
  std::string truncated = QrPng("CO1:ABC").value().substr(0, 60);
  Result<std::string> corrupt = DecodeQrFromPng(truncated);
  ASSERT_FALSE(corrupt.ok());
  EXPECT_THAT(corrupt, testkit::IsError("qr_image.format"));
  EXPECT_EQ(corrupt.error().message, "the PNG image is corrupt");

  Result<std::string> blank = DecodeQrFromPng(BlankPng());
  ASSERT_FALSE(blank.ok());
  EXPECT_THAT(blank, testkit::IsError("qr_image.no_code"));
  EXPECT_EQ(blank.error().message, "no QR code found in the image");

  EXPECT_EQ(DecodeQrFromPng(std::string(kMaxDecodeInputBytes + 1, 'x')).error().kind, ErrorKind::kPayloadTooLarge);
}

TEST(QrDecode, ClearErrorsForBadPdfInput) {
  EXPECT_EQ(DecodeQrFromPdf("").error().message, "the PDF is empty");
  EXPECT_EQ(DecodeQrFromPdf("hello world").error().message, "the data is not a PDF");
  EXPECT_THAT(DecodeQrFromPdf("%PDF-1.5\ngarbage"), testkit::IsError("qr_pdf.format"));
  EXPECT_THAT(DecodeQrFromPdf("%PDF-1.5", 10), testkit::IsError("qr_image.dpi"));
  EXPECT_EQ(DecodeQrFromPdf("%PDF-1.5", 10).error().message, "dpi must be between 50 and 600");
}

TEST(QrDecode, FromFileSniffsTheFormat) {
  TempDir dir;
  EXPECT_THAT(DecodeQrFromFile(dir.File("missing.png")), testkit::IsError("file.not_found"));

  WriteFile(dir.File("note.txt"), "just some text");
  Result<std::string> txt = DecodeQrFromFile(dir.File("note.txt"));
  ASSERT_FALSE(txt.ok());
  EXPECT_EQ(txt.error().kind, ErrorKind::kUnsupportedMedia);
  EXPECT_EQ(txt.error().message, "the file is neither a PDF nor a PNG image");

  WriteFile(dir.File("empty.png"), "");
  EXPECT_EQ(DecodeQrFromFile(dir.File("empty.png")).error().kind, ErrorKind::kUnsupportedMedia);

  WriteFile(dir.File("blank.png"), BlankPng());
  EXPECT_EQ(DecodeQrFromFile(dir.File("blank.png")).error().kind, ErrorKind::kNotFound);

  EXPECT_THAT(DecodeQrFromFile(dir.File("")), testkit::IsError("file.unreadable"));  // a directory

  const std::string text = Base45Text(300, 3);
  WriteFile(dir.File("qr.png"), QrPng(text).value());
  Result<std::string> decoded = DecodeQrFromFile(dir.File("qr.png"));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(*decoded, text);
}

}  // namespace
}  // namespace origine::render
