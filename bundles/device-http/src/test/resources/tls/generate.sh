#!/bin/sh
# Regenerates the TLS test fixtures (test-only material, never used outside the tests). Needs OpenSSL 3.
# Valid for 100 years so the tests do not expire. Run from this folder: sh generate.sh
set -eu
DAYS=36500
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

ca() { # name subject
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/$1.key" -out "$1.pem" -days $DAYS -subj "$2" \
    -addext basicConstraints=critical,CA:true -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
}
sign() { # key out-cert subject ext-file ca
  openssl req -new -key "$1" -subj "$3" -out "$work/req.csr"
  openssl x509 -req -in "$work/req.csr" -CA "$5.pem" -CAkey "$work/$5.key" -CAcreateserial -days $DAYS \
    -extfile "$4" -out "$2" 2>/dev/null
}

ca device-ca "/CN=Edgejobs Test Device CA"
ca other-ca "/CN=Some Other Test CA"

printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > "$work/server.ext"
printf 'extendedKeyUsage=clientAuth\n' > "$work/client.ext"

# The gateway's server certificate; its RSA key as PKCS#1 (what AWS IoT issues) and as PKCS#8, plus an encrypted
# copy the listener must refuse.
openssl genrsa -traditional -out server-pkcs1.key 2048 2>/dev/null
sign server-pkcs1.key server.pem "/O=Edgejobs Test/CN=localhost" "$work/server.ext" device-ca
openssl pkcs8 -topk8 -nocrypt -in server-pkcs1.key -out server-pkcs8.key
openssl pkcs8 -topk8 -v2 aes-256-cbc -passout pass:fixture -in server-pkcs1.key -out server-encrypted.key

# Devices: the subject CN is the thing name. thing-b uses an EC P-256 key.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out thing-a.key 2>/dev/null
sign thing-a.key thing-a.pem "/O=Edgejobs Test/CN=thing-a" "$work/client.ext" device-ca
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out thing-b.key 2>/dev/null
sign thing-b.key thing-b.pem "/CN=thing-b" "$work/client.ext" device-ca
# A certificate for thing-a from a CA the gateway does not trust.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rogue-thing-a.key 2>/dev/null
sign rogue-thing-a.key rogue-thing-a.pem "/CN=thing-a" "$work/client.ext" other-ca

rm -f ./*.srl
