# Two commands for readers: `make serve` and `make test`. Everything else is for contributors.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-requirements.txt

export NO_MKDOCS_2_WARNING := 1
# nbconvert (imported by mkdocs-jupyter) otherwise instantiates every exporter at import time
# to list the enabled ones: about half a second of every build, for a list we never use.
export NBCONVERT_DISABLE_CONFIG_EXPORTERS := 1

.PHONY: serve build test lint bench clean

# (Re)install when .venv is missing or requirements.txt changed since the last install. --no-compile:
# Python compiles what it imports on first use; compiling all 300 MB up front took 27 of the 66 s.
$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit("Python >= 3.11 is required, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --no-compile --disable-pip-version-check -r requirements.txt
	@cp requirements.txt $(STAMP)

serve: $(STAMP)  ## build with fresh timings, then serve on http://127.0.0.1:8000
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP)  ## strict build into site/ (measures what the timing cache lacks)
	$(BIN)/mkdocs build --strict

# A strict build alone first (it measures), then the pytest runs side by side: tests/run_suite.sh.
test: $(STAMP)  ## the whole suite: a strict build, then pytest per start method and once
	@sh tests/run_suite.sh $(BIN)

lint: $(STAMP)  ## ruff lint and format check (`.venv/bin/ruff format .` fixes the format)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

# `make bench TIMINGS_PYTHONS="python3.13 python3.14t"` adds a column per listed interpreter.
bench: $(STAMP)  ## measure and print every timing table
	$(BIN)/python -m timings bench

clean:  ## remove the built site, the caches (timings, notebooks, build) and test artifacts
	rm -rf site .cache test-artifacts
