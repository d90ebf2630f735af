// The approved-exporter status of a company per regime (ADR 0021).
#include <set>

#include "registry/registry_fixture.h"

namespace origine::registry {
namespace {
namespace json = boost::json;
using testkit::IsError;
using testkit::IsOk;

TEST_F(RegistryTest, ApprovedExporterStatusPerRegime) {
  const Principal &e1 = people_.exporter, &agent = people_.agent;
  const int64_t c1 = people_.company;
  RegimeResolver resolve = [](const std::string& c) -> std::optional<std::string> {
    if (c == "ETLS" || c == "UEMOA") return c;
    return std::nullopt;
  };
  const auto grant = json::parse(R"({"regime": "ETLS", "number": "AE-ML-2026-07", "valid_until": "2027-06-30"})");
  // Who may grant and revoke (agent, admin) is the API's table (src/api/authz_table.cc).
  EXPECT_THAT(svc_->GrantCompanyApproval(agent, 99, grant, resolve, meta_), IsError("company.not_found"));
  EXPECT_THAT(svc_->GrantCompanyApproval(agent, c1, json::parse("3"), resolve, meta_),
              IsError("approved_exporter.invalid"));
  auto bad = svc_->GrantCompanyApproval(
      agent, c1, json::parse(R"({"regime": "NP", "number": "", "valid_until": "2020-01-01", "x": 1})"), resolve, meta_);
  ASSERT_THAT(bad, IsError("approved_exporter.invalid"));
  std::map<std::string, std::string> fields;
  for (const auto& f : bad.error().fields) fields[f.field] = f.code;
  EXPECT_EQ(fields, (std::map<std::string, std::string>{{"regime", "regime.not_in_force"},
                                                        {"number", "approval_number.required"},
                                                        {"valid_until", "valid_until.past"},
                                                        {"x", "field.unknown"}}));
  auto backwards = svc_->GrantCompanyApproval(
      agent, c1,
      json::parse(R"({"regime": "ETLS", "number": "N", "valid_from": "2027-01-01", "valid_until": "2026-12-31"})"),
      resolve, meta_);
  ASSERT_THAT(backwards, IsError("approved_exporter.invalid"));
  EXPECT_EQ(backwards.error().fields.at(0).code, "valid_until.before_from");
  auto not_dates = svc_->GrantCompanyApproval(
      agent, c1, json::parse(R"({"regime": "ETLS", "number": 7, "valid_from": "2026-02-30", "valid_until": "soon"})"),
      resolve, meta_);
  ASSERT_THAT(not_dates, IsError("approved_exporter.invalid"));
  fields.clear();
  for (const auto& f : not_dates.error().fields) fields[f.field] = f.code;
  EXPECT_EQ(fields["valid_from"], "field.date");
  EXPECT_EQ(fields["valid_until"], "field.date");

  auto a = svc_->GrantCompanyApproval(agent, c1, grant, resolve, meta_);
  ASSERT_THAT(a, IsOk());
  EXPECT_EQ((*a)["valid_from"], "2026-09-21");
  EXPECT_EQ((*a)["valid_today"], true);
  EXPECT_EQ((*a)["granted_by"].at("name"), "a@t.ml");
  EXPECT_EQ((*a)["granted_by"].at("role"), "agent");
  EXPECT_EQ(AuditCount("company_approval.grant"), 1);
  // Shown in the company profile; the other exporter sees neither the company nor its status.
  auto c = svc_->GetCompany(e1);
  ASSERT_EQ((*c)["approved_exporter"].as_array().size(), 1u);
  EXPECT_EQ((*c)["approved_exporter"].as_array()[0].at("granted_by").at("name"), "a@t.ml");
  EXPECT_THAT(svc_->GetCompanyById(people_.other_exporter, c1), IsError("company.not_found"));
  EXPECT_THAT(svc_->GetCompanyById(people_.signatory, c1), IsOk());

  // It stands in for a missing product approval, on the dates it covers only.
  const int64_t pid = (*svc_->CreateProduct(e1, Butter(), meta_))["id"].as_int64();
  {
    auto tx = *db_->Begin(false);
    auto f = ProductFacts(*tx, c1, pid, "ETLS", "2026-10-01");
    ASSERT_TRUE(f->approval);
    EXPECT_EQ(f->approval->number, "AE-ML-2026-07");
    EXPECT_EQ(f->approval->hs_code, "");
    EXPECT_FALSE(ProductFacts(*tx, c1, pid, "ETLS", "2027-07-01")->approval);
    EXPECT_FALSE(ProductFacts(*tx, c1, pid, "UEMOA", "2026-10-01")->approval);
    EXPECT_FALSE(*CompanyApprovalOn(*tx, people_.other_company, "ETLS", "2026-10-01"));
  }
  // A product approval valid on the date takes precedence.
  const int64_t aid = (*svc_->RequestApproval(e1, pid, "ETLS", meta_))["id"].as_int64();
  ASSERT_THAT(
      svc_->Decide(agent, aid,
                   json::parse(R"({"decision": "grant", "number": "AGR-P-1", "valid_until": "2026-12-31"})"), meta_),
      IsOk());
  {
    auto tx = *db_->Begin(false);
    EXPECT_EQ(ProductFacts(*tx, c1, pid, "ETLS", "2026-10-01")->approval->number, "AGR-P-1");
    EXPECT_EQ(ProductFacts(*tx, c1, pid, "ETLS", "2027-02-01")->approval->number, "AE-ML-2026-07");
  }

  // A new grant supersedes the active one; revoking needs a comment and happens once.
  auto b = svc_->GrantCompanyApproval(
      people_.admin, c1, json::parse(R"({"regime": "ETLS", "number": "AE-ML-2026-08", "valid_until": "2028-01-31"})"),
      resolve, meta_);
  ASSERT_THAT(b, IsOk());
  auto list = (*svc_->GetCompany(e1))["approved_exporter"].as_array();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].at("status"), "active");
  EXPECT_EQ(list[0].at("granted_by").at("role"), "admin");
  EXPECT_EQ(list[1].at("status"), "revoked");
  EXPECT_EQ(list[1].at("revoke_comment"), "superseded by a new grant");
  const int64_t bid = (*b)["id"].as_int64();
  EXPECT_THAT(svc_->RevokeCompanyApproval(agent, c1, bid, " ", meta_), IsError("comment.required"));
  EXPECT_THAT(svc_->RevokeCompanyApproval(agent, c1, bid, std::string(2001, 'x'), meta_), IsError("comment.too_long"));
  EXPECT_THAT(svc_->RevokeCompanyApproval(agent, people_.other_company, bid, "Fraude", meta_),
              IsError("approved_exporter.not_found"));
  auto r = svc_->RevokeCompanyApproval(agent, c1, bid, "Contrôle défavorable", meta_);
  ASSERT_THAT(r, IsOk());
  EXPECT_EQ((*r)["valid_today"], false);
  EXPECT_EQ((*r)["revoke_comment"], "Contrôle défavorable");
  EXPECT_FALSE((*r)["revoked_at"].is_null());
  EXPECT_THAT(svc_->RevokeCompanyApproval(agent, c1, bid, "again", meta_), IsError("approved_exporter.revoked"));
  EXPECT_EQ(AuditCount("company_approval.revoke"), 1);
  auto tx = *db_->Begin(false);
  EXPECT_FALSE(*CompanyApprovalOn(*tx, c1, "ETLS", "2027-02-01"));
}

}  // namespace
}  // namespace origine::registry
