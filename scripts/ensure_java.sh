#!/usr/bin/env bash
# The Nu HTML Checker (vnu.jar from npm `vnu-jar`, tests/test_html_valid.py) runs on Java 11 or later. Installs
# Debian's default-jre-headless when no `java` is found; does nothing when it is there.
set -euo pipefail
if command -v java >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
echo "Installing Debian's default-jre-headless for the Nu HTML Checker…"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends default-jre-headless >/dev/null
