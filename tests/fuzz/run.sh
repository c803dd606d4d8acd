#!/usr/bin/env bash
# run.sh - build the libFuzzer targets with clang in build/fuzz and run
# each one for SECONDS (default 60) from its seed corpus.  New inputs go
# to build/fuzz/work/<target>/ (never into the seed corpus), crashes to
# build/fuzz/art/<target>/.  Exit 1 when a target crashed, leaked, hung
# (-timeout) or could not run.  scripts/test.sh fuzz calls it.
# usage: tests/fuzz/run.sh [SECONDS [TARGET...]]
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(query order sign render multipart)
jobs=$(nproc 2>/dev/null || echo 2)
flags="-g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=undefined"

mkdir -p "$top/build/fuzz" && cd "$top/build/fuzz" || exit 1
if [ ! -f Makefile ]; then
	"$top/configure" -q CC=clang CXX=clang++ --enable-werror --enable-fuzz \
	    CFLAGS="$flags" CXXFLAGS="$flags" \
	    LDFLAGS="-fsanitize=address,undefined" >/dev/null || exit 1
fi
make -s -j"$jobs" fuzz-targets >/dev/null || exit 1

failed=()
for t in "${targets[@]}"; do
	rm -rf "work/$t" "art/$t"
	mkdir -p "work/$t" "art/$t"
	echo "== fuzz_$t: ${seconds}s"
	if ! "./tests/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 \
	    -print_final_stats=1 -artifact_prefix="art/$t/" \
	    "work/$t" "$top/tests/fuzz/corpus/$t" >"work/$t.log" 2>&1; then
		grep -A 30 -E 'ERROR|invariant broken' "work/$t.log" | head -n 40
		ls "art/$t"
		failed+=("$t")
	fi
	grep -E '^#[0-9]+[[:space:]]+DONE' "work/$t.log"
done
if [ ${#failed[@]} -gt 0 ]; then
	echo "fuzz: FAILED: ${failed[*]}"
	exit 1
fi
