#include "http/message.h"

#include <algorithm>
#include <boost/url/parse.hpp>
#include <cctype>

namespace origine::http {
namespace {
std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}
const std::string kEmpty;
}  // namespace

void Headers::Set(std::string name, std::string value) { values[Lower(std::move(name))] = std::move(value); }

const std::string& Headers::Get(const std::string& name) const {
  auto it = values.find(Lower(name));
  return it == values.end() ? kEmpty : it->second;
}

bool Headers::Has(const std::string& name) const { return values.count(Lower(name)) > 0; }

std::string CookieValue(const Headers& headers, const std::string& name) {
  const std::string& h = headers.Get("cookie");
  size_t pos = 0;
  while (pos < h.size()) {
    size_t end = h.find(';', pos);
    if (end == std::string::npos) end = h.size();
    std::string part = h.substr(pos, end - pos);
    size_t b = part.find_first_not_of(' ');
    if (b != std::string::npos) part = part.substr(b);
    size_t eq = part.find('=');
    if (eq != std::string::npos && part.substr(0, eq) == name) return part.substr(eq + 1);
    pos = end + 1;
  }
  return "";
}

bool ParseTarget(const std::string& target, std::string* path, std::map<std::string, std::string>* query) {
  if (target.empty() || target[0] != '/') return false;
  auto url = boost::urls::parse_origin_form(target);
  if (!url) return false;
  *path = url->path();  // decoded
  if (path->find('\0') != std::string::npos) return false;
  query->clear();
  for (auto param : url->params()) (*query)[param.key] = param.value;
  return true;
}

}  // namespace origine::http
