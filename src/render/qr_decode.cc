#define ZX_USE_UTF8 1  // ZXing 1.4: Result::text() returns UTF-8 std::string

#include "render/qr_decode.h"

#include <ZXing/ReadBarcode.h>
#include <cairo.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "render/raii.h"

namespace origine::render {
namespace {

constexpr std::string_view kPngSignature("\x89PNG\r\n\x1a\n", 8);
constexpr std::string_view kPdfSignature("%PDF-", 5);
constexpr uint32_t kMaxPngSide = 10000;
constexpr double kMaxPagePixels = 60e6;
constexpr int kMaxPdfPages = 50;

// Decodes the first QR code in a greyscale image; nullopt when none is found.
std::optional<std::string> DecodeLuminance(const uint8_t* data, int width, int height, int row_stride) {
  ZXing::ImageView view(data, width, height, ZXing::ImageFormat::Lum, row_stride);
  ZXing::DecodeHints hints;
  hints.setFormats(ZXing::BarcodeFormat::QRCode);
  hints.setTryHarder(true);
  hints.setTryRotate(true);
  ZXing::Result r = ZXing::ReadBarcode(view, hints);
  if (!r.isValid()) return std::nullopt;
  return r.text();
}

uint32_t ReadBigEndian32(std::string_view s, size_t at) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + at;
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}

struct PngReader {
  std::string_view data;
  size_t pos = 0;
  static cairo_status_t Read(void* closure, unsigned char* out, unsigned int length) {
    auto* self = static_cast<PngReader*>(closure);
    if (self->data.size() - self->pos < length) return CAIRO_STATUS_READ_ERROR;
    std::memcpy(out, self->data.data() + self->pos, length);
    self->pos += length;
    return CAIRO_STATUS_SUCCESS;
  }
};

// Greyscale copy of a cairo image surface, transparency composited over white.
Result<std::vector<uint8_t>> ToLuminance(cairo_surface_t* s, int w, int h) {
  const cairo_format_t format = cairo_image_surface_get_format(s);
  const int stride = cairo_image_surface_get_stride(s);
  const unsigned char* base = cairo_image_surface_get_data(s);
  if (base == nullptr) return Error::Internal("decoded PNG has no pixel data");
  std::vector<uint8_t> lum(static_cast<size_t>(w) * h);
  for (int y = 0; y < h; ++y) {
    const unsigned char* row = base + static_cast<size_t>(y) * stride;
    uint8_t* out = lum.data() + static_cast<size_t>(y) * w;
    switch (format) {
      case CAIRO_FORMAT_ARGB32:
      case CAIRO_FORMAT_RGB24:
        for (int x = 0; x < w; ++x) {
          uint32_t p;
          std::memcpy(&p, row + static_cast<size_t>(x) * 4, 4);  // native-endian, premultiplied alpha
          const unsigned a = format == CAIRO_FORMAT_ARGB32 ? (p >> 24) : 255;
          const unsigned r = ((p >> 16) & 0xff) + 255 - a;
          const unsigned g = ((p >> 8) & 0xff) + 255 - a;
          const unsigned b = (p & 0xff) + 255 - a;
          out[x] = ZXing::RGBToLum(std::min(r, 255u), std::min(g, 255u), std::min(b, 255u));
        }
        break;
      case CAIRO_FORMAT_A8:
        for (int x = 0; x < w; ++x) out[x] = static_cast<uint8_t>(255 - row[x]);
        break;
      default:
        return Error::Invalid("qr_image.format"_code, "unsupported PNG pixel format");
    }
  }
  return lum;
}

}  // namespace

Result<std::string> DecodeQrFromPng(std::string_view png) {
  if (png.empty()) return Error::Invalid("qr_image.format"_code, "the image is empty");
  if (png.size() > kMaxDecodeInputBytes) {
    return Error::TooLarge("upload.too_large"_code, "the image is larger than 20 MiB").With("max_mib", "20");
  }
  if (png.size() < 33 || png.substr(0, 8) != kPngSignature || png.substr(12, 4) != "IHDR") {
    return Error::Invalid("qr_image.format"_code, "the data is not a PNG image");
  }
  const uint32_t w = ReadBigEndian32(png, 16), h = ReadBigEndian32(png, 20);
  if (w == 0 || h == 0 || w > kMaxPngSide || h > kMaxPngSide) {
    return Error::Invalid("qr_image.format"_code, "the PNG image dimensions are invalid or larger than 10000 pixels");
  }
  PngReader reader{png};
  internal::SurfacePtr surface(cairo_image_surface_create_from_png_stream(PngReader::Read, &reader));
  const cairo_status_t status = cairo_surface_status(surface.get());
  if (status == CAIRO_STATUS_NO_MEMORY) return Error::Internal("out of memory decoding the PNG image");
  if (status != CAIRO_STATUS_SUCCESS) return Error::Invalid("qr_image.format"_code, "the PNG image is corrupt");
  cairo_surface_flush(surface.get());
  const int width = cairo_image_surface_get_width(surface.get());
  const int height = cairo_image_surface_get_height(surface.get());
  ASSIGN_OR_RETURN(std::vector<uint8_t> lum, ToLuminance(surface.get(), width, height));
  std::optional<std::string> text = DecodeLuminance(lum.data(), width, height, width);
  if (!text) return Error::NotFound("qr_image.no_code"_code, "no QR code found in the image");
  return *std::move(text);
}

Result<std::string> DecodeQrFromPdf(std::string_view pdf, int dpi) {
  if (dpi < 50 || dpi > 600) return Error::Invalid("qr_image.dpi"_code, "dpi must be between 50 and 600");
  if (pdf.empty()) return Error::Invalid("qr_pdf.format"_code, "the PDF is empty");
  if (pdf.size() > kMaxDecodeInputBytes) {
    return Error::TooLarge("upload.too_large"_code, "the PDF is larger than 20 MiB").With("max_mib", "20");
  }
  if (pdf.substr(0, kPdfSignature.size()) != kPdfSignature)
    return Error::Invalid("qr_pdf.format"_code, "the data is not a PDF");
  static std::once_flag quiet;  // poppler prints parse errors of bad uploads to stderr otherwise
  std::call_once(quiet, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
  if (!doc) return Error::Invalid("qr_pdf.format"_code, "the PDF is corrupt or cannot be opened");
  if (doc->is_locked()) return Error::Invalid("qr_pdf.locked"_code, "the PDF is password-protected");
  const int pages = std::min(doc->pages(), kMaxPdfPages);
  if (pages <= 0) return Error::Invalid("qr_pdf.format"_code, "the PDF has no pages");

  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  for (int i = 0; i < pages; ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) continue;
    const poppler::rectf box = page->page_rect();
    for (int res : {dpi, std::min(2 * dpi, 600)}) {
      const double pixels = box.width() * res / 72.0 * box.height() * res / 72.0;
      if (!(pixels > 0) || pixels > kMaxPagePixels) break;
      poppler::image img = renderer.render_page(page.get(), res, res);
      if (!img.is_valid() || img.format() != poppler::image::format_gray8) break;
      std::optional<std::string> text = DecodeLuminance(reinterpret_cast<const uint8_t*>(img.const_data()), img.width(),
                                                        img.height(), img.bytes_per_row());
      if (text) return *std::move(text);
      if (res == 600) break;
    }
  }
  return Error::NotFound("qr_image.no_code"_code, "no QR code found in the PDF");
}

Result<std::string> DecodeQrFromFile(const std::string& path) {
  std::error_code ec;
  const auto st = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(st))
    return Error::NotFound("file.not_found"_code, "file not found: " + path).With("path", path);
  if (!std::filesystem::is_regular_file(st))
    return Error::Invalid("file.unreadable"_code, "not a regular file: " + path).With("path", path);
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return Error::Invalid("file.unreadable"_code, "cannot read the file: " + path).With("path", path);
  if (size > kMaxDecodeInputBytes) {
    return Error::TooLarge("upload.too_large"_code, "the file is larger than 20 MiB").With("max_mib", "20");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Invalid("file.unreadable"_code, "cannot read the file: " + path).With("path", path);
  std::string bytes(static_cast<size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (in.gcount() != static_cast<std::streamsize>(bytes.size())) {
    return Error::Invalid("file.unreadable"_code, "cannot read the file: " + path).With("path", path);
  }
  const std::string_view view(bytes);
  if (view.substr(0, kPdfSignature.size()) == kPdfSignature) return DecodeQrFromPdf(view);
  if (view.substr(0, kPngSignature.size()) == kPngSignature) return DecodeQrFromPng(view);
  return Error::Unsupported("upload.type"_code, "the file is neither a PDF nor a PNG image");
}

}  // namespace origine::render
