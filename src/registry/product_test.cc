// Products, their approvals, and the facts they give the origin engine.
#include <set>

#include "registry/registry_fixture.h"

namespace origine::registry {
namespace {
namespace json = boost::json;
using testkit::IsError;
using testkit::IsOk;

TEST_F(RegistryTest, ProductValidationNamesEveryBadFieldWithItsCode) {
  auto r = ValidateProduct(json::parse(
      R"({"name": "", "hs_code": "12", "product_kind": "x", "ex_works_xof": -1, "materials": [{"hs_code": "1", "y": 2}],
          "wholly_obtained": "yes", "processes": [""], "colour": "red"})"));
  ASSERT_THAT(r, IsError("product.invalid"));
  std::map<std::string, std::string> fields;
  for (const auto& f : r.error().fields) fields[f.field] = f.code;
  const std::map<std::string, std::string> expected = {{"colour", "field.unknown"},
                                                       {"name", "field.required"},
                                                       {"hs_code", "hs_code.format"},
                                                       {"producer", "field.required"},
                                                       {"product_kind", "product_kind.format"},
                                                       {"wholly_obtained", "field.boolean"},
                                                       {"ex_works_xof", "amount.range"},
                                                       {"materials/0/y", "field.unknown"},
                                                       {"materials/0/hs_code", "hs_code.format"},
                                                       {"materials/0/cif_xof", "field.required"},
                                                       {"processes", "processes.format"}};
  EXPECT_EQ(fields, expected);
  EXPECT_THAT(ValidateProduct(json::parse("[]")), IsError("product.invalid"));
  auto long_name = ValidateProduct(json::parse(R"({"name": ")" + std::string(201, 'n') +
                                               R"(", "hs_code": "151590", "producer": "P",
                                               "materials": [{"hs_code": "3923", "cif_xof": 1, "origin_country": "QQ"}]})"));
  ASSERT_THAT(long_name, IsError("product.invalid"));
  ASSERT_EQ(long_name.error().fields.size(), 2u);
  EXPECT_EQ(long_name.error().fields[0].code, "field.too_long");
  EXPECT_EQ(long_name.error().fields[0].params, (ErrorParams{{"max", "200"}}));
  EXPECT_EQ(long_name.error().fields[1].field, "materials/0/origin_country");
  auto ok = ValidateProduct(Butter());
  ASSERT_THAT(ok, IsOk());
  EXPECT_EQ((*ok)["wholly_obtained"], false);
}

TEST_F(RegistryTest, ProductsBelongToTheirCompany) {
  const Principal &e1 = people_.exporter, &e2 = people_.other_exporter;
  auto p = svc_->CreateProduct(e1, Butter(), meta_);
  ASSERT_THAT(p, IsOk());
  const int64_t id = (*p)["id"].as_int64();
  EXPECT_EQ((*p)["company_id"], people_.company);
  EXPECT_EQ((*p)["materials"].as_array().size(), 1u);
  EXPECT_TRUE((*p)["approvals"].as_array().empty());
  EXPECT_EQ(AuditCount("product.create"), 1);
  EXPECT_THAT(svc_->GetProduct(e2, id), IsError("product.not_found"));
  EXPECT_THAT(svc_->UpdateProduct(e2, id, Butter(), meta_), IsError("product.not_found"));
  EXPECT_THAT(svc_->DeleteProduct(e2, id, meta_), IsError("product.not_found"));
  EXPECT_TRUE(svc_->ListProducts(e2)->empty());
  EXPECT_EQ(svc_->ListProducts(e1)->size(), 1u);
  EXPECT_EQ(svc_->ListProducts(people_.agent)->size(), 1u);
  EXPECT_THAT(svc_->CreateProduct(people_.agent, Butter(), meta_), IsError("product.forbidden"));
  EXPECT_THAT(svc_->GetProduct(people_.agent, id), IsOk());

  auto changed = Butter();
  changed.as_object()["ex_works_xof"] = 1200000;
  auto u = svc_->UpdateProduct(e1, id, changed, meta_);
  ASSERT_THAT(u, IsOk());
  EXPECT_EQ((*u)["ex_works_xof"], 1200000);
  EXPECT_EQ(AuditCount("product.update"), 1);
  ASSERT_THAT(svc_->DeleteProduct(e1, id, meta_), IsOk());
  EXPECT_THAT(svc_->GetProduct(e1, id), IsError("product.not_found"));
  EXPECT_EQ(AuditCount("product.delete"), 1);
}

TEST_F(RegistryTest, ApprovalWorkflowIsAuditedAndFeedsTheFacts) {
  const Principal &e1 = people_.exporter, &e2 = people_.other_exporter, &agent = people_.agent;
  const int64_t pid = (*svc_->CreateProduct(e1, Butter(), meta_))["id"].as_int64();
  EXPECT_THAT(svc_->RequestApproval(e2, pid, "ETLS", meta_), IsError("product.not_found"));
  EXPECT_THAT(svc_->RequestApproval(agent, pid, "ETLS", meta_), IsError("approval.forbidden"));
  EXPECT_THAT(svc_->RequestApproval(e1, pid, "etls", meta_), IsError("regime.unknown"));
  auto a = svc_->RequestApproval(e1, pid, "ETLS", meta_);
  ASSERT_THAT(a, IsOk());
  EXPECT_EQ((*a)["company"].at("name"), "Sahel Sésame SARL");
  EXPECT_EQ((*a)["product"].at("hs_code"), "151590");
  EXPECT_TRUE((*a)["number"].is_null());
  EXPECT_THAT(svc_->RequestApproval(e1, pid, "ETLS", meta_), IsError("approval.pending"));
  const int64_t aid = (*a)["id"].as_int64();
  EXPECT_THAT(svc_->ListApprovals(agent, "closed"), IsError("approval_status.unknown"));
  EXPECT_EQ(svc_->ListApprovals(agent, "requested")->size(), 1u);
  EXPECT_EQ(svc_->ListApprovals(agent, "granted")->size(), 0u);
  EXPECT_EQ(svc_->ListApprovals(people_.signatory, "")->size(), 1u);
  const auto grant = json::parse(R"({"decision": "grant", "number": "AGR-ML-2026-001", "valid_until": "2027-12-31"})");
  EXPECT_THAT(svc_->Decide(agent, 999, grant, meta_), IsError("approval.not_found"));
  auto refuse = svc_->Decide(agent, aid, json::parse(R"({"decision": "refuse"})"), meta_);
  ASSERT_THAT(refuse, IsError("approval.invalid"));
  EXPECT_EQ(refuse.error().fields.at(0).code, "comment.required");
  auto bad =
      svc_->Decide(agent, aid, json::parse(R"({"decision": "grant", "valid_until": "2026-01-01", "x": 1})"), meta_);
  ASSERT_THAT(bad, IsError("approval.invalid"));
  std::map<std::string, std::string> fields;
  for (const auto& f : bad.error().fields) fields[f.field] = f.code;
  EXPECT_EQ(fields,
            (std::map<std::string, std::string>{
                {"x", "field.unknown"}, {"number", "approval_number.required"}, {"valid_until", "valid_until.past"}}));
  EXPECT_THAT(svc_->Decide(agent, aid, json::parse(R"({"decision": "maybe"})"), meta_), IsError("approval.invalid"));
  auto d = svc_->Decide(agent, aid, grant, meta_);
  ASSERT_THAT(d, IsOk());
  EXPECT_EQ((*d)["status"], "granted");
  EXPECT_EQ((*d)["valid_from"], "2026-09-21");
  EXPECT_THAT(svc_->Decide(agent, aid, grant, meta_), IsError("approval.state"));
  EXPECT_EQ(AuditCount("approval.request"), 1);
  EXPECT_EQ(AuditCount("approval.grant"), 1);
  EXPECT_THAT(svc_->DeleteProduct(e1, pid, meta_), IsError("product.has_approval"));
  auto product = *svc_->GetProduct(e1, pid);
  ASSERT_EQ(product["approvals"].as_array().size(), 1u);
  EXPECT_FALSE(product["approvals"].as_array()[0].as_object().contains("company"));

  auto tx = *db_->Begin(false);
  auto f = ProductFacts(*tx, people_.company, pid, "ETLS", "2026-10-01");
  ASSERT_THAT(f, IsOk());
  EXPECT_EQ(f->ex_works_xof, 1000000);
  ASSERT_EQ(f->non_originating.size(), 1u);
  EXPECT_EQ(f->non_originating[0].cif_xof, 250000);
  EXPECT_EQ(f->processes, std::vector<std::string>{"refining"});
  ASSERT_TRUE(f->approval);
  EXPECT_EQ(f->approval->number, "AGR-ML-2026-001");
  EXPECT_EQ(f->approval->hs_code, "151590");
  EXPECT_THAT(ProductFacts(*tx, people_.other_company, pid, "ETLS", "2026-10-01"), IsError("product.not_found"));
  EXPECT_FALSE(ProductFacts(*tx, people_.company, pid, "UEMOA", "2026-10-01")->approval);
  // Expired on the date: still given, so that the verdict can explain the expiry.
  EXPECT_EQ(ProductFacts(*tx, people_.company, pid, "ETLS", "2028-01-01")->approval->number, "AGR-ML-2026-001");
}

}  // namespace
}  // namespace origine::registry
