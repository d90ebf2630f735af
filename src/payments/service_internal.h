// origine/payments/service_internal.h — what the files of PaymentService
// share (private to src/payments).
#pragma once

#include <cstdint>
#include <string>

#include "core/context.h"
#include "core/result.h"

namespace origine::payments::internal {

// The worker's request metadata in audit events.
inline const RequestMeta kWorkerMeta{"payments-worker", "", "origine payments"};

// Cursor kinds (core/paging.h): a cursor of one listing is refused by another.
inline constexpr const char* kPaymentsCursor = "pay";
inline constexpr const char* kLedgerCursor = "ledger";

inline bool IsStaff(const Principal& p) { return p.role != Role::kExporter; }

// A date given by the caller (YYYY-MM-DD, a real calendar day: core/date.h)
// as midnight UTC; kInvalidArgument "date.format" naming the field `field`.
Result<int64_t> DayParam(const std::string& date, const std::string& field = "date");

// "Orange Money", "Wave", ... ("" for an unknown provider).
const char* ProviderLabel(const std::string& provider);
// "1 500 FCFA" (narrow no-break space between thousands).
std::string Money(int64_t xof);

}  // namespace origine::payments::internal
