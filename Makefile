# Quick start: `make demo` then `make test` (see README.md).
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
KG     := $(VENV)/bin/kg
# camel-tools pulls torch: take the CPU build that lies on these machines before anything else.
TORCH  ?= torch==2.13.0
APT_PACKAGES := chromium raptor2-utils

.PHONY: demo test lint install install-dev system-deps eval benchmarks notebook clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q $(TORCH)
	$(PIP) install -q -e .
	touch $@

install: $(VENV)/.installed

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PIP) install -q -e '.[dev]'
	touch $@

install-dev: $(VENV)/.installed-dev

demo: install
	$(KG) demo --out output --store .kg/store

# Debian packages the browser and RDF-parser tests need (root on these machines; sudo elsewhere).
system-deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && $$SUDO apt-get install -y -q $$missing; \
	fi

test: install-dev system-deps lint
	$(PY) -m pytest -q

# ruff (lint and format) and mypy on the package; `make test` runs them first.
lint: install-dev
	$(VENV)/bin/ruff check kg tools
	$(VENV)/bin/ruff format --check kg tests benchmarks tools fuzz
	$(VENV)/bin/mypy kg

# run the walkthrough top to bottom and keep its outputs (committed executed; tests check them)
notebook: install-dev
	$(PY) -c "import nbformat, nbclient, tempfile; p = 'notebooks/walkthrough.ipynb'; nb = nbformat.read(p, as_version=4); \
	nbclient.NotebookClient(nb, timeout=600, kernel_name='python3', resources={'metadata': {'path': tempfile.mkdtemp()}}).execute(); \
	nbformat.write(nb, p)"

eval: install
	rm -rf /tmp/kg-dip && $(KG) extract ../shared/eval/diplomatic/dev -o /tmp/kg-dip
	$(PY) ../shared/eval/score_events.py ../shared/eval/diplomatic/dev /tmp/kg-dip --verbose

benchmarks: install-dev
	$(PY) benchmarks/run_all.py

clean:
	rm -rf .kg build dist *.egg-info tests/artifacts
