#!/bin/sh
# `make test`: the whole suite on a machine of a few cores, in two steps.
#
# 1. Alone, a strict build of the site into a temporary folder: it measures the timing tables the
#    cache lacks (a measurement must not share the machine) and executes the notebooks (whose cells
#    time a pool too), filling the caches that every later build reads.
# 2. Side by side, since nothing in them is timed: the suite under each start method (snippets,
#    doctests, page examples, the engine, leftover checks) and, once, what does not depend on it
#    (`once`), in three runs: what reads the built site in a browser (`site`), the engine, behaviour
#    and suite tests, and the rest (the notebooks' kernels among them). The once runs are the
#    longest: the start-method runs yield them the CPU.
#
# Each run has its own temporary folder and leftover check; its output is printed when all are done
# and kept in test-artifacts/logs/.
# Usage: tests/run_suite.sh BIN (the virtual environment's bin folder)
set -u
BIN=$1
LOGS=test-artifacts/logs
START_METHODS="fork spawn forkserver"
runs=""
failed=""
mkdir -p "$LOGS"

start() {  # start NAME NICENESS MARKERS START_METHOD [PATHS...]: a pytest run in the background
    name=$1 niceness=$2 markers=$3 method=$4
    shift 4
    TEST_RUNS_SIDE_BY_SIDE=1 PARALLEL_START_METHOD=$method nice -n "$niceness" \
        "$BIN/python" -m pytest -q -m "$markers" "$@" > "$LOGS/pytest-$name.log" 2>&1 &
    runs="$runs $name:$!"
}

echo "== mkdocs build --strict, alone: measures the tables the cache lacks ($LOGS/build.log)"
site=$(mktemp -d)
"$BIN/mkdocs" build --strict --site-dir "$site" > "$LOGS/build.log" 2>&1
status=$?
rm -rf "$site"
if [ $status -ne 0 ]; then
    tail -n 40 "$LOGS/build.log"
    echo "mkdocs build failed"
    exit 1
fi

echo "== pytest under each start method ($START_METHODS) and once (site, rest), side by side"
for method in $START_METHODS; do
    start "$method" 10 "not once" "$method"
done
start once-site 0 "once and site" ""
# The rest of `once` in two runs: much of it waits (hangs on purpose, servers, other interpreters),
# and two runs keep both cores busy while the other finishes.
ENGINE="tests/engine tests/behaviour tests/suite"
start once-engine 0 "once and not site" "" $ENGINE
start once-rest 0 "once and not site" "" $(printf -- '--ignore=%s ' $ENGINE)

for run in $runs; do
    name=${run%%:*}
    wait "${run#*:}" || failed="$failed $name"
    echo "== pytest, $name"
    cat "$LOGS/pytest-$name.log"
done
if [ -n "$failed" ]; then
    echo "failed:$failed"
    exit 1
fi
