// `origine`: the server and the operator commands.
//   origine serve [--listen HOST:PORT] [--data DIR] [--demo] [--config FILE] [--web-root DIR]
//   origine migrate --data DIR
//   origine demo seed --data DIR
//   origine cert list|qr|pdf --data DIR ...
//   origine trust-list export --data DIR -o FILE
//   origine verify [--trust-list FILE | --data DIR] [--json] INPUT
// Exit codes: 0 success (verify: valid), 1 verify: not valid, 2 error.
#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

#include "api/api.h"
#include "app/config.h"
#include "app/platform.h"
#include "http/log.h"
#include "http/server.h"
#include "render/qr_decode.h"
#include "trust/trust_list.h"
#include "trust/qr.h"
#include "trust/verify.h"

namespace {

using namespace origine;
namespace json = boost::json;

int Fail(const Error& e) {
  std::cerr << "origine: " << e.message << "\n";
  for (const auto& f : e.fields) std::cerr << "  " << f.field << ": " << f.message << "\n";
  return 2;
}

Status WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Error::Unavailable("cannot write " + path);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out.good()) return Error::Unavailable("cannot write " + path);
  return {};
}

Result<std::string> ReadFileText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::NotFound("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void PrintDemoAccounts() {
  std::cout << "Comptes de démonstration (mot de passe : origine-demo)\n"
               "  exportateur@demo.ml   exportateur (Sahel Sésame SARL)\n"
               "  exportateur2@demo.ml  exportateur (Niger Karité SA)\n"
               "  agent@demo.ml         agent instructeur\n"
               "  signataire@demo.ml    signataire\n"
               "  admin@demo.ml         administrateur\n";
}

int Serve(app::Config config, bool demo) {
  auto platform = app::OpenPlatform(config);
  if (!platform) return Fail(platform.error());
  if (demo) {
    Status st = app::SeedDemo(**platform);
    if (!st) return Fail(st.error());
  }
  app::Platform& p = **platform;
  api::Api api(*p.db, *p.identity, *p.applications, *p.certificates,
               {config.secure_cookies, config.web_root});
  http::ServerOptions opts;
  opts.host = config.host;
  opts.port = config.port;
  opts.threads = config.threads;
  opts.body_limit = config.body_limit;
  Status st = http::RunServer(
      opts, [&api](http::Request& req) { return api.Handle(req); },
      [&](uint16_t port) {
        log::Info("listening", {{"address", config.host + ":" + std::to_string(port)}, {"data", config.data_dir}});
        std::cout << "Origine écoute sur http://" << config.host << ":" << port << "/\n";
        if (demo) PrintDemoAccounts();
        std::cout.flush();
      });
  if (!st) return Fail(st.error());
  log::Info("stopped");
  return 0;
}

json::object ClaimsJson(const trust::Claims& c) {
  json::array goods;
  for (const auto& g : c.goods)
    goods.push_back({{"hs_code", g.hs_code}, {"quantity", g.quantity}, {"unit", g.unit}, {"net_weight_kg", g.net_weight_kg}});
  return {{"number", c.number}, {"regime", c.regime}, {"issuer_country", c.issuer_country},
          {"exporter", {{"name", c.exporter_name}, {"nif", c.exporter_nif}}},
          {"consignee", {{"name", c.consignee_name}, {"country", c.consignee_country}}},
          {"origin_country", c.origin_country}, {"destination_country", c.destination_country},
          {"issued_at", FormatUtc(c.issued_at)}, {"expires_at", FormatUtc(c.expires_at)},
          {"invoice_reference", c.invoice_reference}, {"goods", std::move(goods)}};
}

int Verify(const std::string& trust_file, const std::string& data_dir, bool as_json, const std::string& input) {
  std::vector<trust::TrustEntry> trust_list;
  if (!trust_file.empty()) {
    auto text = ReadFileText(trust_file);
    if (!text) return Fail(text.error());
    auto parsed = trust::TrustListFromJson(*text);
    if (!parsed) return Fail({ErrorCode::kInvalidArgument, "trust list " + trust_file + ": " + parsed.error().message, {}});
    trust_list = std::move(*parsed);
  } else {
    trust::FileKeyStore store(data_dir + "/keys");
    auto certs = store.SignerCertificates();
    if (!certs) return Fail(certs.error());
    trust_list = std::move(*certs);
  }
  if (trust_list.empty()) return Fail(Error::Invalid("the trust list is empty: give --trust-list FILE"));

  std::string qr;
  if (input == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    qr = ss.str();
  } else if (input.rfind(trust::kQrPrefix, 0) == 0) {
    qr = input;
  } else if (std::ifstream(input).good()) {
    auto decoded = render::DecodeQrFromFile(input);
    if (!decoded) return Fail(decoded.error());
    qr = *decoded;
  } else if (input.find('/') != std::string::npos || (input.size() > 4 && input[input.size() - 4] == '.')) {
    return Fail(Error::NotFound("no such file: " + input));
  } else {
    qr = input;
  }
  SystemClock clock;
  trust::VerifyOutcome out = trust::VerifyQrText(qr, trust_list, clock.NowUnix());
  const bool valid = out.status == trust::VerifyStatus::kValid;
  if (as_json) {
    json::object o{{"valid", valid}, {"status", std::string(trust::ToString(out.status))}, {"reason", out.reason}};
    if (out.claims) o["certificate"] = ClaimsJson(*out.claims);
    std::cout << json::serialize(o) << "\n";
  } else {
    std::cout << (valid ? "VALIDE" : "NON VALIDE") << " (" << trust::ToString(out.status) << ")";
    if (!out.reason.empty()) std::cout << ": " << out.reason;
    std::cout << "\n";
    if (out.claims)
      std::cout << "  Certificat  " << out.claims->number << " (" << out.claims->regime << ")\n"
                << "  Exportateur " << out.claims->exporter_name << "\n"
                << "  Destinataire " << out.claims->consignee_name << " (" << out.claims->consignee_country << ")\n"
                << "  Délivré le  " << FormatUtc(out.claims->issued_at, true) << ", valable jusqu'au "
                << FormatUtc(out.claims->expires_at, true) << "\n";
  }
  return valid ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Origine — certificats d'origine numériques"};
  cli.require_subcommand(1);
  std::string config_file, listen, data_dir, web_root, out_file, number, trust_file, input;
  bool demo = false, as_json = false;

  auto* serve = cli.add_subcommand("serve", "Start the HTTP server");
  serve->add_option("--config", config_file, "TOML configuration file");
  serve->add_option("--listen", listen, "HOST:PORT (default 127.0.0.1:8080)");
  serve->add_option("--data", data_dir, "Data directory (default ./var)");
  serve->add_option("--web-root", web_root, "Built web app directory (default web/dist)");
  serve->add_flag("--demo", demo, "Seed demo accounts and certificates when the database is new");

  auto* migrate = cli.add_subcommand("migrate", "Apply database migrations");
  auto* demo_cmd = cli.add_subcommand("demo", "Demo data");
  demo_cmd->require_subcommand(1);
  auto* seed = demo_cmd->add_subcommand("seed", "Seed demo data (idempotent)");

  auto* cert = cli.add_subcommand("cert", "Issued certificates");
  cert->require_subcommand(1);
  auto* cert_list = cert->add_subcommand("list", "Print issued certificate numbers, one a line");
  auto* cert_qr = cert->add_subcommand("qr", "Print the QR text of a certificate");
  cert_qr->add_option("number", number, "Certificate number")->required();
  auto* cert_pdf = cert->add_subcommand("pdf", "Write the PDF of a certificate");
  cert_pdf->add_option("number", number, "Certificate number")->required();
  cert_pdf->add_option("-o,--output", out_file, "Output file")->required();

  auto* trust_cmd = cli.add_subcommand("trust-list", "Trust list");
  trust_cmd->require_subcommand(1);
  auto* trust_export = trust_cmd->add_subcommand("export", "Write the trust list (JSON)");
  trust_export->add_option("-o,--output", out_file, "Output file")->required();

  auto* verify = cli.add_subcommand("verify", "Verify a certificate offline (exit 0 valid, 1 not valid, 2 error)");
  verify->add_option("--trust-list", trust_file, "Trust list JSON (from `origine trust-list export`)");
  verify->add_flag("--json", as_json, "Print the result as JSON");
  verify->add_option("input", input, "QR text, - for standard input, or a PDF or PNG file")->required();

  for (auto* c : {migrate, seed, cert_list, cert_qr, cert_pdf, trust_export, verify})
    c->add_option("--data", data_dir, "Data directory (default ./var)");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = cli.exit(e);
    return code == 0 ? 0 : 2;
  }

  auto config = app::LoadConfig(config_file);
  if (!config) return Fail(config.error());
  if (!listen.empty()) {
    Status st = app::ParseListen(listen, &*config);
    if (!st) return Fail(st.error());
  }
  if (!data_dir.empty()) config->data_dir = data_dir;
  if (!web_root.empty()) config->web_root = web_root;

  if (*serve) return Serve(*config, demo);
  if (*verify) return Verify(trust_file, config->data_dir, as_json, input);

  log::SetQuiet(true);
  auto platform = app::OpenPlatform(*config);
  if (!platform) return Fail(platform.error());
  app::Platform& p = **platform;
  if (*migrate) {
    std::cout << "database is up to date\n";
    return 0;
  }
  if (*seed) {
    Status st = app::SeedDemo(p);
    if (!st) return Fail(st.error());
    PrintDemoAccounts();
    return 0;
  }
  if (*cert_list) {
    auto numbers = p.certificates->AllNumbers();
    if (!numbers) return Fail(numbers.error());
    for (const auto& n : *numbers) std::cout << n << "\n";
    return 0;
  }
  if (*cert_qr) {
    auto qr = p.certificates->QrText(number);
    if (!qr) return Fail(qr.error());
    std::cout << *qr << "\n";
    return 0;
  }
  if (*cert_pdf) {
    auto pdf = p.certificates->PdfForOperator(number);
    if (!pdf) return Fail(pdf.error());
    Status st = WriteFile(out_file, *pdf);
    return st ? 0 : Fail(st.error());
  }
  if (*trust_export) {
    Status st = WriteFile(out_file, trust::TrustListToJson(p.certificates->trust_list()));
    return st ? 0 : Fail(st.error());
  }
  return 2;
}
