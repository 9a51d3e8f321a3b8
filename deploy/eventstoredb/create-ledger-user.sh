#!/usr/bin/env bash
# Gives the ledger its own EventStoreDB user (never admin): creates it when missing and lets it read
# $all, which EventStoreDB's default access lists keep to $admins. Writing to the ledger's streams
# needs nothing more (the default user-stream ACL lets any signed-in user write). Idempotent: run
# it on every `up`. Run by the `esdb-init` service of docker-compose.yml; see docs/deployment.md §4.
#
#   ESDB_ADMIN_PASSWORD    the admin password (changed from changeit first)
#   LEDGER_ESDB_USERNAME   the ledger's user (default ledger)
#   LEDGER_ESDB_PASSWORD   its password (no double quotes or backslashes: it goes into JSON)
set -euo pipefail
: "${ESDB_ADMIN_PASSWORD:?set ESDB_ADMIN_PASSWORD}"
: "${LEDGER_ESDB_PASSWORD:?set LEDGER_ESDB_PASSWORD}"
user="${LEDGER_ESDB_USERNAME:-ledger}"
node="${ESDB_NODE_URL:-https://node1:2113}"
ca=/certs/ca/ca.crt

# --location-trusted: a follower redirects writes to the leader; the credentials go along.
as_admin() { curl --fail --silent --show-error --location-trusted --cacert "$ca" -u "admin:${ESDB_ADMIN_PASSWORD}" "$@"; }

if as_admin -o /dev/null "$node/users/$user"; then
  echo "EventStoreDB user $user exists"
else
  as_admin -o /dev/null -H 'Content-Type: application/json' -X POST "$node/users/" \
    -d "{\"loginName\":\"$user\",\"fullName\":\"Disclosure Ledger\",\"groups\":[],\"password\":\"$LEDGER_ESDB_PASSWORD\"}"
  echo "EventStoreDB user $user created"
fi

# Read access to $all through the metadata of $$$all (the ACL of $all).
as_admin -o /dev/null -H 'Content-Type: application/json' -H 'ES-EventType: $metadata' \
  -H "ES-EventId: $(cat /proc/sys/kernel/random/uuid)" -X POST "$node/streams/%24%24%24all" \
  -d "{\"\$acl\":{\"\$r\":[\"\$admins\",\"$user\"]}}"

if curl --fail --silent --location-trusted --cacert "$ca" -u "$user:$LEDGER_ESDB_PASSWORD" -H 'Accept: application/json' \
  -o /dev/null "$node/streams/%24all/head/backward/1"; then
  echo "$user can read \$all"
else
  echo "$user cannot read \$all: this EventStoreDB does not honour the ACL of \$\$\$all; see docs/deployment.md §4" >&2
  exit 1
fi
