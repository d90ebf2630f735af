// `origine import hs FILE`: an HS nomenclature CSV (HS 2022 or a national
// 10-digit tariff; docs/formats/hs-import.md), all lines or none.
#include <iostream>

#include "app/cli/cli.h"
#include "app/cli/commands.h"
#include "core/log.h"

namespace origine::app::cli {

int RunImportHs(const Config& config, const Clock& clock, const ImportHsOptions& options) {
  log::SetQuiet(true);
  auto db = OpenDatabase(config);
  if (!db) return Fail(db.error());
  auto count = ImportHsFile(**db, clock, options.file, options.lang);
  if (!count) return Fail(count.error());
  std::cout << *count << " HS codes imported (" << options.lang << ") from " << options.file << "\n";
  return 0;
}

}  // namespace origine::app::cli
