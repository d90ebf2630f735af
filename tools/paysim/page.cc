// The payment page the browser is sent to (payment_url / wave_launch_url),
// in French, without JavaScript: phone number, the OTP shown in a "SMS
// simulé" box, Payer / Annuler.
#include "http/problem.h"
#include "paysim/sim.h"
#include "paysim/util.h"

namespace origine::paysim {
using http::Request;
using http::Response;

namespace {

const char* Brand(Provider p) {
  switch (p) {
    case Provider::kOrange:
      return "Orange Money";
    case Provider::kWave:
      return "Wave";
    case Provider::kCinetPay:
      return "Moov Money (CinetPay)";
    case Provider::kMomo:
      return "MTN MoMo";
  }
  return "";
}

const char* kStyle =
    "body{font-family:system-ui,sans-serif;background:#f4f1ea;margin:0;padding:2rem 1rem;color:#1d1d1b}"
    "main{max-width:26rem;margin:auto;background:#fff;border-radius:8px;padding:1.5rem;box-shadow:0 1px 4px #0002}"
    "h1{font-size:1.25rem;margin:0 0 .25rem}.montant{font-size:1.6rem;font-weight:700;margin:.5rem 0 1rem}"
    "label{display:block;margin:.75rem 0 .25rem;font-weight:600}input{width:100%;box-sizing:border-box;"
    "padding:.6rem;font-size:1rem;border:1px solid #888;border-radius:4px}"
    ".sms{border:2px dashed #b06a00;background:#fff8e6;padding:.75rem;margin:1rem 0;border-radius:6px}"
    ".sms strong{font-size:1.3rem;letter-spacing:.2em}.erreur{color:#a00000;font-weight:600}"
    ".actions{display:flex;gap:.75rem;margin-top:1.25rem}button{flex:1;padding:.7rem;font-size:1rem;border-radius:4px;"
    "border:0;cursor:pointer}#payer{background:#0a6b3d;color:#fff}#annuler{background:#ddd}"
    "small{color:#555}";

Response Page(int status, const std::string& title, const std::string& inner) {
  Response r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.AddHeader("Cache-Control", "no-store");
  r.body =
      "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
      "content=\"width=device-width,initial-scale=1\"><title>" +
      HtmlEscape(title) + "</title><style>" + kStyle + "</style></head><body><main>" + inner +
      "<p><small>Simulateur de paiement Origine — aucun argent réel n'est débité.</small></p></main></body></html>";
  return r;
}

Response Message(int status, const std::string& title, const std::string& text) {
  return Page(status, title, "<h1>" + HtmlEscape(title) + "</h1><p id=\"message\">" + HtmlEscape(text) + "</p>");
}

Response Redirect(const std::string& url) {
  Response r;
  r.status = 303;
  r.content_type = "";
  r.AddHeader("Location", url);
  return r;
}

}  // namespace

void Simulator::AddPageRoutes() {
  Route("GET", "/pay/{provider}/{token}", &Simulator::PageGet);
  Route("POST", "/pay/{provider}/{token}", &Simulator::PagePost);
}

namespace {
std::string Form(Provider p, const std::string& token, int64_t amount, const std::string& merchant_ref,
                 const std::string& msisdn, const std::string& otp, const std::string& error) {
  std::string h = "<h1>Paiement " + HtmlEscape(Brand(p)) + "</h1>";
  h += "<p>Marchand : Origine — certificats d'origine";
  if (!merchant_ref.empty()) h += "<br><small>Référence : " + HtmlEscape(merchant_ref) + "</small>";
  h += "</p><p class=\"montant\" id=\"montant\">" + FormatXof(amount) + " FCFA</p>";
  if (!error.empty()) h += "<p class=\"erreur\" id=\"erreur\" role=\"alert\">" + HtmlEscape(error) + "</p>";
  h += "<form method=\"post\" action=\"/pay/" + std::string(ProviderName(p)) + "/" + HtmlEscape(token) + "\">";
  h += "<label for=\"msisdn\">Numéro de téléphone</label><input id=\"msisdn\" name=\"msisdn\" inputmode=\"tel\" "
       "autocomplete=\"tel\" placeholder=\"70 00 00 00\" value=\"" +
       HtmlEscape(msisdn) + "\">";
  h += "<div class=\"sms\" aria-label=\"SMS simulé\"><small>SMS simulé</small><br>Votre code de confirmation : "
       "<strong id=\"sms-otp\">" +
       HtmlEscape(otp) + "</strong></div>";
  h += "<label for=\"otp\">Code de confirmation (OTP)</label><input id=\"otp\" name=\"otp\" inputmode=\"numeric\" "
       "autocomplete=\"one-time-code\" maxlength=\"6\">";
  h += "<div class=\"actions\"><button id=\"payer\" type=\"submit\" name=\"action\" value=\"pay\">Payer</button>"
       "<button id=\"annuler\" type=\"submit\" name=\"action\" value=\"cancel\">Annuler</button></div></form>";
  return h;
}
}  // namespace

Response Simulator::PageGet(Request& req) {
  auto provider = ParseProvider(req.path_params["provider"]);
  if (!provider) return Message(404, "Page introuvable", "Ce fournisseur de paiement est inconnu.");
  std::lock_guard lock(mu_);
  Payment* pay = FindByProviderId(*provider, req.path_params["token"]);
  if (!pay) return Message(404, "Paiement introuvable", "Aucun paiement ne correspond à ce lien.");
  if (pay->stuck) return Message(409, "Paiement en cours", "Paiement en cours de traitement par l'opérateur.");
  if (pay->state != State::kInitiated && pay->state != State::kPending)
    return Message(409, "Paiement indisponible", "Ce paiement n'est plus disponible.");
  pay->state = State::kPending;
  // MoMo has no redirect; the platform may say where to send the payer back (simulator's addition).
  if (*provider == Provider::kMomo && req.query.count("return_url") && IsHttpUrl(req.query["return_url"]))
    pay->return_url = pay->cancel_url = req.query["return_url"];
  return Page(200, std::string("Paiement ") + Brand(*provider),
              Form(*provider, pay->provider_id, pay->amount, pay->reference, pay->msisdn, pay->otp, ""));
}

Response Simulator::PagePost(Request& req) {
  auto provider = ParseProvider(req.path_params["provider"]);
  if (!provider) return Message(404, "Page introuvable", "Ce fournisseur de paiement est inconnu.");
  auto form = ParseForm(req.body);
  std::lock_guard lock(mu_);
  Payment* pay = FindByProviderId(*provider, req.path_params["token"]);
  if (!pay) return Message(404, "Paiement introuvable", "Aucun paiement ne correspond à ce lien.");
  if (pay->stuck) return Message(409, "Paiement en cours", "Paiement en cours de traitement par l'opérateur.");
  if (pay->state != State::kInitiated && pay->state != State::kPending)
    return Message(409, "Paiement indisponible", "Ce paiement n'est plus disponible.");
  const bool pay_action = form["action"] == "pay";
  auto again = [&](const std::string& error) {
    return Page(422, std::string("Paiement ") + Brand(*provider),
                Form(*provider, pay->provider_id, pay->amount, pay->reference, form["msisdn"], pay->otp, error));
  };
  std::string msisdn;
  if (pay_action) {
    msisdn = NormaliseMsisdn(form["msisdn"]);
    if (msisdn.empty()) return again("Numéro de téléphone invalide.");
    if (!SafeEqual(form["otp"], pay->otp)) return again("Code de confirmation incorrect.");
  } else if (form["action"] != "cancel") {
    return again("Choisissez Payer ou Annuler.");
  }
  std::string why;
  if (!Complete(*pay, pay_action, msisdn, &why))
    return Message(409, "Paiement indisponible", "Ce paiement n'est plus disponible.");
  const std::string target = pay_action ? pay->return_url : pay->cancel_url;
  if (target.empty()) {
    if (pay_action)
      return Message(
          200, "Paiement approuvé",
          "Vous avez approuvé le paiement sur votre téléphone. Vous pouvez revenir sur le site du marchand.");
    return Message(200, "Paiement refusé",
                   "Vous avez refusé le paiement. Vous pouvez revenir sur le site du marchand.");
  }
  return Redirect(target);
}

}  // namespace origine::paysim
