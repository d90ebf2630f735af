// origine/app/cli/commands.h — the command groups of `origine`, one file each
// (app/cli/cli.h explains how they register):
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
#pragma once

#include "app/cli/cli.h"

namespace origine::app::cli {

void AddServeCommands(CLI::App& cli, Common& common, Commands& commands);
void AddMigrateCommands(CLI::App& cli, Common& common, Commands& commands);
void AddDemoCommands(CLI::App& cli, Common& common, Commands& commands);
void AddCertCommands(CLI::App& cli, Common& common, Commands& commands);
void AddTrustListCommands(CLI::App& cli, Common& common, Commands& commands);
void AddKeysCommands(CLI::App& cli, Common& common, Commands& commands);
void AddVerifyCommands(CLI::App& cli, Common& common, Commands& commands);
void AddLogCommands(CLI::App& cli, Common& common, Commands& commands);
void AddImportCommands(CLI::App& cli, Common& common, Commands& commands);
void AddAuditCommands(CLI::App& cli, Common& common, Commands& commands);

}  // namespace origine::app::cli
