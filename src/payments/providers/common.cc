#include "payments/providers/common.h"

#include <boost/url/encode.hpp>
#include <boost/url/params_view.hpp>
#include <boost/url/parse_query.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "core/csv.h"
#include "core/date.h"
#include "payments/payments.h"

namespace origine::payments::internal {
namespace json = boost::json;
namespace urls = boost::urls;

std::optional<json::object> ParseObject(const std::string& body) {
  boost::system::error_code ec;
  json::parse_options opt;
  opt.max_depth = 16;
  json::value v = json::parse(body, ec, {}, opt);
  if (ec || !v.is_object()) return std::nullopt;
  return v.as_object();
}

const json::value* Member(const json::object& o, const char* key) {
  auto it = o.find(key);
  return it == o.end() ? nullptr : &it->value();
}

std::string Str(const json::object& o, const char* key) {
  const json::value* v = Member(o, key);
  if (v && v->is_string()) return std::string(v->as_string());
  return "";
}

std::optional<int64_t> Amount(const json::value* v) {
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() < (1ull << 62)) return static_cast<int64_t>(v->as_uint64());
  if (v->is_double()) {
    double d = v->as_double();
    if (d >= 0 && d < 1e15 && static_cast<double>(static_cast<int64_t>(d)) == d) return static_cast<int64_t>(d);
    return std::nullopt;
  }
  if (!v->is_string()) return std::nullopt;
  std::string s(v->as_string());
  auto dot = s.find('.');
  std::string whole = s.substr(0, dot);
  if (dot != std::string::npos) {
    std::string frac = s.substr(dot + 1);
    if (frac.empty() || frac.find_first_not_of('0') != std::string::npos) return std::nullopt;
  }
  if (whole.empty() || whole.size() > 15 || whole.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return std::stoll(whole);
}

std::string ReportedCurrency(const std::string& reported, const std::string& ours) {
  if (reported.empty()) return "";
  return reported == ours ? std::string(kCurrency) : reported;
}

std::string UrlEncode(std::string_view s) { return urls::encode(s, urls::unreserved_chars); }

std::string FormBody(std::initializer_list<std::pair<std::string_view, std::string_view>> fields) {
  // Every character but the unreserved ones escaped: '+', '&' and '=' in a
  // value stay data (Boost.URL's params with space_as_plus leave '+' as is,
  // which a form decoder reads as a space).
  std::string out;
  for (const auto& [key, value] : fields) {
    if (!out.empty()) out += '&';
    out += UrlEncode(key) + "=" + UrlEncode(value);
  }
  return out;
}

std::map<std::string, std::string> ParseForm(const std::string& body) {
  std::map<std::string, std::string> out;
  if (!urls::parse_query(body)) return out;  // checked first: the view below throws on bad input
  for (const urls::param& p : urls::params_view(body, urls::encoding_opts(true)))
    if (!p.key.empty()) out[p.key] = p.value;
  return out;
}

bool IsUnclearStatus(int status) { return status >= 500 || status == 408 || status == 429 || status == 0; }

std::string Describe(const std::string& url, int status) {
  std::string path = url;
  if (auto p = url.find("://"); p != std::string::npos) {
    auto slash = url.find('/', p + 3);
    path = slash == std::string::npos ? "/" : url.substr(slash);
  }
  if (auto q = path.find('?'); q != std::string::npos) path.resize(q);
  return path + " (HTTP " + std::to_string(status) + ")";
}

Result<std::string> CachedToken(TokenCache& cache, HttpClient& http, const Clock& clock, const HttpRequest& request,
                                const std::string& what, int64_t default_ttl) {
  std::lock_guard<std::mutex> g(cache.mu);
  const int64_t now = clock.NowUnix();
  if (!cache.token.empty() && cache.expires_at > now + 30) return cache.token;
  ASSIGN_OR_RETURN(HttpResponse res, http.Send(request));
  if (res.status != 200)
    return Error::Unavailable("provider.unavailable"_code, what + ": " + Describe(request.url, res.status));
  auto o = ParseObject(res.body);
  if (!o || Str(*o, "access_token").empty())
    return Error::Unavailable("provider.unavailable"_code, what + ": unreadable answer");
  cache.token = Str(*o, "access_token");
  auto ttl = Amount(Member(*o, "expires_in"));
  cache.expires_at = now + (ttl ? *ttl : default_ttl);
  return cache.token;
}

std::optional<int64_t> ParseTime(std::string_view s) {
  // Without a zone designator (a fraction of a second may follow the
  // seconds), the time is UTC.
  size_t end = 19;
  if (s.size() > end && s[end] == '.') {
    ++end;
    while (end < s.size() && s[end] >= '0' && s[end] <= '9') ++end;
  }
  std::string text(s);
  if (s.size() >= 19 && end == s.size()) text += 'Z';
  auto t = origine::ParseTimestamp(text);
  if (!t) return std::nullopt;
  return *t;
}

Error BadStatementLine(ErrorId code, const std::string& where, const std::string& field, const std::string& summary,
                       const std::string& detail) {
  ErrorParams params;
  if (where.rfind("line ", 0) == 0) {
    params = {{"line", where.substr(5)}};
  } else if (auto slash = where.find('/'); slash != std::string::npos) {
    params = {{"item", std::to_string(std::stoll(where.substr(slash + 1)) + 1)}};
  }
  Error e = Error::Invalid(code, where + ": " + summary,
                           {FieldError{field.empty() ? where : where + "/" + field, code, detail, params}});
  e.params = params;
  return e;
}

Result<std::vector<StatementLine>> ParseStatementCsv(const std::string& text, const CsvColumns& cols,
                                                     const std::vector<std::string>& ok_statuses, char sep) {
  csv::ParseOptions options;
  options.separator = sep;
  ASSIGN_OR_RETURN(std::vector<csv::Record> rows, csv::Parse(text, options));
  if (rows.empty()) return Error::Invalid("statement.empty"_code, "the statement is empty");
  const auto& header = rows[0].fields;
  auto find = [&](const std::vector<std::string>& names) -> int {
    for (size_t i = 0; i < header.size(); ++i)
      for (const auto& n : names)
        if (header[i] == n) return static_cast<int>(i);
    return -1;
  };
  int txn = find(cols.txn), ref = find(cols.reference), amount = find(cols.amount), fee = find(cols.fee),
      at = find(cols.at), status = find(cols.status), reversal = find(cols.reversal);
  std::vector<FieldError> missing;
  auto lacks = [&](const std::string& column) {
    missing.push_back({"header", "statement.column_missing"_code, "no column " + column, {{"column", column}}});
  };
  if (txn < 0) lacks(cols.txn[0]);
  if (ref < 0) lacks(cols.reference[0]);
  if (amount < 0) lacks(cols.amount[0]);
  if (at < 0) lacks(cols.at[0]);
  if (!missing.empty())
    return Error::Invalid("statement.header"_code, "line 1: the statement header lacks a column", missing);
  std::vector<StatementLine> out;
  for (size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r].fields;
    const std::string where = "line " + std::to_string(rows[r].line);
    auto cell = [&](int i) -> std::string { return i >= 0 && static_cast<size_t>(i) < row.size() ? row[i] : ""; };
    if (row.size() < header.size())
      return BadStatementLine("statement.too_few_fields"_code, where, "", "too few fields", "too few fields");
    if (status >= 0 && !ok_statuses.empty()) {
      bool ok = false;
      for (const auto& s : ok_statuses) ok = ok || cell(status) == s;
      if (!ok) continue;  // only completed transactions move money
    }
    StatementLine l;
    l.line_no = static_cast<int>(rows[r].line);
    l.provider_txn = cell(txn);
    l.reference = cell(ref);
    std::string a = cell(amount);
    const bool negative = !a.empty() && a[0] == '-';
    json::value av(negative ? a.substr(1) : a), fv(cell(fee).empty() ? "0" : cell(fee));
    auto amt = Amount(&av);
    auto f = Amount(&fv);
    auto t = ParseTime(cell(at));
    if (l.provider_txn.empty())
      return BadStatementLine("statement.no_transaction"_code, where, "txn", "no transaction id", "is required");
    if (!amt) return BadStatementLine("statement.amount"_code, where, "amount", "bad amount", "must be whole XOF");
    if (!f) return BadStatementLine("statement.fee"_code, where, "fee", "bad fee", "must be whole XOF");
    if (!t)
      return BadStatementLine("statement.date"_code, where, "date", "bad date",
                              "must be a real date and time (ISO 8601)");
    l.amount_xof = *amt;
    l.fee_xof = *f;
    l.at = *t;
    std::string rv = cell(reversal);
    l.reversal = negative || rv == "true" || rv == "1";
    out.push_back(std::move(l));
  }
  return out;
}

}  // namespace origine::payments::internal
