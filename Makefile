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

# Programs the publisher runs that pip cannot install: ffmpeg measures the audio's
# loudness and true peak for its audit (leaflet/checks/audio.py).
SYSTEM_PROGRAMS := ffmpeg
SYSTEM_PACKAGES := ffmpeg

.PHONY: all build test lint check release verify bench formats clean distclean system-deps $(FORMATS)

all: build

# Installs the system packages when a program is missing (as root with apt-get), or says what to run.
system-deps:
	@missing=""; for program in $(SYSTEM_PROGRAMS); do command -v $$program >/dev/null || missing="$$missing $$program"; done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update && apt-get install -y --no-install-recommends $(SYSTEM_PACKAGES); \
		else \
			echo "missing:$$missing; run: sudo apt-get install -y $(SYSTEM_PACKAGES)" >&2; exit 1; \
		fi; \
	fi

$(STAMP): pyproject.toml | system-deps
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

lint: $(STAMP)
	$(PY) -m ruff check leaflet tests bench
	$(PY) -m ruff format --check leaflet tests bench
	$(PY) -m mypy

test: $(STAMP)
	$(PY) -m ruff check leaflet tests bench
	$(PY) -m mypy
	$(PY) -m pytest -q

formats: $(STAMP)
	$(LEAFLET) formats

clean:
	find outputs -mindepth 1 ! -name .gitkeep -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache .hypothesis
