// `origine cert list|qr|pdf`: issued certificates, for operators.
#include <iostream>
#include <memory>

#include "app/cli/commands.h"

namespace origine::app::cli {

void AddCertCommands(CLI::App& cli, Common& common, Commands& commands) {
  struct Values {
    std::string number, out_file;
  };
  auto v = std::make_shared<Values>();
  auto* cert = cli.add_subcommand("cert", "Issued certificates");
  cert->require_subcommand(1);
  auto* list = cert->add_subcommand("list", "Print issued certificate numbers, one a line");
  auto* qr = cert->add_subcommand("qr", "Print the QR text of a certificate");
  qr->add_option("number", v->number, "Certificate number")->required();
  auto* pdf = cert->add_subcommand("pdf", "Write the PDF of a certificate");
  pdf->add_option("number", v->number, "Certificate number")->required();
  pdf->add_option("-o,--output", v->out_file, "Output file")->required();
  for (auto* c : {list, qr, pdf}) {
    common.AddData(c);
    common.AddKeyPassphrase(c);
  }

  commands.push_back({list, [](const Config& config) {
                        return WithPlatform(config, [](Platform& p) {
                          auto numbers = p.certificates->AllNumbers();
                          if (!numbers) return Fail(numbers.error());
                          for (const auto& n : *numbers) std::cout << n << "\n";
                          return 0;
                        });
                      }});
  commands.push_back({qr, [v](const Config& config) {
                        return WithPlatform(config, [&v](Platform& p) {
                          auto text = p.certificates->QrText(v->number);
                          if (!text) return Fail(text.error());
                          std::cout << *text << "\n";
                          return 0;
                        });
                      }});
  commands.push_back({pdf, [v](const Config& config) {
                        return WithPlatform(config, [&v](Platform& p) {
                          auto bytes = p.certificates->PdfForOperator(v->number);
                          if (!bytes) return Fail(bytes.error());
                          Status st = WriteOutput(v->out_file, *bytes);
                          return st ? 0 : Fail(st.error());
                        });
                      }});
}

}  // namespace origine::app::cli
