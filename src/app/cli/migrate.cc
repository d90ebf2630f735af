// `origine migrate`: opens the data directory, which applies pending migrations.
#include <iostream>

#include "app/cli/cli.h"
#include "app/cli/commands.h"

namespace origine::app::cli {

int RunMigrate(const Config& config) {
  return WithPlatform(config, [](Platform&) {
    std::cout << "database is up to date\n";
    return 0;
  });
}

}  // namespace origine::app::cli
