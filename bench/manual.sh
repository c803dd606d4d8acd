#!/bin/bash
# manual.sh - what the manual touchpoint's feed costs: wrk against ppxd
# (behind nginx, on a `ppx demo` instance) for the manual touchpoint served
# from the store's cache (fresh), for the same with every request
# revalidating against the feed (feed.ttl 0: a 304 from a real nginx on
# 127.0.0.1), and for the voorpret touchpoint as the baseline.  Reports,
# never gates.
#
# Run from the build dir after `make run-tree`:
#	bash ../../bench/manual.sh
# Environment: BENCH_SECONDS (5), BENCH_CONNS (8), srcdir (../..).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
SECS=${BENCH_SECONDS:-5}
CONNS=${BENCH_CONNS:-8}
export srcdir=${srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
export abs_top_builddir=${abs_top_builddir:-$(pwd)}
export PPX_FEED_ALLOW_HTTP=1
# shellcheck source=tests/integration/lib.sh
. "$srcdir/tests/integration/lib.sh"
command -v wrk >/dev/null || itest_die "wrk not found"
itest_prepare
trap 'rc=$?; itest_stop_pid "$FEED_PID"; (exit $rc); itest_cleanup' EXIT
# shellcheck source=tests/integration/feedserver.sh
. "$srcdir/tests/integration/feedserver.sh"
start_feed
itest_ppx brand set demo manual.url \
    "http://127.0.0.1:$FEED_PORT/manual/{key}.json" >/dev/null
itest_ppx brand set demo feed.allow_hosts "127.0.0.1:$FEED_PORT" >/dev/null
itest_run

Q='stage=shipped&order=1042&lang=nl&expected=2026-11-25&sku=RUN-42&item_name=Runner%2042'

run() {	# LABEL PATH
	local out
	out=$(wrk -t1 -c"$CONNS" -d"${SECS}s" --latency \
	    -H "Authorization: Bearer $KEY" "$BASE$2" 2>&1)
	printf '%-34s %10s req/s  p50 %8s  p99 %8s\n' "$1" \
	    "$(awk '/Requests\/sec/ { print $2 }' <<<"$out")" \
	    "$(awk '$1 == "50%" { print $2 }' <<<"$out")" \
	    "$(awk '$1 == "99%" { print $2 }' <<<"$out")"
}

curl -s -o /dev/null -H "Authorization: Bearer $KEY" \
    "$BASE/v1/brands/demo/touchpoints/manual.html?$Q"
echo "# $(nproc) cores, $CONNS connections, ${SECS}s each, $ITEST_WORKERS ppxd workers"
run "voorpret (baseline)" "/v1/brands/demo/touchpoints/voorpret.html?$Q"
run "manual, fresh from the cache" "/v1/brands/demo/touchpoints/manual.html?$Q"
itest_ppx brand set demo feed.ttl 0 >/dev/null
itest_ppx brand set demo feed.retry_after 0 >/dev/null
run "manual, revalidated (304) each" "/v1/brands/demo/touchpoints/manual.html?$Q"
echo "# feed requests: $(wc -l < "$FEEDS/access.log"), of which 304: $(grep -c ' 304 ' "$FEEDS/access.log")"
