// `origine import hs FILE`: an HS nomenclature CSV (HS 2022 or a national
// 10-digit tariff; docs/formats/hs-import.md), all lines or none.
#include <iostream>
#include <memory>

#include "app/cli/commands.h"
#include "core/log.h"

namespace origine::app::cli {

void AddImportCommands(CLI::App& cli, Common& common, Commands& commands) {
  struct Values {
    std::string file, lang = "en";
  };
  auto v = std::make_shared<Values>();
  auto* import = cli.add_subcommand("import", "Import reference data");
  import->require_subcommand(1);
  auto* hs = import->add_subcommand(
      "hs", "Import an HS nomenclature CSV (HS 2022 or national 10-digit tariff; docs/formats/hs-import.md)");
  hs->add_option("file", v->file, "CSV file")->required();
  hs->add_option("--lang", v->lang, "Language of the labels: en (default) or fr")->check(CLI::IsMember({"en", "fr"}));
  common.AddData(hs);
  commands.push_back({hs, [v](const Config& config) {
                        log::SetQuiet(true);
                        auto db = OpenDatabase(config);
                        if (!db) return Fail(db.error());
                        auto count = ImportHsFile(**db, v->file, v->lang);
                        if (!count) return Fail(count.error());
                        std::cout << *count << " HS codes imported (" << v->lang << ") from " << v->file << "\n";
                        return 0;
                      }});
}

}  // namespace origine::app::cli
