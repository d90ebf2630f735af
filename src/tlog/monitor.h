// origine/tlog/monitor.h — the checks a log monitor (`origine log monitor URL`)
// applies to each new checkpoint of a tlog-tiles log.
//
// Thread-safety: pure apart from the caller's fetch function.
// Failure: kInvalidArgument when the checkpoint note does not verify, is for
// another origin, is smaller than the previous one, or is inconsistent with
// it or with the tiles (a fork or a lying log: keep both notes as evidence);
// errors from `fetch` (e.g. kUnavailable) are passed through.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "core/result.h"
#include "tlog/note.h"
#include "tlog/tiles.h"

namespace origine::tlog {

// Checks `signed_note` (the body of <prefix>/checkpoint):
//  1. it is a signed note verified by one of `verifiers`, whose text is a
//     checkpoint for `origin`;
//  2. the tiles of its size, fetched through `fetch`, hash to its root;
//  3. if `previous` (the last checkpoint this monitor accepted) is given: the
//     new size is >= the old one and the tree at the old size, computed from
//     the same tiles, has the old root — i.e. the RFC 9162 consistency proof
//     built from the tiles verifies. Equal sizes need equal roots.
// Returns the new checkpoint, to be stored as the next `previous`.
Result<Checkpoint> VerifyCheckpointUpdate(std::string_view signed_note, std::string_view origin,
                                          std::span<const Verifier> verifiers,
                                          const std::optional<Checkpoint>& previous,
                                          const TileHashReader::Fetch& fetch);

}  // namespace origine::tlog
