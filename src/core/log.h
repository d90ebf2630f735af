// origine/core/log.h — JSON-lines logging to standard error.
// One object per line: {"ts","level","msg", ...fields}. Callers pass only
// values safe to log: never passwords, tokens, keys or request bodies.
// Thread-safety: lines from different threads never interleave.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace origine::log {

using Fields = std::vector<std::pair<std::string, std::string>>;

void Info(const std::string& msg, const Fields& fields = {});
void Warn(const std::string& msg, const Fields& fields = {});
void Error(const std::string& msg, const Fields& fields = {});
// Numbers go through fields as already-formatted text; this marks them numeric.
void Line(const std::string& level, const std::string& msg, const Fields& fields,
          const std::vector<std::pair<std::string, double>>& numbers = {});
// Silences Info (tests, CLI commands).
void SetQuiet(bool quiet);

}  // namespace origine::log
