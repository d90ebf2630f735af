// `origine log key`: the transparency log's verifier key.
// `origine log monitor URL`: checks a log's new checkpoint against the last
// one kept in --state (exit 0 consistent, 1 inconsistent, with the evidence
// kept, 2 error). The verifier key is --key, else the one kept, else the
// log's own (trust on first use, kept from then on).
#include <boost/json.hpp>
#include <filesystem>
#include <iostream>

#include "app/cli/cli.h"
#include "app/cli/commands.h"
#include "net/http_client.h"
#include "tlog/monitor.h"

namespace origine::app::cli {
namespace json = boost::json;

int RunLogKey(const Config& config) {
  return WithPlatform(config, [](Platform& p) {
    std::cout << p.log_signer->VerifierKey() << "\n";
    return 0;
  });
}

int RunLogMonitor(const Clock& clock, const LogMonitorOptions& options) {
  std::string url = options.url, vkey = options.key;
  const std::string& state_dir = options.state;
  while (!url.empty() && url.back() == '/') url.pop_back();
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
    return Fail(Error::Invalid("cli.url_scheme"_code, "the URL must start with http:// or https://"));
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(state_dir) / "checkpoints", ec);
  if (ec)
    return Fail(Error::Unavailable("cli.state_dir"_code, "cannot create " + state_dir + ": " + ec.message())
                    .With("path", state_dir));
  const std::string vkey_file = state_dir + "/vkey", cp_file = state_dir + "/checkpoint";
  auto stored_vkey = ReadInput(vkey_file);
  if (stored_vkey) {
    while (!stored_vkey->empty() && (stored_vkey->back() == '\n' || stored_vkey->back() == '\r'))
      stored_vkey->pop_back();
    if (!vkey.empty() && vkey != *stored_vkey)
      return Fail(Error::Invalid("cli.key_mismatch"_code,
                                 "--key differs from the key kept in " + vkey_file + "; use another --state")
                      .With("path", vkey_file));
    vkey = *stored_vkey;
  }
  if (vkey.empty()) {
    // Trust on first use: the log's published key, kept from now on.
    auto body = net::Get(url + "/api/v1/log/key");
    if (!body) return Fail(body.error());
    boost::system::error_code jec;
    json::value v = json::parse(*body, jec);
    if (jec || !v.is_object() || !v.as_object().contains("vkey") || !v.as_object().at("vkey").is_string())
      return Fail(
          Error::Invalid("cli.vkey_missing"_code, url + "/api/v1/log/key did not return a vkey").With("url", url));
    vkey = std::string(v.as_object().at("vkey").as_string());
    std::cerr << "origine: no --key given; trusting the key the log publishes: " << vkey << "\n";
  }
  auto verifier = tlog::ParseVerifierKey(vkey);
  if (!verifier) return Fail(Error::Invalid("cli.verifier_key"_code, "bad verifier key: " + verifier.error().message));
  if (!stored_vkey) {
    Status st = WriteOutput(vkey_file, vkey + "\n");
    if (!st) return Fail(st.error());
  }
  std::vector<tlog::Verifier> verifiers{*verifier};
  const std::string origin = verifier->name;

  std::optional<tlog::Checkpoint> previous;
  std::string previous_note;
  if (auto kept = ReadInput(cp_file)) {
    auto cp = tlog::OpenCheckpoint(*kept, origin, verifiers);
    if (!cp)
      return Fail(Error::Invalid("cli.kept_checkpoint"_code,
                                 "the kept checkpoint " + cp_file + " does not verify: " + cp.error().message)
                      .With("path", cp_file));
    previous = *cp;
    previous_note = *kept;
  }
  auto note = net::Get(url + "/log/checkpoint");
  if (!note) return Fail(note.error());
  auto fetch = [&url](const tlog::Tile& tile) { return net::Get(url + "/log/" + tlog::TilePath(tile)); };
  auto cp = tlog::VerifyCheckpointUpdate(*note, origin, verifiers, previous, fetch);
  if (!cp) {
    if (cp.error().kind != ErrorKind::kInvalidArgument) return Fail(cp.error());
    const std::string evidence = state_dir + "/inconsistent-" + std::to_string(clock.NowUnix()) + ".txt";
    (void)WriteOutput(evidence, "kept checkpoint:\n" + previous_note + "\nnew checkpoint:\n" + *note);
    std::cout << "INCONSISTENT: " << cp.error().message << "\n"
              << "  log " << url << (previous ? ", last accepted size " + std::to_string(previous->size) : "")
              << "\n  evidence kept in " << evidence << "\n";
    return 1;
  }
  Status st = WriteOutput(state_dir + "/checkpoints/" + std::to_string(cp->size), *note);
  if (st) st = WriteOutput(cp_file, *note);
  if (!st) return Fail(st.error());
  std::cout << "consistent: " << origin << " size " << cp->size;
  if (previous) std::cout << " (previous " << previous->size << ")";
  std::cout << "\n";
  return 0;
}

}  // namespace origine::app::cli
