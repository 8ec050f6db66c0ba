#!/bin/sh
# Regenerates the TLS test fixtures (test-only material, never used outside the tests; the upstream-mqtt tests use
# them through this module's test jar). Needs OpenSSL 3.
# Valid for 100 years so the tests do not expire. Run from this folder: sh generate.sh
set -eu
PASS=Fixture-S3cret-Pw
DAYS=36500
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

ca() { # name subject
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/$1.key" -out "$1.pem" -days $DAYS -subj "$2" \
    -addext basicConstraints=critical,CA:true -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
}
sign() { # csr-key out-cert subject ext-file ca
  openssl req -new -key "$1" -subj "$3" -out "$work/req.csr"
  openssl x509 -req -in "$work/req.csr" -CA "$5.pem" -CAkey "$work/$5.key" -CAcreateserial -days $DAYS \
    -extfile "$4" -out "$2" 2>/dev/null
}

ca ca "/CN=Edgejobs Test Root CA"
ca other-ca "/CN=Some Other Test CA"

printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > "$work/server.ext"
printf 'subjectAltName=DNS:wrong.example\nextendedKeyUsage=serverAuth\n' > "$work/wrong.ext"
printf 'extendedKeyUsage=clientAuth\n' > "$work/client.ext"

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out server-localhost.key 2>/dev/null
sign server-localhost.key server-localhost.pem "/CN=localhost" "$work/server.ext" ca
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out server-wrong-host.key 2>/dev/null
sign server-wrong-host.key server-wrong-host.pem "/CN=wrong.example" "$work/wrong.ext" ca

# The RSA client key in every form a gateway may be given; AWS IoT issues PKCS#1 ("BEGIN RSA PRIVATE KEY").
openssl genrsa -traditional -out client-rsa-pkcs1.key 2048 2>/dev/null
sign client-rsa-pkcs1.key client-rsa.pem "/CN=edgejobs-gateway-test" "$work/client.ext" ca
openssl pkcs8 -topk8 -nocrypt -in client-rsa-pkcs1.key -out client-rsa-pkcs8.key
openssl pkcs8 -topk8 -v2 aes-256-cbc -passout pass:$PASS -in client-rsa-pkcs1.key -out client-rsa-pkcs8-encrypted.key
openssl rsa -traditional -aes256 -passout pass:$PASS -in client-rsa-pkcs1.key -out client-rsa-pkcs1-aes256.key 2>/dev/null
openssl rsa -traditional -des3 -passout pass:$PASS -in client-rsa-pkcs1.key -out client-rsa-pkcs1-des3.key 2>/dev/null

# EC P-256 client key: SEC1 as "openssl ecparam -genkey" writes it (with an EC PARAMETERS block), and PKCS#8.
openssl ecparam -name prime256v1 -genkey -out client-ec-sec1.key
sign client-ec-sec1.key client-ec.pem "/CN=edgejobs-gateway-test-ec" "$work/client.ext" ca
openssl pkcs8 -topk8 -nocrypt -in client-ec-sec1.key -out client-ec-pkcs8.key
openssl ec -aes128 -passout pass:$PASS -in client-ec-sec1.key -out client-ec-sec1-aes128.key 2>/dev/null

rm -f ./*.srl
