// origine/certificates/internal/views.h — the JSON of an application and of a
// certificate, as the API answers them (docs/formats/api.md). Company and
// user names come from the identity module (identity/directory.h), never
// from a JOIN. Private to src/certificates.
#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <string>

#include "certificates/application_store.h"
#include "certificates/certificate_store.h"
#include "certificates/payment_gate.h"
#include "core/result.h"
#include "origin/engine.h"
#include "storage/db.h"

namespace origine::certificates::internal {

// Company names, each read once per instance (one listing, one answer).
class CompanyNames {
 public:
  Result<std::string> Of(storage::Tx& tx, int64_t company_id);

 private:
  std::map<int64_t, std::string> names_;
};

// The parsed data of a stored application ("internal" if it is not a JSON object).
Result<boost::json::object> ApplicationData(const ApplicationRecord& app);

// What the full view needs besides the record: the regimes and today's date
// for the origin verdicts, and the payments module (null: "not_required").
struct ApplicationViewContext {
  const origin::RegimeSet& regimes;
  std::string today;
  PaymentGate* gate = nullptr;
};

// {id, status, <data>, regime, company, payment, review_comment,
//  certificate_number, kind, predecessor, created_at, updated_at, history, origin}.
Result<boost::json::object> ApplicationJson(storage::Tx& tx, const ApplicationRecord& app,
                                            const ApplicationViewContext& context);
// One item of the listing: {id, status, regime, company, consignee_name,
// destination_country, goods_count, total_value_xof, certificate_number, kind,
// predecessor, updated_at}.
Result<boost::json::object> ApplicationSummaryJson(const ApplicationRecord& app, const std::string& company_name);

// {number, regime, application_id, company, issued_at, expires_at,
//  destination_country, status, kind, predecessor, revocation, successor}.
boost::json::object CertificateSummaryJson(const CertificateRecord& cert, const std::string& company_name);
// The summary plus {qr, document_sha256, kid}.
boost::json::object CertificateJson(const CertificateRecord& cert, const std::string& company_name);

}  // namespace origine::certificates::internal
