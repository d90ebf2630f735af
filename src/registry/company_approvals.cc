// RegistryService: the approved-exporter status of a company per regime
// (ADR 0021), granted and revoked by an agent or an administrator; and the
// lookup of the status valid on a date for the origin facts.
#include <boost/json.hpp>

#include "audit/audit.h"
#include "registry/internal.h"
#include "registry/registry.h"

namespace origine::registry {
namespace json = boost::json;
using namespace internal;

namespace {

constexpr size_t kMaxNumberBytes = 50;

struct GrantInput {
  std::string regime, number, valid_from, valid_until, comment;
  std::optional<std::string> data_code;
};

// The grant body, every bad field named; valid_from defaults to today.
std::vector<FieldError> CheckGrant(const json::object& in, const RegimeResolver& resolve, const std::string& today,
                                   GrantInput* g) {
  std::vector<FieldError> errors;
  UnknownFields(in, {"regime", "number", "valid_from", "valid_until", "comment"}, &errors);
  for (const char* k : {"regime", "number", "valid_from", "valid_until", "comment"})
    if (auto it = in.find(k); it != in.end() && !it->value().is_string() && !it->value().is_null())
      errors.push_back({k, "field.string"_code, "must be a string"});
  g->regime = Str(in, "regime");
  g->number = Str(in, "number");
  g->valid_from = Str(in, "valid_from");
  g->valid_until = Str(in, "valid_until");
  g->comment = Str(in, "comment");
  g->data_code = g->regime.empty() ? std::nullopt : resolve(g->regime);
  if (!g->data_code)
    errors.push_back({"regime",
                      "regime.not_in_force"_code,
                      "must be a preferential regime in force (ETLS, UEMOA, AFCFTA)",
                      {{"regime", g->regime}}});
  if (g->number.find_first_not_of(" \t") == std::string::npos)
    errors.push_back(
        {"number", "approval_number.required"_code, "is required (at most 50 characters)", {{"max", "50"}}});
  else if (g->number.size() > kMaxNumberBytes)
    errors.push_back({"number",
                      "field.too_long"_code,
                      "must have at most 50 characters",
                      {{"max", std::to_string(kMaxNumberBytes)}}});
  if (g->valid_from.empty())
    g->valid_from = today;
  else if (!IsValidDate(g->valid_from))
    errors.push_back({"valid_from", "field.date"_code, "must be a date YYYY-MM-DD"});
  if (!IsValidDate(g->valid_until))
    errors.push_back({"valid_until", "field.date"_code, "must be a date YYYY-MM-DD"});
  else if (g->valid_until < today)
    errors.push_back({"valid_until", "valid_until.past"_code, "must not be in the past"});
  else if (IsValidDate(g->valid_from) && g->valid_until < g->valid_from)
    errors.push_back({"valid_until", "valid_until.before_from"_code, "must not be before valid_from"});
  if (g->comment.size() > kMaxCommentBytes) errors.push_back(CommentTooLong());
  return errors;
}

}  // namespace

Result<json::object> RegistryService::GrantCompanyApproval(const Principal& who, int64_t company_id,
                                                           const json::value& input, const RegimeResolver& resolve,
                                                           const RequestMeta& meta) {
  if (!input.is_object()) return Error::Invalid("approved_exporter.invalid"_code, "the approval must be a JSON object");
  const std::string today = Today(clock_);
  GrantInput g;
  std::vector<FieldError> errors = CheckGrant(input.as_object(), resolve, today, &g);
  if (!errors.empty())
    return Error::Invalid("approved_exporter.invalid"_code, "the approval has invalid fields", std::move(errors));
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  RETURN_IF_ERROR(VisibleCompany(*tx, who, company_id));
  // One active status per regime: a new grant supersedes the previous one.
  ASSIGN_OR_RETURN(auto previous, company_approval_store::SelectActive(*tx, company_id, *g.data_code));
  json::array superseded;
  for (const auto& p : previous) {
    RETURN_IF_ERROR(company_approval_store::Revoke(*tx, p.id, who.user_id, now, "superseded by a new grant"));
    superseded.push_back({{"id", p.id}, {"number", p.number}});
  }
  ASSIGN_OR_RETURN(int64_t id, company_approval_store::Insert(*tx, {company_id, *g.data_code, g.number, g.valid_from,
                                                                    g.valid_until, g.comment, who.user_id, now}));
  RETURN_IF_ERROR(audit::Record(*tx, who, meta, now,
                                {"company_approval.grant", "company", std::to_string(company_id),
                                 json::serialize(json::object{{"approval_id", id},
                                                              {"regime", *g.data_code},
                                                              {"number", g.number},
                                                              {"valid_from", g.valid_from},
                                                              {"valid_until", g.valid_until},
                                                              {"comment", g.comment},
                                                              {"superseded", std::move(superseded)}})}));
  ASSIGN_OR_RETURN(std::optional<company_approval_store::CompanyApprovalRow> row,
                   company_approval_store::Select(*tx, id));
  ASSIGN_OR_RETURN(json::object out, CompanyApprovalJson(*tx, *row, today));
  RETURN_IF_ERROR(tx->Commit());
  return out;
}

Result<json::object> RegistryService::RevokeCompanyApproval(const Principal& who, int64_t company_id,
                                                            int64_t approval_id, const std::string& comment,
                                                            const RequestMeta& meta) {
  if (IsBlank(comment))
    return Error::Invalid("comment.required"_code, "say why the status is revoked",
                          {{"comment", "comment.required"_code, "is required: say why the status is revoked"}});
  if (comment.size() > kMaxCommentBytes)
    return Error::Invalid("comment.too_long"_code, "the comment is too long", {CommentTooLong()});
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(std::optional<company_approval_store::CompanyApprovalRow> row,
                   company_approval_store::SelectOfCompany(*tx, approval_id, company_id));
  if (!row)
    return Error::NotFound("approved_exporter.not_found"_code,
                           "no approved-exporter status " + std::to_string(approval_id))
        .With("id", std::to_string(approval_id));
  if (row->status != "active")
    return Error::Conflict("approved_exporter.revoked"_code, "this approved-exporter status is already revoked");
  RETURN_IF_ERROR(company_approval_store::Revoke(*tx, approval_id, who.user_id, now, comment));
  RETURN_IF_ERROR(
      audit::Record(*tx, who, meta, now,
                    {"company_approval.revoke", "company", std::to_string(company_id),
                     json::serialize(json::object{{"approval_id", approval_id},
                                                  {"regime", row->regime},
                                                  {"number", row->number},
                                                  {"comment", comment},
                                                  {"status", {{"before", "active"}, {"after", "revoked"}}}})}));
  ASSIGN_OR_RETURN(row, company_approval_store::Select(*tx, approval_id));
  ASSIGN_OR_RETURN(json::object out, CompanyApprovalJson(*tx, *row, Today(clock_)));
  RETURN_IF_ERROR(tx->Commit());
  return out;
}

Result<std::optional<origin::Approval>> CompanyApprovalOn(storage::Tx& tx, int64_t company_id,
                                                          const std::string& regime_code, const std::string& date) {
  ASSIGN_OR_RETURN(auto row, company_approval_store::SelectValidOn(tx, company_id, regime_code, date));
  if (!row) return std::optional<origin::Approval>();
  return std::optional<origin::Approval>(
      origin::Approval{row->number, row->regime, "", row->valid_from, row->valid_until});
}

}  // namespace origine::registry
