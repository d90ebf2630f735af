#include "testkit/testkit.h"

#include <unistd.h>

#include <atomic>

#include "app/schema.h"
#include "identity/identity_service.h"
#include "storage/sqlite_db.h"

namespace origine::testkit {

TempDir::TempDir() {
  static std::atomic<int> serial{0};
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = info ? std::string(info->test_suite_name()) + "." + info->name() : "no-test";
  for (char& c : name)
    if (c == '/') c = '_';
  path_ = std::filesystem::temp_directory_path() /
          ("origine-" + name + "-" + std::to_string(::getpid()) + "-" + std::to_string(serial++));
  std::filesystem::remove_all(path_);
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::unique_ptr<storage::Db> OpenDb(const std::filesystem::path& dir) {
  auto db = storage::OpenSqlite((dir / "t.db").string());
  if (!db) {
    ADD_FAILURE() << "cannot open the test database: " << db.error().message;
    return nullptr;
  }
  auto applied = (*db)->Migrate(app::AllMigrations());
  if (!applied) {
    ADD_FAILURE() << "migrations failed: " << applied.error().message;
    return nullptr;
  }
  return std::move(*db);
}

People SeedPeople(storage::Db& db, const Clock& clock) {
  identity::IdentityService ids(db, clock);
  People p;
  auto company = [&](const identity::NewCompany& c) {
    auto id = ids.EnsureCompany(c, kMeta);
    if (!id) ADD_FAILURE() << "company " << c.name << ": " << id.error().message;
    return id ? *id : 0;
  };
  p.company = company({"Sahel Sésame SARL", "084151646T", "MA.BKO.2023.B.4040", "Bamako"});
  p.other_company = company({"Niger Karité SA", "091234567K", "MA.SGO.2024.A.120", "Ségou"});
  auto user = [&](const std::string& email, Role role, std::optional<int64_t> company_id, const std::string& cname) {
    Principal out;
    auto id = ids.EnsureUser({email, email, "password-12345", role, company_id}, kMeta);
    if (!id) ADD_FAILURE() << "user " << email << ": " << id.error().message;
    out.user_id = id ? *id : 0;
    out.email = out.name = email;
    out.role = role;
    out.company_id = company_id;
    out.company_name = cname;
    return out;
  };
  p.exporter = user("e1@t.ml", Role::kExporter, p.company, "Sahel Sésame SARL");
  p.other_exporter = user("e2@t.ml", Role::kExporter, p.other_company, "Niger Karité SA");
  p.agent = user("a@t.ml", Role::kAgent, std::nullopt, "");
  p.signatory = user("s@t.ml", Role::kSignatory, std::nullopt, "");
  p.admin = user("ad@t.ml", Role::kAdmin, std::nullopt, "");
  p.auditor = user("au@t.ml", Role::kAuditor, std::nullopt, "");
  return p;
}

int64_t Count(storage::Db& db, const std::string& sql) {
  auto tx = db.Begin(false);
  if (!tx) {
    ADD_FAILURE() << tx.error().message;
    return -1;
  }
  auto rows = (*tx)->Query(sql);
  if (!rows || rows->empty()) {
    ADD_FAILURE() << "count failed: " << sql;
    return -1;
  }
  return (*rows)[0].Int(0);
}

}  // namespace origine::testkit
