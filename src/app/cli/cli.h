// origine/app/cli/cli.h — what the command groups of `origine` share: the
// options that several commands take, the configuration built from them,
// error printing, and file helpers.
//
// Each group (serve.cc, keys.cc, ...) registers its subcommands with
// `AddXCommands(cli, common, commands)` (app/cli/commands.h): it adds its
// options to the CLI11 app and one Command per leaf subcommand; main() parses,
// builds the configuration and runs the one command that was given.
// Exit codes: 0 success, 1 a negative verdict (verify: not valid; log
// monitor: inconsistent; audit verify: chain broken), 2 error.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

#include "app/config.h"
#include "app/platform.h"
#include "core/result.h"

namespace origine::app::cli {

// Values of the options shared by several commands (bound by CLI11).
struct Common {
  std::string config_file;          // serve --config
  std::string listen;               // serve --listen HOST:PORT
  std::string data_dir;             // --data DIR
  std::string web_root;             // serve --web-root DIR
  std::string regimes_dir;          // --regimes DIR
  std::string key_passphrase_file;  // --key-passphrase-file FILE
  std::string paysim_url;           // serve --paysim URL ("" = none)
  std::string public_url;           // serve --public-url URL
  CLI::Option* paysim = nullptr;    // set by serve: whether --paysim was given at all

  void AddData(CLI::App* cmd);
  void AddKeyPassphrase(CLI::App* cmd);
  void AddRegimes(CLI::App* cmd);
};

// The configuration: defaults < TOML file < environment < the flags in `common`.
Result<Config> BuildConfig(const Common& common);

// A leaf subcommand and what runs when it is the one given.
struct Command {
  CLI::App* app;
  std::function<int(const Config&)> run;
};
using Commands = std::vector<Command>;

// Prints the error ("origine: <message>", then each field) to standard error; returns 2.
int Fail(const Error& e);

// Opens the platform of `config` with logging quiet (operator commands print
// their own output) and runs `body` on it; 2 if it cannot be opened.
int WithPlatform(const Config& config, const std::function<int(Platform&)>& body);

// Writes an output file the operator named (atomically, mode 0644 before umask).
Status WriteOutput(const std::string& path, const std::string& bytes);
// Reads an input file the operator named (symbolic links followed). kNotFound when unreadable.
Result<std::string> ReadInput(const std::string& path);

// The demo accounts and their password (after `serve --demo` and `demo seed`).
void PrintDemoAccounts();

}  // namespace origine::app::cli
