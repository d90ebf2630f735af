// origine/pki/schema.h — the pki module's migrations (DDL in pki/schema.cc):
// pki_key_roles, pki_keys, trust_list_versions (versions 60-69 belong here).
#pragma once

#include <vector>

#include "storage/db.h"

namespace origine::pki {

const std::vector<storage::Migration>& PkiMigrations();

}  // namespace origine::pki
