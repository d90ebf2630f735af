// origine/api/auth_routes.h — sessions:
//   POST /api/v1/auth/login    public: {email, password} → {user, csrf_token} and the
//                              session cookie (HttpOnly, SameSite=Strict; Secure behind TLS)
//   POST /api/v1/auth/logout   session: ends it, clears the cookie (204)
//   GET  /api/v1/auth/me       session: {user, csrf_token}
#pragma once

#include "api/route.h"
#include "identity/identity_service.h"

namespace origine::api {

// `identity` must outlive the routes. `secure_cookies` adds "Secure" to the cookie.
void AddAuthRoutes(const AddRoute& add, identity::IdentityService& identity, bool secure_cookies);

}  // namespace origine::api
