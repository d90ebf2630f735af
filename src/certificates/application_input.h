// origine/certificates/application_input.h — what an exporter may write in an
// application, and the checks it must pass.
//
// ValidateInput is applied on every create and update: each field present is
// checked for type and format and unknown fields are refused, so that a draft
// may be incomplete but never malformed. CheckComplete is applied on submit.
// Both report every problem at once as FieldErrors named by path
// ("goods/0/hs_code"), each with its code ("hs_code.format", "field.required",
// ...; texts in web/src/i18n/errors/application.ts). Pure functions; thread-safe.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string>

#include "certificates/regimes.h"
#include "core/result.h"

namespace origine::certificates {

constexpr size_t kMaxGoodsLines = 100;

// Returns the normalised input (known fields only, in a fixed order), or
// kInvalidArgument "application.invalid" listing every bad field
// ("application.not_object" when it is not a JSON object). The regime must be
// one of `regimes`, enabled and in force on `date` (today). A goods line may carry
// `product_id` (a product of the exporter's registry) and `origin_facts`
// (facts for the origin calculator: product_kind, wholly_obtained,
// ex_works_xof, materials, processes, attributes); see docs/formats/api.md.
Result<boost::json::object> ValidateInput(const RegimeSetPtr& regimes, const boost::json::value& input,
                                          const std::string& date);

// Checks that a validated input has everything a submission needs:
// kInvalidArgument "application.incomplete" listing what is missing.
Status CheckComplete(const boost::json::object& data);

// True for an ISO 3166-1 alpha-2 code of the iso-codes registry
// (registry::Countries(); false for every code when iso-codes is missing).
bool IsCountryCode(const std::string& code);
// French name of a country code from iso-codes (registry::FindCountry), or the
// code itself when unknown.
std::string CountryNameFr(const std::string& code);

}  // namespace origine::certificates
