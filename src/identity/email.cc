#include "identity/email.h"

#include <algorithm>
#include <cctype>

namespace origine::identity {

std::string NormalizeEmail(std::string email) {
  std::transform(email.begin(), email.end(), email.begin(), [](unsigned char c) { return std::tolower(c); });
  return email;
}

bool IsEmail(const std::string& e) {
  const size_t at = e.find('@');
  if (e.size() < 3 || e.size() > 254 || at == 0 || at == std::string::npos || at + 1 >= e.size()) return false;
  if (e.find('@', at + 1) != std::string::npos) return false;
  if (e.find('.', at) == std::string::npos) return false;
  for (unsigned char c : e)
    if (c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == ',' || c == ';' || c == '"') return false;
  return true;
}

}  // namespace origine::identity
