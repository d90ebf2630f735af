// origine/app/schema.h — every module's migrations, in one list.
//
// Each module owns its tables and declares their migrations (audit 10, tlog
// 20, identity 30, registry 50, pki 60, certificates 70, payments 80;
// docs/ARCHITECTURE.md "Tables and owners"). Db::Migrate applies them in
// version order, so a table is created after the tables it refers to.
// Thread-safety: returns a fresh vector; no shared state.
#pragma once

#include <vector>

#include "storage/db.h"

namespace origine::app {

std::vector<storage::Migration> AllMigrations();

}  // namespace origine::app
