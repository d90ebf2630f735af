#include "certificates/application_store.h"

#include <limits>

namespace origine::certificates::application_store {
namespace {

#define ORIGINE_APPLICATION_COLUMNS                                                                            \
  "SELECT id, company_id, status, regime, data, review_comment, certificate_number, approved_by, created_by, " \
  "created_at, updated_at, kind, predecessor FROM applications "
#define ORIGINE_AFTER_CURSOR "(updated_at < ? OR (updated_at = ? AND id < ?)) "
#define ORIGINE_NEWEST_FIRST "ORDER BY updated_at DESC, id DESC LIMIT ?"

constexpr std::string_view kSelectApplication = ORIGINE_APPLICATION_COLUMNS "WHERE id = ?";
constexpr std::string_view kListApplications =
    ORIGINE_APPLICATION_COLUMNS "WHERE " ORIGINE_AFTER_CURSOR ORIGINE_NEWEST_FIRST;
constexpr std::string_view kListApplicationsInStatus =
    ORIGINE_APPLICATION_COLUMNS "WHERE status = ? AND " ORIGINE_AFTER_CURSOR ORIGINE_NEWEST_FIRST;
constexpr std::string_view kListCompanyApplications =
    ORIGINE_APPLICATION_COLUMNS "WHERE company_id = ? AND " ORIGINE_AFTER_CURSOR ORIGINE_NEWEST_FIRST;
constexpr std::string_view kListCompanyApplicationsInStatus =
    ORIGINE_APPLICATION_COLUMNS "WHERE company_id = ? AND status = ? AND " ORIGINE_AFTER_CURSOR ORIGINE_NEWEST_FIRST;

#undef ORIGINE_APPLICATION_COLUMNS
#undef ORIGINE_AFTER_CURSOR
#undef ORIGINE_NEWEST_FIRST

constexpr std::string_view kInsertApplication =
    "INSERT INTO applications (company_id, status, regime, data, created_by, created_at, updated_at, kind, "
    "predecessor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr std::string_view kUpdateApplicationData =
    "UPDATE applications SET regime = ?, data = ?, updated_at = ? WHERE id = ? AND status = ?";
constexpr std::string_view kReviewApplication =
    "UPDATE applications SET status = ?, review_comment = ?, approved_by = ?, updated_at = ? "
    "WHERE id = ? AND status = ?";
constexpr std::string_view kMoveApplication =
    "UPDATE applications SET status = ?, updated_at = ? WHERE id = ? AND status = ?";
constexpr std::string_view kMarkApplicationIssued =
    "UPDATE applications SET status = ?, certificate_number = ?, updated_at = ? WHERE id = ? AND status = ?";
constexpr std::string_view kSelectSuccessorApplication =
    "SELECT id FROM applications WHERE predecessor = ? ORDER BY id LIMIT 1";

constexpr std::string_view kInsertEvent =
    "INSERT INTO application_events (application_id, at, actor_id, action, comment) VALUES (?, ?, ?, ?, ?)";
constexpr std::string_view kSelectEvents =
    "SELECT at, actor_id, action, comment FROM application_events WHERE application_id = ? ORDER BY id";

storage::Value Name(ApplicationStatus s) { return std::string(StatusName(s)); }
storage::Value TextOrNull(const std::string& s) { return s.empty() ? storage::Value(nullptr) : storage::Value(s); }

Result<ApplicationRecord> ToRecord(const storage::Row& r) {
  std::optional<ApplicationStatus> status = ParseApplicationStatus(r.Text(2));
  if (!status) return Error::Internal("application " + std::to_string(r.Int(0)) + " has status " + r.Text(2));
  return ApplicationRecord{r.Int(0), r.Int(1), *status,  r.Text(3), r.Text(4),  r.Text(5), r.Text(6),
                           r.Int(7), r.Int(8), r.Int(9), r.Int(10), r.Text(11), r.Text(12)};
}

}  // namespace

Result<std::optional<ApplicationRecord>> Find(storage::Tx& tx, int64_t id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectApplication, {id}));
  if (rows.empty()) return std::optional<ApplicationRecord>();
  ASSIGN_OR_RETURN(ApplicationRecord app, ToRecord(rows[0]));
  return std::optional<ApplicationRecord>(std::move(app));
}

Result<int64_t> Insert(storage::Tx& tx, const NewApplication& a) {
  ASSIGN_OR_RETURN(auto rows,
                   tx.Query(kInsertApplication, {a.company_id, Name(ApplicationStatus::kDraft), a.regime, a.data,
                                                 a.created_by, a.at, a.at, a.kind, TextOrNull(a.predecessor)}));
  return rows[0].Int(0);
}

Result<bool> UpdateData(storage::Tx& tx, int64_t id, ApplicationStatus expected, const std::string& regime,
                        const std::string& data, int64_t at) {
  ASSIGN_OR_RETURN(int64_t n, tx.Exec(kUpdateApplicationData, {regime, data, at, id, Name(expected)}));
  return n == 1;
}

Result<bool> Review(storage::Tx& tx, int64_t id, ApplicationStatus from, ApplicationStatus to,
                    const std::optional<std::string>& review_comment, std::optional<int64_t> approved_by, int64_t at) {
  ASSIGN_OR_RETURN(int64_t n, tx.Exec(kReviewApplication,
                                      {Name(to), review_comment ? storage::Value(*review_comment) : nullptr,
                                       approved_by ? storage::Value(*approved_by) : nullptr, at, id, Name(from)}));
  return n == 1;
}

Result<bool> Move(storage::Tx& tx, int64_t id, ApplicationStatus from, ApplicationStatus to, int64_t at) {
  ASSIGN_OR_RETURN(int64_t n, tx.Exec(kMoveApplication, {Name(to), at, id, Name(from)}));
  return n == 1;
}

Result<bool> MarkIssued(storage::Tx& tx, int64_t id, const std::string& certificate_number, int64_t at) {
  ASSIGN_OR_RETURN(int64_t n, tx.Exec(kMarkApplicationIssued, {Name(ApplicationStatus::kIssued), certificate_number, at,
                                                               id, Name(ApplicationStatus::kApproved)}));
  return n == 1;
}

Result<std::optional<int64_t>> FindSuccessorApplication(storage::Tx& tx, const std::string& number) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectSuccessorApplication, {number}));
  if (rows.empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows[0].Int(0));
}

Result<std::vector<ApplicationRecord>> ListPage(storage::Tx& tx, const ApplicationPageQuery& q) {
  // Without a cursor, the position is "after everything": the newest first.
  constexpr int64_t kEnd = std::numeric_limits<int64_t>::max();
  const int64_t sort = q.after ? q.after->sort : kEnd, id = q.after ? q.after_id : kEnd;
  storage::Params params;
  std::string_view sql;
  if (q.company_id) params.push_back(*q.company_id);
  if (q.status) params.push_back(Name(*q.status));
  if (q.company_id)
    sql = q.status ? kListCompanyApplicationsInStatus : kListCompanyApplications;
  else
    sql = q.status ? kListApplicationsInStatus : kListApplications;
  params.insert(params.end(), {sort, sort, id, q.limit});
  ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params));
  std::vector<ApplicationRecord> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    ASSIGN_OR_RETURN(ApplicationRecord app, ToRecord(r));
    out.push_back(std::move(app));
  }
  return out;
}

Status AddEvent(storage::Tx& tx, int64_t application_id, int64_t at, int64_t actor_id, const std::string& action,
                const std::string& comment) {
  RETURN_IF_ERROR(tx.Exec(kInsertEvent, {application_id, at, actor_id, action, TextOrNull(comment)}));
  return {};
}

Result<std::vector<ApplicationEventRecord>> Events(storage::Tx& tx, int64_t application_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectEvents, {application_id}));
  std::vector<ApplicationEventRecord> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back({r.Int(0), r.Int(1), r.Text(2), r.Text(3)});
  return out;
}

}  // namespace origine::certificates::application_store
