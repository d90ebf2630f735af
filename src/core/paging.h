// origine/core/paging.h — keyset paging of the long listings (applications,
// certificates, payments, ledger entries): the `limit` and `cursor` query
// parameters and the opaque cursor carried from one page to the next.
//
// A listing sorted newest first by (sort, tie) descending returns at most
// `limit` items after the cursor's position, and `next_cursor` (the position
// of its last item) when more exist. Keyset, never OFFSET: items inserted
// while a client pages through land before its position and never shift the
// pages still to come.
//
// A cursor is base64url (no padding) of "<kind>1|<sort>|<tie>": opaque to
// clients, bound to one listing (a payments cursor is refused by the ledger).
// It carries only the position of an item the caller has already seen; every
// page is filtered by the caller's rights again, so a cursor grants nothing.
//
// Failures are kBadRequest (HTTP 400) naming the field "limit" or "cursor".
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace origine {

// A position in a listing: the sort key and the tie-breaker of its last item.
struct PageKey {
  int64_t sort = 0;
  std::string tie;  // e.g. a decimal id or a certificate number; may be empty
};

// What the caller asks for: at most `limit` items after `cursor` ("" = from the newest).
struct PageRequest {
  int limit = 100;
  std::string cursor;
};

// The bounds of one listing's `limit`.
struct PageLimits {
  int max = 500;
  int fallback = 100;  // when `limit` is absent
};

// Reads the query parameters (nullptr = absent). `limit` must be a decimal
// integer in 1..limits.max (no sign, no spaces); `cursor`, if present, must be
// non-empty (its content is checked by DecodeCursor when the listing runs).
Result<PageRequest> ParsePageQuery(const std::string* limit, const std::string* cursor, const PageLimits& limits);

// `kind`: a short name of the listing, [a-z]+ ("apps", "certs", "pay", "ledger").
std::string EncodeCursor(std::string_view kind, const PageKey& key);
// Fails (kBadRequest, field "cursor") on anything EncodeCursor(kind, ...) did not produce.
Result<PageKey> DecodeCursor(std::string_view kind, std::string_view cursor);

// The tie-breaker as a positive decimal id (for listings keyed by id).
Result<int64_t> CursorId(const PageKey& key);

}  // namespace origine
