// origine/certificates/payment_gate.h — what the workflow asks of the payments
// module, and what the payments module may do to an application.
//
// With a PaymentGate, submit moves an application that owes a fee to
// "awaiting_payment"; the payments module moves it on to "submitted" with
// MarkPaid, in the transaction that records the provider's confirmed success.
// Without a gate (unit tests of this module), nothing is owed and applications
// report payment status "not_required".
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string>

#include "core/result.h"
#include "storage/db.h"

namespace origine::certificates {

// Called inside the caller's transaction; implementations only read.
class PaymentGate {
 public:
  virtual ~PaymentGate() = default;
  // The amount (whole XOF) still to pay before the application may be
  // reviewed: 0 when it is paid already or when its regime charges no fee.
  virtual Result<int64_t> AmountDue(storage::Tx& tx, int64_t application_id, const std::string& regime,
                                    int64_t now) = 0;
  // The "payment" member of the application JSON.
  virtual Result<boost::json::object> View(storage::Tx& tx, int64_t application_id, const std::string& status) = 0;
};

// awaiting_payment -> submitted (the workflow's action "pay", by the system),
// in the caller's transaction: compare-and-set, "application.state"
// (kConflict) when the application is not awaiting payment,
// "application.not_found" when there is none. Writes an application event
// "payment" attributed to `payer` (the user who paid) and an audit event
// "application.payment" by the system naming `reference`.
Status MarkPaid(storage::Tx& tx, int64_t application_id, int64_t payer_user_id, const std::string& reference,
                int64_t now);

}  // namespace origine::certificates
