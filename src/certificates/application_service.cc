// Drafts: creating and editing an application, and the origin calculator on
// an unsaved one.
#include "certificates/application_service.h"

#include <boost/json.hpp>
#include <cassert>

#include "certificates/application_input.h"
#include "certificates/application_store.h"
#include "certificates/internal/access.h"
#include "certificates/internal/history.h"
#include "certificates/internal/views.h"
#include "certificates/origin_check.h"

namespace origine::certificates {
namespace json = boost::json;

ApplicationService::ApplicationService(storage::Db& db, const Clock& clock, RegimeSetPtr regimes,
                                       pki::SignerSource& signers, const tlog::Log& log, IssuerConfig issuer)
    : db_(db), clock_(clock), regimes_(std::move(regimes)), signers_(signers), log_(log), issuer_(std::move(issuer)) {
  assert(regimes_ && "the app passes the loaded regimes (app/platform.cc)");
  if (!regimes_) regimes_ = std::make_shared<const origin::RegimeSet>();  // release builds: refuse every regime
}

std::string ApplicationService::Today() const { return FormatUtc(clock_.NowUnix(), true); }

Result<json::object> ApplicationService::Create(const Principal& who, const json::value& input,
                                                const RequestMeta& meta) {
  // An application belongs to the company of the principal who creates it.
  if (!who.company_id)
    return Error::Denied("application.forbidden"_code, "only a company's users create applications")
        .With("action", "create");
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(json::object data, ValidateInput(regimes_, input, FormatUtc(now, true)));
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(int64_t id, application_store::Insert(*tx, {.company_id = *who.company_id,
                                                               .regime = std::string(data["regime"].as_string()),
                                                               .data = json::serialize(data),
                                                               .created_by = who.user_id,
                                                               .at = now,
                                                               .kind = "issue",
                                                               .predecessor = ""}));
  RETURN_IF_ERROR(internal::RecordEvent(*tx, who, meta, now, id, "create", "",
                                        internal::StatusChangeDetails("", ApplicationStatus::kDraft)));
  ASSIGN_OR_RETURN(ApplicationRecord app, internal::LoadVisibleApplication(*tx, who, id));
  ASSIGN_OR_RETURN(json::object out, internal::ApplicationJson(*tx, app, {*regimes_, Today(), gate_}));
  RETURN_IF_ERROR(tx->Commit());
  return out;
}

Result<json::object> ApplicationService::Update(const Principal& who, int64_t id, const json::value& input,
                                                const RequestMeta& meta) {
  RETURN_IF_ERROR(CheckActor(who.role, ApplicationAction::kUpdate));
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(json::object data, ValidateInput(regimes_, input, FormatUtc(now, true)));
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(ApplicationRecord app, internal::LoadVisibleApplication(*tx, who, id));
  RETURN_IF_ERROR(CheckState(app.status, ApplicationAction::kUpdate));
  const std::string text = json::serialize(data);
  ASSIGN_OR_RETURN(bool moved, application_store::UpdateData(*tx, id, app.status,
                                                             std::string(data["regime"].as_string()), text, now));
  RETURN_IF_ERROR(internal::CheckMoved(moved, id));
  RETURN_IF_ERROR(internal::RecordEvent(*tx, who, meta, now, id, "update", "",
                                        json::serialize(json::object{{"data", {{"changed", app.data != text}}}})));
  ASSIGN_OR_RETURN(app, internal::LoadVisibleApplication(*tx, who, id));
  ASSIGN_OR_RETURN(json::object out, internal::ApplicationJson(*tx, app, {*regimes_, Today(), gate_}));
  RETURN_IF_ERROR(tx->Commit());
  return out;
}

Result<json::object> ApplicationService::Evaluate(const Principal& who, const json::value& input) {
  if (!who.company_id)
    return Error::Denied("application.forbidden"_code, "the origin calculator uses a company's products")
        .With("action", "evaluate");
  const std::string today = Today();
  ASSIGN_OR_RETURN(json::object data, ValidateInput(regimes_, input, today));
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(json::array origin, EvaluateLines(*tx, *regimes_, *who.company_id, data, today));
  std::vector<FieldError> refused = RefusedLines(data, origin);
  json::array refusals;
  for (const auto& f : refused) refusals.push_back({{"field", f.field}, {"code", f.code}, {"message", f.message}});
  return json::object{{"regime", data["regime"]},
                      {"origin", std::move(origin)},
                      {"submittable", refused.empty()},
                      {"refusals", std::move(refusals)}};
}

}  // namespace origine::certificates
