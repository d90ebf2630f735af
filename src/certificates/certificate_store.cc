#include "certificates/certificate_store.h"

#include <limits>

namespace origine::certificates::certificate_store {
namespace {

constexpr std::string_view kNextSerial =
    "INSERT INTO certificate_sequences (issuer, regime, year, last_value) VALUES (?, ?, ?, 1) "
    "ON CONFLICT (issuer, regime, year) DO UPDATE SET last_value = certificate_sequences.last_value + 1 "
    "RETURNING last_value";

constexpr std::string_view kInsertCertificate =
    "INSERT INTO certificates (number, application_id, company_id, regime, issued_at, expires_at, document, "
    "document_sha256, cose, qr, kid, signed_by, log_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

#define ORIGINE_CERTIFICATE_COLUMNS                                                                                \
  "SELECT c.number, c.regime, c.application_id, c.company_id, c.issued_at, c.expires_at, c.qr, "                   \
  "c.document_sha256, c.kid, c.document, c.revoked_at, c.revocation_reason, c.successor, sa.kind, c.replaced_at, " \
  "a.kind, a.predecessor FROM certificates c JOIN applications a ON a.id = c.application_id "                      \
  "LEFT JOIN applications sa ON sa.certificate_number = c.successor "
#define ORIGINE_AFTER_CURSOR "(c.issued_at < ? OR (c.issued_at = ? AND c.number < ?)) "
#define ORIGINE_NEWEST_FIRST "ORDER BY c.issued_at DESC, c.number DESC LIMIT ?"

constexpr std::string_view kSelectCertificate = ORIGINE_CERTIFICATE_COLUMNS "WHERE c.number = ?";
constexpr std::string_view kListCertificates =
    ORIGINE_CERTIFICATE_COLUMNS "WHERE " ORIGINE_AFTER_CURSOR ORIGINE_NEWEST_FIRST;
constexpr std::string_view kListCompanyCertificates =
    ORIGINE_CERTIFICATE_COLUMNS "WHERE c.company_id = ? AND " ORIGINE_AFTER_CURSOR ORIGINE_NEWEST_FIRST;

#undef ORIGINE_CERTIFICATE_COLUMNS
#undef ORIGINE_AFTER_CURSOR
#undef ORIGINE_NEWEST_FIRST

constexpr std::string_view kSelectAllNumbers = "SELECT number FROM certificates ORDER BY issued_at, number";
constexpr std::string_view kSelectCose = "SELECT cose FROM certificates WHERE number = ?";
constexpr std::string_view kMarkReplaced =
    "UPDATE certificates SET successor = ?, replaced_at = ? WHERE number = ? AND successor IS NULL";
constexpr std::string_view kRevokeCertificate =
    "UPDATE certificates SET revoked_at = ?, revoked_by = ?, revocation_reason = ? "
    "WHERE number = ? AND revoked_at IS NULL";

CertificateRecord ToRecord(const storage::Row& r) {
  CertificateRecord c;
  c.number = r.Text(0);
  c.regime = r.Text(1);
  c.application_id = r.Int(2);
  c.company_id = r.Int(3);
  c.issued_at = r.Int(4);
  c.expires_at = r.Int(5);
  c.qr = r.Text(6);
  c.document_sha256 = r.Text(7);
  c.kid = r.Text(8);
  c.document = r.Text(9);
  if (!r.IsNull(10)) c.revoked_at = r.Int(10);
  c.revocation_reason = r.Text(11);
  if (!r.IsNull(12)) c.successor = r.Text(12);
  c.successor_kind = r.Text(13);
  c.replaced_at = r.Int(14);
  c.kind = r.Text(15);
  if (!r.IsNull(16)) c.predecessor = r.Text(16);
  return c;
}

}  // namespace

Result<int64_t> NextSerial(storage::Tx& tx, const std::string& issuer, const std::string& regime, int64_t year) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kNextSerial, {issuer, regime, year}));
  return rows[0].Int(0);
}

Status Insert(storage::Tx& tx, const NewCertificate& c) {
  RETURN_IF_ERROR(tx.Exec(kInsertCertificate,
                          {c.number, c.application_id, c.company_id, c.regime, c.issued_at, c.expires_at, c.document,
                           c.document_sha256, storage::Blob{c.cose}, c.qr, c.kid, c.signed_by, c.log_index}));
  return {};
}

Result<std::optional<CertificateRecord>> Find(storage::Tx& tx, const std::string& number) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectCertificate, {number}));
  if (rows.empty()) return std::optional<CertificateRecord>();
  return std::optional<CertificateRecord>(ToRecord(rows[0]));
}

Result<std::vector<CertificateRecord>> ListPage(storage::Tx& tx, std::optional<int64_t> company_id,
                                                const std::optional<PageKey>& after, int64_t limit) {
  // Without a cursor, the position is "after everything": the newest first.
  const int64_t sort = after ? after->sort : std::numeric_limits<int64_t>::max();
  const std::string tie = after ? after->tie : "";
  storage::Params params;
  if (company_id) params.push_back(*company_id);
  params.insert(params.end(), {sort, sort, tie, limit});
  ASSIGN_OR_RETURN(auto rows, tx.Query(company_id ? kListCompanyCertificates : kListCertificates, params));
  std::vector<CertificateRecord> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(ToRecord(r));
  return out;
}

Result<std::vector<std::string>> AllNumbers(storage::Tx& tx) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectAllNumbers));
  std::vector<std::string> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(r.Text(0));
  return out;
}

Result<std::vector<uint8_t>> Cose(storage::Tx& tx, const std::string& number) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectCose, {number}));
  if (rows.empty()) return std::vector<uint8_t>();
  return rows[0].Bytes(0);
}

Result<bool> MarkReplaced(storage::Tx& tx, const std::string& number, const std::string& successor, int64_t at) {
  ASSIGN_OR_RETURN(int64_t n, tx.Exec(kMarkReplaced, {successor, at, number}));
  return n == 1;
}

Result<bool> Revoke(storage::Tx& tx, const std::string& number, int64_t at, int64_t by, const std::string& reason) {
  ASSIGN_OR_RETURN(int64_t n, tx.Exec(kRevokeCertificate, {at, by, reason, number}));
  return n == 1;
}

}  // namespace origine::certificates::certificate_store
