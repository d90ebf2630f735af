// `origine demo seed`: the demo companies, accounts and certificates (idempotent).
#include <iostream>

#include "app/cli/commands.h"

namespace origine::app::cli {

void AddDemoCommands(CLI::App& cli, Common& common, Commands& commands) {
  auto* demo = cli.add_subcommand("demo", "Demo data");
  demo->require_subcommand(1);
  auto* seed = demo->add_subcommand("seed", "Seed demo data (idempotent)");
  common.AddData(seed);
  common.AddKeyPassphrase(seed);
  common.AddRegimes(seed);
  commands.push_back({seed, [](const Config& config) {
                        return WithPlatform(config, [](Platform& p) {
                          auto seeded = SeedDemo(p);
                          if (!seeded) return Fail(seeded.error());
                          std::cout << (seeded->empty() ? "Données de démonstration déjà présentes.\n" : *seeded);
                          PrintDemoAccounts();
                          return 0;
                        });
                      }});
}

}  // namespace origine::app::cli
