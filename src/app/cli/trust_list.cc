// `origine trust-list export`: a signed trust-list version, byte for byte as published.
#include <memory>
#include <optional>

#include "app/cli/commands.h"

namespace origine::app::cli {

void AddTrustListCommands(CLI::App& cli, Common& common, Commands& commands) {
  struct Values {
    std::string out_file;
    int64_t version = 0;
  };
  auto v = std::make_shared<Values>();
  auto* trust = cli.add_subcommand("trust-list", "Trust list");
  trust->require_subcommand(1);
  auto* exp = trust->add_subcommand("export", "Write a signed trust list version (JSON; default the latest)");
  exp->add_option("-o,--output", v->out_file, "Output file")->required();
  exp->add_option("--version", v->version, "Version number (default: the latest)")->check(CLI::PositiveNumber);
  common.AddData(exp);
  common.AddKeyPassphrase(exp);
  commands.push_back({exp, [v](const Config& config) {
                        return WithPlatform(config, [&v](Platform& p) {
                          auto doc = p.keys->TrustListDocument(v->version > 0 ? std::optional<int64_t>(v->version)
                                                                              : std::nullopt);
                          if (!doc) return Fail(doc.error());
                          Status st = WriteOutput(v->out_file, *doc);
                          return st ? 0 : Fail(st.error());
                        });
                      }});
}

}  // namespace origine::app::cli
