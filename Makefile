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

# First, alone, a strict build into a temporary folder: it measures the timing tables the cache lacks
# (a measurement must not share the machine) and executes the notebooks, filling the caches that
# every later build reads. Then, side by side, since nothing in them is timed: the suite under each
# start method (snippets, doctests, page examples, the engine, leftover checks) and what does not
# depend on it (`once`), in two runs: what reads the built site or runs the notebooks (`site`: a strict
# build of its own, its links, the browser, the kernels) and the rest (code style, translations...). Each run
# has its own temporary folder and leftover check; its output is printed when all are done and kept
# in test-artifacts/logs/. The `once` runs are the longest: the start-method runs yield them the CPU.
LOGS := test-artifacts/logs
RUNS := $(START_METHODS) once-site once-rest
test: $(STAMP)  ## the whole suite: a strict build first, then pytest per start method and once
	@mkdir -p $(LOGS); failed=""; pids=""; \
	echo "== mkdocs build --strict, alone: measures the timing tables the cache lacks ($(LOGS)/build.log)"; \
	out=$$(mktemp -d); $(BIN)/mkdocs build --strict --site-dir "$$out" > $(LOGS)/build.log 2>&1; status=$$?; \
	rm -rf "$$out"; [ $$status -eq 0 ] || { tail -n 40 $(LOGS)/build.log; echo "mkdocs build failed"; exit 1; }; \
	echo "== pytest under each start method ($(START_METHODS)) and once (site, rest), side by side"; \
	for run in $(RUNS); do \
	  case $$run in \
	    once-site) marker="once and site"; method=""; nice=0;; \
	    once-rest) marker="once and not site"; method=""; nice=0;; \
	    *) marker="not once"; method=$$run; nice=10;; \
	  esac; \
	  TEST_RUNS_SIDE_BY_SIDE=1 PARALLEL_START_METHOD=$$method nice -n $$nice \
	    $(BIN)/python -m pytest -q -m "$$marker" > $(LOGS)/pytest-$$run.log 2>&1 & \
	  pids="$$pids $$!"; \
	done; \
	set -- $$pids; for run in $(RUNS); do \
	  wait $$1 || failed="$$failed $$run"; shift; \
	  echo "== pytest, $$run"; cat $(LOGS)/pytest-$$run.log; \
	done; \
	if [ -n "$$failed" ]; then echo "pytest failed:$$failed"; exit 1; fi

lint: $(STAMP)  ## ruff lint and format check (`.venv/bin/ruff format .` fixes the format)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

# `make bench TIMINGS_PYTHONS="python3.13 python3.14t"` adds a column per listed interpreter.
bench: $(STAMP)  ## measure and print every timing table
	$(BIN)/python -m timings bench

clean:  ## remove the built site, the caches (timings, notebooks, build) and test artifacts
	rm -rf site .cache test-artifacts
