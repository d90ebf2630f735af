// `origine migrate`: opens the data directory, which applies pending migrations.
#include <iostream>

#include "app/cli/commands.h"

namespace origine::app::cli {

void AddMigrateCommands(CLI::App& cli, Common& common, Commands& commands) {
  auto* migrate = cli.add_subcommand("migrate", "Apply database migrations");
  common.AddData(migrate);
  common.AddKeyPassphrase(migrate);
  common.AddRegimes(migrate);
  commands.push_back({migrate, [](const Config& config) {
                        return WithPlatform(config, [](Platform&) {
                          std::cout << "database is up to date\n";
                          return 0;
                        });
                      }});
}

}  // namespace origine::app::cli
