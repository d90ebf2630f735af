// origine/api/internal/errors.h — the errors of request decoding shared by
// the API's route files: one invalid field of a body or one unusable query
// parameter, each with its code (web/src/i18n/errors/). Private to src/api.
#pragma once

#include <string>

#include "core/result.h"

namespace origine::api::internal {

// One field error: `code`, `message`, and `params` plus {"field": field}
// (for handlers that collect every bad field of a document).
FieldError Field(ErrorId code, const std::string& field, const std::string& message, ErrorParams params = {});

// kInvalidArgument `code` about one input field (a body member or a query
// parameter): detail `detail`, errors[] = [{field, code, message}]; the
// problem and the field both get `params` plus {"field": field}.
Error InvalidField(ErrorId code, const std::string& field, const std::string& message, const std::string& detail,
                   ErrorParams params = {});

// The usual ones (code, field message, detail):
Error UnknownField(const std::string& field);   // field.unknown, "unknown field"
Error NotAString(const std::string& field);     // field.string, "must be a string", "<field> must be a string"
Error RequiredField(const std::string& field);  // field.required, "is required", "<field> is required"
Error NotAnObject();                            // json.object: the body is JSON but not an object

}  // namespace origine::api::internal
