// Company profiles and status, through the registry (companies are identity's).
#include "identity/directory.h"
#include "registry/registry_fixture.h"

namespace origine::registry {
namespace {
namespace json = boost::json;
using testkit::IsError;
using testkit::IsOk;

TEST_F(RegistryTest, CompanyProfileAndStatus) {
  const Principal& e1 = people_.exporter;
  auto c = svc_->GetCompany(e1);
  ASSERT_THAT(c, IsOk());
  EXPECT_EQ((*c)["status"], "active");
  EXPECT_EQ((*c)["name"], "Sahel Sésame SARL");
  EXPECT_TRUE((*c)["approved_exporter"].as_array().empty());
  EXPECT_THAT(svc_->GetCompany(people_.agent), IsError("company.not_found"));
  auto bad = svc_->UpdateCompany(e1, json::parse(R"({"nif": "123", "rccm": "BKO-1", "name": " ", "x": 1})"), meta_);
  ASSERT_THAT(bad, IsError("company.invalid"));
  std::map<std::string, std::string> fields;
  for (const auto& f : bad.error().fields) fields[f.field] = f.code;
  EXPECT_EQ(fields,
            (std::map<std::string, std::string>{
                {"x", "field.unknown"}, {"nif", "nif.format"}, {"rccm", "rccm.format"}, {"name", "field.required"}}));
  EXPECT_THAT(svc_->UpdateCompany(e1, json::parse(R"({"sector": 3})"), meta_), IsError("company.invalid"));
  EXPECT_THAT(svc_->UpdateCompany(e1, json::parse("[]"), meta_), IsError("company.invalid"));
  EXPECT_THAT(svc_->UpdateCompany(people_.agent, json::parse("{}"), meta_), IsError("company.not_found"));
  // Another company's NIF is refused with a code (it was a raw storage conflict).
  EXPECT_THAT(svc_->UpdateCompany(e1, json::parse(R"({"nif": "091234567K"})"), meta_), IsError("nif.taken"));
  auto ok = svc_->UpdateCompany(e1, json::parse(R"({"sector": "Oléagineux", "address": "Rue 12, Bamako"})"), meta_);
  ASSERT_THAT(ok, IsOk());
  EXPECT_EQ((*ok)["sector"], "Oléagineux");
  EXPECT_EQ((*ok)["address"], "Rue 12, Bamako");
  EXPECT_EQ((*ok)["nif"], "084151646T");
  EXPECT_EQ(AuditCount("company.update"), 1);
  {
    auto tx = *db_->Begin(false);
    EXPECT_EQ(identity::FindCompany(*tx, people_.company)->sector, "Oléagineux");
  }
  // The exporter's principal keeps its company name; the listing sees the new profile.
  auto all = svc_->ListCompanies(people_.agent);
  ASSERT_THAT(all, IsOk());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].at("name"), "Niger Karité SA");  // by name
  EXPECT_THAT(svc_->GetCompanyById(people_.other_exporter, people_.company), IsError("company.not_found"));
  EXPECT_THAT(svc_->GetCompanyById(people_.signatory, 999), IsError("company.not_found"));
  EXPECT_THAT(svc_->GetCompanyById(people_.signatory, people_.company), IsOk());

  const int64_t other = people_.other_company;
  EXPECT_THAT(svc_->SetCompanyStatus(people_.admin, other, "closed", "", meta_), IsError("company_status.unknown"));
  EXPECT_THAT(svc_->SetCompanyStatus(people_.admin, other, "suspended", std::string(2001, 'c'), meta_),
              IsError("comment.too_long"));
  EXPECT_THAT(svc_->SetCompanyStatus(people_.admin, 999, "suspended", "", meta_), IsError("company.not_found"));
  auto suspended = svc_->SetCompanyStatus(people_.admin, other, "suspended", "Contrôle", meta_);
  ASSERT_THAT(suspended, IsOk());
  EXPECT_EQ((*suspended)["status"], "suspended");
  EXPECT_EQ(AuditCount("company.status"), 1);
}

}  // namespace
}  // namespace origine::registry
