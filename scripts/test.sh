#!/usr/bin/env bash
# test.sh - set up and run every test of ppx on a Debian 12 machine:
#   1. install the Debian packages it needs (scripts/deps.sh),
#   2. gcc build with warnings as errors: make check (unit tests, plugin
#      tests, integration tests against real nginx),
#   3. clang build with warnings as errors,
#   4. the test suite again under AddressSanitizer + UBSan,
#   5. make distcheck (the tarball builds and passes its tests),
#   6. a short libFuzzer run of every fuzz target (tests/fuzz/run.sh,
#      FUZZ_SECONDS each, default 60) built with clang in build/fuzz.
# Builds go to build/<name>/; logs of failed tests are printed.
# usage: scripts/test.sh [gcc|clang|asan|distcheck|fuzz]...   (default: all)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

bash scripts/deps.sh
if [ ! -x configure ] || [ configure.ac -nt configure ] ||
   [ Makefile.am -nt configure ]; then
	autoreconf -fi >/dev/null
fi

jobs=$(nproc 2>/dev/null || echo 2)
failed=()

# build NAME CONFIGURE-ARGS... : configure in build/NAME and make.
build() {
	local name=$1; shift
	echo "== $name: configure $*"
	mkdir -p "build/$name"
	(cd "build/$name" && "$top/configure" -q "$@" >/dev/null &&
	    make -s -j"$jobs" >/dev/null)
}

# check NAME : make check in build/NAME, showing the logs of failures.
check() {
	local name=$1
	echo "== $name: make check"
	if ! (cd "build/$name" && make -s -j"$jobs" check); then
		find "build/$name" -name '*.log' ! -name test-suite.log \
		    -exec grep -l -E '^(FAIL|ERROR)' {} + 2>/dev/null |
		    while read -r log; do
			echo "---- ${log%.log}: its failures"
			grep -E '^[[:space:]]*(FAIL|ERROR)' "$log" | head -n 30
			echo "---- ${log%.log}: its last lines"
			tail -n 40 "$log"
		done
		failed+=("$name")
	fi
}

run() {
	case $1 in
	gcc)
		build gcc CC=gcc CXX=g++ --enable-werror && check gcc ;;
	clang)
		# Warnings of the other compiler; the tests ran under gcc.
		build clang CC=clang CXX=clang++ --enable-werror ||
		    failed+=(clang) ;;
	asan)
		san="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g -O1"
		build asan CC=gcc CXX=g++ CFLAGS="$san" CXXFLAGS="$san" \
		    LDFLAGS="-fsanitize=address,undefined" &&
		ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		    check asan ;;
	distcheck)
		echo "== distcheck"
		build dist CC=gcc CXX=g++ &&
		(cd build/dist && make -s -j"$jobs" distcheck >distcheck.log 2>&1) ||
		    { tail -n 60 build/dist/distcheck.log; failed+=(distcheck); } ;;
	fuzz)
		bash tests/fuzz/run.sh "${FUZZ_SECONDS:-60}" || failed+=(fuzz) ;;
	*)
		echo "test.sh: unknown step '$1'" >&2; exit 2 ;;
	esac
}

steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(gcc clang asan distcheck fuzz)
for s in "${steps[@]}"; do
	run "$s" || failed+=("$s")
done

if [ ${#failed[@]} -gt 0 ]; then
	echo "FAILED: ${failed[*]}"
	exit 1
fi
echo "all test steps passed: ${steps[*]}"
