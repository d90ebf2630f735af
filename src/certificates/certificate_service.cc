// Issued certificates: listing, reading, PDF, and the trust store the
// verifications use.
#include "certificates/certificate_service.h"

#include <algorithm>
#include <boost/json.hpp>

#include "certificates/certificate_store.h"
#include "certificates/document.h"
#include "certificates/internal/access.h"
#include "certificates/internal/views.h"

namespace origine::certificates {
namespace json = boost::json;

namespace {

// Cursor kind (core/paging.h): a cursor of another listing is refused.
constexpr const char* kCertificatesCursor = "certs";

}  // namespace

Result<json::object> CertificateService::List(const Principal& who, const PageRequest& page) {
  std::optional<int64_t> company;
  if (!internal::IsStaff(who)) company = who.company_id.value_or(-1);
  std::optional<PageKey> after;
  if (!page.cursor.empty()) {
    ASSIGN_OR_RETURN(after, DecodeCursor(kCertificatesCursor, page.cursor));
    if (after->tie.empty())
      return Error::BadRequest("paging.cursor"_code, "the cursor is not valid for this listing",
                               {{"cursor", "paging.cursor"_code, "no position"}});
  }
  const int64_t limit = std::clamp(page.limit, 1, 500);
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  // One more than asked tells whether another page exists.
  ASSIGN_OR_RETURN(std::vector<CertificateRecord> certs, certificate_store::ListPage(*tx, company, after, limit + 1));
  json::value next = nullptr;
  if (static_cast<int64_t>(certs.size()) > limit) {
    certs.resize(limit);
    next = json::value(EncodeCursor(kCertificatesCursor, {certs.back().issued_at, certs.back().number}));
  }
  internal::CompanyNames companies;
  json::array items;
  for (const auto& c : certs) {
    ASSIGN_OR_RETURN(std::string company_name, companies.Of(*tx, c.company_id));
    items.push_back(internal::CertificateSummaryJson(c, company_name));
  }
  return json::object{{"items", std::move(items)}, {"next_cursor", std::move(next)}};
}

Result<json::object> CertificateService::Get(const Principal& who, const std::string& number) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(CertificateRecord c, internal::LoadVisibleCertificate(*tx, who, number));
  internal::CompanyNames companies;
  ASSIGN_OR_RETURN(std::string company_name, companies.Of(*tx, c.company_id));
  return internal::CertificateJson(c, company_name);
}

Result<std::string> CertificateService::Pdf(const Principal& who, const std::string& number) {
  return RenderPdf(number, who);
}

Result<std::string> CertificateService::PdfForOperator(const std::string& number) {
  return RenderPdf(number, std::nullopt);
}

Result<std::string> CertificateService::RenderPdf(const std::string& number, const std::optional<Principal>& who) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(CertificateRecord c, internal::LoadVisibleCertificate(*tx, who, number));
  return RenderDocumentPdf(c.document, c.qr, c.document_sha256);
}

Result<std::vector<std::string>> CertificateService::AllNumbers() {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  return certificate_store::AllNumbers(*tx);
}

Result<std::string> CertificateService::QrText(const std::string& number) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(CertificateRecord c, internal::LoadVisibleCertificate(*tx, std::nullopt, number));
  return c.qr;
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

}  // namespace origine::certificates
