// origine/core/result.h — the one error model of Origine.
//
// Expected failures (bad input, missing object, refused permission, conflict)
// travel as values: a function that can fail returns Result<T> (or Status when
// there is no value). Exceptions and asserts are for programming errors only.
// The HTTP layer maps ErrorCode to a status and an RFC 9457 problem document in
// one place (src/http/problem.cc); the CLI maps it to an exit code.
//
//   Result<Application> r = service.Get(id);
//   if (!r) return r.error();
//   use(*r);
//
// Thread-safety: plain values; no shared state.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace origine {

enum class ErrorCode {
  kInvalidArgument,   // the input is malformed or violates a rule (422; malformed JSON 400)
  kBadRequest,        // a query parameter is unusable, e.g. a paging limit or cursor (400)
  kUnauthenticated,   // no valid session (401)
  kPermissionDenied,  // authenticated but not allowed (403)
  kNotFound,          // absent, or invisible to this caller (404)
  kConflict,          // state does not allow the operation (409)
  kPayloadTooLarge,   // body or upload over the limit (413)
  kUnsupportedMedia,  // wrong content type (415)
  kUnavailable,       // a dependency is down; retry later (503)
  kInternal,          // a bug or an unexpected system failure (500)
};

// One invalid field of an input document, named by a JSON pointer-like path.
struct FieldError {
  std::string field;    // e.g. "goods/0/hs_code"
  std::string message;  // English, for developers; the UI maps codes to French
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;             // one sentence, safe to show to the caller
  std::vector<FieldError> fields;  // for kInvalidArgument and kBadRequest, every bad field

  static Error Invalid(std::string m, std::vector<FieldError> f = {}) {
    return {ErrorCode::kInvalidArgument, std::move(m), std::move(f)};
  }
  static Error BadRequest(std::string m, std::vector<FieldError> f = {}) {
    return {ErrorCode::kBadRequest, std::move(m), std::move(f)};
  }
  static Error NotFound(std::string m) { return {ErrorCode::kNotFound, std::move(m), {}}; }
  static Error Denied(std::string m) { return {ErrorCode::kPermissionDenied, std::move(m), {}}; }
  static Error Unauthenticated(std::string m) { return {ErrorCode::kUnauthenticated, std::move(m), {}}; }
  static Error Conflict(std::string m) { return {ErrorCode::kConflict, std::move(m), {}}; }
  static Error Internal(std::string m) { return {ErrorCode::kInternal, std::move(m), {}}; }
  static Error Unavailable(std::string m) { return {ErrorCode::kUnavailable, std::move(m), {}}; }
};

// Result<T>: either a T or an Error. Accessing the wrong alternative is a bug
// (asserts in debug builds, std::bad_variant_access otherwise).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const& { return std::get<1>(v_); }
  Error&& error() && { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Error> v_;
};

// Status: success or an Error, for operations without a value.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : e_(std::move(error)) {}  // NOLINT(google-explicit-constructor)
  static Status Ok() { return {}; }
  bool ok() const { return !e_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const { return *e_; }

 private:
  std::optional<Error> e_;
};

}  // namespace origine

#define ORIGINE_CONCAT_INNER(a, b) a##b
#define ORIGINE_CONCAT(a, b) ORIGINE_CONCAT_INNER(a, b)

// RETURN_IF_ERROR(expr): expr is a Status or Result; returns its Error on failure.
#define RETURN_IF_ERROR(expr)                             \
  do {                                                    \
    auto&& origine_status_ = (expr);                      \
    if (!origine_status_) return origine_status_.error(); \
  } while (0)

// ASSIGN_OR_RETURN(lhs, expr): lhs = *expr, or return its Error.
#define ASSIGN_OR_RETURN(lhs, expr) ASSIGN_OR_RETURN_IMPL(ORIGINE_CONCAT(origine_result_, __LINE__), lhs, expr)
#define ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                          \
  if (!tmp) return std::move(tmp).error();    \
  lhs = std::move(tmp).value()
