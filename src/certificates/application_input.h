// origine/certificates/application_input.h — what an exporter may write in an
// application, and the checks it must pass.
//
// ValidateInput is applied on every create and update: each field present is
// checked for type and format and unknown fields are refused, so that a draft
// may be incomplete but never malformed. CheckComplete is applied on submit.
// Both report every problem at once as FieldErrors named by path
// ("goods/0/hs_code"). Pure functions; thread-safe.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <vector>

#include "core/result.h"

namespace origine::certificates {

struct RegimeInfo {
  std::string code;        // "ETLS", "NP": used in certificate numbers
  std::string label_fr, label_en;
  std::string title_fr;    // title printed on the certificate
  int validity_days;
};

// The regimes this build knows. (Issue: regimes as versioned data files.)
const std::vector<RegimeInfo>& Regimes();
const RegimeInfo* FindRegime(const std::string& code);

constexpr size_t kMaxGoodsLines = 100;

// Returns the normalised input (known fields only, in a fixed order) or an
// kInvalidArgument error listing every bad field.
Result<boost::json::object> ValidateInput(const boost::json::value& input);

// Checks that a validated input has everything a submission needs.
Status CheckComplete(const boost::json::object& data);

// True for an ISO 3166-1 alpha-2 code (from Debian's iso-codes when installed).
bool IsCountryCode(const std::string& code);
// French name of a country code, or the code itself when unknown.
std::string CountryNameFr(const std::string& code);

}  // namespace origine::certificates
