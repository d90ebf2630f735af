// Verifying the chain: every event, the head row and the anchors in the transparency log.
#include "audit/audit_store.h"
#include "audit/internal.h"
#include "core/encoding.h"
#include "tlog/log.h"

namespace origine::audit {

Result<ChainReport> VerifyChain(storage::Tx& tx) {
  ChainReport rep;
  auto broken = [&rep](int64_t id, std::string problem) {
    rep.intact = false;
    rep.broken_id = id;
    rep.problem = std::move(problem);
    return rep;
  };
  std::string prev = internal::kGenesis;
  int64_t expected_id = 1;
  constexpr int64_t kPage = 1000;
  while (true) {
    ASSIGN_OR_RETURN(auto rows, store::SelectChainFrom(tx, expected_id, kPage));
    for (const store::ChainRow& row : rows) {
      const StoredEvent& e = row.event;
      if (e.id != expected_id)
        return broken(expected_id, "event " + std::to_string(expected_id) + " is missing (deleted?); the next is " +
                                       std::to_string(e.id));
      if (e.prev_hash != prev)
        return broken(e.id, "event " + std::to_string(e.id) + ": prev_hash " + e.prev_hash +
                                " differs from the hash of event " + std::to_string(e.id - 1) + " (" + prev + ")");
      // The role column is NULL exactly for anonymous events (Record writes no empty role).
      const std::string computed = encoding::Sha256Hex(internal::Canonical(e, row.role_is_null));
      if (computed != e.hash)
        return broken(e.id, "event " + std::to_string(e.id) + " (" + e.action + " " + e.object_type + " " +
                                e.object_id + "): its content does not match its hash (stored " + e.hash +
                                ", recomputed " + computed + "); a field was changed");
      prev = e.hash;
      ++expected_id;
      ++rep.events;
    }
    if (static_cast<int64_t>(rows.size()) < kPage) break;
  }
  ASSIGN_OR_RETURN(std::optional<store::ChainHead> head, store::SelectHead(tx));
  if (!head) return Error::Internal("audit_chain is missing (migration 10 not applied)");
  if (head->last_id != rep.events)
    return broken(rep.events + 1, "the chain head names event " + std::to_string(head->last_id) +
                                      " but the trail ends at " + std::to_string(rep.events) +
                                      " (events deleted at the end?)");
  if (rep.events > 0 && head->head.value_or("") != prev)
    return broken(rep.events, "the chain head " + head->head.value_or("") + " differs from the hash of the last event");

  // Anchors in the transparency log.
  tlog::Log log("");
  ASSIGN_OR_RETURN(auto anchors, log.FindByEvent(tx, tlog::Event::kAuditAnchor));
  for (uint64_t idx : anchors) {
    ASSIGN_OR_RETURN(tlog::LogEntry entry, log.Entry(tx, idx));
    if (tlog::LeafHash(entry.data) != entry.leaf_hash)
      return broken(0, "log leaf " + std::to_string(idx) + " does not match its stored hash");
    ASSIGN_OR_RETURN(tlog::LeafRecord rec, tlog::DecodeLeafRecord(entry.data));
    const std::string& name = rec.certificate_id;
    if (name.rfind("audit-", 0) != 0 || name.size() > 25 ||
        name.find_first_not_of("0123456789", 6) != std::string::npos || name.size() == 6)
      return broken(0, "log leaf " + std::to_string(idx) + " is not a valid audit anchor");
    const int64_t id = std::stoll(name.substr(6));
    ASSIGN_OR_RETURN(std::optional<std::string> stored, store::SelectEventHash(tx, id));
    const std::string anchored = encoding::Hex(rec.cose_sha256);
    if (!stored)
      return broken(id,
                    "event " + std::to_string(id) + ", anchored in log leaf " + std::to_string(idx) + ", is missing");
    if (*stored != anchored)
      return broken(id, "event " + std::to_string(id) + ": its hash differs from the one anchored in log leaf " +
                            std::to_string(idx) + " (" + anchored + "); the trail was rewritten");
    ++rep.anchors;
  }
  return rep;
}

}  // namespace origine::audit
