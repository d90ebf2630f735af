// `origine cert list|qr|pdf`: issued certificates, for operators.
#include <iostream>

#include "app/cli/cli.h"
#include "app/cli/commands.h"

namespace origine::app::cli {

int RunCertList(const Config& config) {
  return WithPlatform(config, [](Platform& p) {
    auto numbers = p.certificates->AllNumbers();
    if (!numbers) return Fail(numbers.error());
    for (const auto& n : *numbers) std::cout << n << "\n";
    return 0;
  });
}

int RunCertQr(const Config& config, const CertQrOptions& options) {
  return WithPlatform(config, [&options](Platform& p) {
    auto text = p.certificates->QrText(options.number);
    if (!text) return Fail(text.error());
    std::cout << *text << "\n";
    return 0;
  });
}

int RunCertPdf(const Config& config, const CertPdfOptions& options) {
  return WithPlatform(config, [&options](Platform& p) {
    auto bytes = p.certificates->PdfForOperator(options.number);
    if (!bytes) return Fail(bytes.error());
    Status st = WriteOutput(options.output, *bytes);
    return st ? 0 : Fail(st.error());
  });
}

}  // namespace origine::app::cli
