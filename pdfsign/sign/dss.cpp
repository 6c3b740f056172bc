#include "dss.hpp"

#include "sohoa/core/atomic_file.hpp"
#include "sohoa/core/error.hpp"

#include "http_fetch.hpp"
#include "ocsp_client.hpp"
#include "signed_update.hpp"
#include "tsa_client.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <cctype>

namespace sohoa::sign {
namespace {

[[noreturn]] void unavailable(const std::string& reason) {
  throw Error(Stage::sign, "revocation_unavailable", reason);
}

std::string crl_der(X509_CRL* crl) {
  unsigned char* der = nullptr;
  const int size = i2d_X509_CRL(crl, &der);
  std::string out = size > 0 ? std::string(reinterpret_cast<char*>(der), size) : std::string();
  OPENSSL_free(der);
  return out;
}

X509* find_issuer(X509* cert, const std::vector<X509*>& certs) {
  for (X509* candidate : certs) {
    if (candidate != cert && X509_check_issued(candidate, cert) == X509_V_OK) {
      return candidate;
    }
  }
  return nullptr;
}

void fetch_crls(X509* cert, std::vector<X509CrlPtr>& out) {
  auto* points = static_cast<CRL_DIST_POINTS*>(
      X509_get_ext_d2i(cert, NID_crl_distribution_points, nullptr, nullptr));
  for (int i = 0; points != nullptr && i < sk_DIST_POINT_num(points); ++i) {
    DIST_POINT* point = sk_DIST_POINT_value(points, i);
    if (point->distpoint == nullptr || point->distpoint->type != 0) {
      continue;
    }
    GENERAL_NAMES* names = point->distpoint->name.fullname;
    for (int j = 0; j < sk_GENERAL_NAME_num(names); ++j) {
      GENERAL_NAME* name = sk_GENERAL_NAME_value(names, j);
      if (name->type != GEN_URI) {
        continue;
      }
      const ASN1_STRING* uri = name->d.uniformResourceIdentifier;
      HttpRequest request;
      request.url.assign(reinterpret_cast<const char*>(ASN1_STRING_get0_data(uri)),
                         static_cast<size_t>(ASN1_STRING_length(uri)));
      request.connect_timeout_s = 5;
      request.total_timeout_s = 20;
      std::string error;
      const auto reply = http_fetch(request, error);
      if (reply && reply->status == 200) {
        if (X509_CRL* crl = parse_crl(reply->body)) {
          out.emplace_back(crl);
        }
      }
    }
  }
  CRL_DIST_POINTS_free(points);
  ERR_clear_error();
}

void add_unique(std::vector<std::string>& list, const std::string& der) {
  if (!der.empty() && std::find(list.begin(), list.end(), der) == list.end()) {
    list.push_back(der);
  }
}

} // namespace

ValidationData collect_validation_data(const std::vector<X509*>& certs,
                                       const std::vector<std::filesystem::path>& crl_files) {
  std::vector<X509CrlPtr> known;
  for (const auto& file : crl_files) {
    std::string data;
    try {
      data = sohoa::read_file(file);
    } catch (const Error&) {
      unavailable("cannot read the CRL file " + file.string());
    }
    X509_CRL* crl = parse_crl(data);
    if (crl == nullptr) {
      unavailable("not a CRL: " + file.string());
    }
    known.emplace_back(crl);
  }
  ValidationData out;
  for (X509* cert : certs) {
    add_unique(out.certs, to_der(cert));
    if (X509_check_issued(cert, cert) == X509_V_OK) {
      continue; // a root's status is not asked of anyone
    }
    // The root is often not in the signer's chain: then the CRL is matched by
    // issuer name only and its signature is left to the verifier; OCSP needs it.
    X509* issuer = find_issuer(cert, certs);
    std::string ocsp_error = "its issuer's certificate is not at hand for OCSP";
    bool have_ocsp = false;
    if (issuer != nullptr && !ocsp_urls(cert).empty()) {
      if (const auto response = fetch_ocsp(cert, issuer, ocsp_error)) {
        add_unique(out.ocsps, *response);
        have_ocsp = true;
      }
    } else if (issuer != nullptr) {
      ocsp_error = "it names no OCSP responder";
    }
    const auto matches = [&](X509_CRL* crl) {
      return X509_NAME_cmp(X509_CRL_get_issuer(crl), X509_get_issuer_name(cert)) == 0 &&
             (issuer == nullptr || X509_CRL_verify(crl, X509_get0_pubkey(issuer)) == 1);
    };
    auto it = std::find_if(known.begin(), known.end(),
                           [&](const X509CrlPtr& c) { return matches(c.get()); });
    if (it == known.end() && !have_ocsp) {
      fetch_crls(cert, known);
      it = std::find_if(known.begin(), known.end(),
                        [&](const X509CrlPtr& c) { return matches(c.get()); });
    }
    ERR_clear_error();
    if (it != known.end()) {
      add_unique(out.crls, crl_der(it->get()));
    } else if (!have_ocsp) {
      unavailable("no revocation data for " + common_name(X509_get_subject_name(cert)) +
                  ": no OCSP response (" + ocsp_error +
                  "), no CRL (none given, none reachable at its distribution points)");
    }
  }
  return out;
}

X509StackPtr token_certificates(const std::string& token_der) {
  X509StackPtr certs(sk_X509_new_null());
  const auto* p = reinterpret_cast<const unsigned char*>(token_der.data());
  Pkcs7Ptr token(d2i_PKCS7(nullptr, &p, static_cast<long>(token_der.size())));
  if (certs && token && PKCS7_type_is_signed(token.get()) && token->d.sign->cert != nullptr) {
    for (int i = 0; i < sk_X509_num(token->d.sign->cert); ++i) {
      X509* cert = sk_X509_value(token->d.sign->cert, i);
      X509_up_ref(cert);
      sk_X509_push(certs.get(), cert);
    }
  }
  ERR_clear_error();
  return certs;
}

std::string vri_key(const std::string& contents) {
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(contents.data()), contents.size(), digest);
  std::string key = hex_lower(digest, sizeof digest);
  std::transform(key.begin(), key.end(), key.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return key;
}

void add_dss(const std::filesystem::path& path, const ValidationData& data,
             const std::string& signature_contents) {
  pdf::DssUpdate update;
  update.certs = data.certs;
  update.crls = data.crls;
  update.ocsps = data.ocsps;
  pdf::DssUpdate::Vri vri;
  vri.key = vri_key(signature_contents);
  const auto all = [](const std::vector<std::string>& list) {
    std::vector<size_t> indexes(list.size());
    for (size_t i = 0; i < list.size(); ++i) {
      indexes[i] = i;
    }
    return indexes;
  };
  vri.certs = all(data.certs);
  vri.crls = all(data.crls);
  vri.ocsps = all(data.ocsps);
  update.vri.push_back(std::move(vri));
  const std::string bytes = pdf::write_dss_update(path, update);
  write_file_atomic(path, bytes);
}

long long add_document_timestamp(const std::filesystem::path& path, const std::string& tsa_url) {
  pdf::SignatureFieldSpec spec;
  spec.document_timestamp = true;
  spec.contents_size = 12288;
  long long gen_time = 0;
  const std::string bytes = write_signed_update(path, spec, [&](const std::string& digest) {
    TimestampToken token = request_timestamp(tsa_url, digest);
    gen_time = token.gen_time;
    return token.der;
  });
  write_file_atomic(path, bytes);
  return gen_time;
}

} // namespace sohoa::sign
