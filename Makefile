# Two entry points: `make serve` and `make test`. Each creates .venv and installs what it needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: serve test build validate clean bench bench-search bench-budgets bench-team bench-phone offline pdf docs-shots vendor mutation

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Node is needed only for tests, benchmarks and refreshing vendored libraries, never for serve.
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Copy the browser libraries pinned in package.json into docs/assets/vendor/ (committed).
vendor: $(NODE_STAMP) $(STAMP)
	$(BIN)/python tools/vendor.py

validate: $(STAMP)
	$(BIN)/playbook validate

PORT ?= 8000
serve: validate
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

# Build beside the last good site and swap only on success: a failed build never destroys it.
# Never add --quiet to a strict build: MkDocs 1.6 then stops counting warnings and strict mode
# passes everything (mkdocs#4126); tests/test_strict.py checks both targets fail on a warning.
SITE ?= site
CONFIG ?= mkdocs.yml
build: validate
	rm -rf $(SITE).new
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict -f $(CONFIG) --site-dir $(abspath $(SITE)).new
	rm -rf $(SITE) && mv $(SITE).new $(SITE)

# The offline edition: a zip of the site that works from file:// with no network.
# BUILD and DIST may point elsewhere (tests build into a temporary directory).
BUILD ?= build
DIST  ?= dist
OFFLINE_CONFIG ?= mkdocs.offline.yml
offline: validate
	rm -rf $(BUILD)/offline
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict -f $(OFFLINE_CONFIG) --site-dir $(abspath $(BUILD))/offline
	mkdir -p $(DIST) && rm -f $(DIST)/handbook-offline.zip
	cd $(BUILD) && $(abspath $(BIN))/python -m zipfile -c $(abspath $(DIST))/handbook-offline.zip offline/
	@echo "$(DIST)/handbook-offline.zip: unzip and open offline/index.html"

# The whole handbook as one PDF (print-site page printed by Chromium).
pdf: build
	$(BIN)/python tools/pdf.py $(SITE) dist/handbook.pdf

# Screenshots of the printed run, a printed letter, the PDF's cover and contents and the statistics
# page into shots/ (committed, linked from the README), for reviewers who do not run anything.
docs-shots: $(STAMP)
	$(BIN)/python tools/docs_shots.py shots

# Node's test runner for the pure JS modules (tests/js/), then pytest for everything else.
# Two pytest workers (pytest-xdist), a test file each at a time: the suite mostly waits on browsers
# and servers (one core 65 % busy alone), so two halve its time on CI's 2 cores. Session fixtures
# (built sites, servers) are per worker; every test already picks its own port and directory.
TEST_WORKERS ?= 2
test: $(STAMP) $(NODE_STAMP)
	node --test tests/js/
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile

clean:
	rm -rf $(VENV) site build dist .cache node_modules reports .stryker-tmp mutation-survivors.txt

# Mutation testing (slow, not part of make test): the share of deliberate bugs the tests catch, per
# module, for macros/ (mutmut, fast tests) and the pure JS modules in core/ (StrykerJS, each module's
# Node tests). PART=python|js, MODULES="checks render/*" or MODULES="events stats" to measure a few;
# SAMPLE=05 tests only the Python mutants numbered ...0 and ...5 (a fifth, for an estimate).
mutation: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,mutation]'
	nice -n 19 $(BIN)/python tools/mutation.py $(PART) $(if $(MODULES),--modules $(MODULES)) $(if $(SAMPLE),--sample $(SAMPLE))

# Benchmarks: scripts, not timed tests; each prints figures measured side by side in one run.
bench-search: $(STAMP)
	$(BIN)/python bench/search.py

bench-budgets: $(STAMP)
	$(BIN)/python bench/budgets.py

# Team sync latency between two browsers through pouchdb-server (needs node_modules).
bench-team: $(STAMP) $(NODE_STAMP)
	$(BIN)/python bench/team.py

# A checklist page on a mid-range phone (CPU 4× slower, slow 4G): first visit vs plain Material,
# repeat visit with vs without the offline worker.
bench-phone: $(STAMP)
	$(BIN)/python bench/phone.py

bench: bench-search bench-budgets bench-team bench-phone
