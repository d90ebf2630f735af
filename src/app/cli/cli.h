// origine/app/cli/cli.h — what the commands of `origine` share: the options
// that several commands take, the configuration built from them, error
// printing, and file helpers. Nothing here includes CLI11: only app.cc does
// (it is slow to compile), and the command files (app/cli/commands.h) are
// plain functions of plain option structs.
//
// Exit codes: 0 success, 1 a negative verdict (verify: not valid; log
// monitor: inconsistent; audit verify: chain broken), 2 error.
#pragma once

#include <functional>
#include <string>

#include "app/config.h"
#include "app/platform.h"
#include "core/result.h"

namespace origine::app::cli {

// Values of the options shared by several commands.
struct Common {
  std::string config_file;          // serve --config
  std::string listen;               // serve --listen HOST:PORT
  std::string data_dir;             // --data DIR
  std::string web_root;             // serve --web-root DIR
  std::string regimes_dir;          // --regimes DIR
  std::string key_passphrase_file;  // --key-passphrase-file FILE
  std::string paysim_url;           // serve --paysim URL ("" = none)
  bool paysim_given = false;        // whether --paysim was given at all
  std::string public_url;           // serve --public-url URL
};

// The configuration: defaults < TOML file < environment < the flags in `common`.
Result<Config> BuildConfig(const Common& common);

// Prints the error to standard error as "error: <message> (<code>)", then
// each field as "  <field>: <message> (<code>)"; returns 2.
int Fail(const Error& e);

// Opens the platform of `config` with logging quiet (operator commands print
// their own output) and runs `body` on it; 2 if it cannot be opened.
int WithPlatform(const Config& config, const std::function<int(Platform&)>& body);

// Writes an output file the operator named (atomically, mode 0644 before umask).
Status WriteOutput(const std::string& path, const std::string& bytes);
// Reads an input file the operator named (symbolic links followed). kNotFound
// ("file.not_found") when unreadable.
Result<std::string> ReadInput(const std::string& path);

// The demo accounts and their password (after `serve --demo` and `demo seed`).
void PrintDemoAccounts();

}  // namespace origine::app::cli
