# Two commands do all the set-up on a fresh machine: `make report` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: report test bench docs fuzz fuzz-atheris clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

report: $(STAMP)  ## weigh the built-in case and print the report
	$(BIN)/fontes report

test: $(STAMP)  ## run the test suite
	$(BIN)/python -m pytest

docs: $(STAMP)  ## regenerate the CLI reference, the fuzz and benchmark tables from their sources
	$(BIN)/cog -I . -r docs/cli.md docs/reliability.md README.md

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .hypothesis

#: Corpus sizes of the scale table; `make bench SIZES="10000 100000 1000000"` adds the million (slow).
SIZES ?= 10000 100000

bench: $(STAMP)  ## measure speed against same-run baselines; tables to the terminal, JSON to benchmarks/results/
	$(BIN)/python -m benchmarks --sizes $(SIZES)

fuzz: $(STAMP)  ## 10,000 format-aware inputs per reader, a table of the results (fuzz/results/last.json)
	$(BIN)/python -m fuzz --inputs 10000

fuzz-atheris: $(STAMP)  ## the same readers under coverage-guided atheris (installs the fuzz extra)
	$(BIN)/python -m pip install --quiet -e '.[test,fuzz]'
	$(BIN)/python -m fuzz --engine atheris --inputs 10000 --results fuzz/results/atheris
