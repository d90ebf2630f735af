// RegistryService: approvals (agréments) of a product per regime: requested
// by the exporter, decided by an agent or an administrator.
#include <boost/json.hpp>

#include "audit/audit.h"
#include "registry/internal.h"
#include "registry/registry.h"

namespace origine::registry {
namespace json = boost::json;
using namespace internal;

namespace {

constexpr int64_t kMaxListed = 500;
constexpr size_t kMaxNumberBytes = 50;

Error ApprovalNotFound(int64_t id) {
  return Error::NotFound("approval.not_found"_code, "no approval " + std::to_string(id)).With("id", std::to_string(id));
}

bool IsApprovalStatus(const std::string& s) { return s == "requested" || s == "granted" || s == "refused"; }

// The decision body, every bad field named.
std::vector<FieldError> CheckDecision(const json::object& in, const std::string& today) {
  std::vector<FieldError> errors;
  UnknownFields(in, {"decision", "number", "valid_until", "comment"}, &errors);
  const std::string decision = Str(in, "decision"), number = Str(in, "number"), valid_until = Str(in, "valid_until"),
                    comment = Str(in, "comment");
  if (decision != "grant" && decision != "refuse")
    errors.push_back(
        {"decision", "decision.unknown"_code, "must be grant or refuse", {{"decisions", "grant, refuse"}}});
  if (decision == "grant") {
    if (number.empty())
      errors.push_back(
          {"number", "approval_number.required"_code, "is required (at most 50 characters)", {{"max", "50"}}});
    else if (number.size() > kMaxNumberBytes)
      errors.push_back({"number",
                        "field.too_long"_code,
                        "must have at most 50 characters",
                        {{"max", std::to_string(kMaxNumberBytes)}}});
    if (!IsValidDate(valid_until))
      errors.push_back({"valid_until", "field.date"_code, "must be a date YYYY-MM-DD"});
    else if (valid_until < today)
      errors.push_back({"valid_until", "valid_until.past"_code, "must not be in the past"});
  }
  if (decision == "refuse" && IsBlank(comment))
    errors.push_back({"comment", "comment.required"_code, "is required: say why the approval is refused"});
  if (comment.size() > kMaxCommentBytes) errors.push_back(CommentTooLong());
  return errors;
}

}  // namespace

Result<json::object> RegistryService::RequestApproval(const Principal& who, int64_t product_id,
                                                      const std::string& regime, const RequestMeta& meta) {
  if (!who.company_id)
    return Error::Denied("approval.forbidden"_code, "only a company's users request approvals for its products");
  if (regime.empty() || regime.size() > 20 ||
      regime.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") != std::string::npos)
    return Error::Invalid("regime.unknown"_code, "unknown regime",
                          {{"regime",
                            "regime.unknown"_code,
                            "must be a regime code (ETLS, UEMOA, AFCFTA)",
                            {{"regimes", "ETLS, UEMOA, AFCFTA"}}}});
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(product_store::ProductRow product, VisibleProduct(*tx, who, product_id));
  ASSIGN_OR_RETURN(bool open, approval_store::HasRequested(*tx, product_id, regime));
  if (open)
    return Error::Conflict("approval.pending"_code,
                           "an approval for this product and regime is already awaiting a decision")
        .With("regime", regime);
  ASSIGN_OR_RETURN(int64_t id, approval_store::InsertRequest(*tx, product_id, regime, who.user_id, now));
  RETURN_IF_ERROR(audit::Record(
      *tx, who, meta, now,
      {"approval.request", "product_approval", std::to_string(id),
       json::serialize(json::object{
           {"product_id", product_id}, {"regime", regime}, {"status", {{"before", ""}, {"after", "requested"}}}})}));
  ASSIGN_OR_RETURN(std::optional<approval_store::ApprovalRow> row, approval_store::Select(*tx, id));
  CompanyNames names;
  ASSIGN_OR_RETURN(json::object out, ApprovalJson(*tx, *row, true, names));
  RETURN_IF_ERROR(tx->Commit());
  return out;
}

Result<json::array> RegistryService::ListApprovals(const Principal& who, const std::string& status) {
  if (!status.empty() && !IsApprovalStatus(status))
    return Error::Invalid("approval_status.unknown"_code, "unknown status",
                          {{"status",
                            "approval_status.unknown"_code,
                            "must be requested, granted or refused",
                            {{"statuses", "requested, granted, refused"}}}});
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(auto rows, approval_store::SelectAll(
                                  *tx, status.empty() ? std::nullopt : std::optional<std::string>(status), kMaxListed));
  CompanyNames names;
  json::array items;
  for (const auto& r : rows) {
    ASSIGN_OR_RETURN(json::object o, ApprovalJson(*tx, r, true, names));
    items.push_back(std::move(o));
  }
  return items;
}

Result<json::object> RegistryService::Decide(const Principal& who, int64_t approval_id, const json::value& input,
                                             const RequestMeta& meta) {
  if (!input.is_object()) return Error::Invalid("approval.invalid"_code, "the decision must be a JSON object");
  const auto& in = input.as_object();
  const std::string today = Today(clock_);
  std::vector<FieldError> errors = CheckDecision(in, today);
  if (!errors.empty())
    return Error::Invalid("approval.invalid"_code, "the decision has invalid fields", std::move(errors));
  const std::string decision = Str(in, "decision"), number = Str(in, "number"), valid_until = Str(in, "valid_until"),
                    comment = Str(in, "comment");
  const bool grant = decision == "grant";
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(std::optional<approval_store::ApprovalRow> row, approval_store::Select(*tx, approval_id));
  if (!row) return ApprovalNotFound(approval_id);
  if (row->status != "requested")
    return Error::Conflict("approval.state"_code, "this approval was already decided (" + row->status + ")")
        .With("status", row->status);
  const std::string to = grant ? "granted" : "refused";
  approval_store::Decision d;
  d.status = to;
  if (grant) d.number = number, d.valid_from = today, d.valid_until = valid_until;
  d.comment = comment;
  d.decided_by = who.user_id;
  d.decided_at = now;
  RETURN_IF_ERROR(approval_store::Decide(*tx, approval_id, d));
  json::object details{{"status", {{"before", "requested"}, {"after", to}}}, {"comment", comment}};
  if (grant) details["number"] = number, details["valid_until"] = valid_until;
  RETURN_IF_ERROR(audit::Record(
      *tx, who, meta, now,
      {"approval." + decision, "product_approval", std::to_string(approval_id), json::serialize(details)}));
  ASSIGN_OR_RETURN(row, approval_store::Select(*tx, approval_id));
  CompanyNames names;
  ASSIGN_OR_RETURN(json::object out, ApprovalJson(*tx, *row, true, names));
  RETURN_IF_ERROR(tx->Commit());
  return out;
}

}  // namespace origine::registry
