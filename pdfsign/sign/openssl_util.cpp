#include "openssl_handles.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/sha.h>

#include <cstdio>
#include <ctime>

namespace sohoa::sign {

X509_CRL* parse_crl(const std::string& data) {
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  X509_CRL* crl = d2i_X509_CRL(nullptr, &p, static_cast<long>(data.size()));
  if (crl == nullptr) {
    BioPtr bio(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
    crl = PEM_read_bio_X509_CRL(bio.get(), nullptr, nullptr, nullptr);
  }
  ERR_clear_error();
  return crl;
}

std::string openssl_error(const std::string& what) {
  std::string text = what;
  bool first = true;
  while (unsigned long code = ERR_get_error()) {
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof buffer);
    text += first ? ": " : "; ";
    text += buffer;
    first = false;
  }
  return text;
}

std::string to_der(X509* cert) {
  unsigned char* der = nullptr;
  const int size = i2d_X509(cert, &der);
  if (size <= 0) {
    return {};
  }
  std::string out(reinterpret_cast<char*>(der), static_cast<size_t>(size));
  OPENSSL_free(der);
  return out;
}

std::string hex_lower(const unsigned char* data, size_t size) {
  static const char* const k_digits = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (size_t i = 0; i < size; ++i) {
    out += k_digits[data[i] >> 4];
    out += k_digits[data[i] & 15];
  }
  return out;
}

std::string sha256_bytes(const unsigned char* data, size_t size) {
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256(data, size, md);
  return std::string(reinterpret_cast<char*>(md), sizeof md);
}

bool asn1_time_to_unix(const ASN1_TIME* time, long long& out) {
  struct tm tm {};
  if (time == nullptr || ASN1_TIME_to_tm(time, &tm) != 1) {
    return false;
  }
  out = static_cast<long long>(timegm(&tm));
  return true;
}

std::string asn1_time_iso(const ASN1_TIME* time) {
  struct tm tm {};
  if (time == nullptr || ASN1_TIME_to_tm(time, &tm) != 1) {
    return {};
  }
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

std::string unix_to_vietnam_time(long long unix_seconds, const char* format) {
  // Vietnam has kept UTC+7 without daylight saving since 1975.
  const time_t shifted = static_cast<time_t>(unix_seconds + 7 * 3600);
  struct tm tm {};
  gmtime_r(&shifted, &tm);
  char buffer[64];
  std::strftime(buffer, sizeof buffer, format, &tm);
  return buffer;
}

std::string unix_to_vietnam_iso(long long unix_seconds) {
  return unix_to_vietnam_time(unix_seconds, "%Y-%m-%dT%H:%M:%S+07:00");
}

std::string serial_hex(X509* cert) {
  std::string out;
  if (BIGNUM* serial = ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr)) {
    char* hex = BN_bn2hex(serial);
    out = hex != nullptr ? hex : "";
    OPENSSL_free(hex);
    BN_free(serial);
  }
  return out;
}

std::string name_text(const X509_NAME* name) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || name == nullptr) {
    return {};
  }
  X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

std::string common_name(const X509_NAME* name) {
  const int index = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
  if (index < 0) {
    return name_text(name);
  }
  const ASN1_STRING* value = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
  unsigned char* utf8 = nullptr;
  const int size = ASN1_STRING_to_UTF8(&utf8, value);
  if (size < 0) {
    return name_text(name);
  }
  std::string out(reinterpret_cast<char*>(utf8), static_cast<size_t>(size));
  OPENSSL_free(utf8);
  return out;
}

} // namespace sohoa::sign
