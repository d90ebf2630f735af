#include "api/internal/errors.h"

namespace origine::api::internal {

FieldError Field(ErrorId code, const std::string& field, const std::string& message, ErrorParams params) {
  params.insert(params.begin(), {"field", field});
  return FieldError{field, code, message, std::move(params)};
}

Error InvalidField(ErrorId code, const std::string& field, const std::string& message, const std::string& detail,
                   ErrorParams params) {
  FieldError f = Field(code, field, message, std::move(params));
  Error e = Error::Invalid(code, detail);
  e.params = f.params;
  e.fields.push_back(std::move(f));
  return e;
}

Error UnknownField(const std::string& field) {
  return InvalidField("field.unknown"_code, field, "unknown field", "unknown field");
}

Error NotAString(const std::string& field) {
  return InvalidField("field.string"_code, field, "must be a string", field + " must be a string");
}

Error RequiredField(const std::string& field) {
  return InvalidField("field.required"_code, field, "is required", field + " is required");
}

Error NotAnObject() { return Error::Invalid("json.object"_code, "the body must be a JSON object"); }

}  // namespace origine::api::internal
