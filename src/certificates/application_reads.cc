// Reading applications: one, or a page of the listing.
#include <algorithm>
#include <boost/json.hpp>

#include "certificates/application_service.h"
#include "certificates/application_store.h"
#include "certificates/internal/access.h"
#include "certificates/internal/views.h"

namespace origine::certificates {
namespace json = boost::json;

namespace {

// Cursor kind (core/paging.h): a cursor of another listing is refused.
constexpr const char* kApplicationsCursor = "apps";

}  // namespace

Result<json::object> ApplicationService::Get(const Principal& who, int64_t id) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(ApplicationRecord app, internal::LoadVisibleApplication(*tx, who, id));
  return internal::ApplicationJson(*tx, app, {*regimes_, Today(), gate_});
}

Result<json::object> ApplicationService::List(const Principal& who, const std::optional<std::string>& status,
                                              const PageRequest& page) {
  ApplicationPageQuery query;
  if (!internal::IsStaff(who)) query.company_id = who.company_id.value_or(-1);
  if (status) {
    query.status = ParseApplicationStatus(*status);
    if (!query.status)
      return Error::Invalid("application.status_unknown"_code, "unknown status " + *status,
                            {{"status", "application.status_unknown"_code, "is not an application status"}});
  }
  if (!page.cursor.empty()) {
    ASSIGN_OR_RETURN(query.after, DecodeCursor(kApplicationsCursor, page.cursor));
    ASSIGN_OR_RETURN(query.after_id, CursorId(*query.after));
  }
  const int64_t limit = std::clamp(page.limit, 1, 500);
  query.limit = limit + 1;  // one more tells whether another page exists
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(std::vector<ApplicationRecord> apps, application_store::ListPage(*tx, query));
  json::value next = nullptr;
  if (static_cast<int64_t>(apps.size()) > limit) {
    apps.resize(limit);
    next = json::value(EncodeCursor(kApplicationsCursor, {apps.back().updated_at, std::to_string(apps.back().id)}));
  }
  internal::CompanyNames companies;
  json::array items;
  for (const auto& a : apps) {
    ASSIGN_OR_RETURN(std::string company_name, companies.Of(*tx, a.company_id));
    ASSIGN_OR_RETURN(json::object item, internal::ApplicationSummaryJson(a, company_name));
    items.push_back(std::move(item));
  }
  return json::object{{"items", std::move(items)}, {"next_cursor", std::move(next)}};
}

}  // namespace origine::certificates
