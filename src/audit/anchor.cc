// Anchoring the chain head in the transparency log.
#include "audit/audit_store.h"
#include "audit/internal.h"
#include "core/encoding.h"
#include "tlog/log.h"

namespace origine::audit {

Result<uint64_t> internal::AppendAnchor(storage::Tx& tx, int64_t id, const std::string& hash, int64_t now) {
  auto bytes = encoding::FromHex(hash);
  tlog::Hash h{};
  if (!bytes || hash.size() != 64 || bytes->size() != h.size())
    return Error::Internal("audit chain head is not a hex SHA-256");
  std::copy(bytes->begin(), bytes->end(), h.begin());
  tlog::Log log("");  // appending needs no origin
  return log.Append(tx, {tlog::Event::kAuditAnchor, "audit-" + std::to_string(id), h, now});
}

Result<std::optional<uint64_t>> Anchor(storage::Tx& tx, int64_t now) {
  ASSIGN_OR_RETURN(std::optional<store::ChainHead> head, store::SelectHead(tx));
  if (!head) return Error::Internal("audit_chain is missing (migration 10 not applied)");
  if (!head->head || head->last_id == 0) return std::optional<uint64_t>();
  const std::string name = "audit-" + std::to_string(head->last_id);
  tlog::Log log("");
  ASSIGN_OR_RETURN(auto existing, log.FindByCertificate(tx, name));
  if (!existing.empty()) return std::optional<uint64_t>();
  ASSIGN_OR_RETURN(uint64_t idx, internal::AppendAnchor(tx, head->last_id, *head->head, now));
  return std::optional<uint64_t>(idx);
}

}  // namespace origine::audit
