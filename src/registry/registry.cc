#include "registry/registry.h"

#include <boost/json.hpp>
#include <cctype>
#include <set>

#include "audit/audit.h"
#include "registry/reference.h"

namespace origine::registry {
namespace json = boost::json;

namespace {

bool IsStaff(const Principal& p) { return p.role != Role::kExporter; }

std::string Str(const json::object& o, const char* k) {
  auto it = o.find(k);
  return it != o.end() && it->value().is_string() ? std::string(it->value().as_string()) : "";
}

bool IsHsDigits(const std::string& v, size_t min, size_t max) {
  if (v.size() < min || v.size() > max) return false;
  for (char c : v)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

bool IsDateText(const std::string& v) {
  int64_t t;
  return v.size() == 10 && ParseDate(v, &t);
}

std::string Today(const Clock& clock) { return FormatUtc(clock.NowUnix(), true); }

json::object CompanyJson(const storage::Row& r) {
  return {{"id", r.Int(0)},       {"name", r.Text(1)},   {"nif", r.Text(2)},   {"rccm", r.Text(3)},
          {"address", r.Text(4)}, {"sector", r.Text(5)}, {"status", r.Text(6)}};
}

constexpr const char* kSelectCompany = "SELECT id, name, nif, rccm, address, sector, status FROM companies ";
constexpr const char* kSelectProduct =
    "SELECT id, company_id, name, hs_code, producer, product_kind, wholly_obtained, ex_works_xof, materials, "
    "processes, "
    "created_at, updated_at FROM products ";
constexpr const char* kSelectApproval =
    "SELECT a.id, a.product_id, a.regime, a.status, COALESCE(a.number, ''), COALESCE(a.valid_from, ''), "
    "COALESCE(a.valid_until, ''), COALESCE(a.comment, ''), a.requested_at, COALESCE(a.decided_at, 0), p.name, "
    "p.hs_code, p.company_id, c.name FROM product_approvals a JOIN products p ON p.id = a.product_id "
    "JOIN companies c ON c.id = p.company_id ";

json::object ApprovalJson(const storage::Row& r) {
  return {{"id", r.Int(0)},
          {"product", {{"id", r.Int(1)}, {"name", r.Text(10)}, {"hs_code", r.Text(11)}}},
          {"company", {{"id", r.Int(12)}, {"name", r.Text(13)}}},
          {"regime", r.Text(2)},
          {"status", r.Text(3)},
          {"number", r.Text(4).empty() ? json::value(nullptr) : json::value(r.Text(4))},
          {"valid_from", r.Text(5).empty() ? json::value(nullptr) : json::value(r.Text(5))},
          {"valid_until", r.Text(6).empty() ? json::value(nullptr) : json::value(r.Text(6))},
          {"comment", r.Text(7)},
          {"requested_at", FormatUtc(r.Int(8))},
          {"decided_at", r.Int(9) ? json::value(FormatUtc(r.Int(9))) : json::value(nullptr)}};
}

Result<json::object> ProductJson(storage::Tx& tx, const storage::Row& r) {
  json::object o{{"id", r.Int(0)},
                 {"company_id", r.Int(1)},
                 {"name", r.Text(2)},
                 {"hs_code", r.Text(3)},
                 {"producer", r.Text(4)},
                 {"product_kind", r.Text(5)},
                 {"wholly_obtained", r.Int(6) != 0},
                 {"ex_works_xof", r.IsNull(7) ? json::value(nullptr) : json::value(r.Int(7))}};
  boost::system::error_code ec;
  o["materials"] = json::parse(r.Text(8), ec);
  if (ec) return Error::Internal("stored materials are not JSON");
  o["processes"] = json::parse(r.Text(9), ec);
  if (ec) return Error::Internal("stored processes are not JSON");
  o["created_at"] = FormatUtc(r.Int(10));
  o["updated_at"] = FormatUtc(r.Int(11));
  ASSIGN_OR_RETURN(auto approvals,
                   tx.Query(std::string(kSelectApproval) + "WHERE a.product_id = ? ORDER BY a.id", {r.Int(0)}));
  json::array a;
  for (const auto& row : approvals) {
    json::object x = ApprovalJson(row);
    x.erase("product");
    x.erase("company");
    a.push_back(std::move(x));
  }
  o["approvals"] = std::move(a);
  return o;
}

constexpr const char* kSelectCompanyApproval =
    "SELECT a.id, a.company_id, a.regime, a.number, a.valid_from, a.valid_until, a.status, a.comment, a.granted_at, "
    "COALESCE(a.revoked_at, 0), COALESCE(a.revoke_comment, ''), g.id, g.name, g.role "
    "FROM company_approvals a JOIN users g ON g.id = a.granted_by ";

json::object CompanyApprovalJson(const storage::Row& r, const std::string& today) {
  const bool active = r.Text(6) == "active";
  return {{"id", r.Int(0)},
          {"company_id", r.Int(1)},
          {"regime", r.Text(2)},
          {"number", r.Text(3)},
          {"valid_from", r.Text(4)},
          {"valid_until", r.Text(5)},
          {"status", r.Text(6)},
          {"valid_today", active && r.Text(4) <= today && today <= r.Text(5)},
          {"comment", r.Text(7)},
          {"granted_by", {{"id", r.Int(11)}, {"name", r.Text(12)}, {"role", r.Text(13)}}},
          {"granted_at", FormatUtc(r.Int(8))},
          {"revoked_at", r.Int(9) ? json::value(FormatUtc(r.Int(9))) : json::value(nullptr)},
          {"revoke_comment", r.Text(10)}};
}

// The company row as JSON with its approved-exporter status per regime (newest first).
Result<json::object> FullCompanyJson(storage::Tx& tx, const storage::Row& row, const std::string& today) {
  json::object c = CompanyJson(row);
  ASSIGN_OR_RETURN(
      auto rows,
      tx.Query(std::string(kSelectCompanyApproval) + "WHERE a.company_id = ? ORDER BY a.id DESC", {row.Int(0)}));
  json::array a;
  for (const auto& r : rows) a.push_back(CompanyApprovalJson(r, today));
  c["approved_exporter"] = std::move(a);
  return c;
}

// A company the caller may see: staff any; an exporter only its own (else kNotFound).
Result<storage::Row> LoadCompany(storage::Tx& tx, const Principal& who, int64_t company_id) {
  if (!IsStaff(who) && (!who.company_id || *who.company_id != company_id))
    return Error::NotFound("no company " + std::to_string(company_id));
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string(kSelectCompany) + "WHERE id = ?", {company_id}));
  if (rows.empty()) return Error::NotFound("no company " + std::to_string(company_id));
  return rows[0];
}

// A product of the caller's company (exporters), or any product (staff).
Result<storage::Row> LoadProduct(storage::Tx& tx, const Principal& who, int64_t id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string(kSelectProduct) + "WHERE id = ?", {id}));
  if (rows.empty() || (!IsStaff(who) && (!who.company_id || *who.company_id != rows[0].Int(1))))
    return Error::NotFound("no product " + std::to_string(id));
  return rows[0];
}

}  // namespace

Result<json::object> ValidateProduct(const json::value& input) {
  if (!input.is_object()) return Error::Invalid("the product must be a JSON object");
  const auto& in = input.as_object();
  std::vector<FieldError> errors;
  auto add = [&](const std::string& f, const std::string& m) { errors.push_back({f, m}); };
  static const std::set<std::string> kKnown = {
      "name", "hs_code", "producer", "product_kind", "wholly_obtained", "ex_works_xof", "materials", "processes"};
  for (const auto& kv : in)
    if (!kKnown.count(std::string(kv.key()))) add(std::string(kv.key()), "unknown field");
  json::object out;
  auto text = [&](const json::object& o, const char* key, const std::string& path, size_t max, bool required) {
    auto it = o.find(key);
    if (it == o.end() || it->value().is_null()) {
      if (required) add(path, "is required");
      return std::string();
    }
    if (!it->value().is_string()) {
      add(path, "must be a string");
      return std::string();
    }
    std::string v(it->value().as_string());
    if (v.size() > max)
      add(path, "must have at most " + std::to_string(max) + " characters");
    else if (required && v.find_first_not_of(" \t") == std::string::npos)
      add(path, "is required");
    return v;
  };
  out["name"] = text(in, "name", "name", 200, true);
  std::string hs = text(in, "hs_code", "hs_code", 10, true);
  if (!hs.empty() && !IsHsDigits(hs, 6, 10)) add("hs_code", "must be 6 to 10 digits");
  out["hs_code"] = hs;
  out["producer"] = text(in, "producer", "producer", 200, true);
  std::string kind = text(in, "product_kind", "product_kind", 20, false);
  if (kind.empty()) kind = "industrial";
  if (kind != "industrial" && kind != "unprocessed" && kind != "handicraft")
    add("product_kind", "must be industrial, unprocessed or handicraft");
  out["product_kind"] = kind;
  bool wo = false;
  if (auto it = in.find("wholly_obtained"); it != in.end() && !it->value().is_null()) {
    if (!it->value().is_bool())
      add("wholly_obtained", "must be true or false");
    else
      wo = it->value().as_bool();
  }
  out["wholly_obtained"] = wo;
  auto money = [&](const json::object& o, const char* key, const std::string& path) -> std::optional<int64_t> {
    auto it = o.find(key);
    if (it == o.end() || it->value().is_null()) return std::nullopt;
    if (!it->value().is_int64() || it->value().as_int64() < 0 || it->value().as_int64() > 1'000'000'000'000'000LL) {
      add(path, "must be a whole number of francs between 0 and 10^15");
      return std::nullopt;
    }
    return it->value().as_int64();
  };
  auto exw = money(in, "ex_works_xof", "ex_works_xof");
  out["ex_works_xof"] = exw ? json::value(*exw) : json::value(nullptr);
  json::array materials;
  if (auto it = in.find("materials"); it != in.end() && !it->value().is_null()) {
    if (!it->value().is_array() || it->value().as_array().size() > 50) {
      add("materials", "must be an array of at most 50 materials");
    } else {
      size_t i = 0;
      for (const auto& m : it->value().as_array()) {
        const std::string p = "materials/" + std::to_string(i++) + "/";
        if (!m.is_object()) {
          add(p.substr(0, p.size() - 1), "must be an object");
          continue;
        }
        const auto& mo = m.as_object();
        for (const auto& kv : mo)
          if (kv.key() != "hs_code" && kv.key() != "description" && kv.key() != "cif_xof" &&
              kv.key() != "origin_country")
            add(p + std::string(kv.key()), "unknown field");
        json::object x;
        std::string mhs = text(mo, "hs_code", p + "hs_code", 10, true);
        if (!mhs.empty() && !IsHsDigits(mhs, 4, 10)) add(p + "hs_code", "must be 4 to 10 digits");
        x["hs_code"] = mhs;
        x["description"] = text(mo, "description", p + "description", 200, false);
        auto cif = money(mo, "cif_xof", p + "cif_xof");
        if (!cif && !mo.contains("cif_xof")) add(p + "cif_xof", "is required");
        x["cif_xof"] = cif.value_or(0);
        std::string oc = text(mo, "origin_country", p + "origin_country", 2, false);
        if (!oc.empty() && !FindCountry(oc)) add(p + "origin_country", "must be an ISO 3166 alpha-2 country code");
        x["origin_country"] = oc;
        materials.push_back(std::move(x));
      }
    }
  }
  out["materials"] = std::move(materials);
  json::array processes;
  if (auto it = in.find("processes"); it != in.end() && !it->value().is_null()) {
    if (!it->value().is_array() || it->value().as_array().size() > 20) {
      add("processes", "must be an array of at most 20 process codes");
    } else {
      for (const auto& p : it->value().as_array()) {
        if (!p.is_string() || p.as_string().empty() || p.as_string().size() > 50)
          add("processes", "must hold codes");
        else
          processes.push_back(p);
      }
    }
  }
  out["processes"] = std::move(processes);
  if (!errors.empty()) return Error::Invalid("the product has invalid fields", std::move(errors));
  return out;
}

// ---------------------------------------------------------------- companies

Result<json::object> RegistryService::GetCompany(const Principal& who) {
  if (!who.company_id) return Error::NotFound("no company profile for this account");
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(storage::Row row, LoadCompany(*tx, who, *who.company_id));
  return FullCompanyJson(*tx, row, Today(clock_));
}

Result<json::object> RegistryService::GetCompanyById(const Principal& who, int64_t company_id) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(storage::Row row, LoadCompany(*tx, who, company_id));
  return FullCompanyJson(*tx, row, Today(clock_));
}

Result<json::object> RegistryService::UpdateCompany(const Principal& who, const json::value& input,
                                                    const RequestMeta& meta) {
  if (who.role != Role::kExporter || !who.company_id) return Error::NotFound("no company profile for this account");
  if (!input.is_object()) return Error::Invalid("the company must be a JSON object");
  const auto& in = input.as_object();
  std::vector<FieldError> errors;
  static const std::set<std::string> kKnown = {"name", "nif", "rccm", "address", "sector"};
  for (const auto& kv : in)
    if (!kKnown.count(std::string(kv.key()))) errors.push_back({std::string(kv.key()), "unknown field"});
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(auto rows, tx->Query(std::string(kSelectCompany) + "WHERE id = ?", {*who.company_id}));
  if (rows.empty()) return Error::NotFound("no company");
  json::object before = CompanyJson(rows[0]), after = before;
  for (const char* k : {"name", "nif", "rccm", "address", "sector"}) {
    auto it = in.find(k);
    if (it == in.end()) continue;
    if (!it->value().is_string()) {
      errors.push_back({k, "must be a string"});
      continue;
    }
    std::string v(it->value().as_string());
    if (v.size() > 500)
      errors.push_back({k, "must have at most 500 characters"});
    else if (std::string(k) == "nif" && !IsNif(v))
      errors.push_back({k, "must be 9 digits and a capital letter (084151646T)"});
    else if (std::string(k) == "rccm" && !IsRccm(v))
      errors.push_back({k, "must look like MA.BKO.2023.B.4040"});
    else if ((std::string(k) == "name" || std::string(k) == "address") && v.find_first_not_of(' ') == std::string::npos)
      errors.push_back({k, "is required"});
    else
      after[k] = v;
  }
  if (!errors.empty()) return Error::Invalid("the company has invalid fields", std::move(errors));
  const int64_t now = clock_.NowUnix();
  RETURN_IF_ERROR(tx->Exec("UPDATE companies SET name = ?, nif = ?, rccm = ?, address = ?, sector = ? WHERE id = ?",
                           {Str(after, "name"), Str(after, "nif"), Str(after, "rccm"), Str(after, "address"),
                            Str(after, "sector"), *who.company_id}));
  RETURN_IF_ERROR(audit::Record(*tx, who, meta, now,
                                {"company.update", "company", std::to_string(*who.company_id),
                                 json::serialize(json::object{{"before", before}, {"after", after}})}));
  ASSIGN_OR_RETURN(rows, tx->Query(std::string(kSelectCompany) + "WHERE id = ?", {*who.company_id}));
  ASSIGN_OR_RETURN(json::object out, FullCompanyJson(*tx, rows[0], Today(clock_)));
  RETURN_IF_ERROR(tx->Commit());
  return out;
}

Result<json::array> RegistryService::ListCompanies(const Principal& who) {
  if (!IsStaff(who)) return Error::Denied("only the authority lists companies");
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(auto rows, tx->Query(std::string(kSelectCompany) + "ORDER BY name LIMIT 1000"));
  json::array items;
  for (const auto& r : rows) {
    ASSIGN_OR_RETURN(json::object c, FullCompanyJson(*tx, r, Today(clock_)));
    items.push_back(std::move(c));
  }
  return items;
}

Result<json::object> RegistryService::SetCompanyStatus(const Principal& who, int64_t company_id,
                                                       const std::string& status, const std::string& comment,
                                                       const RequestMeta& meta) {
  if (who.role != Role::kAdmin) return Error::Denied("only an administrator sets a company's status");
  if (status != "pending" && status != "active" && status != "suspended")
    return Error::Invalid("unknown status", {{"status", "must be pending, active or suspended"}});
  if (comment.size() > 2000) return Error::Invalid("the comment is too long", {{"comment", "at most 2000 characters"}});
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(auto rows, tx->Query(std::string(kSelectCompany) + "WHERE id = ?", {company_id}));
  if (rows.empty()) return Error::NotFound("no company " + std::to_string(company_id));
  json::object c = CompanyJson(rows[0]);
  const std::string before = Str(c, "status");
  RETURN_IF_ERROR(tx->Exec("UPDATE companies SET status = ? WHERE id = ?", {status, company_id}));
  RETURN_IF_ERROR(audit::Record(
      *tx, who, meta, clock_.NowUnix(),
      {"company.status", "company", std::to_string(company_id),
       json::serialize(json::object{{"status", {{"before", before}, {"after", status}}}, {"comment", comment}})}));
  ASSIGN_OR_RETURN(rows, tx->Query(std::string(kSelectCompany) + "WHERE id = ?", {company_id}));
  ASSIGN_OR_RETURN(json::object out, FullCompanyJson(*tx, rows[0], Today(clock_)));
  RETURN_IF_ERROR(tx->Commit());
  return out;
}

// ---------------------------------------------------------------- products

Result<json::array> RegistryService::ListProducts(const Principal& who) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  std::string sql = kSelectProduct;
  storage::Params params;
  if (!IsStaff(who)) {
    sql += "WHERE company_id = ? ";
    params.push_back(who.company_id.value_or(-1));
  }
  sql += "ORDER BY id LIMIT 1000";
  ASSIGN_OR_RETURN(auto rows, tx->Query(sql, params));
  json::array items;
  for (const auto& r : rows) {
    ASSIGN_OR_RETURN(json::object p, ProductJson(*tx, r));
    items.push_back(std::move(p));
  }
  return items;
}

Result<json::object> RegistryService::GetProduct(const Principal& who, int64_t id) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(storage::Row row, LoadProduct(*tx, who, id));
  return ProductJson(*tx, row);
}

Result<json::object> RegistryService::CreateProduct(const Principal& who, const json::value& input,
                                                    const RequestMeta& meta) {
  if (who.role != Role::kExporter || !who.company_id) return Error::Denied("only exporters declare products");
  ASSIGN_OR_RETURN(json::object p, ValidateProduct(input));
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(
      auto ins,
      tx->Query(
          "INSERT INTO products (company_id, name, hs_code, producer, product_kind, wholly_obtained, ex_works_xof, "
          "materials, processes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {*who.company_id, Str(p, "name"), Str(p, "hs_code"), Str(p, "producer"), Str(p, "product_kind"),
           int64_t{p["wholly_obtained"].as_bool()},
           p["ex_works_xof"].is_null() ? storage::Value(nullptr) : storage::Value(p["ex_works_xof"].as_int64()),
           json::serialize(p["materials"]), json::serialize(p["processes"]), now, now}));
  const int64_t id = ins[0].Int(0);
  RETURN_IF_ERROR(
      audit::Record(*tx, who, meta, now,
                    {"product.create", "product", std::to_string(id), json::serialize(json::object{{"after", p}})}));
  ASSIGN_OR_RETURN(storage::Row row, LoadProduct(*tx, who, id));
  ASSIGN_OR_RETURN(json::object out, ProductJson(*tx, row));
  RETURN_IF_ERROR(tx->Commit());
  return out;
}

Result<json::object> RegistryService::UpdateProduct(const Principal& who, int64_t id, const json::value& input,
                                                    const RequestMeta& meta) {
  if (who.role != Role::kExporter || !who.company_id) return Error::Denied("only exporters edit products");
  ASSIGN_OR_RETURN(json::object p, ValidateProduct(input));
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(storage::Row old, LoadProduct(*tx, who, id));
  ASSIGN_OR_RETURN(json::object before, ProductJson(*tx, old));
  RETURN_IF_ERROR(
      tx->Exec("UPDATE products SET name = ?, hs_code = ?, producer = ?, product_kind = ?, wholly_obtained = ?, "
               "ex_works_xof = ?, materials = ?, processes = ?, updated_at = ? WHERE id = ?",
               {Str(p, "name"), Str(p, "hs_code"), Str(p, "producer"), Str(p, "product_kind"),
                int64_t{p["wholly_obtained"].as_bool()},
                p["ex_works_xof"].is_null() ? storage::Value(nullptr) : storage::Value(p["ex_works_xof"].as_int64()),
                json::serialize(p["materials"]), json::serialize(p["processes"]), now, id}));
  before.erase("approvals");
  RETURN_IF_ERROR(audit::Record(*tx, who, meta, now,
                                {"product.update", "product", std::to_string(id),
                                 json::serialize(json::object{{"before", before}, {"after", p}})}));
  ASSIGN_OR_RETURN(storage::Row row, LoadProduct(*tx, who, id));
  ASSIGN_OR_RETURN(json::object out, ProductJson(*tx, row));
  RETURN_IF_ERROR(tx->Commit());
  return out;
}

Status RegistryService::DeleteProduct(const Principal& who, int64_t id, const RequestMeta& meta) {
  if (who.role != Role::kExporter || !who.company_id) return Error::Denied("only exporters delete products");
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(storage::Row old, LoadProduct(*tx, who, id));
  ASSIGN_OR_RETURN(auto granted,
                   tx->Query("SELECT 1 FROM product_approvals WHERE product_id = ? AND status = 'granted'", {id}));
  if (!granted.empty()) return Error::Conflict("a product with a granted approval cannot be deleted");
  RETURN_IF_ERROR(tx->Exec("DELETE FROM product_approvals WHERE product_id = ?", {id}));
  RETURN_IF_ERROR(tx->Exec("DELETE FROM products WHERE id = ?", {id}));
  RETURN_IF_ERROR(audit::Record(*tx, who, meta, clock_.NowUnix(),
                                {"product.delete", "product", std::to_string(id),
                                 json::serialize(json::object{{"name", old.Text(2)}, {"hs_code", old.Text(3)}})}));
  return tx->Commit();
}

// ---------------------------------------------------------------- approvals

Result<json::object> RegistryService::RequestApproval(const Principal& who, int64_t product_id,
                                                      const std::string& regime, const RequestMeta& meta) {
  if (who.role != Role::kExporter || !who.company_id) return Error::Denied("only exporters request approvals");
  if (regime.empty() || regime.size() > 20 ||
      regime.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") != std::string::npos)
    return Error::Invalid("unknown regime", {{"regime", "must be a regime code (ETLS, UEMOA, AFCFTA)"}});
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(storage::Row product, LoadProduct(*tx, who, product_id));
  ASSIGN_OR_RETURN(auto open, tx->Query("SELECT 1 FROM product_approvals WHERE product_id = ? AND regime = ? AND "
                                        "status = 'requested'",
                                        {product_id, regime}));
  if (!open.empty()) return Error::Conflict("an approval for this product and regime is already awaiting a decision");
  ASSIGN_OR_RETURN(auto ins, tx->Query("INSERT INTO product_approvals (product_id, regime, status, requested_by, "
                                       "requested_at) VALUES (?, ?, 'requested', ?, ?) RETURNING id",
                                       {product_id, regime, who.user_id, now}));
  const int64_t id = ins[0].Int(0);
  RETURN_IF_ERROR(audit::Record(
      *tx, who, meta, now,
      {"approval.request", "product_approval", std::to_string(id),
       json::serialize(json::object{
           {"product_id", product_id}, {"regime", regime}, {"status", {{"before", ""}, {"after", "requested"}}}})}));
  ASSIGN_OR_RETURN(auto rows, tx->Query(std::string(kSelectApproval) + "WHERE a.id = ?", {id}));
  json::object out = ApprovalJson(rows[0]);
  RETURN_IF_ERROR(tx->Commit());
  return out;
}

Result<json::array> RegistryService::ListApprovals(const Principal& who, const std::string& status) {
  if (!IsStaff(who)) return Error::Denied("only the authority lists approvals");
  if (!status.empty() && status != "requested" && status != "granted" && status != "refused")
    return Error::Invalid("unknown status", {{"status", "must be requested, granted or refused"}});
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  std::string sql = kSelectApproval;
  storage::Params params;
  if (!status.empty()) {
    sql += "WHERE a.status = ? ";
    params.push_back(status);
  }
  sql += "ORDER BY a.id DESC LIMIT 500";
  ASSIGN_OR_RETURN(auto rows, tx->Query(sql, params));
  json::array items;
  for (const auto& r : rows) items.push_back(ApprovalJson(r));
  return items;
}

Result<json::object> RegistryService::Decide(const Principal& who, int64_t approval_id, const json::value& input,
                                             const RequestMeta& meta) {
  if (who.role != Role::kAgent && who.role != Role::kAdmin)
    return Error::Denied("only an agent or an administrator decides approvals");
  if (!input.is_object()) return Error::Invalid("the decision must be a JSON object");
  const auto& in = input.as_object();
  std::vector<FieldError> errors;
  for (const auto& kv : in)
    if (kv.key() != "decision" && kv.key() != "number" && kv.key() != "valid_until" && kv.key() != "comment")
      errors.push_back({std::string(kv.key()), "unknown field"});
  const std::string decision = Str(in, "decision"), number = Str(in, "number"), valid_until = Str(in, "valid_until"),
                    comment = Str(in, "comment");
  const std::string today = Today(clock_);
  if (decision != "grant" && decision != "refuse") errors.push_back({"decision", "must be grant or refuse"});
  if (decision == "grant") {
    if (number.empty() || number.size() > 50) errors.push_back({"number", "is required (at most 50 characters)"});
    if (!IsDateText(valid_until))
      errors.push_back({"valid_until", "must be a date YYYY-MM-DD"});
    else if (valid_until < today)
      errors.push_back({"valid_until", "must not be in the past"});
  }
  if (decision == "refuse" && comment.find_first_not_of(" \t\r\n") == std::string::npos)
    errors.push_back({"comment", "is required: say why the approval is refused"});
  if (comment.size() > 2000) errors.push_back({"comment", "must have at most 2000 characters"});
  if (!errors.empty()) return Error::Invalid("the decision has invalid fields", std::move(errors));
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(auto rows, tx->Query(std::string(kSelectApproval) + "WHERE a.id = ?", {approval_id}));
  if (rows.empty()) return Error::NotFound("no approval " + std::to_string(approval_id));
  if (rows[0].Text(3) != "requested")
    return Error::Conflict("this approval was already decided (" + rows[0].Text(3) + ")");
  const std::string to = decision == "grant" ? "granted" : "refused";
  RETURN_IF_ERROR(
      tx->Exec("UPDATE product_approvals SET status = ?, number = ?, valid_from = ?, valid_until = ?, comment = ?, "
               "decided_by = ?, decided_at = ? WHERE id = ? AND status = 'requested'",
               {to, decision == "grant" ? storage::Value(number) : storage::Value(nullptr),
                decision == "grant" ? storage::Value(today) : storage::Value(nullptr),
                decision == "grant" ? storage::Value(valid_until) : storage::Value(nullptr), comment, who.user_id, now,
                approval_id}));
  json::object details{{"status", {{"before", "requested"}, {"after", to}}}, {"comment", comment}};
  if (decision == "grant") details["number"] = number, details["valid_until"] = valid_until;
  RETURN_IF_ERROR(audit::Record(
      *tx, who, meta, now,
      {"approval." + decision, "product_approval", std::to_string(approval_id), json::serialize(details)}));
  ASSIGN_OR_RETURN(rows, tx->Query(std::string(kSelectApproval) + "WHERE a.id = ?", {approval_id}));
  json::object out = ApprovalJson(rows[0]);
  RETURN_IF_ERROR(tx->Commit());
  return out;
}

// ---------------------------------------------------------------- approved-exporter status

Result<json::object> RegistryService::GrantCompanyApproval(const Principal& who, int64_t company_id,
                                                           const json::value& input, const RegimeResolver& resolve,
                                                           const RequestMeta& meta) {
  if (who.role != Role::kAgent && who.role != Role::kAdmin)
    return Error::Denied("only an agent or an administrator grants the approved-exporter status");
  if (!input.is_object()) return Error::Invalid("the approval must be a JSON object");
  const auto& in = input.as_object();
  std::vector<FieldError> errors;
  for (const auto& kv : in)
    if (kv.key() != "regime" && kv.key() != "number" && kv.key() != "valid_from" && kv.key() != "valid_until" &&
        kv.key() != "comment")
      errors.push_back({std::string(kv.key()), "unknown field"});
  for (const char* k : {"regime", "number", "valid_from", "valid_until", "comment"})
    if (auto it = in.find(k); it != in.end() && !it->value().is_string() && !it->value().is_null())
      errors.push_back({k, "must be a string"});
  const std::string today = Today(clock_);
  std::string regime = Str(in, "regime"), number = Str(in, "number"), valid_from = Str(in, "valid_from"),
              valid_until = Str(in, "valid_until"), comment = Str(in, "comment");
  std::optional<std::string> data_code = regime.empty() ? std::nullopt : resolve(regime);
  if (!data_code) errors.push_back({"regime", "must be a preferential regime in force (ETLS, UEMOA, AFCFTA)"});
  if (number.find_first_not_of(" \t") == std::string::npos || number.size() > 50)
    errors.push_back({"number", "is required (at most 50 characters)"});
  if (valid_from.empty())
    valid_from = today;
  else if (!IsDateText(valid_from))
    errors.push_back({"valid_from", "must be a date YYYY-MM-DD"});
  if (!IsDateText(valid_until))
    errors.push_back({"valid_until", "must be a date YYYY-MM-DD"});
  else if (valid_until < today)
    errors.push_back({"valid_until", "must not be in the past"});
  else if (IsDateText(valid_from) && valid_until < valid_from)
    errors.push_back({"valid_until", "must not be before valid_from"});
  if (comment.size() > 2000) errors.push_back({"comment", "must have at most 2000 characters"});
  if (!errors.empty()) return Error::Invalid("the approval has invalid fields", std::move(errors));
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(storage::Row company, LoadCompany(*tx, who, company_id));
  // One active status per regime: a new grant supersedes the previous one.
  ASSIGN_OR_RETURN(auto previous, tx->Query("SELECT id, number FROM company_approvals WHERE company_id = ? AND "
                                            "regime = ? AND status = 'active'",
                                            {company_id, *data_code}));
  json::array superseded;
  for (const auto& p : previous) {
    RETURN_IF_ERROR(
        tx->Exec("UPDATE company_approvals SET status = 'revoked', revoked_by = ?, revoked_at = ?, "
                 "revoke_comment = ? WHERE id = ?",
                 {who.user_id, now, std::string("superseded by a new grant"), p.Int(0)}));
    superseded.push_back({{"id", p.Int(0)}, {"number", p.Text(1)}});
  }
  ASSIGN_OR_RETURN(auto ins,
                   tx->Query("INSERT INTO company_approvals (company_id, regime, number, valid_from, "
                             "valid_until, status, comment, granted_by, granted_at) "
                             "VALUES (?, ?, ?, ?, ?, 'active', ?, ?, ?) RETURNING id",
                             {company_id, *data_code, number, valid_from, valid_until, comment, who.user_id, now}));
  const int64_t id = ins[0].Int(0);
  RETURN_IF_ERROR(audit::Record(*tx, who, meta, now,
                                {"company_approval.grant", "company", std::to_string(company_id),
                                 json::serialize(json::object{{"approval_id", id},
                                                              {"regime", *data_code},
                                                              {"number", number},
                                                              {"valid_from", valid_from},
                                                              {"valid_until", valid_until},
                                                              {"comment", comment},
                                                              {"superseded", std::move(superseded)}})}));
  ASSIGN_OR_RETURN(auto rows, tx->Query(std::string(kSelectCompanyApproval) + "WHERE a.id = ?", {id}));
  json::object out = CompanyApprovalJson(rows[0], today);
  RETURN_IF_ERROR(tx->Commit());
  return out;
}

Result<json::object> RegistryService::RevokeCompanyApproval(const Principal& who, int64_t company_id,
                                                            int64_t approval_id, const std::string& comment,
                                                            const RequestMeta& meta) {
  if (who.role != Role::kAgent && who.role != Role::kAdmin)
    return Error::Denied("only an agent or an administrator revokes the approved-exporter status");
  if (comment.find_first_not_of(" \t\r\n") == std::string::npos)
    return Error::Invalid("say why the status is revoked", {{"comment", "is required: say why the status is revoked"}});
  if (comment.size() > 2000)
    return Error::Invalid("the comment is too long", {{"comment", "must have at most 2000 characters"}});
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(auto rows, tx->Query(std::string(kSelectCompanyApproval) + "WHERE a.id = ? AND a.company_id = ?",
                                        {approval_id, company_id}));
  if (rows.empty()) return Error::NotFound("no approved-exporter status " + std::to_string(approval_id));
  if (rows[0].Text(6) != "active") return Error::Conflict("this approved-exporter status is already revoked");
  RETURN_IF_ERROR(
      tx->Exec("UPDATE company_approvals SET status = 'revoked', revoked_by = ?, revoked_at = ?, "
               "revoke_comment = ? WHERE id = ? AND status = 'active'",
               {who.user_id, now, comment, approval_id}));
  RETURN_IF_ERROR(
      audit::Record(*tx, who, meta, now,
                    {"company_approval.revoke", "company", std::to_string(company_id),
                     json::serialize(json::object{{"approval_id", approval_id},
                                                  {"regime", rows[0].Text(2)},
                                                  {"number", rows[0].Text(3)},
                                                  {"comment", comment},
                                                  {"status", {{"before", "active"}, {"after", "revoked"}}}})}));
  ASSIGN_OR_RETURN(rows, tx->Query(std::string(kSelectCompanyApproval) + "WHERE a.id = ?", {approval_id}));
  json::object out = CompanyApprovalJson(rows[0], Today(clock_));
  RETURN_IF_ERROR(tx->Commit());
  return out;
}

Result<std::optional<origin::Approval>> CompanyApprovalOn(storage::Tx& tx, int64_t company_id,
                                                          const std::string& regime_code, const std::string& date) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT number, regime, valid_from, valid_until FROM company_approvals "
                                       "WHERE company_id = ? AND regime = ? AND status = 'active' AND valid_from <= ? "
                                       "AND valid_until >= ? ORDER BY valid_until DESC, id DESC",
                                       {company_id, regime_code, date, date}));
  if (rows.empty()) return std::optional<origin::Approval>();
  const auto& r = rows[0];
  return std::optional<origin::Approval>(origin::Approval{r.Text(0), r.Text(1), "", r.Text(2), r.Text(3)});
}

// ---------------------------------------------------------------- facts

Result<origin::GoodsLineFacts> ProductFacts(storage::Tx& tx, int64_t company_id, int64_t product_id,
                                            const std::string& regime_code, const std::string& date) {
  ASSIGN_OR_RETURN(auto rows,
                   tx.Query(std::string(kSelectProduct) + "WHERE id = ? AND company_id = ?", {product_id, company_id}));
  if (rows.empty()) return Error::NotFound("no product " + std::to_string(product_id));
  const storage::Row& r = rows[0];
  origin::GoodsLineFacts f;
  f.hs_code = r.Text(3);
  f.product_kind = r.Text(5);
  f.wholly_obtained = r.Int(6) != 0;
  f.ex_works_xof = r.IsNull(7) ? 0 : r.Int(7);
  boost::system::error_code ec;
  json::value materials = json::parse(r.Text(8), ec);
  if (!ec && materials.is_array())
    for (const auto& m : materials.as_array()) {
      const auto& o = m.as_object();
      f.non_originating.push_back(
          {Str(o, "hs_code"), o.at("cif_xof").to_number<int64_t>(), Str(o, "origin_country"), Str(o, "description")});
    }
  json::value processes = json::parse(r.Text(9), ec);
  if (!ec && processes.is_array())
    for (const auto& p : processes.as_array()) f.processes.emplace_back(p.as_string());
  ASSIGN_OR_RETURN(
      auto approvals,
      tx.Query("SELECT number, regime, valid_from, valid_until FROM product_approvals WHERE product_id = ? "
               "AND regime = ? AND status = 'granted' ORDER BY valid_until DESC",
               {product_id, regime_code}));
  bool valid = false;
  for (const auto& a : approvals) {
    origin::Approval ap{a.Text(0), a.Text(1), f.hs_code, a.Text(2), a.Text(3)};
    valid = ap.valid_from <= date && date <= ap.valid_to;
    if (!f.approval || valid) f.approval = ap;
    if (valid) break;
  }
  // Without a product approval valid on the date, the company's approved-exporter
  // status for the regime stands in (docs/adr/0021-approved-exporter-status.md).
  if (!valid) {
    ASSIGN_OR_RETURN(auto company, CompanyApprovalOn(tx, company_id, regime_code, date));
    if (company) f.approval = std::move(company);
  }
  return f;
}

}  // namespace origine::registry
