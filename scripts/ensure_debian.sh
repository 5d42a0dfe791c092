#!/usr/bin/env bash
# Installs Debian packages a test needs when its command is missing; does nothing when it is there (no downloads
# outside Debian's archive: Chromium is Debian's, never `playwright install`).
#   ensure_debian.sh PURPOSE COMMAND PACKAGE...
#   e.g. ensure_debian.sh "the browser tests" chromium chromium fonts-dejavu-core
# COMMAND may be a shared library instead (a name `lib….so.N`), looked for in the linker's cache:
#   ensure_debian.sh "the print edition" libpangoft2-1.0.so.0 libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
set -euo pipefail
purpose=$1 command=$2
shift 2
if command -v "$command" >/dev/null 2>&1 || [ -x "/usr/bin/$command" ]; then
  exit 0
fi
if [[ "$command" == lib*.so* ]] && { /sbin/ldconfig -p 2>/dev/null || ldconfig -p 2>/dev/null || true; } \
   | awk -v lib="$command" '$1 == lib { found = 1 } END { exit !found }'; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
echo "Installing Debian's $* for $purpose…"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
