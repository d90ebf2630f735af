// `origine`: the server and the operator commands, one file per command group
// in app/cli/ (the list is in app/cli/commands.h).
// Exit codes: 0 success (verify: valid; monitor: consistent; audit verify:
// intact), 1 verify: not valid / monitor: inconsistency / audit: chain
// broken, 2 error.
#include <CLI/CLI.hpp>

#include "app/cli/commands.h"

int main(int argc, char** argv) {
  using namespace origine::app::cli;
  CLI::App cli{"Origine — certificats d'origine numériques"};
  cli.require_subcommand(1);
  Common common;
  Commands commands;
  AddServeCommands(cli, common, commands);
  AddMigrateCommands(cli, common, commands);
  AddDemoCommands(cli, common, commands);
  AddCertCommands(cli, common, commands);
  AddTrustListCommands(cli, common, commands);
  AddKeysCommands(cli, common, commands);
  AddVerifyCommands(cli, common, commands);
  AddLogCommands(cli, common, commands);
  AddImportCommands(cli, common, commands);
  AddAuditCommands(cli, common, commands);

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = cli.exit(e);
    return code == 0 ? 0 : 2;
  }

  auto config = BuildConfig(common);
  if (!config) return Fail(config.error());
  for (const Command& c : commands)
    if (c.app->parsed()) return c.run(*config);
  return 2;
}
