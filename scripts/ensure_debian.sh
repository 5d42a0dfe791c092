#!/usr/bin/env bash
# Installs Debian packages a test needs when its command is missing; does nothing when it is there (no downloads
# outside Debian's archive: Chromium is Debian's, never `playwright install`).
#   ensure_debian.sh PURPOSE COMMAND PACKAGE...
#   e.g. ensure_debian.sh "the browser tests" chromium chromium fonts-dejavu-core
set -euo pipefail
purpose=$1 command=$2
shift 2
if command -v "$command" >/dev/null 2>&1 || [ -x "/usr/bin/$command" ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
echo "Installing Debian's $* for $purpose…"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
