// `origine audit verify`: recomputes the audit hash chain, read-only (exit 0
// intact, 1 broken, 2 error). `origine audit anchor`: anchors the chain head
// in the transparency log.
#include "audit/audit.h"

#include <iostream>

#include "app/cli/cli.h"
#include "app/cli/commands.h"
#include "core/log.h"

namespace origine::app::cli {

int RunAuditVerify(const Config& config) {
  // Read-only: no keys, no anchoring, nothing written but pending migrations.
  log::SetQuiet(true);
  auto db = OpenDatabase(config);
  if (!db) return Fail(db.error());
  auto tx = (*db)->Begin(false);
  if (!tx) return Fail(tx.error());
  auto report = audit::VerifyChain(**tx);
  if (!report) return Fail(report.error());
  if (report->intact) {
    std::cout << "chain intact, " << report->events << " events, " << report->anchors << " anchors checked\n";
    return 0;
  }
  std::cout << "CHAIN BROKEN at event " << report->broken_id.value_or(0) << ": " << report->problem << "\n";
  return 1;
}

int RunAuditAnchor(const Config& config) {
  return WithPlatform(config, [](Platform& p) {
    auto index = AnchorAudit(p);
    if (!index) return Fail(index.error());
    if (*index)
      std::cout << "audit chain head anchored at log index " << **index << "\n";
    else
      std::cout << "audit chain head already anchored\n";
    return 0;
  });
}

}  // namespace origine::app::cli
