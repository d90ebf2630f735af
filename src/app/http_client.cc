#include "app/http_client.h"

#include <curl/curl.h>

#include <mutex>

namespace origine::app {
namespace {

constexpr size_t kMaxBody = size_t{64} << 20;

size_t Append(char* data, size_t size, size_t n, void* user) {
  auto* out = static_cast<std::string*>(user);
  const size_t len = size * n;
  if (out->size() + len > kMaxBody) return 0;  // aborts the transfer
  out->append(data, len);
  return len;
}

}  // namespace

Result<std::string> HttpGet(const std::string& url) {
  static std::once_flag init;
  std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  CURL* curl = curl_easy_init();
  if (!curl) return Error::Internal("cannot initialise libcurl");
  std::string body;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "origine-log-monitor");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Append);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
  CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) return Error::Unavailable("GET " + url + ": " + curl_easy_strerror(rc));
  if (status == 404) return Error::NotFound("GET " + url + ": 404 Not Found");
  if (status < 200 || status > 299) return Error::Unavailable("GET " + url + ": HTTP " + std::to_string(status));
  return body;
}

}  // namespace origine::app
