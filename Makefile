# Two commands for readers: `make serve` and `make test`. Everything else is for contributors.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-requirements.txt
START_METHODS := fork spawn forkserver

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

# The snippets, the engine and the leftover checks run under each start method, the three runs side
# by side (each has its own temporary folder and leftover check; nothing in them is timed). Then,
# alone, what does not depend on the start method (`once`): code style, translations, the strict
# build, which measures the timing tables the cache lacks, so nothing else may run meanwhile, its
# links and the browser.
LOGS := test-artifacts/logs
test: $(STAMP)  ## the whole suite: per start method, then the start-method-independent tests once
	@mkdir -p $(LOGS); failed=""; pids=""; \
	echo "== pytest under each start method ($(START_METHODS)), side by side"; \
	for method in $(START_METHODS); do \
	  PARALLEL_START_METHOD=$$method $(BIN)/python -m pytest -q -m "not once" > $(LOGS)/pytest-$$method.log 2>&1 & \
	  pids="$$pids $$!"; \
	done; \
	set -- $$pids; for method in $(START_METHODS); do \
	  wait $$1 || failed="$$failed $$method"; shift; \
	  echo "== pytest, start method $$method"; cat $(LOGS)/pytest-$$method.log; \
	done; \
	echo "== pytest, once: code style, translations, the strict build, its links, a real browser"; \
	$(BIN)/python -m pytest -q -m once || failed="$$failed once"; \
	if [ -n "$$failed" ]; then echo "pytest failed:$$failed"; exit 1; fi

lint: $(STAMP)  ## ruff lint and format check (`.venv/bin/ruff format .` fixes the format)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

# `make bench TIMINGS_PYTHONS="python3.13 python3.14t"` adds a column per listed interpreter.
bench: $(STAMP)  ## measure and print every timing table
	$(BIN)/python -m timings bench

clean:  ## remove the built site, the caches (timings, notebooks, build) and test artifacts
	rm -rf site .cache test-artifacts
