# One task runner: `make serve` (set up + build + serve) and `make test` (set up + every check).
# Everything installs into .venv/ and ignored caches inside the repo; see README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: setup setup-test serve build test test-fast lint validate format chromium bubblewrap pyodide npm clean

$(VENV)/.dev-installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

$(VENV)/.test-installed: $(VENV)/.dev-installed
	$(PY) -m pip install -q -e '.[dev,test,reports,similarity,dask]'
	touch $@

npm:
	@if [ ! -d site/node_modules ] || [ site/package-lock.json -nt site/node_modules ]; then \
	  npm ci --prefix site --no-audit --no-fund; fi

pyodide: $(VENV)/.dev-installed
	$(PY) -m builder.pyodide_dist fetch

# The offline grader's OS sandbox (`python -m grader grade` refuses to run without it).
bubblewrap:
	@command -v bwrap >/dev/null 2>&1 || { \
	  echo "Installing Debian bubblewrap for the offline grader's sandbox"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq bubblewrap; }

setup: $(VENV)/.dev-installed npm pyodide bubblewrap

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

setup-test: setup $(VENV)/.test-installed chromium bubblewrap

serve: setup
	$(PY) build.py serve --port $(PORT)

build: setup
	$(PY) build.py

lint: $(VENV)/.dev-installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check grader builder build.py tests bench

validate: $(VENV)/.dev-installed
	$(PY) -m grader validate

# The whole gate, on two workers (tests/conftest.py keeps the site's tests on one of them).
TEST_WORKERS ?= 2
test: setup-test lint validate
	$(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadgroup

# One page or one exercise in under a minute (no browser, Pyodide or build tests):
#   make test-fast PAGE=03-activation-functions    make test-fast EX=softmax
test-fast: $(VENV)/.test-installed
	$(PY) -m tests.fast $(if $(PAGE),--page $(PAGE)) $(if $(EX),--exercise $(EX))

format: $(VENV)/.dev-installed
	$(PY) -m ruff format grader builder build.py tests bench
	$(PY) -m ruff check --fix .

clean:
	rm -rf _site .pytest_cache
