// ValidateProduct: the product body an exporter sends (create and update),
// checked field by field, every bad field named with its code.
#include <boost/json.hpp>
#include <cctype>

#include "registry/internal.h"
#include "registry/reference.h"
#include "registry/registry.h"

namespace origine::registry {
namespace json = boost::json;

namespace {

constexpr int64_t kMaxXof = 1'000'000'000'000'000LL;  // 10^15 francs

bool IsHsDigits(const std::string& v, size_t min, size_t max) {
  if (v.size() < min || v.size() > max) return false;
  for (char c : v)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

class Checker {
 public:
  std::vector<FieldError> errors;

  void Add(const std::string& field, ErrorId code, const std::string& message, ErrorParams params = {}) {
    errors.emplace_back(field, code, message, std::move(params));
  }

  // A string member: required or not, at most `max` bytes.
  std::string Text(const json::object& o, const char* key, const std::string& path, size_t max, bool required) {
    auto it = o.find(key);
    if (it == o.end() || it->value().is_null()) {
      if (required) Add(path, "field.required"_code, "is required");
      return {};
    }
    if (!it->value().is_string()) {
      Add(path, "field.string"_code, "must be a string");
      return {};
    }
    std::string v(it->value().as_string());
    if (v.size() > max)
      Add(path, "field.too_long"_code, "must have at most " + std::to_string(max) + " characters",
          {{"max", std::to_string(max)}});
    else if (required && v.find_first_not_of(" \t") == std::string::npos)
      Add(path, "field.required"_code, "is required");
    return v;
  }

  // A whole number of francs in 0..10^15, or nullopt (absent, null or bad).
  std::optional<int64_t> Money(const json::object& o, const char* key, const std::string& path) {
    auto it = o.find(key);
    if (it == o.end() || it->value().is_null()) return std::nullopt;
    if (!it->value().is_int64() || it->value().as_int64() < 0 || it->value().as_int64() > kMaxXof) {
      Add(path, "amount.range"_code, "must be a whole number of francs between 0 and 10^15",
          {{"min", "0"}, {"max", std::to_string(kMaxXof)}});
      return std::nullopt;
    }
    return it->value().as_int64();
  }

  json::array Materials(const json::object& in) {
    json::array materials;
    auto it = in.find("materials");
    if (it == in.end() || it->value().is_null()) return materials;
    if (!it->value().is_array() || it->value().as_array().size() > 50) {
      Add("materials", "materials.format"_code, "must be an array of at most 50 materials", {{"max", "50"}});
      return materials;
    }
    size_t i = 0;
    for (const auto& m : it->value().as_array()) {
      const std::string p = "materials/" + std::to_string(i++) + "/";
      if (!m.is_object()) {
        Add(p.substr(0, p.size() - 1), "field.object"_code, "must be an object");
        continue;
      }
      const auto& mo = m.as_object();
      internal::UnknownFields(mo, {"hs_code", "description", "cif_xof", "origin_country"}, &errors, p);
      json::object x;
      std::string hs = Text(mo, "hs_code", p + "hs_code", 10, true);
      if (!hs.empty() && !IsHsDigits(hs, 4, 10))
        Add(p + "hs_code", "hs_code.format"_code, "must be 4 to 10 digits", {{"min", "4"}, {"max", "10"}});
      x["hs_code"] = hs;
      x["description"] = Text(mo, "description", p + "description", 200, false);
      auto cif = Money(mo, "cif_xof", p + "cif_xof");
      if (!cif && !mo.contains("cif_xof")) Add(p + "cif_xof", "field.required"_code, "is required");
      x["cif_xof"] = cif.value_or(0);
      std::string country = Text(mo, "origin_country", p + "origin_country", 2, false);
      if (!country.empty() && !FindCountry(country))
        Add(p + "origin_country", "country.format"_code, "must be an ISO 3166 alpha-2 country code");
      x["origin_country"] = country;
      materials.push_back(std::move(x));
    }
    return materials;
  }

  json::array Processes(const json::object& in) {
    json::array processes;
    auto it = in.find("processes");
    if (it == in.end() || it->value().is_null()) return processes;
    if (!it->value().is_array() || it->value().as_array().size() > 20) {
      Add("processes", "processes.format"_code, "must be an array of at most 20 process codes", {{"max", "20"}});
      return processes;
    }
    for (const auto& p : it->value().as_array()) {
      if (!p.is_string() || p.as_string().empty() || p.as_string().size() > 50)
        Add("processes", "processes.format"_code, "must hold codes", {{"max", "20"}});
      else
        processes.push_back(p);
    }
    return processes;
  }
};

}  // namespace

Result<json::object> ValidateProduct(const json::value& input) {
  if (!input.is_object()) return Error::Invalid("product.invalid"_code, "the product must be a JSON object");
  const auto& in = input.as_object();
  Checker c;
  internal::UnknownFields(
      in, {"name", "hs_code", "producer", "product_kind", "wholly_obtained", "ex_works_xof", "materials", "processes"},
      &c.errors);
  json::object out;
  out["name"] = c.Text(in, "name", "name", 200, true);
  std::string hs = c.Text(in, "hs_code", "hs_code", 10, true);
  if (!hs.empty() && !IsHsDigits(hs, 6, 10))
    c.Add("hs_code", "hs_code.format"_code, "must be 6 to 10 digits", {{"min", "6"}, {"max", "10"}});
  out["hs_code"] = hs;
  out["producer"] = c.Text(in, "producer", "producer", 200, true);
  std::string kind = c.Text(in, "product_kind", "product_kind", 20, false);
  if (kind.empty()) kind = "industrial";
  if (kind != "industrial" && kind != "unprocessed" && kind != "handicraft")
    c.Add("product_kind", "product_kind.format"_code, "must be industrial, unprocessed or handicraft");
  out["product_kind"] = kind;
  bool wholly_obtained = false;
  if (auto it = in.find("wholly_obtained"); it != in.end() && !it->value().is_null()) {
    if (!it->value().is_bool())
      c.Add("wholly_obtained", "field.boolean"_code, "must be true or false");
    else
      wholly_obtained = it->value().as_bool();
  }
  out["wholly_obtained"] = wholly_obtained;
  auto exw = c.Money(in, "ex_works_xof", "ex_works_xof");
  out["ex_works_xof"] = exw ? json::value(*exw) : json::value(nullptr);
  out["materials"] = c.Materials(in);
  out["processes"] = c.Processes(in);
  if (!c.errors.empty()) return Error::Invalid("product.invalid"_code, "the product has invalid fields", c.errors);
  return out;
}

}  // namespace origine::registry
