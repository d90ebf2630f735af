#include "certificates/application_input.h"

#include <boost/json.hpp>
#include <cctype>
#include <set>

#include "core/date.h"
#include "registry/reference.h"

namespace origine::certificates {
namespace json = boost::json;

namespace {

constexpr const char* kMaxXof = "1000000000000000";  // 10^15 francs
constexpr int64_t kMaxXofValue = 1000000000000000LL;

bool IsDecimal(const std::string& s) {
  // up to 12 integer digits, optional '.' and 1-3 decimals, positive
  size_t dot = s.find('.');
  std::string ip = s.substr(0, dot), fp = dot == std::string::npos ? "" : s.substr(dot + 1);
  if (ip.empty() || ip.size() > 12 || (dot != std::string::npos && (fp.empty() || fp.size() > 3))) return false;
  for (char c : ip + fp)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return std::stold(s) > 0;
}

// What a text field must look like beyond type and length: a predicate and
// the field error when it fails.
struct Format {
  bool (*valid)(const std::string&);
  ErrorId code;
  const char* message;
  ErrorParams params = {};
};

class Checker {
 public:
  std::vector<FieldError> errors;
  void Add(const std::string& field, ErrorId code, const std::string& message, ErrorParams params = {}) {
    errors.emplace_back(field, code, message, std::move(params));
  }

  // Copies a string field, checking type, length and an optional format.
  void Text(const json::object& in, json::object& out, const std::string& key, const std::string& path, size_t max_len,
            const std::optional<Format>& format = std::nullopt) {
    auto it = in.find(key);
    if (it == in.end() || it->value().is_null()) return;
    if (!it->value().is_string()) return Add(path, "field.string"_code, "must be a string");
    std::string v(it->value().as_string());
    size_t b = v.find_first_not_of(" \t\r\n"), e = v.find_last_not_of(" \t\r\n");
    v = b == std::string::npos ? "" : v.substr(b, e - b + 1);
    if (v.size() > max_len)
      return Add(path, "field.too_long"_code, "must have at most " + std::to_string(max_len) + " characters",
                 {{"max", std::to_string(max_len)}});
    for (unsigned char c : v)
      if (c < 0x20 && c != '\n') return Add(path, "field.control_chars"_code, "must not contain control characters");
    if (!v.empty() && format && !format->valid(v)) return Add(path, format->code, format->message, format->params);
    out[key] = v;
  }

  void Unknown(const json::object& in, const std::set<std::string>& known, const std::string& prefix) {
    for (const auto& kv : in)
      if (!known.count(std::string(kv.key())))
        Add(prefix + std::string(kv.key()), "field.unknown"_code, "unknown field");
  }

  const json::object* Object(const json::object& in, const std::string& key, const std::string& path) {
    auto it = in.find(key);
    if (it == in.end() || it->value().is_null()) return nullptr;
    if (!it->value().is_object()) {
      Add(path, "field.object"_code, "must be an object");
      return nullptr;
    }
    return &it->value().as_object();
  }

  // A whole number of francs in 0..10^15, copied to dst[k].
  void Money(const json::object& in, const char* k, const std::string& path, json::object& dst) {
    auto v = in.find(k);
    if (v == in.end() || v->value().is_null()) return;
    if (!v->value().is_int64() || v->value().as_int64() < 0 || v->value().as_int64() > kMaxXofValue)
      Add(path, "amount.range"_code, "must be a whole number of francs between 0 and 10^15",
          {{"min", "0"}, {"max", kMaxXof}});
    else
      dst[k] = v->value().as_int64();
  }
};

bool IsCountry(const std::string& v) { return IsCountryCode(v); }
bool IsHs(const std::string& v) {
  if (v.size() < 6 || v.size() > 10) return false;
  for (char c : v)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}
bool IsMaterialHs(const std::string& h) {
  return h.size() >= 4 && h.find_first_not_of("0123456789") == std::string::npos;
}
bool IsDate(const std::string& v) { return IsValidDate(v); }
bool IsMode(const std::string& v) {
  return v == "road" || v == "rail" || v == "air" || v == "sea" || v == "multimodal";
}
bool IsProductKind(const std::string& v) { return v == "industrial" || v == "unprocessed" || v == "handicraft"; }

const Format kCountry{IsCountry, "country.format"_code, "must be an ISO 3166 alpha-2 country code"};
const Format kDecimal{
    IsDecimal, "decimal.format"_code, "must be a positive number with at most 3 decimals", {{"decimals", "3"}}};

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
  if (!it->value().is_object()) return c.Add(p + "origin_facts", "field.object"_code, "must be an object");
  const auto& o = it->value().as_object();
  const std::string q = p + "origin_facts/";
  c.Unknown(
      o,
      {"product_kind", "wholly_obtained", "ex_works_xof", "materials", "processes", "attributes", "suspensive_regime"},
      q);
  json::object f;
  c.Text(o, f, "product_kind", q + "product_kind", 20,
         Format{IsProductKind, "product_kind.format"_code, "must be industrial, unprocessed or handicraft"});
  for (const char* b : {"wholly_obtained", "suspensive_regime"})
    if (auto v = o.find(b); v != o.end() && !v->value().is_null()) {
      if (!v->value().is_bool())
        c.Add(q + b, "field.boolean"_code, "must be true or false");
      else
        f[b] = v->value().as_bool();
    }
  c.Money(o, "ex_works_xof", q + "ex_works_xof", f);
  if (auto v = o.find("materials"); v != o.end() && !v->value().is_null()) {
    if (!v->value().is_array() || v->value().as_array().size() > 50) {
      c.Add(q + "materials", "materials.format"_code, "must be an array of at most 50 materials", {{"max", "50"}});
    } else {
      json::array ms;
      size_t i = 0;
      for (const auto& m : v->value().as_array()) {
        const std::string mp = q + "materials/" + std::to_string(i++) + "/";
        if (!m.is_object()) {
          c.Add(mp.substr(0, mp.size() - 1), "field.object"_code, "must be an object");
          continue;
        }
        json::object x;
        c.Unknown(m.as_object(), {"hs_code", "description", "cif_xof", "origin_country"}, mp);
        c.Text(m.as_object(), x, "hs_code", mp + "hs_code", 10,
               Format{IsMaterialHs, "hs_code.format"_code, "must be 4 to 10 digits", {{"min", "4"}, {"max", "10"}}});
        c.Text(m.as_object(), x, "description", mp + "description", 200);
        c.Text(m.as_object(), x, "origin_country", mp + "origin_country", 2, kCountry);
        c.Money(m.as_object(), "cif_xof", mp + "cif_xof", x);
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
      c.Add(q + "processes", "processes.format"_code, "must be an array of at most 20 process codes", {{"max", "20"}});
    else
      f["processes"] = v->value();
  }
  if (auto v = o.find("attributes"); v != o.end() && !v->value().is_null()) {
    bool ok = v->value().is_object() && v->value().as_object().size() <= 20;
    if (ok)
      for (const auto& kv : v->value().as_object())
        ok = ok && kv.value().is_string() && kv.value().as_string().size() <= 100;
    if (!ok)
      c.Add(q + "attributes", "attributes.format"_code, "must be an object of at most 20 text values", {{"max", "20"}});
    else
      f["attributes"] = v->value();
  }
  out["origin_facts"] = std::move(f);
}

// One goods line at path `p` ("goods/3/").
json::object GoodsLine(Checker& c, const json::object& o, const std::string& p) {
  json::object sub;
  c.Unknown(o,
            {"hs_code", "description", "quantity", "unit", "gross_weight_kg", "net_weight_kg", "value_xof",
             "product_id", "origin_facts"},
            p);
  if (auto v = o.find("product_id"); v != o.end() && !v->value().is_null()) {
    if (!v->value().is_int64() || v->value().as_int64() <= 0)
      c.Add(p + "product_id", "product_id.format"_code, "must be a product id");
    else
      sub["product_id"] = v->value().as_int64();
  }
  OriginFacts(c, o, sub, p);
  c.Text(o, sub, "hs_code", p + "hs_code", 10,
         Format{IsHs, "hs_code.format"_code, "must be 6 to 10 digits", {{"min", "6"}, {"max", "10"}}});
  c.Text(o, sub, "description", p + "description", 500);
  c.Text(o, sub, "quantity", p + "quantity", 20, kDecimal);
  c.Text(o, sub, "unit", p + "unit", 20);
  c.Text(o, sub, "gross_weight_kg", p + "gross_weight_kg", 20, kDecimal);
  c.Text(o, sub, "net_weight_kg", p + "net_weight_kg", 20, kDecimal);
  if (auto v = o.find("value_xof"); v != o.end() && !v->value().is_null()) {
    if (!v->value().is_int64() && !v->value().is_uint64())
      c.Add(p + "value_xof", "amount.whole"_code, "must be a whole number of francs");
    else if (v->value().is_uint64() || v->value().as_int64() < 0 || v->value().as_int64() > kMaxXofValue)
      c.Add(p + "value_xof", "amount.range"_code, "must be between 0 and 10^15", {{"min", "0"}, {"max", kMaxXof}});
    else
      sub["value_xof"] = v->value().as_int64();
  }
  if (sub.contains("gross_weight_kg") && sub.contains("net_weight_kg") &&
      std::stold(std::string(sub["net_weight_kg"].as_string())) >
          std::stold(std::string(sub["gross_weight_kg"].as_string())))
    c.Add(p + "net_weight_kg", "net_weight.above_gross"_code, "must not exceed the gross weight");
  return sub;
}

}  // namespace

Result<json::object> ValidateInput(const RegimeSetPtr& regimes, const json::value& input, const std::string& date) {
  if (!input.is_object()) return Error::Invalid("application.not_object"_code, "the application must be a JSON object");
  const json::object& in = input.as_object();
  Checker c;
  json::object out;
  c.Unknown(in, {"regime", "consignee", "origin_country", "destination_country", "transport", "invoice", "goods"}, "");
  if (auto it = in.find("regime"); it != in.end() && !it->value().is_null()) {
    if (!it->value().is_string()) {
      c.Add("regime", "field.string"_code, "must be a string");
    } else if (auto r = FindRegime(regimes, std::string(it->value().as_string()), date)) {
      out["regime"] = r->code;
    } else {
      std::string codes;
      for (const auto& x : Regimes(regimes, date)) codes += (codes.empty() ? "" : ", ") + x.code;
      c.Add("regime", "regime.unknown"_code, "must be one of " + codes, {{"regimes", codes}});
    }
  } else {
    c.Add("regime", "field.required"_code, "is required");
  }
  if (auto* o = c.Object(in, "consignee", "consignee")) {
    json::object sub;
    c.Unknown(*o, {"name", "address", "country"}, "consignee/");
    c.Text(*o, sub, "name", "consignee/name", 200);
    c.Text(*o, sub, "address", "consignee/address", 500);
    c.Text(*o, sub, "country", "consignee/country", 2, kCountry);
    out["consignee"] = std::move(sub);
  }
  c.Text(in, out, "origin_country", "origin_country", 2, kCountry);
  c.Text(in, out, "destination_country", "destination_country", 2, kCountry);
  if (auto* o = c.Object(in, "transport", "transport")) {
    json::object sub;
    c.Unknown(*o, {"mode", "details"}, "transport/");
    c.Text(*o, sub, "mode", "transport/mode", 20,
           Format{IsMode, "transport_mode.format"_code, "must be one of road, rail, air, sea, multimodal"});
    c.Text(*o, sub, "details", "transport/details", 500);
    out["transport"] = std::move(sub);
  }
  if (auto* o = c.Object(in, "invoice", "invoice")) {
    json::object sub;
    c.Unknown(*o, {"number", "date"}, "invoice/");
    c.Text(*o, sub, "number", "invoice/number", 100);
    c.Text(*o, sub, "date", "invoice/date", 10, Format{IsDate, "field.date"_code, "must be a date YYYY-MM-DD"});
    out["invoice"] = std::move(sub);
  }
  json::array goods;
  if (auto it = in.find("goods"); it != in.end() && !it->value().is_null()) {
    if (!it->value().is_array()) {
      c.Add("goods", "field.array"_code, "must be an array");
    } else if (it->value().as_array().size() > kMaxGoodsLines) {
      c.Add("goods", "goods.too_many"_code, "must have at most " + std::to_string(kMaxGoodsLines) + " lines",
            {{"max", std::to_string(kMaxGoodsLines)}});
    } else {
      size_t i = 0;
      for (const auto& line : it->value().as_array()) {
        const std::string p = "goods/" + std::to_string(i++) + "/";
        if (!line.is_object()) {
          c.Add(p.substr(0, p.size() - 1), "field.object"_code, "must be an object");
          continue;
        }
        goods.push_back(GoodsLine(c, line.as_object(), p));
      }
    }
  }
  out["goods"] = std::move(goods);
  if (!c.errors.empty())
    return Error::Invalid("application.invalid"_code, "the application has invalid fields", std::move(c.errors));
  return out;
}

Status CheckComplete(const json::object& data) {
  std::vector<FieldError> missing;
  auto need = [&](const json::object* o, const char* key, const std::string& path) {
    if (!o || !o->contains(key) || (o->at(key).is_string() && o->at(key).as_string().empty()))
      missing.emplace_back(path, "field.required"_code, "is required");
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
  if (goods.empty()) missing.emplace_back("goods", "goods.required"_code, "at least one goods line is required");
  for (size_t i = 0; i < goods.size(); ++i) {
    const std::string p = "goods/" + std::to_string(i) + "/";
    for (const char* k :
         {"hs_code", "description", "quantity", "unit", "gross_weight_kg", "net_weight_kg", "value_xof"})
      need(&goods[i].as_object(), k, p + k);
  }
  if (data.contains("origin_country") && data.contains("destination_country") &&
      data.at("origin_country") == data.at("destination_country"))
    missing.emplace_back("destination_country", "destination.same_as_origin"_code,
                         "must differ from the country of origin");
  if (!missing.empty())
    return Error::Invalid("application.incomplete"_code, "the application is incomplete", std::move(missing));
  return {};
}

}  // namespace origine::certificates
