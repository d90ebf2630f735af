#include "tlog/monitor.h"

#include <string>

namespace origine::tlog {

Result<Checkpoint> VerifyCheckpointUpdate(std::string_view signed_note, std::string_view origin,
                                          std::span<const Verifier> verifiers,
                                          const std::optional<Checkpoint>& previous,
                                          const TileHashReader::Fetch& fetch) {
  ASSIGN_OR_RETURN(Checkpoint cp, OpenCheckpoint(signed_note, origin, verifiers));
  if (previous) {
    if (previous->origin != cp.origin)
      return Error::Invalid("checkpoint.origin"_code, "previous checkpoint is for another origin");
    if (cp.size < previous->size)
      return Error::Invalid("monitor.shrank"_code, "log shrank from " + std::to_string(previous->size) + " to " +
                                                       std::to_string(cp.size) + " leaves");
    if (cp.size == previous->size) {
      if (cp.root != previous->root)
        return Error::Invalid("monitor.fork"_code, "two checkpoints of the same size with different roots");
      return cp;
    }
  }
  TileHashReader reader(cp.size, fetch);
  ASSIGN_OR_RETURN(Hash root, RootAt(reader, cp.size));
  if (root != cp.root) return Error::Invalid("monitor.tiles"_code, "the log's tiles do not match its checkpoint root");
  if (previous && previous->size > 0) {
    ASSIGN_OR_RETURN(auto proof, ConsistencyProof(reader, previous->size, cp.size));
    Status st = VerifyConsistency(previous->size, cp.size, proof, previous->root, cp.root);
    if (!st)
      return Error::Invalid("monitor.fork"_code,
                            "checkpoint is not consistent with the previous one: " + st.error().message);
  }
  return cp;
}

}  // namespace origine::tlog
