// origine/core/result.h — the one error model of Origine.
//
// Expected failures (bad input, missing object, refused permission, conflict)
// travel as values: a function that can fail returns Result<T> (or Status when
// there is no value). Exceptions and asserts are for programming errors only.
// The HTTP layer maps ErrorKind to a status and an RFC 9457 problem document in
// one place (src/http/problem.cc); the CLI maps it to an exit code. Every
// Error carries a stable code ("nif.format") that clients translate.
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

enum class ErrorKind {
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

// A stable, machine-readable error code: lower-case dotted words naming the
// area and the problem ("hs_code.format", "payment.amount_mismatch"). Clients
// translate by code (web/src/i18n/errors/), never by the English message.
// A code is only ever written as a literal with the _code suffix, checked at
// compile time, so that a test can list every code the server uses and demand
// a French and an English text for each:
//
//   return Error::Invalid("nif.format"_code, "NIF must be 9 digits and a letter");
struct ErrorId {
  const char* id;
};

namespace internal {
consteval bool IsErrorCodeChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }
// "word(.word)+" with words of [a-z0-9_]; anything else fails to compile.
consteval bool ValidErrorCode(const char* s, size_t n) {
  if (n == 0 || s[0] == '.' || s[n - 1] == '.') return false;
  bool dot = false;
  for (size_t i = 0; i < n; ++i) {
    if (s[i] == '.') {
      if (s[i - 1] == '.') return false;
      dot = true;
    } else if (!IsErrorCodeChar(s[i])) {
      return false;
    }
  }
  return dot;
}
}  // namespace internal

consteval ErrorId operator""_code(const char* s, size_t n) {
  // Not a constant expression (so a compile error) when the code is malformed.
  if (!internal::ValidErrorCode(s, n)) throw "error codes are dotted lower-case words, e.g. \"hs_code.format\"";
  return ErrorId{s};
}

// Values that the client may put into its translated message ("{hs}").
using ErrorParams = std::vector<std::pair<std::string, std::string>>;

// One invalid field of an input document, named by a JSON pointer-like path.
struct FieldError {
  std::string field;    // e.g. "goods/0/hs_code"
  std::string code;     // e.g. "hs_code.format"
  std::string message;  // English, for developers and logs; the UI translates by code
  ErrorParams params;

  FieldError(std::string f, ErrorId c, std::string m, ErrorParams p = {})
      : field(std::move(f)), code(c.id), message(std::move(m)), params(std::move(p)) {}
};

struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string code = "internal";   // stable machine-readable code (see ErrorId)
  std::string message;             // one sentence in English, safe to show to the caller
  std::vector<FieldError> fields;  // for kInvalidArgument and kBadRequest, every bad field
  ErrorParams params;              // values for the client's translated message

  static Error Make(ErrorKind kind, ErrorId code, std::string m, std::vector<FieldError> f = {}, ErrorParams p = {}) {
    return {kind, code.id, std::move(m), std::move(f), std::move(p)};
  }
  static Error Invalid(ErrorId c, std::string m, std::vector<FieldError> f = {}) {
    return Make(ErrorKind::kInvalidArgument, c, std::move(m), std::move(f));
  }
  static Error BadRequest(ErrorId c, std::string m, std::vector<FieldError> f = {}) {
    return Make(ErrorKind::kBadRequest, c, std::move(m), std::move(f));
  }
  static Error NotFound(ErrorId c, std::string m) { return Make(ErrorKind::kNotFound, c, std::move(m)); }
  static Error Denied(ErrorId c, std::string m) { return Make(ErrorKind::kPermissionDenied, c, std::move(m)); }
  static Error Unauthenticated(ErrorId c, std::string m) { return Make(ErrorKind::kUnauthenticated, c, std::move(m)); }
  static Error Conflict(ErrorId c, std::string m) { return Make(ErrorKind::kConflict, c, std::move(m)); }
  static Error Unavailable(ErrorId c, std::string m) { return Make(ErrorKind::kUnavailable, c, std::move(m)); }
  static Error TooLarge(ErrorId c, std::string m) { return Make(ErrorKind::kPayloadTooLarge, c, std::move(m)); }
  static Error Unsupported(ErrorId c, std::string m) { return Make(ErrorKind::kUnsupportedMedia, c, std::move(m)); }
  // A bug or an unexpected system failure: its message is logged, never shown;
  // the client sees the code "internal".
  static Error Internal(std::string m) { return {ErrorKind::kInternal, "internal", std::move(m), {}, {}}; }

  // Adds a parameter for the translated message; returns *this for chaining.
  Error& With(std::string name, std::string value) {
    params.emplace_back(std::move(name), std::move(value));
    return *this;
  }
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

// ASSIGN_OR_RETURN(lhs, expr): lhs = *expr, or return its Error. No parentheses: tmp is a name, lhs may be `auto x`.
#define ASSIGN_OR_RETURN(lhs, expr) ASSIGN_OR_RETURN_IMPL(ORIGINE_CONCAT(origine_result_, __LINE__), lhs, expr)
#define ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr)                                       \
  auto tmp = (expr);                       /* NOLINT(bugprone-macro-parentheses) */ \
  if (!tmp) return std::move(tmp).error(); /* NOLINT(bugprone-macro-parentheses) */ \
  lhs = std::move(tmp).value()             // NOLINT(bugprone-macro-parentheses)
