// Submission and review: submit (with the completeness and origin checks and
// the fee), approve, return, and the payment that moves an application on.
#include <boost/json.hpp>

#include "audit/audit.h"
#include "certificates/application_input.h"
#include "certificates/application_service.h"
#include "certificates/application_store.h"
#include "certificates/internal/access.h"
#include "certificates/internal/history.h"
#include "certificates/internal/views.h"
#include "certificates/origin_check.h"

namespace origine::certificates {
namespace json = boost::json;

namespace {

constexpr size_t kMaxCommentLength = 2000;

bool IsBlank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

}  // namespace

Status MarkPaid(storage::Tx& tx, int64_t application_id, int64_t payer_user_id, const std::string& reference,
                int64_t now) {
  ASSIGN_OR_RETURN(std::optional<ApplicationRecord> app, application_store::Find(tx, application_id));
  if (!app)
    return Error::NotFound("application.not_found"_code, "no application " + std::to_string(application_id))
        .With("id", std::to_string(application_id));
  RETURN_IF_ERROR(CheckAction(std::nullopt, app->status, ApplicationAction::kPay));
  ASSIGN_OR_RETURN(ApplicationStatus to, NextStatus(app->status, ApplicationAction::kPay));
  ASSIGN_OR_RETURN(bool moved, application_store::Move(tx, application_id, app->status, to, now));
  RETURN_IF_ERROR(internal::CheckMoved(moved, application_id));
  RETURN_IF_ERROR(application_store::AddEvent(tx, application_id, now, payer_user_id, "payment", ""));
  return audit::Record(
      tx, std::nullopt, {"payments", "", "origine payments"}, now,
      {"application.payment", "application", std::to_string(application_id),
       json::serialize(json::object{{"status", {{"before", StatusName(app->status)}, {"after", StatusName(to)}}},
                                    {"payment_reference", reference}})});
}

Result<json::object> ApplicationService::Submit(const Principal& who, int64_t id, const RequestMeta& meta) {
  return Transition(who, id, ApplicationAction::kSubmit, "", meta);
}

Result<json::object> ApplicationService::Approve(const Principal& who, int64_t id, const std::string& comment,
                                                 const RequestMeta& meta) {
  return Transition(who, id, ApplicationAction::kApprove, comment, meta);
}

Result<json::object> ApplicationService::Return(const Principal& who, int64_t id, const std::string& comment,
                                                const RequestMeta& meta) {
  return Transition(who, id, ApplicationAction::kReturn, comment, meta);
}

Result<json::object> ApplicationService::Transition(const Principal& who, int64_t id, ApplicationAction action,
                                                    const std::string& comment, const RequestMeta& meta) {
  // The role check comes before any lookup so that a wrong role learns nothing.
  RETURN_IF_ERROR(CheckActor(who.role, action));
  if (comment.size() > kMaxCommentLength)
    return Error::Invalid("comment.too_long"_code, "the comment is too long",
                          {{"comment", "comment.too_long"_code, "must have at most 2000 characters",
                            ErrorParams{{"max", std::to_string(kMaxCommentLength)}}}});
  if (action == ApplicationAction::kReturn && IsBlank(comment))
    return Error::Invalid("comment.required"_code, "say what must be corrected",
                          {{"comment", "comment.required"_code, "is required"}});
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(ApplicationRecord app, internal::LoadVisibleApplication(*tx, who, id));
  RETURN_IF_ERROR(CheckState(app.status, action));
  bool fee_due = false;
  if (action == ApplicationAction::kSubmit) {
    ASSIGN_OR_RETURN(json::object data, internal::ApplicationData(app));
    RETURN_IF_ERROR(CheckComplete(data));
    // A line that cannot qualify for a preferential regime is refused with its reason.
    ASSIGN_OR_RETURN(json::array origin, EvaluateLines(*tx, *regimes_, app.company_id, data, FormatUtc(now, true)));
    std::vector<FieldError> refused = RefusedLines(data, origin);
    if (!refused.empty())
      return Error::Invalid("application.origin_refused"_code,
                            "some goods lines cannot be submitted under " + app.regime, std::move(refused))
          .With("regime", app.regime);
    if (gate_) {
      ASSIGN_OR_RETURN(int64_t due, gate_->AmountDue(*tx, id, app.regime, now));
      fee_due = due > 0;
    }
  }
  ASSIGN_OR_RETURN(ApplicationStatus to, NextStatus(app.status, action, fee_due));
  const std::optional<std::string> review_comment =
      action == ApplicationAction::kSubmit ? std::nullopt : std::optional<std::string>(comment);
  const std::optional<int64_t> approved_by =
      action == ApplicationAction::kApprove ? std::optional<int64_t>(who.user_id) : std::nullopt;
  ASSIGN_OR_RETURN(bool moved, application_store::Review(*tx, id, app.status, to, review_comment, approved_by, now));
  RETURN_IF_ERROR(internal::CheckMoved(moved, id));
  RETURN_IF_ERROR(internal::RecordEvent(*tx, who, meta, now, id, std::string(ActionName(action)), comment,
                                        internal::StatusChangeDetails(std::string(StatusName(app.status)), to)));
  ASSIGN_OR_RETURN(app, internal::LoadVisibleApplication(*tx, who, id));
  ASSIGN_OR_RETURN(json::object out, internal::ApplicationJson(*tx, app, {*regimes_, Today(), gate_}));
  RETURN_IF_ERROR(tx->Commit());
  return out;
}

}  // namespace origine::certificates
