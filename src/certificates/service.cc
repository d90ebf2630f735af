#include "certificates/service.h"

#include <sodium.h>

#include <algorithm>
#include <boost/json.hpp>

#include "audit/audit.h"
#include "certificates/application_input.h"
#include "certificates/document.h"
#include "certificates/origin_check.h"
#include "trust/base45.h"
#include "trust/cose.h"
#include "trust/deflate.h"

namespace origine::certificates {
namespace json = boost::json;

namespace {

// Cursor kinds (core/paging.h): a cursor of one listing is refused by another.
constexpr const char* kApplicationsCursor = "apps";
constexpr const char* kCertificatesCursor = "certs";

constexpr const char* kSelectApplication =
    "SELECT a.id, a.company_id, c.name, a.status, a.regime, a.data, a.review_comment, a.certificate_number, "
    "a.created_at, a.updated_at, a.approved_by, a.kind, a.predecessor FROM applications a "
    "JOIN companies c ON c.id = a.company_id ";

struct AppRow {
  int64_t id, company_id;
  std::string company_name, status, regime, data, review_comment, certificate_number;
  int64_t created_at, updated_at, approved_by;
  std::string kind, predecessor;
};

AppRow ToAppRow(const storage::Row& r) {
  return {r.Int(0),  r.Int(1), r.Text(2), r.Text(3), r.Text(4),  r.Text(5), r.Text(6),
          r.Text(7), r.Int(8), r.Int(9),  r.Int(10), r.Text(11), r.Text(12)};
}

bool IsStaff(const Principal& p) { return p.role != Role::kExporter; }

// Loads an application visible to `who`; another company's is kNotFound.
Result<AppRow> LoadVisible(storage::Tx& tx, const Principal& who, int64_t id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string(kSelectApplication) + "WHERE a.id = ?", {id}));
  if (rows.empty()) return Error::NotFound("no application " + std::to_string(id));
  AppRow app = ToAppRow(rows[0]);
  if (!IsStaff(who) && (!who.company_id || *who.company_id != app.company_id))
    return Error::NotFound("no application " + std::to_string(id));
  return app;
}

Result<json::object> ToJson(storage::Tx& tx, const AppRow& a, const std::string& today, PaymentGate* gate) {
  json::object o;
  o["id"] = a.id;
  o["status"] = a.status;
  boost::system::error_code ec;
  json::value data = json::parse(a.data, ec);
  if (ec || !data.is_object()) return Error::Internal("stored application is not JSON");
  for (auto& kv : data.as_object()) o[kv.key()] = kv.value();
  o["regime"] = a.regime;
  o["company"] = {{"id", a.company_id}, {"name", a.company_name}};
  if (gate) {
    ASSIGN_OR_RETURN(o["payment"], gate->View(tx, a.id, a.status));
  } else {
    o["payment"] = {{"status", "not_required"}};
  }
  o["review_comment"] = a.review_comment.empty() ? json::value(nullptr) : json::value(a.review_comment);
  o["certificate_number"] = a.certificate_number.empty() ? json::value(nullptr) : json::value(a.certificate_number);
  o["kind"] = a.kind;
  o["predecessor"] = a.predecessor.empty() ? json::value(nullptr) : json::value(a.predecessor);
  o["created_at"] = FormatUtc(a.created_at);
  o["updated_at"] = FormatUtc(a.updated_at);
  ASSIGN_OR_RETURN(auto events,
                   tx.Query("SELECT e.at, u.name, u.role, e.action, COALESCE(e.comment, '') FROM application_events e "
                            "JOIN users u ON u.id = e.actor_id WHERE e.application_id = ? ORDER BY e.id",
                            {a.id}));
  json::array history;
  for (const auto& e : events)
    history.push_back({{"at", FormatUtc(e.Int(0))},
                       {"actor", e.Text(1)},
                       {"role", e.Text(2)},
                       {"action", e.Text(3)},
                       {"comment", e.Text(4)}});
  o["history"] = std::move(history);
  // The origin calculator's verdict per goods line, as of today.
  ASSIGN_OR_RETURN(o["origin"], EvaluateLines(tx, a.company_id, data.as_object(), today));
  return o;
}

Status RecordEvent(storage::Tx& tx, const Principal& who, const RequestMeta& meta, int64_t now, int64_t app_id,
                   const std::string& action, const std::string& comment, const std::string& details) {
  RETURN_IF_ERROR(
      tx.Exec("INSERT INTO application_events (application_id, at, actor_id, action, comment) VALUES (?, ?, ?, ?, ?)",
              {app_id, now, who.user_id, action, comment.empty() ? storage::Value(nullptr) : storage::Value(comment)}));
  return audit::Record(tx, who, meta, now, {"application." + action, "application", std::to_string(app_id), details});
}

std::string StatusChange(const std::string& from, const std::string& to) {
  return json::serialize(json::object{{"status", {{"before", from}, {"after", to}}}});
}

std::string Sha256Hex(const std::string& bytes) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

std::string Base64(const std::vector<uint8_t>& bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

}  // namespace

Status MarkPaid(storage::Tx& tx, int64_t application_id, int64_t payer_user_id, const std::string& reference,
                int64_t now) {
  ASSIGN_OR_RETURN(int64_t n, tx.Exec("UPDATE applications SET status = 'submitted', updated_at = ? "
                                      "WHERE id = ? AND status = 'awaiting_payment'",
                                      {now, application_id}));
  if (n != 1) return Error::Conflict("application " + std::to_string(application_id) + " is not awaiting payment");
  RETURN_IF_ERROR(
      tx.Exec("INSERT INTO application_events (application_id, at, actor_id, action, comment) VALUES (?, ?, ?, "
              "'payment', NULL)",
              {application_id, now, payer_user_id}));
  return audit::Record(
      tx, std::nullopt, {"payments", "", "origine payments"}, now,
      {"application.payment", "application", std::to_string(application_id),
       json::serialize(json::object{{"status", {{"before", "awaiting_payment"}, {"after", "submitted"}}},
                                    {"payment_reference", reference}})});
}

Result<json::object> ApplicationService::Create(const Principal& who, const json::value& input,
                                                const RequestMeta& meta) {
  if (who.role != Role::kExporter || !who.company_id) return Error::Denied("only exporters create applications");
  ASSIGN_OR_RETURN(json::object data, ValidateInput(input, FormatUtc(clock_.NowUnix(), true)));
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(auto ins, tx->Query("INSERT INTO applications (company_id, status, regime, data, created_by, "
                                       "created_at, updated_at) VALUES (?, 'draft', ?, ?, ?, ?, ?) RETURNING id",
                                       {*who.company_id, std::string(data["regime"].as_string()), json::serialize(data),
                                        who.user_id, now, now}));
  const int64_t id = ins[0].Int(0);
  RETURN_IF_ERROR(RecordEvent(*tx, who, meta, now, id, "create", "", StatusChange("", "draft")));
  ASSIGN_OR_RETURN(AppRow app, LoadVisible(*tx, who, id));
  ASSIGN_OR_RETURN(json::object out, ToJson(*tx, app, FormatUtc(clock_.NowUnix(), true), gate_));
  RETURN_IF_ERROR(tx->Commit());
  return out;
}

Result<json::object> ApplicationService::Update(const Principal& who, int64_t id, const json::value& input,
                                                const RequestMeta& meta) {
  if (who.role != Role::kExporter) return Error::Denied("only exporters edit applications");
  ASSIGN_OR_RETURN(json::object data, ValidateInput(input, FormatUtc(clock_.NowUnix(), true)));
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(AppRow app, LoadVisible(*tx, who, id));
  if (app.status != "draft" && app.status != "returned")
    return Error::Conflict("an application can be edited only as a draft or when returned (it is " + app.status + ")");
  RETURN_IF_ERROR(tx->Exec("UPDATE applications SET regime = ?, data = ?, updated_at = ? WHERE id = ?",
                           {std::string(data["regime"].as_string()), json::serialize(data), now, id}));
  RETURN_IF_ERROR(
      RecordEvent(*tx, who, meta, now, id, "update", "",
                  json::serialize(json::object{{"data", {{"changed", app.data != json::serialize(data)}}}})));
  ASSIGN_OR_RETURN(app, LoadVisible(*tx, who, id));
  ASSIGN_OR_RETURN(json::object out, ToJson(*tx, app, FormatUtc(clock_.NowUnix(), true), gate_));
  RETURN_IF_ERROR(tx->Commit());
  return out;
}

Result<json::object> ApplicationService::Evaluate(const Principal& who, const json::value& input) {
  if (who.role != Role::kExporter || !who.company_id) return Error::Denied("only exporters use the origin calculator");
  const std::string today = FormatUtc(clock_.NowUnix(), true);
  ASSIGN_OR_RETURN(json::object data, ValidateInput(input, today));
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(json::array origin, EvaluateLines(*tx, *who.company_id, data, today));
  std::vector<FieldError> refused = RefusedLines(data, origin);
  json::array refusals;
  for (const auto& f : refused) refusals.push_back({{"field", f.field}, {"message", f.message}});
  return json::object{{"regime", data["regime"]},
                      {"origin", std::move(origin)},
                      {"submittable", refused.empty()},
                      {"refusals", std::move(refusals)}};
}

Result<json::object> ApplicationService::Get(const Principal& who, int64_t id) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(AppRow app, LoadVisible(*tx, who, id));
  return ToJson(*tx, app, FormatUtc(clock_.NowUnix(), true), gate_);
}

Result<json::object> ApplicationService::List(const Principal& who, const std::optional<std::string>& status,
                                              const PageRequest& page) {
  std::string sql = std::string(kSelectApplication) + "WHERE 1 = 1 ";
  storage::Params params;
  if (!IsStaff(who)) {
    sql += "AND a.company_id = ? ";
    params.push_back(who.company_id.value_or(-1));
  }
  if (status) {
    sql += "AND a.status = ? ";
    params.push_back(*status);
  }
  if (!page.cursor.empty()) {
    ASSIGN_OR_RETURN(PageKey after, DecodeCursor(kApplicationsCursor, page.cursor));
    ASSIGN_OR_RETURN(int64_t after_id, CursorId(after));
    sql += "AND (a.updated_at < ? OR (a.updated_at = ? AND a.id < ?)) ";
    params.insert(params.end(), {after.sort, after.sort, after_id});
  }
  const int64_t limit = std::clamp(page.limit, 1, 500);
  sql += "ORDER BY a.updated_at DESC, a.id DESC LIMIT ?";
  params.push_back(limit + 1);  // one more tells whether another page exists
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(auto rows, tx->Query(sql, params));
  json::array items;
  json::value next = nullptr;
  if (static_cast<int64_t>(rows.size()) > limit) {
    rows.erase(rows.begin() + limit, rows.end());
    next = json::value(EncodeCursor(kApplicationsCursor, {rows.back().Int(9), std::to_string(rows.back().Int(0))}));
  }
  for (const auto& r : rows) {
    AppRow a = ToAppRow(r);
    boost::system::error_code ec;
    json::value data = json::parse(a.data, ec);
    if (ec || !data.is_object()) return Error::Internal("stored application is not JSON");
    const auto& d = data.as_object();
    int64_t total = 0;
    size_t lines = 0;
    if (auto g = d.find("goods"); g != d.end()) {
      for (const auto& line : g->value().as_array()) {
        ++lines;
        if (auto v = line.as_object().find("value_xof"); v != line.as_object().end()) total += v->value().as_int64();
      }
    }
    std::string consignee, destination;
    if (auto c = d.find("consignee"); c != d.end() && c->value().as_object().contains("name"))
      consignee = c->value().as_object().at("name").as_string();
    if (auto c = d.find("destination_country"); c != d.end()) destination = c->value().as_string();
    items.push_back({{"id", a.id},
                     {"status", a.status},
                     {"regime", a.regime},
                     {"company", {{"id", a.company_id}, {"name", a.company_name}}},
                     {"consignee_name", consignee},
                     {"destination_country", destination},
                     {"goods_count", lines},
                     {"total_value_xof", total},
                     {"certificate_number",
                      a.certificate_number.empty() ? json::value(nullptr) : json::value(a.certificate_number)},
                     {"kind", a.kind},
                     {"predecessor", a.predecessor.empty() ? json::value(nullptr) : json::value(a.predecessor)},
                     {"updated_at", FormatUtc(a.updated_at)}});
  }
  return json::object{{"items", std::move(items)}, {"next_cursor", std::move(next)}};
}

Result<json::object> ApplicationService::Submit(const Principal& who, int64_t id, const RequestMeta& meta) {
  return Transition(who, id, "submit", "", meta);
}

Result<json::object> ApplicationService::Approve(const Principal& who, int64_t id, const std::string& comment,
                                                 const RequestMeta& meta) {
  return Transition(who, id, "approve", comment, meta);
}

Result<json::object> ApplicationService::Return(const Principal& who, int64_t id, const std::string& comment,
                                                const RequestMeta& meta) {
  return Transition(who, id, "return", comment, meta);
}

Result<json::object> ApplicationService::Transition(const Principal& who, int64_t id, const char* action_c,
                                                    const std::string& comment, const RequestMeta& meta) {
  const std::string action = action_c;
  // The role check comes before any lookup so that a wrong role learns nothing.
  Role needed = action == "submit" ? Role::kExporter : Role::kAgent;
  if (who.role != needed)
    return Error::Denied(action == "submit" ? "only the exporter submits its application"
                                            : "only an agent may " + action + " an application");
  if (comment.size() > 2000)
    return Error::Invalid("the comment is too long", {{"comment", "must have at most 2000 characters"}});
  if (action == "return" && comment.find_first_not_of(" \t\r\n") == std::string::npos)
    return Error::Invalid("say what must be corrected", {{"comment", "is required"}});
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(AppRow app, LoadVisible(*tx, who, id));
  std::string to;
  if (action == "submit") {
    if (app.status != "draft" && app.status != "returned")
      return Error::Conflict("only a draft or a returned application can be submitted (it is " + app.status + ")");
    boost::system::error_code ec;
    json::value data = json::parse(app.data, ec);
    if (ec) return Error::Internal("stored application is not JSON");
    RETURN_IF_ERROR(CheckComplete(data.as_object()));
    // A line that cannot qualify for a preferential regime is refused with its reason.
    ASSIGN_OR_RETURN(json::array origin, EvaluateLines(*tx, app.company_id, data.as_object(), FormatUtc(now, true)));
    std::vector<FieldError> refused = RefusedLines(data.as_object(), origin);
    if (!refused.empty())
      return Error::Invalid("some goods lines cannot be submitted under " + app.regime, std::move(refused));
    to = "submitted";
    if (gate_) {
      ASSIGN_OR_RETURN(int64_t due, gate_->AmountDue(*tx, id, app.regime, now));
      if (due > 0) to = "awaiting_payment";
    }
  } else {
    if (app.status != "submitted")
      return Error::Conflict("only a submitted application can be reviewed (it is " + app.status + ")");
    to = action == "approve" ? "approved" : "returned";
  }
  RETURN_IF_ERROR(
      tx->Exec("UPDATE applications SET status = ?, review_comment = ?, approved_by = ?, updated_at = ? WHERE id = ? "
               "AND status = ?",
               {to, action == "submit" ? storage::Value(nullptr) : storage::Value(comment),
                action == "approve" ? storage::Value(who.user_id) : storage::Value(nullptr), now, id, app.status}));
  RETURN_IF_ERROR(RecordEvent(*tx, who, meta, now, id, action, comment, StatusChange(app.status, to)));
  ASSIGN_OR_RETURN(app, LoadVisible(*tx, who, id));
  ASSIGN_OR_RETURN(json::object out, ToJson(*tx, app, FormatUtc(clock_.NowUnix(), true), gate_));
  RETURN_IF_ERROR(tx->Commit());
  return out;
}

Result<json::object> ApplicationService::Sign(const Principal& who, int64_t id, const RequestMeta& meta) {
  if (who.role != Role::kSignatory) return Error::Denied("only a signatory signs certificates");
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(AppRow app, LoadVisible(*tx, who, id));
  if (app.status != "approved")
    return Error::Conflict("only an approved application can be signed (it is " + app.status + ")");
  if (app.approved_by == who.user_id)
    return Error::Denied("four eyes: the person who approved an application cannot also sign it");
  std::optional<RegimeInfo> regime = FindRegime(app.regime, FormatUtc(now, true));
  if (!regime) return Error::Conflict("the regime " + app.regime + " is not in force today");
  int64_t last_day = 0;
  if (!ParseDate(origin::ValidUntil(*regime->regime, FormatUtc(now, true)), &last_day))
    return Error::Internal("no validity for regime " + app.regime);

  // Gapless: the counter moves in this transaction and rolls back with it.
  const std::string year = FormatUtc(now, true).substr(0, 4);
  ASSIGN_OR_RETURN(
      auto seq,
      tx->Query("INSERT INTO certificate_sequences (issuer, regime, year, last_value) VALUES (?, ?, ?, 1) "
                "ON CONFLICT (issuer, regime, year) DO UPDATE SET last_value = certificate_sequences.last_value + 1 "
                "RETURNING last_value",
                {issuer_.country, app.regime, static_cast<int64_t>(std::stoi(year))}));
  char number[64];
  std::snprintf(number, sizeof number, "%s-%s-%s-%06lld", issuer_.country.c_str(), app.regime.c_str(), year.c_str(),
                static_cast<long long>(seq[0].Int(0)));

  ASSIGN_OR_RETURN(auto company,
                   tx->Query("SELECT name, nif, rccm, address FROM companies WHERE id = ?", {app.company_id}));
  boost::system::error_code ec;
  json::value data = json::parse(app.data, ec);
  if (ec) return Error::Internal("stored application is not JSON");
  DocumentInput in{number,
                   *regime,
                   issuer_.country,
                   issuer_.name,
                   now,
                   last_day + 86399,
                   {company[0].Text(0), company[0].Text(1), company[0].Text(2), company[0].Text(3)},
                   data.as_object(),
                   who.name,
                   app.id};
  const std::string document = BuildDocument(in);
  const std::string document_sha256 = Sha256Hex(document);
  // The claims carry the log index, and the leaf carries the hash of the
  // signed claims: the index is the current tree size, read under this write
  // transaction (which serialises appenders), and Append must return it.
  ASSIGN_OR_RETURN(uint64_t log_index, log_.Size(*tx));
  trust::Claims claims = ClaimsFromDocument(in, document_sha256);
  claims.log_index = static_cast<int64_t>(log_index);
  std::vector<uint8_t> payload = trust::EncodeClaims(claims);
  ASSIGN_OR_RETURN(pki::ActiveSigner signer, signers_.Active(*tx, now));
  if (std::find(signer.types.begin(), signer.types.end(), app.regime) == signer.types.end())
    return Error::Conflict("the active document signer may not sign " + app.regime +
                           " certificates: rotate it with this type (origine keys rotate --types)");
  if (in.expires_at > signer.not_after)
    return Error::Conflict("the active document signer expires on " + FormatUtc(signer.not_after, true) +
                           ", before this certificate would: rotate it (origine keys rotate)");
  ASSIGN_OR_RETURN(std::vector<uint8_t> cose, trust::SignSign1(payload, *signer.key, signer.kid));
  const std::string qr = "CO1:" + trust::Base45Encode(trust::ZlibCompress(cose));
  ASSIGN_OR_RETURN(uint64_t appended,
                   log_.Append(*tx, {tlog::Event::kIssue, number, tlog::Sha256(cose), in.issued_at}));
  if (appended != log_index) return Error::Unavailable("the transparency log moved during signing; try again");

  RETURN_IF_ERROR(tx->Exec(
      "INSERT INTO certificates (number, application_id, company_id, regime, issued_at, expires_at, document, "
      "document_sha256, cose, qr, kid, signed_by, log_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {std::string(number), app.id, app.company_id, app.regime, in.issued_at, in.expires_at, document, document_sha256,
       storage::Blob{cose}, qr, Base64(signer.kid), who.user_id, static_cast<int64_t>(log_index)}));
  RETURN_IF_ERROR(
      tx->Exec("UPDATE applications SET status = 'issued', certificate_number = ?, updated_at = ? WHERE id = ? AND "
               "status = 'approved'",
               {std::string(number), now, id}));
  RETURN_IF_ERROR(RecordEvent(*tx, who, meta, now, id, "sign", "",
                              json::serialize(json::object{{"status", {{"before", "approved"}, {"after", "issued"}}},
                                                           {"certificate_number", number},
                                                           {"document_sha256", document_sha256}})));
  RETURN_IF_ERROR(
      audit::Record(*tx, who, meta, now,
                    {"certificate.issue", "certificate", number,
                     json::serialize(json::object{
                         {"application_id", app.id}, {"kid", Base64(signer.kid)}, {"log_index", log_index}})}));
  if (!app.predecessor.empty()) {
    // An amendment or duplicate replaces its predecessor, in this transaction.
    ASSIGN_OR_RETURN(
        int64_t replaced,
        tx->Exec("UPDATE certificates SET successor = ?, replaced_at = ? WHERE number = ? AND successor IS NULL",
                 {std::string(number), now, app.predecessor}));
    if (replaced != 1) return Error::Conflict("certificate " + app.predecessor + " was already replaced");
    ASSIGN_OR_RETURN(uint64_t amend_index,
                     log_.Append(*tx, {tlog::Event::kAmend, app.predecessor, tlog::Sha256(cose), now}));
    RETURN_IF_ERROR(audit::Record(*tx, who, meta, now,
                                  {"certificate.replace", "certificate", app.predecessor,
                                   json::serialize(json::object{{"successor", {{"before", nullptr}, {"after", number}}},
                                                                {"kind", app.kind},
                                                                {"log_index", amend_index}})}));
  }
  ASSIGN_OR_RETURN(app, LoadVisible(*tx, who, id));
  ASSIGN_OR_RETURN(json::object out, ToJson(*tx, app, FormatUtc(clock_.NowUnix(), true), gate_));
  RETURN_IF_ERROR(tx->Commit());
  return out;
}

// ---- certificates --------------------------------------------------------

namespace {

constexpr const char* kSelectCertificate =
    "SELECT c.number, c.regime, c.application_id, c.company_id, co.name, c.issued_at, c.expires_at, c.qr, "
    "c.document_sha256, c.kid, c.document, c.revoked_at, c.revocation_reason, c.successor, a.kind, a.predecessor, "
    "sa.kind, c.replaced_at "
    "FROM certificates c JOIN companies co ON co.id = c.company_id JOIN applications a ON a.id = c.application_id "
    "LEFT JOIN applications sa ON sa.certificate_number = c.successor ";
// Column positions in kSelectCertificate.
enum CertColumn : size_t {
  kNumber,
  kRegime,
  kApplicationId,
  kCompanyId,
  kCompanyName,
  kIssuedAt,
  kExpiresAt,
  kQr,
  kDocumentSha256,
  kKid,
  kDocument,
  kRevokedAt,
  kRevocationReason,
  kSuccessor,
  kKind,
  kPredecessor,
  kSuccessorKind,
  kReplacedAt
};

Result<storage::Row> LoadCertificate(storage::Tx& tx, const std::optional<Principal>& who, const std::string& number) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string(kSelectCertificate) + "WHERE c.number = ?", {number}));
  if (rows.empty()) return Error::NotFound("no certificate " + number);
  if (who && !IsStaff(*who) && (!who->company_id || *who->company_id != rows[0].Int(3)))
    return Error::NotFound("no certificate " + number);
  return rows[0];
}

json::object CertificateSummary(const storage::Row& r) {
  boost::system::error_code ec;
  json::value doc = json::parse(r.Text(10), ec);
  std::string destination = ec ? "" : std::string(doc.as_object()["destination_country"].as_string());
  return {{"number", r.Text(0)},
          {"regime", r.Text(1)},
          {"application_id", r.Int(2)},
          {"company", {{"id", r.Int(3)}, {"name", r.Text(4)}}},
          {"issued_at", FormatUtc(r.Int(5))},
          {"expires_at", FormatUtc(r.Int(6))},
          {"destination_country", destination},
          {"status", !r.IsNull(kRevokedAt)   ? "revoked"
                     : !r.IsNull(kSuccessor) ? "replaced"
                                             : "issued"},
          {"kind", r.Text(kKind)},
          {"predecessor", r.IsNull(kPredecessor) ? json::value(nullptr) : json::value(r.Text(kPredecessor))},
          {"revocation", r.IsNull(kRevokedAt) ? json::value(nullptr)
                                              : json::value({{"at", FormatUtc(r.Int(kRevokedAt))},
                                                             {"reason", r.Text(kRevocationReason)},
                                                             {"scope", "certificate"}})},
          {"successor", r.IsNull(kSuccessor) ? json::value(nullptr)
                                             : json::value({{"number", r.Text(kSuccessor)},
                                                            {"kind", r.Text(kSuccessorKind)},
                                                            {"at", FormatUtc(r.Int(kReplacedAt))}})}};
}

}  // namespace

Result<json::object> CertificateService::List(const Principal& who, const PageRequest& page) {
  std::string sql = std::string(kSelectCertificate) + "WHERE 1 = 1 ";
  storage::Params params;
  if (!IsStaff(who)) {
    sql += "AND c.company_id = ? ";
    params.push_back(who.company_id.value_or(-1));
  }
  if (!page.cursor.empty()) {
    ASSIGN_OR_RETURN(PageKey after, DecodeCursor(kCertificatesCursor, page.cursor));
    if (after.tie.empty())
      return Error::BadRequest("the cursor is not valid for this listing", {{"cursor", "no position"}});
    sql += "AND (c.issued_at < ? OR (c.issued_at = ? AND c.number < ?)) ";
    params.insert(params.end(), {after.sort, after.sort, after.tie});
  }
  const int64_t limit = std::clamp(page.limit, 1, 500);
  sql += "ORDER BY c.issued_at DESC, c.number DESC LIMIT ?";
  params.push_back(limit + 1);  // one more tells whether another page exists
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(auto rows, tx->Query(sql, params));
  json::array items;
  json::value next = nullptr;
  if (static_cast<int64_t>(rows.size()) > limit) {
    rows.erase(rows.begin() + limit, rows.end());
    next = json::value(EncodeCursor(kCertificatesCursor, {rows.back().Int(kIssuedAt), rows.back().Text(kNumber)}));
  }
  for (const auto& r : rows) items.push_back(CertificateSummary(r));
  return json::object{{"items", std::move(items)}, {"next_cursor", std::move(next)}};
}

Result<json::object> CertificateService::Get(const Principal& who, const std::string& number) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(storage::Row r, LoadCertificate(*tx, who, number));
  json::object o = CertificateSummary(r);
  o["qr"] = r.Text(7);
  o["document_sha256"] = r.Text(8);
  o["kid"] = r.Text(9);
  return o;
}

Result<std::string> CertificateService::Pdf(const Principal& who, const std::string& number) {
  return RenderPdf(number, who);
}

Result<std::string> CertificateService::PdfForOperator(const std::string& number) {
  return RenderPdf(number, std::nullopt);
}

Result<std::string> CertificateService::RenderPdf(const std::string& number, const std::optional<Principal>& who) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(storage::Row r, LoadCertificate(*tx, who, number));
  return RenderDocumentPdf(r.Text(10), r.Text(7), r.Text(8));
}

Result<std::vector<std::string>> CertificateService::AllNumbers() {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(auto rows, tx->Query("SELECT number FROM certificates ORDER BY issued_at, number"));
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.Text(0));
  return out;
}

Result<std::string> CertificateService::QrText(const std::string& number) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(storage::Row r, LoadCertificate(*tx, std::nullopt, number));
  return r.Text(7);
}

std::shared_ptr<const trust::TrustStore> CertificateService::trust_store() const {
  // The source answers the same snapshot until a new version is published:
  // the parsed store is rebuilt once per version.
  std::shared_ptr<const trust::TrustListSnapshot> snap = source_.Current();
  std::lock_guard lock(trust_mu_);
  if (!trust_ || snap != seen_) {
    trust_ = std::make_shared<const trust::TrustStore>(snap->entries, "tl-" + std::to_string(snap->version));
    seen_ = std::move(snap);
  }
  return trust_;
}

void CertificateService::SetTrustList(std::vector<trust::TrustEntry> entries, std::string version) {
  auto store = std::make_shared<const trust::TrustStore>(std::move(entries), std::move(version));
  std::shared_ptr<const trust::TrustListSnapshot> snap = source_.Current();
  std::lock_guard lock(trust_mu_);
  trust_ = std::move(store);
  seen_ = std::move(snap);  // kept until the source publishes another version
}

Verification CertificateService::VerifyQr(const std::string& qr_text) {
  const std::shared_ptr<const trust::TrustStore> store = trust_store();
  Verification v = FromOffline(trust::VerifyQrText(qr_text, *store, clock_.NowUnix()));
  if (!v.claims) return v;  // malformed, unknown signer or bad signature: nothing to look up
  auto tx = db_.Begin(false);
  if (!tx) return v;
  auto rows = (*tx)->Query(std::string(kSelectCertificate) + "WHERE c.number = ?", {v.claims->number});
  if (!rows || rows->empty()) return v;  // a genuine signature on a number this platform never stored
  const storage::Row& r = (*rows)[0];
  // The full document, hashed again now: the stored bytes must be those whose
  // SHA-256 the signer put in the QR.
  const std::string& document = r.Text(kDocument);
  v.document_checked = true;
  v.document_hash_matches = Sha256Hex(document) == trust::HexEncode(v.claims->document_hash);
  if (!r.IsNull(kSuccessor)) v.successor = Successor{r.Text(kSuccessor), r.Text(kSuccessorKind)};
  if (!r.IsNull(kRevokedAt)) {
    v.status = Outcome::kRevoked;
    v.revocation = Revocation{r.Int(kRevokedAt), r.Text(kRevocationReason), "certificate"};
    v.reason = "certificate revoked: " + r.Text(kRevocationReason);
  } else if (v.status == Outcome::kRevoked) {
    // Signer revoked (from the offline check): keep it.
  } else if (v.successor) {
    v.status = Outcome::kAmended;
    v.reason = "replaced by " + v.successor->number + " (" + v.successor->kind + ")";
  } else if (!v.document_hash_matches) {
    v.status = Outcome::kDocumentMismatch;
    v.reason = "the SHA-256 of the stored document differs from the QR's document_hash";
  }
  return v;
}

Verification CertificateService::VerifyNumber(const std::string& number) {
  auto qr = QrText(number);
  if (!qr) {
    Verification v;
    v.status = Outcome::kNotFound;
    v.reason = "no certificate has this number";
    return v;
  }
  return VerifyQr(*qr);
}

// ---- amendment and revocation --------------------------------------------

Result<json::object> ApplicationService::StartAmendment(const Principal& who, const std::string& number,
                                                        const std::string& kind, const RequestMeta& meta) {
  if (who.role != Role::kExporter && who.role != Role::kAgent)
    return Error::Denied("only the exporter or an agent starts an amendment or a duplicate");
  if (kind != "amendment" && kind != "duplicate")
    return Error::Invalid("the kind must be amendment or duplicate",
                          {{"kind", "must be \"amendment\" or \"duplicate\""}});
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(storage::Row cert, LoadCertificate(*tx, who, number));
  if (!cert.IsNull(kRevokedAt))
    return Error::Conflict("certificate " + number + " is revoked: it cannot be amended; apply for a new certificate");
  if (!cert.IsNull(kSuccessor))
    return Error::Conflict("certificate " + number + " was already replaced by " + cert.Text(kSuccessor));
  ASSIGN_OR_RETURN(auto pending, tx->Query("SELECT id FROM applications WHERE predecessor = ? ORDER BY id", {number}));
  if (!pending.empty())
    return Error::Conflict("application " + std::to_string(pending[0].Int(0)) + " already amends or duplicates " +
                           number);
  ASSIGN_OR_RETURN(AppRow original, LoadVisible(*tx, who, cert.Int(kApplicationId)));
  ASSIGN_OR_RETURN(
      auto ins, tx->Query("INSERT INTO applications (company_id, status, regime, data, created_by, "
                          "created_at, updated_at, kind, predecessor) "
                          "VALUES (?, 'draft', ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                          {original.company_id, original.regime, original.data, who.user_id, now, now, kind, number}));
  const int64_t id = ins[0].Int(0);
  RETURN_IF_ERROR(
      RecordEvent(*tx, who, meta, now, id, "create", "",
                  json::serialize(json::object{
                      {"status", {{"before", ""}, {"after", "draft"}}}, {"kind", kind}, {"predecessor", number}})));
  ASSIGN_OR_RETURN(AppRow app, LoadVisible(*tx, who, id));
  ASSIGN_OR_RETURN(json::object out, ToJson(*tx, app, FormatUtc(now, true), gate_));
  RETURN_IF_ERROR(tx->Commit());
  return out;
}

Result<json::object> ApplicationService::RevokeCertificate(const Principal& who, const std::string& number,
                                                           const std::string& reason_in, const RequestMeta& meta) {
  if (who.role != Role::kAdmin && who.role != Role::kSignatory)
    return Error::Denied("only a signatory or an administrator revokes a certificate");
  const size_t b = reason_in.find_first_not_of(" \t\r\n");
  const std::string reason =
      b == std::string::npos ? "" : reason_in.substr(b, reason_in.find_last_not_of(" \t\r\n") - b + 1);
  if (reason.empty()) return Error::Invalid("say why the certificate is revoked", {{"reason", "is required"}});
  if (reason.size() > 500)
    return Error::Invalid("the reason is too long", {{"reason", "must have at most 500 characters"}});
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(storage::Row cert, LoadCertificate(*tx, who, number));
  if (!cert.IsNull(kRevokedAt)) return Error::Conflict("certificate " + number + " is already revoked");
  ASSIGN_OR_RETURN(int64_t changed,
                   tx->Exec("UPDATE certificates SET revoked_at = ?, revoked_by = ?, revocation_reason = ? "
                            "WHERE number = ? AND revoked_at IS NULL",
                            {now, who.user_id, reason, number}));
  if (changed != 1) return Error::Conflict("certificate " + number + " is already revoked");
  ASSIGN_OR_RETURN(auto cose, tx->Query("SELECT cose FROM certificates WHERE number = ?", {number}));
  ASSIGN_OR_RETURN(uint64_t log_index,
                   log_.Append(*tx, {tlog::Event::kRevoke, number, tlog::Sha256(cose[0].Bytes(0)), now}));
  RETURN_IF_ERROR(audit::Record(
      *tx, who, meta, now,
      {"certificate.revoke", "certificate", number,
       json::serialize(
           json::object{{"status", {{"before", cert.IsNull(kSuccessor) ? "issued" : "replaced"}, {"after", "revoked"}}},
                        {"reason", reason},
                        {"log_index", log_index}})}));
  ASSIGN_OR_RETURN(storage::Row after, LoadCertificate(*tx, who, number));
  json::object out = CertificateSummary(after);
  out["qr"] = after.Text(kQr);
  out["document_sha256"] = after.Text(kDocumentSha256);
  out["kid"] = after.Text(kKid);
  RETURN_IF_ERROR(tx->Commit());
  return out;
}

}  // namespace origine::certificates
