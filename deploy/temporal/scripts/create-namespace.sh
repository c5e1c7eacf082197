#!/bin/sh
# One-shot (temporal-create-namespace service): waits for the Temporal frontend, creates the
# application's namespace if it is missing and registers the project's custom search attributes.
# Idempotent: an existing namespace is kept, and re-registering a search attribute with the same type
# is a no-op. SEARCH_ATTRIBUTES is "Name=Type Name=Type ..." (mirrors tools/lib/search-attributes.mjs;
# test/compose keeps the two equal).
set -eu

: "${TEMPORAL_ADDRESS:?}" "${TEMPORAL_NAMESPACE:?}" "${SEARCH_ATTRIBUTES:?}"
RETENTION="${NAMESPACE_RETENTION:-720h}"

echo "Waiting for Temporal at ${TEMPORAL_ADDRESS}..."
attempt=0
until temporal operator cluster health --address "$TEMPORAL_ADDRESS" >/dev/null 2>&1; do
  attempt=$((attempt + 1))
  if [ "$attempt" -ge 60 ]; then
    echo "Temporal at ${TEMPORAL_ADDRESS} did not become healthy" >&2
    exit 1
  fi
  sleep 2
done

if temporal operator namespace describe --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE" >/dev/null 2>&1; then
  echo "Namespace '${TEMPORAL_NAMESPACE}' exists."
else
  echo "Creating namespace '${TEMPORAL_NAMESPACE}' (retention ${RETENTION})..."
  temporal operator namespace create --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE" --retention "$RETENTION"
fi

for sa in $SEARCH_ATTRIBUTES; do
  name="${sa%%=*}"
  type="${sa#*=}"
  attempt=0
  # A namespace just created takes a few seconds to reach the frontend's cache: retry.
  until temporal operator search-attribute create --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE" \
    --name "$name" --type "$type"; do
    attempt=$((attempt + 1))
    if [ "$attempt" -ge 15 ]; then
      echo "Could not register search attribute ${name} (${type})" >&2
      exit 1
    fi
    sleep 2
  done
done

echo "Namespace '${TEMPORAL_NAMESPACE}' is ready with search attributes: ${SEARCH_ATTRIBUTES}"
