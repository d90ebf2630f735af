// origine/api/authz_matrix_fixture.h — what the authorization matrix test
// (authz_matrix_test.cc) stands on: the whole API over a real database (the
// test kit's people and companies), real signing keys and log, the real
// services, payments with one provider ("wave") whose answers the world
// scripts (the only fake: it plays the payment provider, outside the API),
// one session per person, and the objects a route needs, made fresh through
// the services for each call. Test-only.
#pragma once

#include <boost/json.hpp>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "api/api.h"
#include "payments/reconcile.h"
#include "payments/service.h"
#include "pki/key_manager.h"
#include "registry/registry.h"
#include "testkit/testkit.h"
#include "tlog/log.h"
#include "tlog/note.h"
#include "trust/key_store.h"

namespace origine::api::matrix {

using Headers = std::map<std::string, std::string>;

// The payment provider's side: paid references answer "succeeded".
struct ProviderScript {
  std::map<std::string, int64_t> paid;  // reference -> amount paid
};

class World {
 public:
  // `options` of the Api (e.g. a step-up check).
  explicit World(const ApiOptions& options = {});
  ~World();
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  // Calls the API as `who` (null: no session), with the session cookie and,
  // on every method but GET, the X-CSRF-Token header.
  http::Response Call(const Principal* who, const std::string& method, const std::string& target,
                      const std::string& body);
  // Forgets `who`'s session (after it logged out): the next call logs in again.
  void ForgetSession(const Principal& who) { sessions_.erase(who.user_id); }

  // Objects of people.company (its exporter's), made through the services.
  int64_t Draft();
  int64_t AwaitingPayment();
  std::string PendingPayment(int64_t application_id);  // the intent's reference
  std::string PaidPayment();                           // of an application now submitted
  int64_t Submitted();
  int64_t Approved();                // by people.agent
  std::string Issued();              // signed by people.signatory: the certificate's number
  std::string RefundPending();       // a paid payment an admin refunds (manual)
  int64_t Product();                 // with people.exporter's company
  int64_t ApprovalRequest();         // of a new product, for ETLS
  int64_t ApprovedExporterStatus();  // granted by people.agent (ETLS)
  int64_t CompanyUser(bool active);  // a new exporter account of the company
  int64_t Reconciliation();          // a wave statement imported by people.admin
  // A number unique in this world (e-mails, statements, invoice numbers).
  int Next() { return ++counter_; }
  // The transparency log's size now.
  uint64_t LogSize();

  static boost::json::value ApplicationInput();
  static boost::json::value ProductInput();
  std::string Today() const { return FormatUtc(clock.NowUnix(), true); }

  FakeClock clock{1'795'757'970};  // 2026-11-27
  testkit::TempDir dir;
  std::unique_ptr<storage::Db> db;
  testkit::People people;
  ProviderScript script;

 private:
  Headers SessionOf(const Principal& who);

  tlog::Log log_{"test.local/log"};
  std::unique_ptr<trust::FileKeyStore> store_;
  std::unique_ptr<pki::KeyManager> keys_;
  std::unique_ptr<pki::DbTrustListSource> trust_;
  std::unique_ptr<tlog::NoteSigner> log_signer_;
  std::unique_ptr<identity::IdentityService> identity_;
  std::unique_ptr<certificates::ApplicationService> apps_;
  std::unique_ptr<certificates::CertificateService> certs_;
  std::unique_ptr<payments::PaymentService> pay_;
  std::unique_ptr<payments::Reconciler> rec_;
  std::unique_ptr<registry::RegistryService> reg_;

 public:
  std::unique_ptr<Api> api;

 private:
  std::map<int64_t, Headers> sessions_;  // by user id
  int counter_ = 0;
};

}  // namespace origine::api::matrix
