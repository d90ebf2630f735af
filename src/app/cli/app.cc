// The whole command line of `origine` in one translation unit: CLI11 is
// header-only and slow to compile, so no other file includes it. Flags and
// help texts are here; what each command does is in its file (commands.h).
#include "app/cli/app.h"

#include <CLI/CLI.hpp>
#include <functional>
#include <vector>

#include "app/cli/cli.h"
#include "app/cli/commands.h"

namespace origine::app::cli {
namespace {

// A leaf subcommand and what runs when it is the one given.
struct Command {
  CLI::App* app;
  std::function<int(const Config&)> run;
};

void AddData(CLI::App* cmd, Common& common) {
  cmd->add_option("--data", common.data_dir, "Data directory (default ./var)");
}

void AddKeyPassphrase(CLI::App* cmd, Common& common) {
  cmd->add_option("--key-passphrase-file", common.key_passphrase_file,
                  "File holding the key-encryption passphrase (default keys.passphrase_file, else DATA/keys/kek)");
}

void AddRegimes(CLI::App* cmd, Common& common) {
  cmd->add_option("--regimes", common.regimes_dir, "Regime data directory (default data/regimes)");
}

}  // namespace

int Main(int argc, char** argv) {
  CLI::App cli{"Origine — certificats d'origine numériques"};
  cli.require_subcommand(1);
  Common common;
  std::vector<Command> commands;
  SystemClock clock;

  // serve
  ServeOptions serve_opts;
  auto* serve = cli.add_subcommand("serve", "Start the HTTP server");
  serve->add_option("--config", common.config_file, "TOML configuration file");
  serve->add_option("--listen", common.listen, "HOST:PORT (default 127.0.0.1:8080)");
  AddData(serve, common);
  serve->add_option("--web-root", common.web_root, "Built web app directory (default web/dist)");
  serve->add_flag("--demo", serve_opts.demo, "Seed demo accounts and certificates when the database is new");
  auto* paysim = serve->add_option("--paysim", common.paysim_url,
                                   "Payment simulator base URL (default http://127.0.0.1:8090; \"\" none)");
  serve->add_option("--public-url", common.public_url,
                    "Our base URL as the providers reach it (default http://LISTEN)");
  AddKeyPassphrase(serve, common);
  AddRegimes(serve, common);
  commands.push_back({serve, [&](const Config& c) { return RunServe(c, serve_opts); }});

  // migrate
  auto* migrate = cli.add_subcommand("migrate", "Apply database migrations");
  AddData(migrate, common);
  AddKeyPassphrase(migrate, common);
  AddRegimes(migrate, common);
  commands.push_back({migrate, RunMigrate});

  // demo seed
  auto* demo = cli.add_subcommand("demo", "Demo data");
  demo->require_subcommand(1);
  auto* seed = demo->add_subcommand("seed", "Seed demo data (idempotent)");
  AddData(seed, common);
  AddKeyPassphrase(seed, common);
  AddRegimes(seed, common);
  commands.push_back({seed, RunDemoSeed});

  // cert list|qr|pdf
  CertQrOptions qr_opts;
  CertPdfOptions pdf_opts;
  auto* cert = cli.add_subcommand("cert", "Issued certificates");
  cert->require_subcommand(1);
  auto* cert_list = cert->add_subcommand("list", "Print issued certificate numbers, one a line");
  auto* cert_qr = cert->add_subcommand("qr", "Print the QR text of a certificate");
  cert_qr->add_option("number", qr_opts.number, "Certificate number")->required();
  auto* cert_pdf = cert->add_subcommand("pdf", "Write the PDF of a certificate");
  cert_pdf->add_option("number", pdf_opts.number, "Certificate number")->required();
  cert_pdf->add_option("-o,--output", pdf_opts.output, "Output file")->required();
  for (auto* c : {cert_list, cert_qr, cert_pdf}) {
    AddData(c, common);
    AddKeyPassphrase(c, common);
  }
  commands.push_back({cert_list, RunCertList});
  commands.push_back({cert_qr, [&](const Config& c) { return RunCertQr(c, qr_opts); }});
  commands.push_back({cert_pdf, [&](const Config& c) { return RunCertPdf(c, pdf_opts); }});

  // trust-list export
  TrustListExportOptions export_opts;
  auto* trust = cli.add_subcommand("trust-list", "Trust list");
  trust->require_subcommand(1);
  auto* trust_export = trust->add_subcommand("export", "Write a signed trust list version (JSON; default the latest)");
  trust_export->add_option("-o,--output", export_opts.output, "Output file")->required();
  trust_export->add_option("--version", export_opts.version, "Version number (default: the latest)")
      ->check(CLI::PositiveNumber);
  AddData(trust_export, common);
  AddKeyPassphrase(trust_export, common);
  commands.push_back({trust_export, [&](const Config& c) { return RunTrustListExport(c, export_opts); }});

  // keys init-root|rotate|list|revoke|export-root
  KeysInitRootOptions init_opts;
  KeysRotateOptions rotate_opts;
  KeysListOptions list_opts;
  KeysRevokeOptions revoke_opts;
  KeysExportRootOptions root_opts;
  auto* keys = cli.add_subcommand("keys", "Root and document-signer keys; each change publishes a trust list version");
  keys->require_subcommand(1);
  auto* init = keys->add_subcommand("init-root", "Create the authority root key and certificate");
  init->add_option("--days", init_opts.days, "Validity in days (default keys.root_days, 3650)")
      ->check(CLI::PositiveNumber);
  auto* rotate = keys->add_subcommand(
      "rotate", "Create a new document signer; it becomes active, the previous one keeps verifying until it expires");
  rotate->add_option("--days", rotate_opts.days, "Validity in days (default keys.signer_days, 730)")
      ->check(CLI::PositiveNumber);
  rotate->add_option("--types", rotate_opts.types,
                     "Certificate types it may sign, comma-separated (default: every regime)");
  auto* list = keys->add_subcommand("list", "List keys: kid, role, validity, status, types");
  list->add_flag("--json", list_opts.json, "Print JSON");
  auto* revoke =
      keys->add_subcommand("revoke", "Remove a document signer: everything it signed is revoked, with the reason");
  revoke->add_option("kid", revoke_opts.kid, "The signer's kid (Base64, as listed)")->required();
  revoke->add_option("--reason", revoke_opts.reason, "Why (shown to verifiers), 1-200 characters")->required();
  auto* export_root = keys->add_subcommand("export-root", "Write the root certificate (to pin in verifiers)");
  export_root->add_option("-o,--output", root_opts.output, "Output file")->required();
  export_root->add_flag("--pem", root_opts.pem, "PEM instead of DER");
  for (auto* c : {init, rotate, list, revoke, export_root}) {
    AddData(c, common);
    AddKeyPassphrase(c, common);
  }
  commands.push_back({init, [&](const Config& c) { return RunKeysInitRoot(c, init_opts); }});
  commands.push_back({rotate, [&](const Config& c) { return RunKeysRotate(c, rotate_opts); }});
  commands.push_back({revoke, [&](const Config& c) { return RunKeysRevoke(c, revoke_opts); }});
  commands.push_back({list, [&](const Config& c) { return RunKeysList(c, list_opts); }});
  commands.push_back({export_root, [&](const Config& c) { return RunKeysExportRoot(c, root_opts); }});

  // verify
  VerifyOptions verify_opts;
  auto* verify = cli.add_subcommand("verify",
                                    "Verify a certificate: offline with --trust-list, else online against --data (exit "
                                    "0 valid, 1 not valid, 2 error)");
  verify->add_option("--trust-list", verify_opts.trust_list, "Trust list JSON (from `origine trust-list export`)");
  verify->add_option("--root", verify_opts.root,
                     "Pinned root certificate (DER or PEM) to check the trust list's signature");
  verify->add_flag("--json", verify_opts.json, "Print the result as JSON");
  verify->add_option("input", verify_opts.input, "QR text, - for standard input, or a PDF or PNG file")->required();
  AddData(verify, common);
  commands.push_back({verify, [&](const Config& c) { return RunVerify(c, clock, verify_opts); }});

  // log key|monitor
  LogMonitorOptions monitor_opts;
  auto* log_cmd = cli.add_subcommand("log", "Transparency log");
  log_cmd->require_subcommand(1);
  auto* log_key = log_cmd->add_subcommand("key", "Print the log's verifier key (signed-note vkey)");
  auto* monitor = log_cmd->add_subcommand(
      "monitor", "Check a log's new checkpoint against the last one kept (exit 0 consistent, 1 inconsistent, 2 error)");
  monitor->add_option("url", monitor_opts.url, "Base URL of the server (its log is at URL/log/)")->required();
  monitor->add_option("--state", monitor_opts.state, "Directory of kept checkpoints (default ./origine-monitor)");
  monitor->add_option("--key", monitor_opts.key, "Verifier key (vkey); default: the one kept, else the log's own");
  AddData(log_key, common);
  AddKeyPassphrase(log_key, common);
  commands.push_back({log_key, RunLogKey});
  commands.push_back({monitor, [&](const Config&) { return RunLogMonitor(clock, monitor_opts); }});

  // import hs
  ImportHsOptions hs_opts;
  auto* import = cli.add_subcommand("import", "Import reference data");
  import->require_subcommand(1);
  auto* hs = import->add_subcommand(
      "hs", "Import an HS nomenclature CSV (HS 2022 or national 10-digit tariff; docs/formats/hs-import.md)");
  hs->add_option("file", hs_opts.file, "CSV file")->required();
  hs->add_option("--lang", hs_opts.lang, "Language of the labels: en (default) or fr")
      ->check(CLI::IsMember({"en", "fr"}));
  AddData(hs, common);
  commands.push_back({hs, [&](const Config& c) { return RunImportHs(c, clock, hs_opts); }});

  // audit verify|anchor
  auto* audit = cli.add_subcommand("audit", "Audit trail");
  audit->require_subcommand(1);
  auto* audit_verify = audit->add_subcommand("verify", "Recompute the hash chain (exit 0 intact, 1 broken, 2 error)");
  auto* anchor = audit->add_subcommand("anchor", "Anchor the audit chain head in the transparency log");
  AddData(audit_verify, common);
  AddData(anchor, common);
  AddKeyPassphrase(anchor, common);
  commands.push_back({audit_verify, RunAuditVerify});
  commands.push_back({anchor, RunAuditAnchor});

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = cli.exit(e);
    return code == 0 ? 0 : 2;
  }
  common.paysim_given = paysim->count() > 0;

  auto config = BuildConfig(common);
  if (!config) return Fail(config.error());
  for (const Command& c : commands)
    if (c.app->parsed()) return c.run(*config);
  return 2;
}

}  // namespace origine::app::cli
