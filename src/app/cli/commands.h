// origine/app/cli/commands.h — the commands of `origine`, one file per group,
// each a plain function of the configuration and a plain option struct. The
// command line itself (flags, help texts, which function runs) is built in
// one place, app.cc, the only file that includes CLI11:
//   serve [--listen HOST:PORT] [--data DIR] [--demo] [--config FILE] [--web-root DIR]
//         [--paysim URL] [--public-url URL]                                 serve.cc
//   migrate --data DIR                                                      migrate.cc
//   demo seed --data DIR                                                    demo.cc
//   cert list|qr|pdf --data DIR ...                                         cert.cc
//   trust-list export --data DIR [--version N] -o FILE                      trust_list.cc
//   keys init-root|rotate|list|revoke|export-root --data DIR ...            keys.cc
//   verify [--trust-list FILE [--root ROOT] | --data DIR] [--json] INPUT    verify.cc
//   log key --data DIR;  log monitor URL [--state DIR] [--key VKEY]         log.cc
//   import hs FILE [--lang en|fr] --data DIR                                import.cc
//   audit verify|anchor --data DIR                                          audit.cc
// Each returns the exit code (app/cli/cli.h). Commands that need the time
// and open no platform receive the clock of app.cc.
#pragma once

#include <cstdint>
#include <string>

#include "app/config.h"
#include "core/clock.h"

namespace origine::app::cli {

// serve.cc: the HTTP server (API, web app, payments worker).
struct ServeOptions {
  bool demo = false;  // seed the demo data when the database is new
};
int RunServe(const Config& config, const ServeOptions& options);

// migrate.cc: applies pending migrations.
int RunMigrate(const Config& config);

// demo.cc: the demo companies, accounts and certificates (idempotent).
int RunDemoSeed(const Config& config);

// cert.cc: issued certificates.
int RunCertList(const Config& config);
struct CertQrOptions {
  std::string number;
};
int RunCertQr(const Config& config, const CertQrOptions& options);
struct CertPdfOptions {
  std::string number;
  std::string output;
};
int RunCertPdf(const Config& config, const CertPdfOptions& options);

// trust_list.cc: a signed trust-list version, byte for byte as published.
struct TrustListExportOptions {
  std::string output;
  int64_t version = 0;  // 0: the latest
};
int RunTrustListExport(const Config& config, const TrustListExportOptions& options);

// keys.cc: the authority root and the document signers.
struct KeysInitRootOptions {
  int64_t days = 0;  // 0: keys.root_days
};
int RunKeysInitRoot(const Config& config, const KeysInitRootOptions& options);
struct KeysRotateOptions {
  int64_t days = 0;   // 0: keys.signer_days
  std::string types;  // comma-separated; "": every regime
};
int RunKeysRotate(const Config& config, const KeysRotateOptions& options);
struct KeysListOptions {
  bool json = false;
};
int RunKeysList(const Config& config, const KeysListOptions& options);
struct KeysRevokeOptions {
  std::string kid;
  std::string reason;
};
int RunKeysRevoke(const Config& config, const KeysRevokeOptions& options);
struct KeysExportRootOptions {
  std::string output;
  bool pem = false;
};
int RunKeysExportRoot(const Config& config, const KeysExportRootOptions& options);

// verify.cc: a certificate's QR, offline (trust-list file) or online (database).
struct VerifyOptions {
  std::string trust_list;  // file; "": online against config.data_dir
  std::string root;        // pinned root certificate file (with trust_list)
  std::string input;       // QR text, "-" for standard input, or a PDF or PNG file
  bool json = false;
};
int RunVerify(const Config& config, const Clock& clock, const VerifyOptions& options);

// log.cc: the transparency log's key; monitoring another log.
int RunLogKey(const Config& config);
struct LogMonitorOptions {
  std::string url;
  std::string state = "origine-monitor";
  std::string key;  // vkey; "": the one kept, else the log's own
};
int RunLogMonitor(const Clock& clock, const LogMonitorOptions& options);

// import.cc: an HS nomenclature CSV.
struct ImportHsOptions {
  std::string file;
  std::string lang = "en";
};
int RunImportHs(const Config& config, const Clock& clock, const ImportHsOptions& options);

// audit.cc: the audit trail's hash chain.
int RunAuditVerify(const Config& config);
int RunAuditAnchor(const Config& config);

}  // namespace origine::app::cli
