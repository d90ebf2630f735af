// `origine trust-list export`: a signed trust-list version, byte for byte as published.
#include <optional>

#include "app/cli/cli.h"
#include "app/cli/commands.h"

namespace origine::app::cli {

int RunTrustListExport(const Config& config, const TrustListExportOptions& options) {
  return WithPlatform(config, [&options](Platform& p) {
    auto doc = p.keys->TrustListDocument(options.version > 0 ? std::optional<int64_t>(options.version) : std::nullopt);
    if (!doc) return Fail(doc.error());
    Status st = WriteOutput(options.output, *doc);
    return st ? 0 : Fail(st.error());
  });
}

}  // namespace origine::app::cli
