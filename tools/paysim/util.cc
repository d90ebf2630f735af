#include "paysim/util.h"

#include <cctype>
#include <ctime>

#include "core/clock.h"

namespace origine::paysim {
namespace json = boost::json;

std::optional<json::object> ParseObject(const std::string& body) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec || !v.is_object()) return std::nullopt;
  return v.as_object();
}

http::Response Json(int status, const json::value& v) {
  http::Response r;
  r.status = status;
  r.body = json::serialize(v);
  return r;
}

namespace {
int HexVal(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
std::string Decode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && HexVal(s[i + 1]) >= 0 && HexVal(s[i + 2]) >= 0) {
      out += static_cast<char>(HexVal(s[i + 1]) * 16 + HexVal(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}
std::string Encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    }
  }
  return out;
}
std::string Format(int64_t t, const char* fmt) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, fmt, &tm);
  return buf;
}
}  // namespace

std::map<std::string, std::string> ParseForm(const std::string& body) {
  std::map<std::string, std::string> out;
  size_t pos = 0;
  while (pos <= body.size()) {
    size_t end = body.find('&', pos);
    if (end == std::string::npos) end = body.size();
    std::string_view part(body.data() + pos, end - pos);
    if (!part.empty()) {
      size_t eq = part.find('=');
      if (eq == std::string_view::npos)
        out[Decode(part)] = "";
      else
        out[Decode(part.substr(0, eq))] = Decode(part.substr(eq + 1));
    }
    pos = end + 1;
  }
  return out;
}

std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [k, v] : fields) {
    if (!out.empty()) out += '&';
    out += Encode(k) + "=" + Encode(v);
  }
  return out;
}

std::string HtmlEscape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string Base64(std::string_view data) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    uint32_t n = (uint8_t(data[i]) << 16) | (uint8_t(data[i + 1]) << 8) | uint8_t(data[i + 2]);
    out += kAlphabet[n >> 18];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (i + 1 == data.size()) {
    uint32_t n = uint8_t(data[i]) << 16;
    out += kAlphabet[n >> 18];
    out += kAlphabet[(n >> 12) & 63];
    out += "==";
  } else if (i + 2 == data.size()) {
    uint32_t n = (uint8_t(data[i]) << 16) | (uint8_t(data[i + 1]) << 8);
    out += kAlphabet[n >> 18];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += '=';
  }
  return out;
}

std::string Str(const json::object& o, const char* key) {
  auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::string Iso(int64_t t) { return FormatUtc(t); }
std::string DateTime(int64_t t) { return Format(t, "%Y-%m-%d %H:%M:%S"); }
std::string Compact(int64_t t) { return Format(t, "%Y%m%d%H%M%S"); }
std::string Day(int64_t t) { return Format(t, "%Y-%m-%d"); }

std::optional<int64_t> AmountFromString(const std::string& s) {
  if (s.empty() || s.size() > 15) return std::nullopt;
  int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (v <= 0) return std::nullopt;
  return v;
}

std::optional<int64_t> AmountFromJson(const json::value* v) {
  if (!v) return std::nullopt;
  if (v->is_int64() && v->as_int64() > 0 && v->as_int64() < 1'000'000'000'000'000) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() > 0 && v->as_uint64() < 1'000'000'000'000'000) return int64_t(v->as_uint64());
  return std::nullopt;
}

bool IsHttpUrl(const std::string& s) {
  return (s.rfind("http://", 0) == 0 && s.size() > 7) || (s.rfind("https://", 0) == 0 && s.size() > 8);
}

bool IsUuid(const std::string& s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (s[i] != '-') return false;
    } else if (HexVal(s[i]) < 0) {
      return false;
    }
  }
  return true;
}

std::string BearerToken(const http::Request& req) {
  const std::string& h = req.headers.Get("authorization");
  if (h.size() > 7 && (h.rfind("Bearer ", 0) == 0 || h.rfind("bearer ", 0) == 0)) return h.substr(7);
  return "";
}

bool SafeEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;  // lengths are not secret
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

int64_t Fee(int64_t amount, int64_t basis_points) { return (amount * basis_points + 5000) / 10000; }

std::string FormatXof(int64_t amount) {
  std::string digits = std::to_string(amount);
  std::string out;
  int n = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (n > 0 && n % 3 == 0) out.insert(0, "\u202f");
    out.insert(out.begin(), *it);
    ++n;
  }
  return out;
}

std::string NormaliseMsisdn(const std::string& raw) {
  std::string s;
  for (char c : raw)
    if (c != ' ') s += c;
  if (s.rfind("+223", 0) == 0)
    s = s.substr(4);
  else if (s.size() == 11 && s.rfind("223", 0) == 0)
    s = s.substr(3);
  if (s.size() != 8) return "";
  for (char c : s)
    if (c < '0' || c > '9') return "";
  return s;
}

}  // namespace origine::paysim
