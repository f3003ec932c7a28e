# Two entry points: `make serve` and `make test`. Each creates .venv and installs what it needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: serve test build validate clean bench bench-search

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

validate: $(STAMP)
	$(BIN)/playbook validate

serve: validate
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: validate
	$(BIN)/mkdocs build --strict

test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) site

# Benchmarks: scripts, not timed tests; each prints figures measured side by side in one run.
bench-search: $(STAMP)
	$(BIN)/python bench/search.py

bench: bench-search
