# `make` builds every format of every leaflet; `make test` runs the tests.
# Both create the virtual environment and install everything on first use.
# `make -j` is safe: builds into one output folder take turns (a lock).

PYTHON  ?= python3
VENV    ?= .venv
PY      := $(VENV)/bin/python
LEAFLET := $(PY) -m leaflet
STAMP   := $(VENV)/.installed-stamp
# One target per registered format (tests/test_release.py keeps this list true).
FORMATS := text large-print-pdf docx easy-read easy-read-print audio

.PHONY: all build test lint check release verify bench bench-service formats serve system-deps clean distclean $(FORMATS)

all: system-deps build

# System packages the tests need: Debian's Chromium for the service's page tests (Playwright
# cannot download its own browser here). Installed when missing and root; else the command to run.
system-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update && apt-get install -y chromium; \
	  else echo "make: the page tests need Chromium: run 'apt-get install chromium' as root" >&2; exit 1; fi; }

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

build: $(STAMP)
	$(LEAFLET) build

$(FORMATS): $(STAMP)
	$(LEAFLET) build --format $@

check: $(STAMP)
	$(LEAFLET) check

# Build what is out of date, run every check as an error, verify the manifests.
release: $(STAMP)
	$(LEAFLET) build --strict
	$(LEAFLET) check --strict
	$(LEAFLET) verify

verify: $(STAMP)
	$(LEAFLET) verify

bench: $(STAMP)
	$(PY) bench/run.py

# The service under load on 127.0.0.1 (bounded in requests and time).
bench-service: $(STAMP)
	$(PY) bench/bench_service.py

lint: $(STAMP)
	$(PY) -m ruff check leaflet tests bench
	$(PY) -m ruff format --check leaflet tests bench

test: $(STAMP) system-deps
	$(PY) -m ruff check leaflet tests bench
	$(PY) -m pytest -q

# The request pages and JSON API on http://127.0.0.1:8000 (see the README, "Patients ask for a format").
serve: $(STAMP)
	$(LEAFLET) serve

formats: $(STAMP)
	$(LEAFLET) formats

clean:
	find outputs -mindepth 1 ! -name .gitkeep -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache .hypothesis
