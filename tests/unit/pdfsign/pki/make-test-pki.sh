#!/usr/bin/env bash
# Builds a throw-away test PKI with the openssl CLI (never shipped, never trusted
# outside tests). Usage: make-test-pki.sh DIR
#   DIR/root.pem, int.pem            trust anchor and intermediate CA
#   DIR/signer-{rsa,ec,pss}.{pem,key}  leaf (+ intermediate after it in .pem)
#   DIR/revoked.{pem,key}, int.crl   revoked signer and the intermediate's CRL
#   DIR/root.crl                     the root's (empty) CRL
#   DIR/expired.{pem,key}            validity ended in 2021
#   DIR/untrusted.{pem,key}          issued by another root (other-root.pem)
#   DIR/tsa.{pem,key}, tsa.cnf       TSA, EKU critical,timeStamping
#   DIR/signer-rsa.p12               PKCS#12 of signer-rsa, pass phrase "p12-secret"
# make-test-pki.sh DIR shortlived SECONDS: DIR/short.{pem,key} valid SECONDS more.
# make-test-pki.sh DIR cdp URL: DIR/cdp.{pem,key} naming URL as CRL distribution point.
# make-test-pki.sh DIR ocsp URL (on a copy of a built DIR): ocsp-good.{pem,key} and
#   ocsp-revoked.{pem,key} (revoked in the intermediate's database) naming URL as
#   OCSP responder (AIA), and the TSA's certificate replaced by one naming it too.
set -euo pipefail
dir=$1
mkdir -p "$dir"
cd "$dir"

issue() { # issue CA_NAME EXT NAME SUBJECT KEYSPEC [startdate enddate]
  local ca=$1 ext=$2 name=$3 subj=$4 keyspec=$5
  case $keyspec in
    rsa) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$name.key" 2>/dev/null ;;
    ec) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$name.key" ;;
    pss) openssl genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -out "$name.key" 2>/dev/null ;;
  esac
  openssl req -new -utf8 -key "$name.key" -subj "$subj" -out "$name.csr"
  local dates=(-days 365)
  if [[ $# -ge 7 ]]; then dates=(-startdate "$6" -enddate "$7"); fi
  openssl ca -batch -notext -utf8 -config ca.cnf -name "$ca" -extensions "$ext" \
    -in "$name.csr" -out "$name.leaf.pem" "${dates[@]}" 2>/dev/null
  cat "$name.leaf.pem" int.pem > "$name.pem"
}

if [[ ${2:-} == cdp ]]; then
  printf '[ v3_cdp ]\nbasicConstraints = critical,CA:FALSE\nkeyUsage = critical,digitalSignature,nonRepudiation\ncrlDistributionPoints = URI:%s\n' "$3" > cdp.ext
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out cdp.key
  openssl req -new -key cdp.key -subj "/C=VN/CN=CDP Signer" -out cdp.csr
  openssl ca -batch -notext -config ca.cnf -name int_ca -extfile cdp.ext -extensions v3_cdp \
    -days 30 -in cdp.csr -out cdp.leaf.pem 2>/dev/null
  cat cdp.leaf.pem int.pem > cdp.pem
  exit 0
fi

if [[ ${2:-} == ocsp ]]; then
  for kind in signer tsa; do
    eku=; [[ $kind == tsa ]] && eku='extendedKeyUsage = critical,timeStamping\n'
    printf "[ v3_ocsp_$kind ]\nbasicConstraints = critical,CA:FALSE\nkeyUsage = critical,digitalSignature,nonRepudiation\n${eku}authorityInfoAccess = OCSP;URI:%s\n" "$3" > "ocsp-$kind.ext"
  done
  aia_issue() { # aia_issue NAME KIND SUBJECT
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key"
    openssl req -new -utf8 -key "$1.key" -subj "$3" -out "$1.csr"
    openssl ca -batch -notext -utf8 -config ca.cnf -name int_ca -extfile "ocsp-$2.ext" \
      -extensions "v3_ocsp_$2" -days 30 -in "$1.csr" -out "$1.leaf.pem" 2>/dev/null
    cat "$1.leaf.pem" int.pem > "$1.pem"
  }
  aia_issue ocsp-good signer "/C=VN/O=Sohoa Test/CN=OCSP Good Signer"
  aia_issue ocsp-revoked signer "/C=VN/O=Sohoa Test/CN=OCSP Revoked Signer"
  aia_issue tsa tsa "/C=VN/O=Sohoa Test/CN=Sohoa Test TSA (OCSP)"
  openssl ca -batch -config ca.cnf -name int_ca -revoke ocsp-revoked.leaf.pem \
    -crl_reason keyCompromise 2>/dev/null
  exit 0
fi

if [[ ${2:-} == shortlived ]]; then
  end=$(date -u -d "+${3} seconds" +%Y%m%d%H%M%SZ)
  start=$(date -u -d "-1 hour" +%Y%m%d%H%M%SZ)
  issue int_ca v3_signer short "/C=VN/O=Test/CN=Short Lived" rsa "$start" "$end"
  exit 0
fi

for ca in root int; do
  mkdir -p "$ca/new"; : > "$ca/index.txt"; echo 1000 > "$ca/serial"; echo 1000 > "$ca/crlnumber"
done
cat > ca.cnf <<'CNF'
[ req ]
distinguished_name = dn
[ dn ]
[ root_ca ]
dir = root
database = $dir/index.txt
new_certs_dir = $dir/new
serial = $dir/serial
crlnumber = $dir/crlnumber
certificate = root.pem
private_key = root.key
default_md = sha256
default_crl_days = 30
policy = policy_any
unique_subject = no
[ int_ca ]
dir = int
database = $dir/index.txt
new_certs_dir = $dir/new
serial = $dir/serial
crlnumber = $dir/crlnumber
certificate = int.leaf.pem
private_key = int.key
default_md = sha256
default_crl_days = 30
policy = policy_any
unique_subject = no
[ policy_any ]
countryName = optional
organizationName = optional
commonName = supplied
[ v3_root ]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[ v3_int ]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ v3_signer ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ v3_tsa ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,nonRepudiation
extendedKeyUsage = critical,timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out root.key 2>/dev/null
openssl req -new -x509 -utf8 -config ca.cnf -extensions v3_root -key root.key -days 3650 \
  -subj "/C=VN/O=Sohoa Test/CN=Sohoa Test Root CA" -out root.pem
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out int.key 2>/dev/null
openssl req -new -utf8 -key int.key -subj "/C=VN/O=Sohoa Test/CN=Sohoa Test Issuing CA" -out int.csr
openssl ca -batch -notext -utf8 -config ca.cnf -name root_ca -extensions v3_int -days 3000 \
  -in int.csr -out int.leaf.pem 2>/dev/null
cp int.leaf.pem int.pem

issue int_ca v3_signer signer-rsa "/C=VN/O=UBND phường Bến Nghé/CN=Nguyễn Văn A" rsa
issue int_ca v3_signer signer-ec "/C=VN/O=Sohoa Test/CN=Signer EC" ec
issue int_ca v3_signer signer-pss "/C=VN/O=Sohoa Test/CN=Signer PSS" pss
issue int_ca v3_signer revoked "/C=VN/O=Sohoa Test/CN=Revoked Signer" rsa
issue int_ca v3_signer expired "/C=VN/O=Sohoa Test/CN=Expired Signer" rsa 20200101000000Z 20210101000000Z
issue int_ca v3_tsa tsa "/C=VN/O=Sohoa Test/CN=Sohoa Test TSA" rsa
openssl ca -batch -config ca.cnf -name int_ca -revoke revoked.leaf.pem -crl_reason keyCompromise 2>/dev/null
openssl ca -batch -config ca.cnf -name int_ca -gencrl -out int.crl.pem 2>/dev/null
openssl crl -in int.crl.pem -outform DER -out int.crl
openssl ca -batch -config ca.cnf -name root_ca -gencrl -out root.crl.pem 2>/dev/null
openssl crl -in root.crl.pem -outform DER -out root.crl

# another root that nobody trusts
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out other-root.key
openssl req -new -x509 -config ca.cnf -extensions v3_root -key other-root.key -days 3650 \
  -subj "/CN=Other Root" -out other-root.pem
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out untrusted.key
openssl req -new -key untrusted.key -subj "/CN=Untrusted Signer" -out untrusted.csr
openssl x509 -req -in untrusted.csr -CA other-root.pem -CAkey other-root.key -CAcreateserial \
  -extfile ca.cnf -extensions v3_signer -days 365 -out untrusted.leaf.pem 2>/dev/null
cat untrusted.leaf.pem other-root.pem > untrusted.pem

openssl pkcs12 -export -in signer-rsa.leaf.pem -inkey signer-rsa.key -certfile int.pem \
  -passout pass:p12-secret -out signer-rsa.p12

cat > tsa.cnf <<'CNF'
[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
serial = tsaserial
crypto_device = builtin
signer_digest = sha256
default_policy = 1.2.3.4.1
other_policies = 1.2.3.4.5
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
CNF
echo 01 > tsaserial
