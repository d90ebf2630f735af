// origine/origin/internal/toml_reader.h — strict reading of one TOML table:
// typed getters that report "file:line: problem" into an ErrorList, and
// Finish() to report unknown keys. Used by loader.cc only.
#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <cstdio>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "origin/internal/load_util.h"

namespace origine::origin::internal {

inline int64_t LineOf(const toml::node& n) {
  const auto line = n.source().begin.line;
  return line == 0 ? 1 : static_cast<int64_t>(line);
}

inline bool IsDate(const std::string& s) {
  int64_t unused = 0;
  return ParseDate(s, &unused);
}

inline bool IsCountry(const std::string& s) {
  return s.size() == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

inline bool IsCode(const std::string& s) {
  if (s.empty() || s.size() > 32) return false;
  for (char c : s)
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
  return true;
}

inline bool IsLowerCode(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

// Reads the keys of one TOML table, remembering which were used so that
// Finish() can report the unknown ones.
class TableReader {
 public:
  TableReader(const toml::table& table, ErrorList& errors, std::string where)
      : table_(table), errors_(errors), where_(std::move(where)) {}

  int64_t line() const { return LineOf(table_); }
  // Line of the value of `key` when present, else of the table.
  int64_t LineOfKey(std::string_view key) const {
    const toml::node* n = table_.get(key);
    return n != nullptr ? LineOf(*n) : line();
  }
  ErrorList& errors() { return errors_; }

  const toml::node* Node(std::string_view key, bool required) {
    used_.insert(std::string(key));
    const toml::node* n = table_.get(key);
    if (n == nullptr && required) errors_.Add(line(), where_ + "missing key '" + std::string(key) + "'");
    return n;
  }

  std::optional<std::string> String(std::string_view key, bool required) {
    const toml::node* n = Node(key, required);
    if (n == nullptr) return std::nullopt;
    if (!n->is_string()) {
      errors_.Add(LineOf(*n), where_ + "'" + std::string(key) + "' must be a string");
      return std::nullopt;
    }
    return n->as_string()->get();
  }

  // A date as "YYYY-MM-DD" or a TOML local date.
  std::optional<std::string> Date(std::string_view key, bool required) {
    const toml::node* n = Node(key, required);
    if (n == nullptr) return std::nullopt;
    std::string text;
    if (n->is_date()) {
      const toml::date d = n->as_date()->get();
      char buf[16];
      std::snprintf(buf, sizeof buf, "%04u-%02u-%02u", static_cast<unsigned>(d.year) % 10000u,
                    static_cast<unsigned>(d.month) % 100u, static_cast<unsigned>(d.day) % 100u);
      text = buf;
    } else if (n->is_string()) {
      text = n->as_string()->get();
    } else {
      errors_.Add(LineOf(*n), where_ + "'" + std::string(key) + "' must be a date YYYY-MM-DD");
      return std::nullopt;
    }
    if (!IsDate(text)) {
      errors_.Add(LineOf(*n),
                  where_ + "'" + std::string(key) + "' is not a valid date YYYY-MM-DD: '" + Shown(text) + "'");
      return std::nullopt;
    }
    return text;
  }

  std::optional<int64_t> Int(std::string_view key, bool required, int64_t min, int64_t max) {
    const toml::node* n = Node(key, required);
    if (n == nullptr) return std::nullopt;
    if (!n->is_integer()) {
      errors_.Add(LineOf(*n), where_ + "'" + std::string(key) + "' must be an integer");
      return std::nullopt;
    }
    const int64_t v = n->as_integer()->get();
    if (v < min || v > max) {
      errors_.Add(LineOf(*n), where_ + "'" + std::string(key) + "' must be between " + std::to_string(min) + " and " +
                                  std::to_string(max) + ", not " + std::to_string(v));
      return std::nullopt;
    }
    return v;
  }

  std::optional<bool> Bool(std::string_view key, bool required) {
    const toml::node* n = Node(key, required);
    if (n == nullptr) return std::nullopt;
    if (!n->is_boolean()) {
      errors_.Add(LineOf(*n), where_ + "'" + std::string(key) + "' must be true or false");
      return std::nullopt;
    }
    return n->as_boolean()->get();
  }

  const toml::array* Array(std::string_view key, bool required) {
    const toml::node* n = Node(key, required);
    if (n == nullptr) return nullptr;
    if (!n->is_array()) {
      errors_.Add(LineOf(*n), where_ + "'" + std::string(key) + "' must be an array");
      return nullptr;
    }
    return n->as_array();
  }

  const toml::table* Table(std::string_view key, bool required) {
    const toml::node* n = Node(key, required);
    if (n == nullptr) return nullptr;
    if (!n->is_table()) {
      errors_.Add(LineOf(*n), where_ + "'" + std::string(key) + "' must be a table");
      return nullptr;
    }
    return n->as_table();
  }

  // Array of strings; each bad element is reported.
  std::vector<std::pair<std::string, int64_t>> Strings(std::string_view key, bool required) {
    std::vector<std::pair<std::string, int64_t>> out;
    const toml::array* a = Array(key, required);
    if (a == nullptr) return out;
    for (const toml::node& e : *a) {
      if (!e.is_string()) {
        errors_.Add(LineOf(e), where_ + "'" + std::string(key) + "' must hold strings only");
        continue;
      }
      out.emplace_back(e.as_string()->get(), LineOf(e));
    }
    return out;
  }

  // Every element must be a table ([[key]] or inline tables).
  std::vector<const toml::table*> Tables(std::string_view key, bool required) {
    std::vector<const toml::table*> out;
    const toml::array* a = Array(key, required);
    if (a == nullptr) return out;
    for (const toml::node& e : *a) {
      if (!e.is_table()) {
        errors_.Add(LineOf(e), where_ + "'" + std::string(key) + "' must hold tables only");
        continue;
      }
      out.push_back(e.as_table());
    }
    return out;
  }

  void Finish() {
    for (auto&& [key, value] : table_) {
      if (!used_.contains(std::string(key.str())))
        errors_.Add(LineOf(value), where_ + "unknown key '" + Shown(key.str()) + "'");
    }
  }

 private:
  const toml::table& table_;
  ErrorList& errors_;
  std::string where_;
  std::set<std::string> used_;
};

}  // namespace origine::origin::internal
