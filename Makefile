# Two commands for readers: `make serve` and `make test`. Everything else is for contributors.
# One virtual environment per interpreter: `.venv` for the default python3, `.venv-3.13` for
# `make test PYTHON=python3.13` (`.venv-3.14t` for a free-threaded build), so switching back and forth
# reinstalls nothing.
PYTHON ?= python3
PYTHON_TAG := $(shell $(PYTHON) -c 'import sys, sysconfig; print("%d.%d" % sys.version_info[:2] + ("t" if sysconfig.get_config_var("Py_GIL_DISABLED") else ""))' 2>/dev/null)
ifeq ($(PYTHON_TAG),)
$(error PYTHON=$(PYTHON) does not run a Python interpreter)
endif
ifeq ($(origin PYTHON),file)
VENV := .venv
else
VENV := .venv-$(PYTHON_TAG)
endif
# Wheels only, so that a file whose hash is not in the lock fails the install instead of pip quietly
# building the release's sdist (also hashed in the lock) in its place. jieba publishes only an sdist.
# Free-threaded builds: some dependencies (kiwisolver) have no free-threaded wheel, so sdists are
# allowed there (still checked against their hashes).
ifeq ($(filter %t,$(PYTHON_TAG)),)
WHEELS_ONLY := --only-binary :all: --no-binary jieba
endif
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-requirements.txt

export NO_MKDOCS_2_WARNING := 1
# nbconvert (imported by mkdocs-jupyter) otherwise instantiates every exporter at import time
# to list the enabled ones: about half a second of every build, for a list we never use.
export NBCONVERT_DISABLE_CONFIG_EXPORTERS := 1

.PHONY: serve build test lint bench bench-versions clean lock

# A fresh venv whenever the lock (requirements.txt) changed since the last install, so nothing outside it
# survives. --require-hashes: every file must match a hash in the lock, and every dependency be in it.
# pip also reads this machine's pip configuration (an index mirror, find-links): a file from there is
# installed only when its hash is one of the lock's.
# --no-compile: Python compiles what it imports on first use; compiling all 300 MB up front took 27 of the 66 s.
# --no-deps: the lock already names every package (resolving it again took 4 s); `pip check` then fails
# the install if the lock ever misses a dependency.
# The stamp is a copy of the lock installed: a lock rewritten with the same content (`make lock` with
# nothing to update, a branch switch) only touches it.
$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit("Python >= 3.11.5 is required, found " + sys.version.split()[0]) if sys.version_info < (3, 11, 5) else None'
	@if test -x $(BIN)/python && cmp -s requirements.txt $(STAMP); then touch $(STAMP); else \
	  set -x; rm -rf $(VENV) && $(PYTHON) -m venv $(VENV) && \
	  $(BIN)/python -m pip install --quiet --no-compile --disable-pip-version-check --require-hashes \
	    --no-deps $(WHEELS_ONLY) -r requirements.txt && \
	  $(BIN)/python -m pip check --disable-pip-version-check && \
	  cp requirements.txt $(STAMP); fi

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

# Every CPython >= 3.11 this machine has (PATH, pyenv, python3.14t ...): the version page's tables with a
# column each; the log says which interpreters were used and which were skipped, and why.
bench-versions: $(STAMP)  ## measure the version page's tables with every interpreter found
	TIMINGS_PYTHONS=auto $(BIN)/python -m timings bench versions_cpu versions_startup versions_threads \
	  versions_interpreters versions_cpu_count

clean:  ## remove the built site, the caches (timings, notebooks, build) and test artifacts
	rm -rf site .cache test-artifacts

# The lock: requirements.in (the packages the site names) resolved by uv into requirements.txt, every
# package with the hashes of all its files, for every Python from 3.11.5 on and every OS (--universal).
# uv itself comes pinned and hashed from requirements-uv.txt, in its own venv. Only PyPI is asked: no
# uv.toml (--no-config), no index, find-links or constraint from the environment. Keeps the versions
# already locked unless told otherwise: `make lock` after editing requirements.in,
# `make lock UPGRADE="--upgrade-package NAME"` for one dependency, `make lock UPGRADE=--upgrade` for all.
LOCK_VENV := .venv-lock
UPGRADE ?=
lock: $(LOCK_VENV)/.installed-requirements-uv.txt  ## resolve requirements.in into requirements.txt (needs PyPI)
	env -u UV_INDEX -u UV_INDEX_URL -u UV_DEFAULT_INDEX -u UV_EXTRA_INDEX_URL -u UV_FIND_LINKS \
	    -u UV_CONSTRAINT -u UV_OVERRIDE -u UV_PYTHON \
	  $(LOCK_VENV)/bin/uv pip compile --quiet --no-config --universal --python-version 3.11.5 \
	    --generate-hashes --index-url https://pypi.org/simple --no-emit-index-url $(UPGRADE) \
	    -o requirements.txt requirements.in

$(LOCK_VENV)/.installed-requirements-uv.txt: requirements-uv.txt
	rm -rf $(LOCK_VENV)
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-uv.txt
	@cp requirements-uv.txt $@
