# `make` builds every format of every leaflet; `make test` runs the tests.
# Both create the virtual environment and install everything on first use.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: all build test lint check formats clean distclean

all: build

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

build: $(STAMP)
	$(PY) -m leaflet build

check: $(STAMP)
	$(PY) -m leaflet check

lint: $(STAMP)
	$(PY) -m ruff check leaflet tests bench
	$(PY) -m ruff format --check leaflet tests bench

test: $(STAMP)
	$(PY) -m ruff check leaflet tests bench
	$(PY) -m pytest -q

formats: $(STAMP)
	$(PY) -m leaflet formats

clean:
	find outputs -mindepth 1 ! -name .gitkeep -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache
