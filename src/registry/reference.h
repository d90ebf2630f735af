// origine/registry/reference.h — reference data: countries and currencies from
// Debian's iso-codes (with French names read from its GNU .mo catalogues, no
// French locale needed), accent/case folding for search, and the format
// checks of Malian company identifiers (NIF, RCCM).
//
// Countries() and Currencies() read /usr/share/iso-codes once (first call,
// thread-safe static initialisation); when the package is missing they hold
// nothing and IsCountry() is false for every code. Every other function is
// pure and thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace origine::registry {

// Lowercase ASCII fold of UTF-8 text for search: Latin letters with
// diacritics lose them ("Sésame" → "sesame", "Œuf" → "oeuf", "ß" → "ss"),
// ASCII letters are lowercased, every other character that is not a letter or
// digit becomes a space. Invalid UTF-8 bytes become spaces.
std::string FoldAscii(std::string_view utf8);
// FoldAscii, then split on spaces (empty tokens dropped).
std::vector<std::string> FoldTokens(std::string_view utf8);

// Parses a GNU gettext .mo catalogue (either byte order) into msgid → msgstr
// (the header entry, msgid "", is skipped). kInvalidArgument "mo.format" when malformed.
Result<std::map<std::string, std::string>> ParseMo(std::string_view bytes);

struct Country {
  std::string alpha2, alpha3, numeric;
  std::string name_en, name_fr;  // name_fr falls back to name_en
};
struct Currency {
  std::string alpha3, numeric;
  std::string name_en, name_fr;
};

// Loads from explicit files (tests); `mo_path` may be empty (no French).
// kNotFound "file.not_found", kInvalidArgument "iso_codes.format" or "mo.format".
Result<std::vector<Country>> LoadCountries(const std::string& json_path, const std::string& mo_path);
Result<std::vector<Currency>> LoadCurrencies(const std::string& json_path, const std::string& mo_path);

// The installed iso-codes data, sorted by code; empty if not installed.
const std::vector<Country>& Countries();
const std::vector<Currency>& Currencies();
const Country* FindCountry(const std::string& alpha2);

// NIF (numéro d'identification fiscale): 9 digits then one capital letter,
// e.g. "084151646T". RCCM: "MA.BKO.2023.B.4040" = country "MA", town code of
// 2-4 capital letters, year (4 digits), register letter (A-Z), serial of
// 1-6 digits. [GUESS] formats from public examples; see docs/formats/api.md.
bool IsNif(std::string_view nif);
bool IsRccm(std::string_view rccm);

}  // namespace origine::registry
