// origine-paysim: the payment-provider simulator (docs/formats/paysim.md).
//   origine-paysim [--listen 127.0.0.1:8090] [--seed N] [--faults none|random:P]
//                  [--public-url URL] [--wave-webhook-url URL] [--clock-start T] [secrets…]
// Exit codes: 0 after SIGTERM/SIGINT, 2 on a bad flag or when it cannot listen.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "core/clock.h"
#include "core/log.h"
#include "http/server.h"
#include "paysim/faults.h"
#include "paysim/sim.h"

namespace {

using namespace origine;

// Flag > environment > default.
void FromEnv(std::string* value, const char* name) {
  if (const char* v = std::getenv(name); v && *v) *value = v;
}

bool ParseClock(const std::string& text, int64_t* out) {
  if (text.empty()) return true;
  if (text.find_first_not_of("0123456789") == std::string::npos) {
    *out = std::stoll(text);
    return true;
  }
  // YYYY-MM-DDTHH:MM:SSZ
  if (text.size() != 20 || text[10] != 'T' || text[19] != 'Z') return false;
  int64_t day = 0;
  if (!ParseDate(text.substr(0, 10), &day)) return false;
  const std::string hms = text.substr(11, 8);
  if (hms[2] != ':' || hms[5] != ':') return false;
  for (int i : {0, 1, 3, 4, 6, 7})
    if (hms[i] < '0' || hms[i] > '9') return false;
  const int h = std::stoi(hms.substr(0, 2)), m = std::stoi(hms.substr(3, 2)), s = std::stoi(hms.substr(6, 2));
  if (h > 23 || m > 59 || s > 59) return false;
  *out = day + h * int64_t{3600} + m * int64_t{60} + s;
  return true;
}

int Run(int argc, char** argv) {
  paysim::Config config;
  std::string listen = "127.0.0.1:8090", seed = "1", faults = "none", clock_start;
  int threads = 4;
  FromEnv(&listen, "PAYSIM_LISTEN");
  FromEnv(&seed, "PAYSIM_SEED");
  FromEnv(&faults, "PAYSIM_FAULTS");
  FromEnv(&config.public_url, "PAYSIM_PUBLIC_URL");
  FromEnv(&config.wave_webhook_url, "PAYSIM_WAVE_WEBHOOK_URL");
  FromEnv(&clock_start, "PAYSIM_CLOCK_START");
  struct Secret {
    const char* flag;
    const char* env;
    std::string* value;
    const char* help;
  };
  const Secret secrets[] = {
      {"--wave-api-key", "PAYSIM_WAVE_API_KEY", &config.wave_api_key, "Wave API key (Bearer)"},
      {"--wave-webhook-secret", "PAYSIM_WAVE_WEBHOOK_SECRET", &config.wave_webhook_secret, "Wave webhook secret"},
      {"--orange-client-id", "PAYSIM_ORANGE_CLIENT_ID", &config.orange_client_id, "Orange OAuth client id"},
      {"--orange-client-secret", "PAYSIM_ORANGE_CLIENT_SECRET", &config.orange_client_secret,
       "Orange OAuth client secret"},
      {"--orange-merchant-key", "PAYSIM_ORANGE_MERCHANT_KEY", &config.orange_merchant_key, "Orange merchant_key"},
      {"--cinetpay-apikey", "PAYSIM_CINETPAY_APIKEY", &config.cinetpay_apikey, "CinetPay apikey"},
      {"--cinetpay-site-id", "PAYSIM_CINETPAY_SITE_ID", &config.cinetpay_site_id, "CinetPay site_id"},
      {"--cinetpay-secret", "PAYSIM_CINETPAY_SECRET", &config.cinetpay_secret, "CinetPay secret key (x-token HMAC)"},
      {"--momo-subscription-key", "PAYSIM_MOMO_SUBSCRIPTION_KEY", &config.momo_subscription_key,
       "MoMo Ocp-Apim-Subscription-Key"},
      {"--momo-api-user", "PAYSIM_MOMO_API_USER", &config.momo_api_user, "MoMo API user"},
      {"--momo-api-key", "PAYSIM_MOMO_API_KEY", &config.momo_api_key, "MoMo API key"},
      {"--momo-target-environment", "PAYSIM_MOMO_TARGET_ENVIRONMENT", &config.momo_target_environment,
       "MoMo X-Target-Environment"},
      {"--momo-disbursement-subscription-key", "PAYSIM_MOMO_DISBURSEMENT_SUBSCRIPTION_KEY",
       &config.momo_disbursement_subscription_key, "MoMo Disbursement Ocp-Apim-Subscription-Key (refunds)"},
      {"--momo-disbursement-api-user", "PAYSIM_MOMO_DISBURSEMENT_API_USER", &config.momo_disbursement_api_user,
       "MoMo Disbursement API user"},
      {"--momo-disbursement-api-key", "PAYSIM_MOMO_DISBURSEMENT_API_KEY", &config.momo_disbursement_api_key,
       "MoMo Disbursement API key"},
  };
  for (const auto& s : secrets) FromEnv(s.value, s.env);

  CLI::App app{"origine-paysim: mobile-money provider simulator (docs/formats/paysim.md)"};
  app.add_option("--listen", listen, "loopback HOST:PORT (port 0: any free port)");
  app.add_option("--seed", seed, "seed of every id, OTP and random fault");
  app.add_option("--faults", faults, "none or random:P");
  app.add_option("--public-url", config.public_url, "base URL of the payment pages");
  app.add_option("--wave-webhook-url", config.wave_webhook_url, "where Wave webhooks are sent");
  app.add_option("--clock-start", clock_start, "virtual clock start: unix seconds or YYYY-MM-DDTHH:MM:SSZ");
  app.add_option("--threads", threads, "I/O threads")->check(CLI::Range(1, 64));
  for (const auto& s : secrets) app.add_option(s.flag, *s.value, s.help);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);  // prints help (rc 0) or the error
    return rc == 0 ? 0 : 2;
  }

  auto fail = [](const std::string& message) {
    std::cerr << "origine-paysim: " << message << "\n";
    return 2;
  };
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) return fail("--listen must be HOST:PORT");
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host != "127.0.0.1" && host != "::1" && host != "localhost")
    return fail("--listen must be a loopback address (127.0.0.1, ::1 or localhost), not " + host);
  if (host == "localhost") host = "127.0.0.1";
  int port = -1;
  try {
    port = std::stoi(listen.substr(colon + 1));
  } catch (...) {
  }
  if (port < 0 || port > 65535) return fail("--listen port must be 0 to 65535");
  try {
    size_t used = 0;
    config.seed = std::stoull(seed, &used);
    if (used != seed.size()) throw std::invalid_argument(seed);
  } catch (...) {
    return fail("--seed must be an unsigned integer");
  }
  auto probability = paysim::ParseFaultSpec(faults);
  if (!probability) return fail(probability.error().message);
  config.fault_spec = faults.empty() ? "none" : faults;
  config.fault_probability = *probability;
  if (!ParseClock(clock_start, &config.clock_start))
    return fail("--clock-start must be unix seconds or YYYY-MM-DDTHH:MM:SSZ");
  if (!config.wave_webhook_url.empty() && config.wave_webhook_url.rfind("http://", 0) != 0 &&
      config.wave_webhook_url.rfind("https://", 0) != 0)
    return fail("--wave-webhook-url must be an http(s) URL");
  while (!config.public_url.empty() && config.public_url.back() == '/') config.public_url.pop_back();

  const bool explicit_public_url = !config.public_url.empty();
  paysim::Simulator sim(config);
  http::ServerOptions opts;
  opts.host = host;
  opts.port = static_cast<uint16_t>(port);
  opts.threads = threads;
  opts.grace = std::chrono::seconds(5);
  Status st = http::RunServer(
      opts, [&sim](http::Request& req) { return sim.Handle(req); },
      [&](uint16_t bound) {
        const std::string authority = (host == "::1" ? "[::1]" : host) + ":" + std::to_string(bound);
        if (!explicit_public_url) sim.SetPublicUrl("http://" + authority);
        log::Info("listening",
                  {{"address", authority}, {"seed", std::to_string(config.seed)}, {"faults", config.fault_spec}});
        std::cout << "origine-paysim écoute sur http://" << authority << "/\n";
        std::cout.flush();
      });
  sim.Stop();
  if (!st) return fail(st.error().message);
  log::Info("stopped");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const std::exception& e) {  // e.g. a --clock-start too large for std::stoll
    std::cerr << "origine-paysim: " << e.what() << "\n";
    return 2;
  }
}
