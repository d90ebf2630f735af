#include "payments/providers/common.h"

#include <ctime>

namespace origine::payments::internal {
namespace json = boost::json;

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

std::string UrlEncode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
      out += static_cast<char>(c);
    else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

namespace {
std::string UrlDecode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+')
      out += ' ';
    else if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
             std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else
      out += s[i];
  }
  return out;
}
}  // namespace

std::map<std::string, std::string> ParseForm(const std::string& body) {
  std::map<std::string, std::string> out;
  size_t start = 0;
  while (start <= body.size()) {
    size_t end = body.find('&', start);
    if (end == std::string::npos) end = body.size();
    std::string pair = body.substr(start, end - start);
    if (!pair.empty()) {
      size_t eq = pair.find('=');
      out[UrlDecode(pair.substr(0, eq))] = eq == std::string::npos ? "" : UrlDecode(pair.substr(eq + 1));
    }
    start = end + 1;
  }
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

Result<std::string> CachedToken(TokenCache& cache, HttpClient& http, const HttpRequest& request,
                                const std::string& what, int64_t default_ttl) {
  std::lock_guard<std::mutex> g(cache.mu);
  const int64_t now = std::time(nullptr);
  if (!cache.token.empty() && cache.expires_at > now + 30) return cache.token;
  ASSIGN_OR_RETURN(HttpResponse res, http.Send(request));
  if (res.status != 200) return Error::Unavailable(what + ": " + Describe(request.url, res.status));
  auto o = ParseObject(res.body);
  if (!o || Str(*o, "access_token").empty()) return Error::Unavailable(what + ": unreadable answer");
  cache.token = Str(*o, "access_token");
  auto ttl = Amount(Member(*o, "expires_in"));
  cache.expires_at = now + (ttl ? *ttl : default_ttl);
  return cache.token;
}

std::optional<int64_t> ParseTimestamp(const std::string& s) {
  if (s.size() < 19) return std::nullopt;
  std::tm tm{};
  const char* end = strptime(s.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
  if (!end) end = strptime(s.c_str(), "%Y-%m-%d %H:%M:%S", &tm);
  if (!end) return std::nullopt;
  int64_t t = timegm(&tm);
  if (*end == '.') {
    ++end;
    while (std::isdigit(static_cast<unsigned char>(*end))) ++end;
  }
  if (*end == 'Z' || *end == '\0') return t;
  if ((*end == '+' || *end == '-') && std::strlen(end) == 6 && end[3] == ':') {
    int h = std::atoi(std::string(end + 1, 2).c_str()), m = std::atoi(std::string(end + 4, 2).c_str());
    int64_t off = (h * 60 + m) * 60;
    return *end == '+' ? t - off : t + off;
  }
  return std::nullopt;
}

std::vector<std::vector<std::string>> ParseCsv(const std::string& text, char sep) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else
          quoted = false;
      } else
        field += c;
      continue;
    }
    if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == sep) {
      row.push_back(field);
      field.clear();
      any = true;
    } else if (c == '\r') {
    } else if (c == '\n') {
      if (any || !field.empty()) {
        row.push_back(field);
        rows.push_back(row);
      }
      row.clear();
      field.clear();
      any = false;
    } else {
      field += c;
      any = true;
    }
  }
  if (any || !field.empty()) {
    row.push_back(field);
    rows.push_back(row);
  }
  return rows;
}

}  // namespace origine::payments::internal

namespace origine::payments::internal {

Result<std::vector<StatementLine>> ParseStatementCsv(const std::string& text, const CsvColumns& cols,
                                                     const std::vector<std::string>& ok_statuses, char sep) {
  auto rows = ParseCsv(text, sep);
  if (rows.empty()) return Error::Invalid("the statement is empty");
  const auto& header = rows[0];
  auto find = [&](const std::vector<std::string>& names) -> int {
    for (size_t i = 0; i < header.size(); ++i)
      for (const auto& n : names)
        if (header[i] == n) return static_cast<int>(i);
    return -1;
  };
  int txn = find(cols.txn), ref = find(cols.reference), amount = find(cols.amount), fee = find(cols.fee),
      at = find(cols.at), status = find(cols.status), reversal = find(cols.reversal);
  std::vector<FieldError> missing;
  if (txn < 0) missing.push_back({"header", "no column " + cols.txn[0]});
  if (ref < 0) missing.push_back({"header", "no column " + cols.reference[0]});
  if (amount < 0) missing.push_back({"header", "no column " + cols.amount[0]});
  if (at < 0) missing.push_back({"header", "no column " + cols.at[0]});
  if (!missing.empty()) return Error::Invalid("line 1: the statement header lacks a column", missing);
  std::vector<StatementLine> out;
  for (size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    const std::string where = "line " + std::to_string(r + 1);
    auto cell = [&](int i) -> std::string { return i >= 0 && static_cast<size_t>(i) < row.size() ? row[i] : ""; };
    if (row.size() < header.size()) return Error::Invalid(where + ": too few fields", {{where, "too few fields"}});
    if (status >= 0 && !ok_statuses.empty()) {
      bool ok = false;
      for (const auto& s : ok_statuses) ok = ok || cell(status) == s;
      if (!ok) continue;  // only completed transactions move money
    }
    StatementLine l;
    l.line_no = static_cast<int>(r + 1);
    l.provider_txn = cell(txn);
    l.reference = cell(ref);
    json::value av(cell(amount)), fv(cell(fee).empty() ? "0" : cell(fee));
    std::string a = cell(amount);
    bool negative = !a.empty() && a[0] == '-';
    if (negative) av = json::value(a.substr(1));
    auto amt = Amount(&av);
    auto f = Amount(&fv);
    auto t = ParseTimestamp(cell(at));
    if (l.provider_txn.empty()) return Error::Invalid(where + ": no transaction id", {{where + "/txn", "is required"}});
    if (!amt) return Error::Invalid(where + ": bad amount", {{where + "/amount", "must be whole XOF"}});
    if (!f) return Error::Invalid(where + ": bad fee", {{where + "/fee", "must be whole XOF"}});
    if (!t) return Error::Invalid(where + ": bad date", {{where + "/date", "must be an ISO 8601 time"}});
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
