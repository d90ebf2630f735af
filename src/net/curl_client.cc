#include <curl/curl.h>

#include <algorithm>
#include <mutex>

#include "net/http_client.h"

namespace origine::net {
namespace {

struct Sink {
  std::string* body;
  size_t max;
  bool overflow = false;
};

size_t OnBody(char* data, size_t size, size_t n, void* user) {
  auto* sink = static_cast<Sink*>(user);
  if (sink->body->size() + size * n > sink->max) {
    sink->overflow = true;
    return 0;  // aborts the transfer
  }
  sink->body->append(data, size * n);
  return size * n;
}

size_t OnHeader(char* data, size_t size, size_t n, void* user) {
  auto* headers = static_cast<std::map<std::string, std::string>*>(user);
  std::string line(data, size * n);
  auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.erase(0, 1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) value.pop_back();
    (*headers)[name] = value;
  }
  return size * n;
}

class CurlHttpClient final : public HttpClient {
 public:
  CurlHttpClient() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  }

  Result<HttpResponse> Send(const HttpRequest& r) override {
    CURL* curl = curl_easy_init();
    if (!curl) return Error::Unavailable("net.unreachable"_code, "cannot start an HTTP request");
    HttpResponse out;
    Sink sink{&out.body, r.max_body};
    curl_slist* headers = nullptr;
    for (const auto& [k, v] : r.headers)
      headers = curl_slist_append(headers, std::string(k).append(": ").append(v).c_str());
    headers = curl_slist_append(headers, "Expect:");
    curl_easy_setopt(curl, CURLOPT_URL, r.url.c_str());
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, r.method.c_str());
    if (r.method != "GET") {
      curl_easy_setopt(curl, CURLOPT_POSTFIELDS, r.body.data());
      curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.body.size()));
    }
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, r.user_agent.c_str());
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(r.timeout_ms));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(std::min(r.timeout_ms, r.connect_timeout_ms)));
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, OnHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &out.headers);
    CURLcode rc = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    if (sink.overflow)
      return Error::Unavailable("net.unreachable"_code, r.method + " " + r.url + ": answer larger than " +
                                                            std::to_string(r.max_body) + " bytes");
    if (rc != CURLE_OK)
      return Error::Unavailable("net.unreachable"_code, r.method + " " + r.url + ": " + curl_easy_strerror(rc));
    out.status = static_cast<int>(status);
    return out;
  }
};

}  // namespace

std::unique_ptr<HttpClient> MakeCurlHttpClient() { return std::make_unique<CurlHttpClient>(); }

Result<std::string> Get(const std::string& url, int timeout_ms, size_t max_body) {
  HttpRequest req;
  req.url = url;
  req.timeout_ms = timeout_ms;
  req.max_body = max_body;
  ASSIGN_OR_RETURN(HttpResponse r, CurlHttpClient().Send(req));
  if (r.status == 404) return Error::NotFound("net.not_found"_code, "GET " + url + ": 404 Not Found");
  if (r.status < 200 || r.status > 299)
    return Error::Unavailable("net.unreachable"_code, "GET " + url + ": HTTP " + std::to_string(r.status));
  return std::move(r.body);
}

}  // namespace origine::net
