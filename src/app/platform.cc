#include "app/platform.h"

#include <sys/stat.h>

#include <filesystem>

#include "http/log.h"
#include "storage/sqlite_db.h"

namespace origine::app {

Result<std::unique_ptr<Platform>> OpenPlatform(const Config& config) {
  auto p = std::make_unique<Platform>();
  p->config = config;
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  if (ec) return Error::Unavailable("cannot create data directory " + config.data_dir + ": " + ec.message());
  ::chmod(config.data_dir.c_str(), 0700);
  ASSIGN_OR_RETURN(p->db, storage::OpenSqlite((std::filesystem::path(config.data_dir) / "origine.db").string()));
  ASSIGN_OR_RETURN(auto applied, p->db->Migrate());
  for (int v : applied) log::Info("migration applied", {{"version", std::to_string(v)}});
  p->keys = std::make_unique<trust::FileKeyStore>((std::filesystem::path(config.data_dir) / "keys").string());
  ASSIGN_OR_RETURN(trust::ActiveSigner signer, p->keys->EnsureDevelopmentKeys(p->clock.NowUnix(), config.issuer_country));
  p->signer = std::make_unique<trust::ActiveSigner>(std::move(signer));
  ASSIGN_OR_RETURN(auto trust_list, p->keys->SignerCertificates());
  certificates::IssuerConfig issuer{config.issuer_country, config.issuer_name};
  p->identity = std::make_unique<identity::IdentityService>(*p->db, p->clock);
  p->applications = std::make_unique<certificates::ApplicationService>(*p->db, p->clock, *p->signer, issuer);
  p->certificates = std::make_unique<certificates::CertificateService>(*p->db, p->clock, std::move(trust_list), issuer);
  return p;
}

}  // namespace origine::app
