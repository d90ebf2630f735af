#include "certificates/application_input.h"

#include <boost/json.hpp>
#include <cctype>
#include <map>
#include <mutex>
#include <set>

#include "core/clock.h"
#include "registry/reference.h"

namespace origine::certificates {
namespace json = boost::json;

namespace {

std::mutex g_regimes_mu;
std::shared_ptr<const origin::RegimeSet> g_regimes;

RegimeInfo Info(const origin::Regime& r, std::shared_ptr<const origin::RegimeSet> set) {
  RegimeInfo i;
  i.code = ApplicationCode(r.code);
  i.data_code = r.code;
  i.label_fr = r.label_fr;
  i.label_en = r.label_en;
  i.title_fr = r.label_fr.rfind("Certificat", 0) == 0 ? r.label_fr : "Certificat d'origine — " + r.label_fr;
  i.preferential = r.preferential;
  i.regime = &r;
  i.set = std::move(set);
  return i;
}

}  // namespace

void InstallRegimes(std::shared_ptr<const origin::RegimeSet> set) {
  std::lock_guard<std::mutex> g(g_regimes_mu);
  g_regimes = std::move(set);
}

std::shared_ptr<const origin::RegimeSet> InstalledRegimes() {
  std::lock_guard<std::mutex> g(g_regimes_mu);
  if (!g_regimes) {
    auto loaded = origin::LoadRegimes("data/regimes");
    g_regimes = loaded ? std::make_shared<const origin::RegimeSet>(std::move(*loaded))
                       : std::make_shared<const origin::RegimeSet>();
  }
  return g_regimes;
}

std::string ApplicationCode(const std::string& data_code) { return data_code == "GENERAL" ? "NP" : data_code; }
std::string DataCode(const std::string& application_code) {
  return application_code == "NP" ? "GENERAL" : application_code;
}

std::vector<RegimeInfo> Regimes(const std::string& date) {
  auto set = InstalledRegimes();
  std::vector<RegimeInfo> out;
  for (const origin::Regime* r : origin::RegimesEffectiveOn(*set, date)) out.push_back(Info(*r, set));
  return out;
}

std::optional<RegimeInfo> FindRegime(const std::string& code, const std::string& date) {
  auto set = InstalledRegimes();
  const origin::Regime* r = origin::FindRegime(*set, DataCode(code), date);
  if (!r || !r->enabled) return std::nullopt;
  return Info(*r, set);
}

namespace {

bool IsDecimal(const std::string& s) {
  // up to 12 integer digits, optional '.' and 1-3 decimals, positive
  size_t dot = s.find('.');
  std::string ip = s.substr(0, dot), fp = dot == std::string::npos ? "" : s.substr(dot + 1);
  if (ip.empty() || ip.size() > 12 || (dot != std::string::npos && (fp.empty() || fp.size() > 3))) return false;
  for (char c : ip + fp)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return std::stold(s) > 0;
}

class Checker {
 public:
  std::vector<FieldError> errors;
  void Add(const std::string& field, const std::string& message) { errors.push_back({field, message}); }

  // Copies a string field, checking type, length and an optional predicate.
  void Text(const json::object& in, json::object& out, const std::string& key, const std::string& path, size_t max_len,
            bool (*valid)(const std::string&) = nullptr, const char* why = nullptr) {
    auto it = in.find(key);
    if (it == in.end() || it->value().is_null()) return;
    if (!it->value().is_string()) return Add(path, "must be a string");
    std::string v(it->value().as_string());
    size_t b = v.find_first_not_of(" \t\r\n"), e = v.find_last_not_of(" \t\r\n");
    v = b == std::string::npos ? "" : v.substr(b, e - b + 1);
    if (v.size() > max_len) return Add(path, "must have at most " + std::to_string(max_len) + " characters");
    for (unsigned char c : v)
      if (c < 0x20 && c != '\n') return Add(path, "must not contain control characters");
    if (!v.empty() && valid && !valid(v)) return Add(path, why);
    out[key] = v;
  }

  void Unknown(const json::object& in, const std::set<std::string>& known, const std::string& prefix) {
    for (const auto& kv : in)
      if (!known.count(std::string(kv.key()))) Add(prefix + std::string(kv.key()), "unknown field");
  }

  const json::object* Object(const json::object& in, const std::string& key, const std::string& path) {
    auto it = in.find(key);
    if (it == in.end() || it->value().is_null()) return nullptr;
    if (!it->value().is_object()) {
      Add(path, "must be an object");
      return nullptr;
    }
    return &it->value().as_object();
  }
};

bool IsCountry(const std::string& v) { return IsCountryCode(v); }
bool IsHs(const std::string& v) {
  if (v.size() < 6 || v.size() > 10) return false;
  for (char c : v)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}
bool IsDate(const std::string& v) {
  int64_t t;
  return ParseDate(v, &t);
}
bool IsMode(const std::string& v) {
  return v == "road" || v == "rail" || v == "air" || v == "sea" || v == "multimodal";
}

}  // namespace

bool IsCountryCode(const std::string& code) {
  return code.size() == 2 && std::isupper(static_cast<unsigned char>(code[0])) &&
         std::isupper(static_cast<unsigned char>(code[1])) && registry::FindCountry(code) != nullptr;
}

std::string CountryNameFr(const std::string& code) {
  const registry::Country* c = registry::FindCountry(code);
  return c ? c->name_fr : code;
}

namespace {

// origin_facts of a goods line: the explicit facts for the origin calculator.
void OriginFacts(Checker& c, const json::object& in, json::object& out, const std::string& p) {
  auto it = in.find("origin_facts");
  if (it == in.end() || it->value().is_null()) return;
  if (!it->value().is_object()) return c.Add(p + "origin_facts", "must be an object");
  const auto& o = it->value().as_object();
  const std::string q = p + "origin_facts/";
  c.Unknown(
      o,
      {"product_kind", "wholly_obtained", "ex_works_xof", "materials", "processes", "attributes", "suspensive_regime"},
      q);
  json::object f;
  c.Text(
      o, f, "product_kind", q + "product_kind", 20,
      [](const std::string& v) { return v == "industrial" || v == "unprocessed" || v == "handicraft"; },
      "must be industrial, unprocessed or handicraft");
  for (const char* b : {"wholly_obtained", "suspensive_regime"})
    if (auto v = o.find(b); v != o.end() && !v->value().is_null()) {
      if (!v->value().is_bool())
        c.Add(q + b, "must be true or false");
      else
        f[b] = v->value().as_bool();
    }
  auto money = [&](const json::object& m, const char* k, const std::string& path, json::object& dst) {
    auto v = m.find(k);
    if (v == m.end() || v->value().is_null()) return;
    if (!v->value().is_int64() || v->value().as_int64() < 0 || v->value().as_int64() > 1000000000000000LL)
      c.Add(path, "must be a whole number of francs between 0 and 10^15");
    else
      dst[k] = v->value().as_int64();
  };
  money(o, "ex_works_xof", q + "ex_works_xof", f);
  if (auto v = o.find("materials"); v != o.end() && !v->value().is_null()) {
    if (!v->value().is_array() || v->value().as_array().size() > 50) {
      c.Add(q + "materials", "must be an array of at most 50 materials");
    } else {
      json::array ms;
      size_t i = 0;
      for (const auto& m : v->value().as_array()) {
        const std::string mp = q + "materials/" + std::to_string(i++) + "/";
        if (!m.is_object()) {
          c.Add(mp.substr(0, mp.size() - 1), "must be an object");
          continue;
        }
        json::object x;
        c.Unknown(m.as_object(), {"hs_code", "description", "cif_xof", "origin_country"}, mp);
        c.Text(
            m.as_object(), x, "hs_code", mp + "hs_code", 10,
            [](const std::string& h) {
              return h.size() >= 4 && h.find_first_not_of("0123456789") == std::string::npos;
            },
            "must be 4 to 10 digits");
        c.Text(m.as_object(), x, "description", mp + "description", 200);
        c.Text(m.as_object(), x, "origin_country", mp + "origin_country", 2, IsCountry,
               "must be an ISO 3166 alpha-2 country code");
        money(m.as_object(), "cif_xof", mp + "cif_xof", x);
        ms.push_back(std::move(x));
      }
      f["materials"] = std::move(ms);
    }
  }
  if (auto v = o.find("processes"); v != o.end() && !v->value().is_null()) {
    bool ok = v->value().is_array() && v->value().as_array().size() <= 20;
    if (ok)
      for (const auto& x : v->value().as_array())
        ok = ok && x.is_string() && !x.as_string().empty() && x.as_string().size() <= 50;
    if (!ok)
      c.Add(q + "processes", "must be an array of at most 20 process codes");
    else
      f["processes"] = v->value();
  }
  if (auto v = o.find("attributes"); v != o.end() && !v->value().is_null()) {
    bool ok = v->value().is_object() && v->value().as_object().size() <= 20;
    if (ok)
      for (const auto& kv : v->value().as_object())
        ok = ok && kv.value().is_string() && kv.value().as_string().size() <= 100;
    if (!ok)
      c.Add(q + "attributes", "must be an object of at most 20 text values");
    else
      f["attributes"] = v->value();
  }
  out["origin_facts"] = std::move(f);
}

}  // namespace

Result<json::object> ValidateInput(const json::value& input, const std::string& date) {
  if (!input.is_object()) return Error::Invalid("the application must be a JSON object");
  const json::object& in = input.as_object();
  Checker c;
  json::object out;
  c.Unknown(in, {"regime", "consignee", "origin_country", "destination_country", "transport", "invoice", "goods"}, "");
  if (auto it = in.find("regime"); it != in.end() && !it->value().is_null()) {
    if (!it->value().is_string()) {
      c.Add("regime", "must be a string");
    } else if (auto r = FindRegime(std::string(it->value().as_string()), date)) {
      out["regime"] = r->code;
    } else {
      std::string codes;
      for (const auto& x : Regimes(date)) codes += (codes.empty() ? "" : ", ") + x.code;
      c.Add("regime", "must be one of " + codes);
    }
  } else {
    c.Add("regime", "is required");
  }
  if (auto* o = c.Object(in, "consignee", "consignee")) {
    json::object sub;
    c.Unknown(*o, {"name", "address", "country"}, "consignee/");
    c.Text(*o, sub, "name", "consignee/name", 200);
    c.Text(*o, sub, "address", "consignee/address", 500);
    c.Text(*o, sub, "country", "consignee/country", 2, IsCountry, "must be an ISO 3166 alpha-2 country code");
    out["consignee"] = std::move(sub);
  }
  c.Text(in, out, "origin_country", "origin_country", 2, IsCountry, "must be an ISO 3166 alpha-2 country code");
  c.Text(in, out, "destination_country", "destination_country", 2, IsCountry,
         "must be an ISO 3166 alpha-2 country code");
  if (auto* o = c.Object(in, "transport", "transport")) {
    json::object sub;
    c.Unknown(*o, {"mode", "details"}, "transport/");
    c.Text(*o, sub, "mode", "transport/mode", 20, IsMode, "must be one of road, rail, air, sea, multimodal");
    c.Text(*o, sub, "details", "transport/details", 500);
    out["transport"] = std::move(sub);
  }
  if (auto* o = c.Object(in, "invoice", "invoice")) {
    json::object sub;
    c.Unknown(*o, {"number", "date"}, "invoice/");
    c.Text(*o, sub, "number", "invoice/number", 100);
    c.Text(*o, sub, "date", "invoice/date", 10, IsDate, "must be a date YYYY-MM-DD");
    out["invoice"] = std::move(sub);
  }
  json::array goods;
  if (auto it = in.find("goods"); it != in.end() && !it->value().is_null()) {
    if (!it->value().is_array()) {
      c.Add("goods", "must be an array");
    } else if (it->value().as_array().size() > kMaxGoodsLines) {
      c.Add("goods", "must have at most " + std::to_string(kMaxGoodsLines) + " lines");
    } else {
      size_t i = 0;
      for (const auto& line : it->value().as_array()) {
        const std::string p = "goods/" + std::to_string(i++) + "/";
        if (!line.is_object()) {
          c.Add(p.substr(0, p.size() - 1), "must be an object");
          continue;
        }
        const auto& o = line.as_object();
        json::object sub;
        c.Unknown(o,
                  {"hs_code", "description", "quantity", "unit", "gross_weight_kg", "net_weight_kg", "value_xof",
                   "product_id", "origin_facts"},
                  p);
        if (auto v = o.find("product_id"); v != o.end() && !v->value().is_null()) {
          if (!v->value().is_int64() || v->value().as_int64() <= 0)
            c.Add(p + "product_id", "must be a product id");
          else
            sub["product_id"] = v->value().as_int64();
        }
        OriginFacts(c, o, sub, p);
        c.Text(o, sub, "hs_code", p + "hs_code", 10, IsHs, "must be 6 to 10 digits");
        c.Text(o, sub, "description", p + "description", 500);
        c.Text(o, sub, "quantity", p + "quantity", 20, IsDecimal, "must be a positive number with at most 3 decimals");
        c.Text(o, sub, "unit", p + "unit", 20);
        c.Text(o, sub, "gross_weight_kg", p + "gross_weight_kg", 20, IsDecimal,
               "must be a positive number with at most 3 decimals");
        c.Text(o, sub, "net_weight_kg", p + "net_weight_kg", 20, IsDecimal,
               "must be a positive number with at most 3 decimals");
        if (auto v = o.find("value_xof"); v != o.end() && !v->value().is_null()) {
          if (!v->value().is_int64() && !v->value().is_uint64())
            c.Add(p + "value_xof", "must be a whole number of francs");
          else if (v->value().is_uint64() || v->value().as_int64() < 0 || v->value().as_int64() > 1000000000000000LL)
            c.Add(p + "value_xof", "must be between 0 and 10^15");
          else
            sub["value_xof"] = v->value().as_int64();
        }
        if (sub.contains("gross_weight_kg") && sub.contains("net_weight_kg") &&
            std::stold(std::string(sub["net_weight_kg"].as_string())) >
                std::stold(std::string(sub["gross_weight_kg"].as_string())))
          c.Add(p + "net_weight_kg", "must not exceed the gross weight");
        goods.push_back(std::move(sub));
      }
    }
  }
  out["goods"] = std::move(goods);
  if (!c.errors.empty()) return Error::Invalid("the application has invalid fields", std::move(c.errors));
  return out;
}

Status CheckComplete(const json::object& data) {
  std::vector<FieldError> missing;
  auto need = [&](const json::object* o, const char* key, const std::string& path) {
    if (!o || !o->contains(key) || (o->at(key).is_string() && o->at(key).as_string().empty()))
      missing.push_back({path, "is required"});
  };
  auto sub = [&](const char* key) -> const json::object* {
    auto it = data.find(key);
    return it != data.end() && it->value().is_object() ? &it->value().as_object() : nullptr;
  };
  need(&data, "regime", "regime");
  need(sub("consignee"), "name", "consignee/name");
  need(sub("consignee"), "country", "consignee/country");
  need(&data, "origin_country", "origin_country");
  need(&data, "destination_country", "destination_country");
  need(sub("transport"), "mode", "transport/mode");
  need(sub("invoice"), "number", "invoice/number");
  need(sub("invoice"), "date", "invoice/date");
  const auto& goods = data.at("goods").as_array();
  if (goods.empty()) missing.push_back({"goods", "at least one goods line is required"});
  for (size_t i = 0; i < goods.size(); ++i) {
    const std::string p = "goods/" + std::to_string(i) + "/";
    for (const char* k :
         {"hs_code", "description", "quantity", "unit", "gross_weight_kg", "net_weight_kg", "value_xof"})
      need(&goods[i].as_object(), k, p + k);
  }
  if (data.contains("origin_country") && data.contains("destination_country") &&
      data.at("origin_country") == data.at("destination_country"))
    missing.push_back({"destination_country", "must differ from the country of origin"});
  if (!missing.empty()) return Error::Invalid("the application is incomplete", std::move(missing));
  return {};
}

}  // namespace origine::certificates
