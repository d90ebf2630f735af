// Trust and render throughput: offline QR verification (VerifyQrText), raw
// ES256 signatures and verifications, MakeQrText, QR PNG and certificate PDF.
// bench/trust.sh runs it next to `openssl speed ecdsap256` and cose-js.
// Build: cmake -DORIGINE_BENCH=ON -DCMAKE_BUILD_TYPE=Release -DORIGINE_TESTS=OFF;
// run: build-bench/bench/trust_bench
// With ORIGINE_BENCH_QR (a file of CO1: texts, one a line, e.g. from
// `origine cert qr`) and ORIGINE_BENCH_TRUST_LIST (`origine trust-list
// export`, format 2 or 1), BM_VerifyQrText verifies those texts instead of its own.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "render/certificate_pdf.h"
#include "render/qr_image.h"
#include "trust/cose.h"
#include "trust/keys.h"
#include "trust/qr.h"
#include "trust/trust_list.h"
#include "trust/trust_store.h"
#include "trust/verify.h"

namespace {

using namespace origine::trust;

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "trust_bench: %s\n", what.c_str());
  std::exit(1);
}

std::string Slurp(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) Die(std::string("cannot read ") + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const int64_t kNow = 1795800000;  // 2026-11-27

// The entries of an exported trust list (`origine trust-list export`): format 2, its
// signature checked against the root it carries (the export comes from the same run),
// or an unsigned format-1 list.
std::vector<TrustEntry> LoadTrustList(const std::string& json) {
  auto format = TrustListFormat(json);
  if (!format) Die("trust list: " + format.error().message);
  if (*format == 1) {
    auto list = TrustListFromJson(json);
    if (!list) Die("trust list: " + list.error().message);
    return std::move(*list);
  }
  auto root = EmbeddedTrustListRoot(json);
  if (!root) Die("trust list: " + root.error().message);
  auto verified = VerifySignedTrustList(json, *root);
  if (!verified) Die("trust list: " + verified.error().message);
  return std::move(verified->document.entries);
}

Claims SampleClaims() {
  Claims c;
  c.issuer_country = "ML";
  c.number = "ML-ETLS-2026-000001";
  c.regime = "ETLS";
  c.exporter_name = "Sahel Sésame SARL";
  c.exporter_nif = "084151646T";
  c.consignee_name = "Dakar Agro Import SA";
  c.consignee_country = "SN";
  c.origin_country = "ML";
  c.destination_country = "SN";
  c.issued_at = kNow - 3600;
  c.expires_at = kNow + 180 * int64_t{86400};
  c.goods = {{"120740", "400", "sacs", "20000"}, {"151590", "200", "cartons", "5000"}};
  c.invoice_reference = "FAC-2026-0117 du 02/11/2026";
  c.document_hash = Bytes(32, 0x5a);
  c.log_index = 41;
  return c;
}

// A root, a document signer and its trust list, made once.
struct Fixture {
  SigningKey signer;
  Bytes kid;
  std::vector<TrustEntry> trust;
  std::string qr;
  // What BM_VerifyQrText checks: external texts if given, else `qr`.
  std::vector<std::string> verify_texts;
  std::vector<TrustEntry> verify_trust;
  std::shared_ptr<const TrustStore> verify_store;  // verify_trust parsed once
  int64_t verify_now = kNow;
};

const Fixture& Fix() {
  static const Fixture* f = [] {
    auto root = SigningKey::Generate();
    auto signer = SigningKey::Generate();
    if (!root || !signer) Die("key generation failed");
    auto root_cert = MakeRootCertificate(*root, "Bench root", "ML", kNow - 86400, kNow + 3650 * 86400LL);
    if (!root_cert) Die("root certificate");
    auto cert =
        MakeSignerCertificate(*root, *root_cert, *signer, "Bench signer", "ML", kNow - 86400, kNow + 730 * 86400LL);
    if (!cert) Die("signer certificate");
    auto* fx = new Fixture{std::move(*signer), KidOf(*cert), {}, {}, {}, {}, {}, kNow};
    fx->trust.push_back({fx->kid, *cert, std::nullopt, {"ETLS"}});
    auto qr = MakeQrText(SampleClaims(), fx->signer, fx->kid);
    if (!qr) Die("MakeQrText");
    fx->qr = *qr;
    const char* qr_file = std::getenv("ORIGINE_BENCH_QR");
    const char* trust_file = std::getenv("ORIGINE_BENCH_TRUST_LIST");
    if (qr_file && trust_file) {
      std::istringstream lines(Slurp(qr_file));
      for (std::string line; std::getline(lines, line);)
        if (!line.empty()) fx->verify_texts.push_back(line);
      fx->verify_trust = LoadTrustList(Slurp(trust_file));
      fx->verify_now = std::time(nullptr);
    } else {
      fx->verify_texts = {fx->qr};
      fx->verify_trust = fx->trust;
    }
    fx->verify_store = std::make_shared<const TrustStore>(fx->verify_trust);
    for (const auto& t : fx->verify_texts)
      if (VerifyQrText(t, *fx->verify_store, fx->verify_now).status != VerifyStatus::kValid)
        Die("a benchmark QR text does not verify: " + t.substr(0, 40));
    return fx;
  }();
  return *f;
}

// The whole offline path: Base45, zlib, COSE, ES256 verify, claims, time
// checks, with the trust list parsed once (TrustStore), as the server does.
void BM_VerifyQrText(benchmark::State& state) {
  const Fixture& f = Fix();
  size_t i = 0;
  for (auto _ : state) {
    auto out = VerifyQrText(f.verify_texts[i++ % f.verify_texts.size()], *f.verify_store, f.verify_now);
    benchmark::DoNotOptimize(out);
  }
  state.counters["verify/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_VerifyQrText);

// The same with the convenience overload, which parses the trust list on
// every call (the cost the TrustStore removes).
void BM_VerifyQrTextParseEachCall(benchmark::State& state) {
  const Fixture& f = Fix();
  size_t i = 0;
  for (auto _ : state) {
    auto out = VerifyQrText(f.verify_texts[i++ % f.verify_texts.size()], f.verify_trust, f.verify_now);
    benchmark::DoNotOptimize(out);
  }
  state.counters["verify/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_VerifyQrTextParseEachCall);

// Raw ES256 verification of a 32-byte message with a key parsed once
// (TrustStore::VerifyEs256: SHA-256, DER signature, prepared context).
void BM_VerifyEs256Store(benchmark::State& state) {
  const Fixture& f = Fix();
  const Bytes msg(32, 0x42);
  auto sig = f.signer.SignEs256(msg);
  const TrustStore store(f.trust);
  const TrustStore::Signer& s = store.Find(f.kid)[0];
  for (auto _ : state) benchmark::DoNotOptimize(store.VerifyEs256(s, msg, *sig));
  state.counters["verify/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_VerifyEs256Store);

// Raw ES256 verification of a 32-byte message (what `openssl speed` measures, plus SPKI parsing).
void BM_VerifyEs256Raw(benchmark::State& state) {
  const Fixture& f = Fix();
  const Bytes msg(32, 0x42);
  auto sig = f.signer.SignEs256(msg);
  const Bytes spki = f.signer.PublicKeySpkiDer();
  for (auto _ : state) benchmark::DoNotOptimize(VerifyEs256WithSpki(spki, msg, *sig));
  state.counters["verify/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_VerifyEs256Raw);

void BM_SignEs256(benchmark::State& state) {
  const Fixture& f = Fix();
  const Bytes msg(200, 0x42);
  for (auto _ : state) benchmark::DoNotOptimize(f.signer.SignEs256(msg));
  state.counters["sign/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SignEs256);

// Claims → CBOR → COSE_Sign1 (one signature) → zlib → Base45.
void BM_MakeQrText(benchmark::State& state) {
  const Fixture& f = Fix();
  const Claims claims = SampleClaims();
  for (auto _ : state) benchmark::DoNotOptimize(MakeQrText(claims, f.signer, f.kid));
  state.counters["qr/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_MakeQrText);

void BM_QrPng(benchmark::State& state) {
  const Fixture& f = Fix();
  for (auto _ : state) {
    auto png = origine::render::QrPng(f.qr, 4);
    if (!png) Die("QrPng");
    benchmark::DoNotOptimize(png);
  }
  state.counters["png/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_QrPng);

origine::render::CertificateView View(const std::string& qr) {
  origine::render::CertificateView v;
  v.number = "ML-ETLS-2026-000001";
  v.regime_code = "ETLS";
  v.regime_title = "Certificat d'origine — Schéma de libéralisation des échanges de la CEDEAO";
  v.issuer_name = "Agence pour la promotion des exportations du Mali (APEX-Mali)";
  v.issuer_country = "Mali";
  v.issued_on = "27/11/2026";
  v.expires_on = "26/05/2027";
  v.exporter_name = "Sahel Sésame SARL";
  v.exporter_address = "Rue 312, Porte 45, ACI 2000, Bamako";
  v.exporter_nif = "084151646T";
  v.exporter_rccm = "MA.BKO.2019.B.1234";
  v.consignee_name = "Dakar Agro Import SA";
  v.consignee_address = "Zone industrielle, Dakar";
  v.consignee_country = "Sénégal";
  v.origin_country = "Mali";
  v.destination_country = "Sénégal";
  v.transport = "Route — Camion AB-1234-MD";
  v.invoice_reference = "FAC-2026-0117 du 02/11/2026";
  v.goods = {{"1207.40", "Graines de sésame décortiquées", "400", "sacs", "20150", "20000", "14000000"},
             {"1515.90", "Huile de sésame raffinée", "200", "cartons", "5100", "5000", "6000000"}};
  v.signatory_name = "A. Traoré";
  v.qr_text = qr;
  v.document_sha256_hex = std::string(64, 'a');
  return v;
}

void BM_CertificatePdf(benchmark::State& state) {
  const auto view = View(Fix().qr);
  for (auto _ : state) {
    auto pdf = origine::render::RenderCertificatePdf(view);
    if (!pdf) Die("RenderCertificatePdf");
    benchmark::DoNotOptimize(pdf);
  }
  state.counters["pdf/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_CertificatePdf)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
