// Who may see which company or product; small input helpers of the registry.
#include <algorithm>

#include "identity/directory.h"
#include "registry/internal.h"

namespace origine::registry::internal {

bool IsStaff(const Principal& p) { return p.role != Role::kExporter; }

bool IsBlank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

std::string Str(const boost::json::object& o, const char* k) {
  auto it = o.find(k);
  return it != o.end() && it->value().is_string() ? std::string(it->value().as_string()) : "";
}

std::string Today(const Clock& clock) { return FormatUtc(clock.NowUnix(), true); }

Error CompanyNotFound(int64_t company_id) {
  return Error::NotFound("company.not_found"_code, "no company " + std::to_string(company_id))
      .With("id", std::to_string(company_id));
}

Error ProductNotFound(int64_t product_id) {
  return Error::NotFound("product.not_found"_code, "no product " + std::to_string(product_id))
      .With("id", std::to_string(product_id));
}

void UnknownFields(const boost::json::object& in, const std::vector<std::string>& known,
                   std::vector<FieldError>* errors, const std::string& prefix) {
  for (const auto& kv : in)
    if (std::find(known.begin(), known.end(), std::string(kv.key())) == known.end())
      errors->push_back({prefix + std::string(kv.key()), "field.unknown"_code, "unknown field"});
}

FieldError CommentTooLong() {
  return {"comment",
          "comment.too_long"_code,
          "must have at most 2000 characters",
          {{"max", std::to_string(kMaxCommentBytes)}}};
}

Result<identity::CompanyRecord> VisibleCompany(storage::Tx& tx, const Principal& who, int64_t company_id) {
  if (!IsStaff(who) && (!who.company_id || *who.company_id != company_id)) return CompanyNotFound(company_id);
  return identity::FindCompany(tx, company_id);
}

Result<product_store::ProductRow> VisibleProduct(storage::Tx& tx, const Principal& who, int64_t product_id) {
  ASSIGN_OR_RETURN(std::optional<product_store::ProductRow> p, product_store::Select(tx, product_id));
  if (!p || (!IsStaff(who) && (!who.company_id || *who.company_id != p->company_id)))
    return ProductNotFound(product_id);
  return std::move(*p);
}

Result<std::string> CompanyNames::Get(storage::Tx& tx, int64_t company_id) {
  if (auto it = names_.find(company_id); it != names_.end()) return it->second;
  ASSIGN_OR_RETURN(identity::CompanyRecord c, identity::FindCompany(tx, company_id));
  return names_[company_id] = c.name;
}

}  // namespace origine::registry::internal
