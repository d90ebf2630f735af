// The ledger as the administrator reads it: balances over the whole
// ledger and one page of entries with their lines.
#include <algorithm>
#include <boost/json.hpp>

#include "payments/ledger_store.h"
#include "payments/service.h"
#include "payments/service_internal.h"

namespace origine::payments {
namespace json = boost::json;

Result<json::object> PaymentService::Ledger(const Principal& who, const PageRequest& page) {
  std::optional<int64_t> before;
  if (!page.cursor.empty()) {
    ASSIGN_OR_RETURN(PageKey after, DecodeCursor(internal::kLedgerCursor, page.cursor));
    before = after.sort;
  }
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(auto balances, LedgerBalances(*tx));
  ASSIGN_OR_RETURN(auto unbalanced, UnbalancedLedgerEntries(*tx));
  json::object b;
  int64_t total = 0;
  for (const auto& [k, v] : balances) {
    b[k] = v;
    total += v;
  }
  // The page of entries (keyset on the entry id), then their lines.
  const int64_t limit = std::clamp(page.limit, 1, 1000);
  // One more than asked tells whether another page exists.
  ASSIGN_OR_RETURN(std::vector<LedgerEntryRow> rows, LedgerEntriesPage(*tx, before, limit + 1));
  json::value next = nullptr;
  if (static_cast<int64_t>(rows.size()) > limit) {
    rows.resize(limit);
    next = json::value(EncodeCursor(internal::kLedgerCursor, {rows.back().id, ""}));
  }
  json::array entries;
  std::map<int64_t, size_t> position;
  for (const auto& r : rows) {
    position[r.id] = entries.size();
    entries.push_back({{"id", r.id},
                       {"at", FormatUtc(r.at)},
                       {"kind", r.kind},
                       {"memo", r.memo},
                       {"reference", r.reference.empty() ? json::value(nullptr) : json::value(r.reference)},
                       {"lines", json::array()}});
  }
  if (!rows.empty()) {
    ASSIGN_OR_RETURN(auto lines, LedgerLinesBetween(*tx, rows.back().id, rows.front().id));
    for (const auto& l : lines) {
      auto at = position.find(l.entry_id);
      if (at == position.end()) continue;
      entries[at->second].as_object()["lines"].as_array().push_back(
          {{"account", l.account}, {"amount_xof", l.amount_xof}});
    }
  }
  return json::object{{"balances", std::move(b)},
                      {"balanced", unbalanced.empty() && total == 0},
                      {"unbalanced_entries", json::value_from(unbalanced)},
                      {"entries", std::move(entries)},
                      {"next_cursor", std::move(next)}};
}

}  // namespace origine::payments
