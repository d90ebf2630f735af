// origine/identity/email.h — the e-mail addresses that name accounts:
// compared in lower case, checked for a plausible shape (not deliverability).
// Thread-safety: pure functions.
#pragma once

#include <string>

namespace origine::identity {

// ASCII lower case (accounts are looked up by their normalised address).
std::string NormalizeEmail(std::string email);

// One '@' with text on both sides, a dot after it, 3..254 bytes, no blanks,
// control characters or <>,;" characters.
bool IsEmail(const std::string& email);

}  // namespace origine::identity
