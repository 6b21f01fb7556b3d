# Two commands do all the set-up on a fresh machine: `make report` and `make test`.
# Installs come from requirements.lock (exact versions with hashes); `make test-latest` tries the
# newest versions pyproject.toml allows, in a venv of its own.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LATEST := .venv-latest
#: The real client programs the export tests check fontes's files with (TimelineJS), from
#: tests/clients/package-lock.json; skipped, with the tests that need them, where npm is missing.
CLIENTS := tests/clients/node_modules/.installed

.PHONY: report test test-latest lint lock browser clients bench docs screenshots fuzz fuzz-atheris clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

report: $(STAMP)  ## weigh the built-in case and print the report
	$(BIN)/fontes report

test: $(STAMP) $(CLIENTS)  ## run the test suite
	$(BIN)/python -m pytest

test-latest:  ## the whole suite with the newest allowed versions of every dependency (fresh venv)
	rm -rf $(LATEST)
	$(PYTHON) -m venv $(LATEST)
	$(LATEST)/bin/python -m pip install --quiet --upgrade pip
	$(LATEST)/bin/python -m pip install --quiet --upgrade --upgrade-strategy eager -e '.[test]'
	$(LATEST)/bin/python -m pip freeze --exclude-editable > $(LATEST)/versions.txt
	$(LATEST)/bin/python -m pytest

lock:  ## refresh requirements.lock on purpose (see CONTRIBUTING.md)
	$(PYTHON) -m pip install --quiet --upgrade uv
	$(PYTHON) -m uv pip compile pyproject.toml --extra test --universal --python-version 3.11 \
	    --generate-hashes --no-header --quiet -o requirements.lock

clients: $(CLIENTS)  ## install the export clients of the tests (TimelineJS) from their npm lock file

$(CLIENTS): tests/clients/package.json tests/clients/package-lock.json
	@if command -v npm >/dev/null; then \
	    npm ci --prefix tests/clients --no-audit --no-fund --silent && touch $(CLIENTS); \
	else echo "npm not found: the TimelineJS browser test will be skipped"; fi

browser:  ## install Debian's Chromium for the browser tests (as root; Playwright's own download does not work offline)
	command -v chromium >/dev/null || (apt-get update -q && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium)

lint: $(STAMP)  ## the gates that run before the tests: ruff (lint, complexity <= 15), ruff format, mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

docs: $(STAMP)  ## regenerate the CLI reference, the fuzz and benchmark tables and the scale plot from their sources
	$(BIN)/cog -I . -r docs/cli.md docs/reliability.md docs/performance.md README.md
	$(BIN)/python -m benchmarks.plot

screenshots: $(STAMP)  ## every page of the web app and the HTML report at 390 and 1440 px, as PNGs in docs/images/ (needs make browser)
	$(BIN)/python tests/screenshots.py --out docs/images

clean:
	rm -rf $(VENV) $(LATEST) build src/*.egg-info .pytest_cache .hypothesis

#: Corpus sizes of the scale table; `make bench SIZES="10000 100000 1000000"` adds the million (slow).
SIZES ?= 10000 100000

bench: $(STAMP)  ## measure speed against same-run baselines; tables to the terminal, JSON to benchmarks/results/
	$(BIN)/python -m benchmarks --sizes $(SIZES)

fuzz: $(STAMP)  ## 10,000 format-aware inputs per reader, a table of the results (fuzz/results/last.json)
	$(BIN)/python -m fuzz --inputs 10000

fuzz-atheris: $(STAMP)  ## the same readers under coverage-guided atheris (installs the fuzz extra)
	$(BIN)/python -m pip install --quiet -e '.[test,fuzz]'
	$(BIN)/python -m fuzz --engine atheris --inputs 10000 --results fuzz/results/atheris
