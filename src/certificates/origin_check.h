// origine/certificates/origin_check.h — the origin calculator of an
// application: one verdict per goods line, before and at submission.
//
// The facts of a line come from, in increasing precedence: the product of the
// exporter's registry named by `product_id` (cost structure, materials,
// processes, granted approval for the regime), the line itself (hs_code), and
// the explicit `origin_facts` the exporter gives. The approval (agrément) is the
// product's, else the company's approved-exporter status for the regime valid
// on `date` (registry::ProductFacts, registry::CompanyApprovalOn; ADR 0021). The line is evaluated by
// origin::Evaluate under the application's regime, from origin_country to
// destination_country, on `date`.
// Thread-safety: stateless; the Tx decides.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "certificates/regimes.h"
#include "core/result.h"
#include "storage/db.h"

namespace origine::certificates {

// [{line, outcome, criterion, explanation_fr, explanation_en, reasons, form,
//   regime_version, approval_number}] for a validated application, under the
// regimes of `regimes`. A line
// without an HS code, or an application without countries, is
// "needs_review" with reason "incomplete"; an unknown product_id is
// "needs_review" with reason "unknown_product".
Result<boost::json::array> EvaluateLines(storage::Tx& tx, const origin::RegimeSet& regimes, int64_t company_id,
                                         const boost::json::object& data, const std::string& date);

// The lines that cannot be submitted: "not_originating" under a preferential
// regime (code "goods.not_originating"), or an unknown product
// ("goods.unknown_product"). Field "goods/N", message naming the reason.
std::vector<FieldError> RefusedLines(const boost::json::object& data, const boost::json::array& origin);

}  // namespace origine::certificates
