// `origine demo seed`: the demo companies, accounts and certificates (idempotent).
#include <iostream>

#include "app/cli/cli.h"
#include "app/cli/commands.h"

namespace origine::app::cli {

int RunDemoSeed(const Config& config) {
  return WithPlatform(config, [](Platform& p) {
    auto seeded = SeedDemo(p);
    if (!seeded) return Fail(seeded.error());
    std::cout << (seeded->empty() ? "Données de démonstration déjà présentes.\n" : *seeded);
    PrintDemoAccounts();
    return 0;
  });
}

}  // namespace origine::app::cli
