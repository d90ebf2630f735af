// origine/certificates/workflow.h — the states of an application, the actions
// that move it, and who may take them: one table, used by every state change.
//
//   action    who        from                 to
//   update    exporter   draft                draft       (its data only)
//   update    exporter   returned             returned
//   submit    exporter   draft | returned     submitted, or awaiting_payment when a fee is due
//   pay       system     awaiting_payment     submitted   (the payments module, certificates::MarkPaid)
//   approve   agent      submitted            approved
//   return    agent      submitted            returned    (with a comment)
//   sign      signatory  approved             issued      (four eyes: not the one who approved)
//
// An application is created in `draft` (by its exporter; an amendment or a
// duplicate by the exporter or an agent). The role is checked before the
// application is read, so a wrong role learns nothing about it:
// "application.forbidden" (kPermissionDenied); then the state:
// "application.state" (kConflict). Each move is a compare-and-set in SQL
// (`UPDATE applications ... WHERE id = ? AND status = ?`, application_store.h):
// a concurrent move makes the second one fail with "application.state".
// The golden table tests/golden/workflow/applications.toml lists every
// state × action × actor.
//
// Statuses are also the rows of the lookup table `application_statuses`
// (schema.cc); a test checks that they are equal.
// Thread-safety: pure functions and constants.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/context.h"
#include "core/result.h"

namespace origine::certificates {

enum class ApplicationStatus { kDraft, kAwaitingPayment, kSubmitted, kReturned, kApproved, kIssued };

// Every status, in workflow order.
const std::vector<ApplicationStatus>& AllApplicationStatuses();
// "draft", "awaiting_payment", "submitted", "returned", "approved", "issued".
std::string_view StatusName(ApplicationStatus status);
std::optional<ApplicationStatus> ParseApplicationStatus(std::string_view name);

enum class ApplicationAction { kUpdate, kSubmit, kPay, kApprove, kReturn, kSign };

const std::vector<ApplicationAction>& AllApplicationActions();
// "update", "submit", "pay", "approve", "return", "sign" (also the action of
// the application event and of the audit event "application.<action>").
std::string_view ActionName(ApplicationAction action);
std::optional<ApplicationAction> ParseApplicationAction(std::string_view name);

// Who acts: a person's role, or the system (std::nullopt: the payments module
// recording a confirmed payment).
using Actor = std::optional<Role>;

// The only actor who may take `action` (the table above).
bool MayTake(const Actor& actor, ApplicationAction action);
// The statuses `action` may lead to from `from`; empty when it may not be
// taken in that state. Submit has two (submitted, awaiting_payment).
std::vector<ApplicationStatus> Targets(ApplicationStatus from, ApplicationAction action);

// "application.forbidden" (kPermissionDenied) unless MayTake(actor, action).
Status CheckActor(const Actor& actor, ApplicationAction action);
// "application.state" (kConflict, params status and action) when `action`
// cannot be taken from `from`.
Status CheckState(ApplicationStatus from, ApplicationAction action);
// CheckActor, then CheckState.
Status CheckAction(const Actor& actor, ApplicationStatus from, ApplicationAction action);

// The status after `action` from `from` (CheckState first): for submit,
// awaiting_payment when `fee_due`, else submitted.
Result<ApplicationStatus> NextStatus(ApplicationStatus from, ApplicationAction action, bool fee_due = false);

}  // namespace origine::certificates
