#include "app/cli/cli.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include "core/file.h"
#include "core/log.h"

namespace origine::app::cli {

Result<Config> BuildConfig(const Common& common) {
  ASSIGN_OR_RETURN(Config config, LoadConfig(common.config_file));
  if (!common.listen.empty()) RETURN_IF_ERROR(ParseListen(common.listen, &config));
  if (!common.data_dir.empty()) config.data_dir = common.data_dir;
  if (!common.web_root.empty()) config.web_root = common.web_root;
  if (!common.regimes_dir.empty()) config.regimes_dir = common.regimes_dir;
  if (common.paysim_given) config.paysim_url = common.paysim_url;
  if (!common.public_url.empty()) config.public_url = common.public_url;
  if (!common.key_passphrase_file.empty()) {
    config.key_passphrase_file = common.key_passphrase_file;
    config.key_passphrase.clear();  // the flag wins over the environment
  }
  return config;
}

int Fail(const Error& e) {
  std::cerr << "error: " << e.message << " (" << e.code << ")\n";
  for (const auto& f : e.fields) std::cerr << "  " << f.field << ": " << f.message << " (" << f.code << ")\n";
  return 2;
}

int WithPlatform(const Config& config, const std::function<int(Platform&)>& body) {
  log::SetQuiet(true);
  auto platform = OpenPlatform(config);
  if (!platform) return Fail(platform.error());
  return body(**platform);
}

Status WriteOutput(const std::string& path, const std::string& bytes) {
  return file::WriteFileAtomic(path, bytes, 0644);
}

Result<std::string> ReadInput(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::NotFound("file.not_found"_code, "cannot read " + path).With("path", path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void PrintDemoAccounts() {
  std::cout << "Comptes de démonstration (mot de passe : origine-demo)\n"
               "  exportateur@demo.ml   exportateur (Sahel Sésame SARL)\n"
               "  exportateur2@demo.ml  exportateur (Niger Karité SA)\n"
               "  agent@demo.ml         agent instructeur\n"
               "  signataire@demo.ml    signataire\n"
               "  admin@demo.ml         administrateur\n"
               "  auditeur@demo.ml      auditeur (journal d'audit)\n";
}

}  // namespace origine::app::cli
