// `origine serve`: the HTTP server (API, web app, payments worker).
#include <algorithm>
#include <iostream>

#include "api/api.h"
#include "app/cli/cli.h"
#include "app/cli/commands.h"
#include "core/log.h"
#include "http/server.h"

namespace origine::app::cli {

int RunServe(const Config& config, const ServeOptions& options) {
  const bool demo = options.demo;
  auto platform = OpenPlatform(config);
  if (!platform) return Fail(platform.error());
  if (demo) {
    auto seeded = SeedDemo(**platform);
    if (!seeded) return Fail(seeded.error());
    std::cout << *seeded;
  }
  Platform& p = **platform;
  if (auto anchored = AnchorAudit(p); !anchored) return Fail(anchored.error());
  api::Api api(*p.db, p.clock, *p.identity, *p.applications, *p.certificates, *p.keys, *p.trust_list, *p.log,
               *p.log_signer, {config.secure_cookies, config.web_root}, p.payments.get(), p.reconciler.get());
  http::ServerOptions opts;
  opts.host = config.host;
  opts.port = config.port;
  opts.threads = config.threads;
  opts.body_limit = config.body_limit;
  opts.path_body_limits["/api/v1/reconciliations"] = std::max(config.statement_limit, config.body_limit);
  Status st = http::RunServer(
      opts, [&api](http::Request& req) { return api.Handle(req); },
      [&](uint16_t port) {
        log::Info("listening", {{"address", config.host + ":" + std::to_string(port)}, {"data", config.data_dir}});
        if (config.public_url.empty()) p.payments->SetPublicUrl("http://" + config.host + ":" + std::to_string(port));
        p.payments->StartWorker();
        std::cout << "Origine écoute sur http://" << config.host << ":" << port << "/\n";
        if (demo) PrintDemoAccounts();
        std::cout.flush();
      });
  p.payments->StopWorker();
  if (!st) return Fail(st.error());
  log::Info("stopped");
  return 0;
}

}  // namespace origine::app::cli
