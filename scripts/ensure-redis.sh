#!/usr/bin/env bash
# Makes sure a redis-server binary exists for the fleet-ledger tests (the tests start their own
# server on a free port). Installs Debian's redis-server when missing and we are allowed to.
set -euo pipefail
if command -v redis-server >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing redis-server (apt-get)..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq redis-server >/dev/null
  exit 0
fi
if command -v sudo >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  sudo apt-get install -y -qq redis-server >/dev/null && exit 0
fi
echo "redis-server is not installed and cannot be installed here; the Redis ledger tests will fail." >&2
exit 1
