#!/bin/bash
# recycle.sh - how fast the recycle touchpoint renders through nginx and
# ppxd: a new order on every request (codes are issued: a write
# transaction per request) and the same order again and again (codes are
# read).  Reports, never gates.  From the build dir:
#	abs_top_srcdir=SRC abs_top_builddir=$PWD bash SRC/bench/recycle.sh
# Needs wrk, nginx, curl, sqlite3.  BENCH_SECONDS (5), BENCH_CONNS (8).
srcdir=${abs_top_srcdir:-${srcdir:-.}}
export srcdir
. "$srcdir/tests/integration/lib.sh"
SECS=${BENCH_SECONDS:-5}
CONNS=${BENCH_CONNS:-8}
command -v wrk >/dev/null || itest_die "wrk not found"
itest_start
P=/v1/brands/demo/touchpoints/recycle.html
echo "new order every request (issue path):"
wrk -t2 -c"$CONNS" -d"${SECS}s" --latency \
    -s "$srcdir/bench/orders.lua" "$BASE" -- "$P" "$KEY" | tail -n 1
echo "code rows made: $(sqlite3 "$DIR/ppx.db" 'SELECT count(*) FROM codes')"
echo "the same order again (read path):"
wrk -t2 -c"$CONNS" -d"${SECS}s" --latency -H "Authorization: Bearer $KEY" \
    "$BASE$P?stage=delivered&order=1042&lang=nl&sku=RUN-42&category=running-shoes" |
    grep -E 'Requests/sec|50%|99%|Non-2xx'
pass "benchmark ran"
itest_done
