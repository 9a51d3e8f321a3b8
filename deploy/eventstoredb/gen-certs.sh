#!/usr/bin/env bash
# Certificates for the 3-node EventStoreDB cluster of docker-compose.yml (profile `cluster`).
# Runs once per `up` in the `cert-gen` service (image eventstore/es-gencert-cli, as root) and only
# creates what is missing, so existing certificates are kept across restarts.
#
#   CA_DIR         CA certificate and private key; mounted into this service only
#   CERTS_DIR      ca/ca.crt and <node>/node.crt, <node>/node.key; mounted read-only into the nodes
#   CLIENT_CA_DIR  ca.crt only; mounted read-only into the API instances (tlsCAFile)
#
# A node certificate names the node's service name (its host name on the compose network),
# `localhost` and 127.0.0.1. To renew node certificates (they are valid for NODE_CERT_DAYS), delete
# the node directories from CERTS_DIR and run the service again; see docs/deployment.md.
set -euo pipefail

CA_DIR=${CA_DIR:-/ca-private}
CERTS_DIR=${CERTS_DIR:-/certs}
CLIENT_CA_DIR=${CLIENT_CA_DIR:-/client-ca}
NODES=${NODES:-node1 node2 node3}
NODE_CERT_DAYS=${NODE_CERT_DAYS:-365}
CA_DAYS=${CA_DAYS:-1825}
# uid:gid that reads the certificates: `eventstore` in the EventStoreDB image, `node` in ours.
CERT_OWNER=${CERT_OWNER:-1000:1000}
GENCERT=${GENCERT:-es-gencert-cli}

ca_crt="$CA_DIR/ca/ca.crt"
ca_key="$CA_DIR/ca/ca.key"

new_ca=false
if [[ ! -s $ca_crt || ! -s $ca_key ]]; then
  rm -rf "$CA_DIR/ca"
  "$GENCERT" create-ca -days "$CA_DAYS" -out "$CA_DIR/ca"
  # Some es-gencert-cli versions exit 0 when create-ca fails: check the files.
  [[ -s $ca_crt && -s $ca_key ]] || { echo "gen-certs: no CA was created in $CA_DIR/ca" >&2; exit 1; }
  new_ca=true
fi
chmod 0700 "$CA_DIR/ca"
chmod 0400 "$ca_key"

for node in $NODES; do
  dir="$CERTS_DIR/$node"
  # A new CA invalidates every node certificate signed by the old one.
  if [[ $new_ca == true || ! -s $dir/node.crt || ! -s $dir/node.key ]]; then
    rm -rf "$dir"
    "$GENCERT" create-node -ca-certificate "$ca_crt" -ca-key "$ca_key" -days "$NODE_CERT_DAYS" \
      -out "$dir" -dns-names "$node,localhost" -ip-addresses 127.0.0.1
    [[ -s $dir/node.crt && -s $dir/node.key ]] || { echo "gen-certs: no certificate for $node" >&2; exit 1; }
    echo "gen-certs: certificate for $node created"
  fi
done

# The CA certificate (never its key) for the nodes and for the API instances.
mkdir -p "$CERTS_DIR/ca" "$CLIENT_CA_DIR"
cp "$ca_crt" "$CERTS_DIR/ca/ca.crt"
cp "$ca_crt" "$CLIENT_CA_DIR/ca.crt"

chown -R "$CERT_OWNER" "$CERTS_DIR" "$CLIENT_CA_DIR"
find "$CERTS_DIR" "$CLIENT_CA_DIR" -type d -exec chmod 0755 {} \;
find "$CERTS_DIR" "$CLIENT_CA_DIR" -type f -name '*.crt' -exec chmod 0444 {} \;
find "$CERTS_DIR" -type f -name '*.key' -exec chmod 0400 {} \;
echo "gen-certs: certificates ready for: $NODES"
