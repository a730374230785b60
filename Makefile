# Two commands do everything on a fresh machine with Python 3.11+ and make:
#   make build   -> .venv, install, build the sample site from content/ into site/
#   make test    -> .venv, install with the test tools, run the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
ARGS   ?=

.PHONY: build test serve lint format clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "briefing needs Python 3.11 or newer; run: make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# One stamp per set of extras: re-installs when pyproject.toml changes.
$(VENV)/.installed-base: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	@touch $@ $(VENV)/.installed-base

build: $(VENV)/.installed-base
	$(BIN)/briefing build $(ARGS)

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest $(ARGS)

serve: $(VENV)/.installed-base
	$(BIN)/briefing serve $(ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) site .site.* .briefing .briefing.lock .pytest_cache .ruff_cache tests/artifacts *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

.PHONY: bench bench-quick
# Times ingest, render and incremental builds at 1,000 and 10,000 briefs; writes bench/RESULTS.md.
bench: $(VENV)/.installed-base
	$(BIN)/python bench/run.py $(ARGS)

bench-quick: $(VENV)/.installed-base
	$(BIN)/python bench/run.py --quick $(ARGS)
