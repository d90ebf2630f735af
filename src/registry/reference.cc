#include "registry/reference.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <cstring>
#include <sstream>

#include "core/file.h"

namespace origine::registry {
namespace json = boost::json;

namespace {

// ASCII folds of U+00C0..U+017F (Latin-1 Supplement letters and Latin Extended-A).
const char* FoldLatin(uint32_t cp) {
  static const char* const k00C0[] = {
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   // C0-CF
      "d", "n", "o", "o", "o", "o", "o",  " ", "o", "u", "u", "u", "u", "y", "th", "ss",  // D0-DF
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   // E0-EF
      "d", "n", "o", "o", "o", "o", "o",  " ", "o", "u", "u", "u", "u", "y", "th", "y"};  // F0-FF
  static const char k0100[] =  // one letter per code point U+0100..U+017F ('.' = two letters, below)
      "aaaaaaccccccccdd"       // 0100
      "ddeeeeeeeeeegggg"       // 0110
      "gggghhhhiiiiiiii"       // 0120
      "ii..jjkkklllllll"       // 0130 (0132/0133 ij)
      "lllnnnnnnnnnoooo"       // 0140 (0149 'n)
      "oo..rrrrrrssssss"       // 0150 (0152/0153 oe)
      "ssttttttuuuuuuuu"       // 0160
      "uuuuwwyyyzzzzzzs";      // 0170 (017F long s)
  if (cp >= 0xC0 && cp <= 0xFF) return k00C0[cp - 0xC0];
  if (cp >= 0x100 && cp <= 0x17F) {
    if (cp == 0x132 || cp == 0x133) return "ij";
    if (cp == 0x152 || cp == 0x153) return "oe";
    static char one[0x80][2];
    static bool init = [] {
      for (int i = 0; i < 0x80; ++i) one[i][0] = k0100[i], one[i][1] = 0;
      return true;
    }();
    (void)init;
    return one[cp - 0x100];
  }
  if (cp == 0x2019 || cp == 0x2018) return " ";  // typographic apostrophes
  return nullptr;
}

}  // namespace

std::string FoldAscii(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out += std::isalnum(c) ? static_cast<char>(std::tolower(c)) : ' ';
      ++i;
      continue;
    }
    uint32_t cp = 0;
    size_t n = 0;
    if ((c & 0xE0) == 0xC0)
      cp = c & 0x1F, n = 2;
    else if ((c & 0xF0) == 0xE0)
      cp = c & 0x0F, n = 3;
    else if ((c & 0xF8) == 0xF0)
      cp = c & 0x07, n = 4;
    bool ok = n != 0 && i + n <= s.size();
    for (size_t k = 1; ok && k < n; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80)
        ok = false;
      else
        cp = (cp << 6) | (cc & 0x3F);
    }
    if (!ok) {
      out += ' ';
      ++i;
      continue;
    }
    const char* f = FoldLatin(cp);
    if (f)
      out += f;
    else if (cp >= 0x180)
      out.append(s.substr(i, n));  // other scripts: kept as is
    else
      out += ' ';
    i += n;
  }
  return out;
}

std::vector<std::string> FoldTokens(std::string_view s) {
  std::vector<std::string> tokens;
  std::istringstream in(FoldAscii(s));
  std::string t;
  while (in >> t) tokens.push_back(t);
  return tokens;
}

namespace {
Error MoError(const std::string& message) { return Error::Invalid("mo.format"_code, message); }
}  // namespace

Result<std::map<std::string, std::string>> ParseMo(std::string_view b) {
  auto u32 = [&](size_t off, bool swap, uint32_t* v) {
    if (off + 4 > b.size()) return false;
    uint32_t x;
    std::memcpy(&x, b.data() + off, 4);
    if (swap) x = __builtin_bswap32(x);
    *v = x;
    return true;
  };
  uint32_t magic;
  if (!u32(0, false, &magic)) return MoError("mo: file too short");
  bool swap;
  if (magic == 0x950412de)
    swap = false;
  else if (magic == 0xde120495)
    swap = true;
  else
    return MoError("mo: bad magic number");
  uint32_t n, orig, trans;
  if (!u32(8, swap, &n) || !u32(12, swap, &orig) || !u32(16, swap, &trans)) return MoError("mo: bad header");
  if (n > 1'000'000) return MoError("mo: too many entries");
  std::map<std::string, std::string> out;
  auto str = [&](uint32_t table, uint32_t i, std::string* s) {
    uint32_t len, off;
    if (!u32(size_t{table} + size_t{i} * 8, swap, &len) || !u32(size_t{table} + size_t{i} * 8 + 4, swap, &off))
      return false;
    if (size_t{off} + len > b.size()) return false;
    s->assign(b.data() + off, len);
    return true;
  };
  for (uint32_t i = 0; i < n; ++i) {
    std::string id, tr;
    if (!str(orig, i, &id) || !str(trans, i, &tr)) return MoError("mo: entry " + std::to_string(i) + " out of bounds");
    if (id.empty()) continue;
    if (auto z = id.find('\0'); z != std::string::npos) id.resize(z);  // plural forms: singular id
    if (auto z = tr.find('\0'); z != std::string::npos) tr.resize(z);
    out[id] = tr;
  }
  return out;
}

namespace {

// iso-codes files are a few tens of KiB.
Result<std::string> ReadAll(const std::string& path) { return file::ReadFile(path, 16u << 20); }

Result<std::map<std::string, std::string>> French(const std::string& mo_path) {
  if (mo_path.empty()) return std::map<std::string, std::string>();
  ASSIGN_OR_RETURN(std::string bytes, ReadAll(mo_path));
  return ParseMo(bytes);
}

Result<json::array> IsoArray(const std::string& path, const char* key) {
  ASSIGN_OR_RETURN(std::string text, ReadAll(path));
  boost::system::error_code ec;
  json::value doc = json::parse(text, ec);
  if (ec || !doc.is_object() || !doc.as_object().contains(key) || !doc.at(key).is_array())
    return Error::Invalid("iso_codes.format"_code, path + ": not an iso-codes " + key + " file").With("file", path);
  return doc.at(key).as_array();
}

std::string Field(const json::object& o, const char* k) {
  auto it = o.find(k);
  return it != o.end() && it->value().is_string() ? std::string(it->value().as_string()) : "";
}

std::string Translate(const std::map<std::string, std::string>& fr, const std::string& en) {
  auto it = fr.find(en);
  return it == fr.end() || it->second.empty() ? en : it->second;
}

}  // namespace

Result<std::vector<Country>> LoadCountries(const std::string& json_path, const std::string& mo_path) {
  ASSIGN_OR_RETURN(json::array items, IsoArray(json_path, "3166-1"));
  ASSIGN_OR_RETURN(auto fr, French(mo_path));
  std::vector<Country> out;
  for (const auto& v : items) {
    if (!v.is_object()) continue;
    const auto& o = v.as_object();
    Country c{Field(o, "alpha_2"), Field(o, "alpha_3"), Field(o, "numeric"), Field(o, "name"), ""};
    c.name_fr = Translate(fr, c.name_en);
    if (c.alpha2.size() == 2) out.push_back(std::move(c));
  }
  std::sort(out.begin(), out.end(), [](const Country& a, const Country& b) { return a.alpha2 < b.alpha2; });
  return out;
}

Result<std::vector<Currency>> LoadCurrencies(const std::string& json_path, const std::string& mo_path) {
  ASSIGN_OR_RETURN(json::array items, IsoArray(json_path, "4217"));
  ASSIGN_OR_RETURN(auto fr, French(mo_path));
  std::vector<Currency> out;
  for (const auto& v : items) {
    if (!v.is_object()) continue;
    const auto& o = v.as_object();
    Currency c{Field(o, "alpha_3"), Field(o, "numeric"), Field(o, "name"), ""};
    c.name_fr = Translate(fr, c.name_en);
    if (c.alpha3.size() == 3) out.push_back(std::move(c));
  }
  std::sort(out.begin(), out.end(), [](const Currency& a, const Currency& b) { return a.alpha3 < b.alpha3; });
  return out;
}

const std::vector<Country>& Countries() {
  static const std::vector<Country> k = [] {
    auto r =
        LoadCountries("/usr/share/iso-codes/json/iso_3166-1.json", "/usr/share/locale/fr/LC_MESSAGES/iso_3166-1.mo");
    if (!r) r = LoadCountries("/usr/share/iso-codes/json/iso_3166-1.json", "");
    return r ? std::move(*r) : std::vector<Country>();
  }();
  return k;
}

const std::vector<Currency>& Currencies() {
  static const std::vector<Currency> k = [] {
    auto r = LoadCurrencies("/usr/share/iso-codes/json/iso_4217.json", "/usr/share/locale/fr/LC_MESSAGES/iso_4217.mo");
    if (!r) r = LoadCurrencies("/usr/share/iso-codes/json/iso_4217.json", "");
    return r ? std::move(*r) : std::vector<Currency>();
  }();
  return k;
}

const Country* FindCountry(const std::string& alpha2) {
  const auto& all = Countries();
  auto it = std::lower_bound(all.begin(), all.end(), alpha2,
                             [](const Country& c, const std::string& code) { return c.alpha2 < code; });
  return it != all.end() && it->alpha2 == alpha2 ? &*it : nullptr;
}

bool IsNif(std::string_view s) {
  if (s.size() != 10) return false;
  for (size_t i = 0; i < 9; ++i)
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return s[9] >= 'A' && s[9] <= 'Z';
}

bool IsRccm(std::string_view s) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t dot = s.find('.', start);
    parts.push_back(s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (parts.size() != 5) return false;
  auto all = [](std::string_view p, int (*f)(int)) {
    for (char c : p)
      if (!f(static_cast<unsigned char>(c))) return false;
    return !p.empty();
  };
  return parts[0].size() == 2 && all(parts[0], ::isupper) && parts[1].size() >= 2 && parts[1].size() <= 4 &&
         all(parts[1], ::isupper) && parts[2].size() == 4 && all(parts[2], ::isdigit) && parts[3].size() == 1 &&
         all(parts[3], ::isupper) && parts[4].size() <= 6 && all(parts[4], ::isdigit);
}

}  // namespace origine::registry
