// origine/certificates/service.h — the public interface of the certificates
// module in one include, for the layers above (api, app, payments):
//   application_service.h   applications, workflow, signing, amendment, revocation
//   certificate_service.h   issued certificates: listing, PDF, verification
//   payment_gate.h          what the workflow asks of payments; MarkPaid
//   workflow.h              statuses, actions, the transition table
//   regimes.h               the regimes of origin as applications name them
//   schema.h                the module's tables
#pragma once

#include "certificates/application_service.h"
#include "certificates/certificate_service.h"
#include "certificates/payment_gate.h"
#include "certificates/regimes.h"
#include "certificates/schema.h"
#include "certificates/workflow.h"
