#!/bin/bash
# clubs.sh - the club touchpoint at 100 and at 100 000 clubs (`make bench`,
# from the build dir, after bench/run.sh).  Reports, never gates: exits 0
# whatever the numbers, 1 only if it could not run.
#
# One `ppx demo` instance with nginx + ppxd (tests/integration/lib.sh), the
# demo's postcodes; per size N a generated clubs file (N clubs spread
# over the Netherlands, 3.4-7.2 E, 50.8-53.5 N, three of them next to each
# postcode the requests use, so both sizes render three clubs) imported with
# `ppx import clubs`, then:
#	import   seconds of `ppx import clubs` for N rows
#	cold     ms of the first request after the import (the worker
#	         builds its index of the brand's clubs)
#	render   ms of `ppx render` of one order: a process that builds the
#	         index, renders once and exits
#	wrk      requests/s, p50, p99 of the club touchpoint through nginx,
#	         another order and postcode (bench/clubs.lua) each request
# and the ratio of the 100 000 row to the 100 row.
#
# First bench/clubs_query.c: the index alone, per query, against brute force.
#
# Environment: BENCH_SECONDS (10), BENCH_WARMUP (2), BENCH_CONNS (8),
# BENCH_THREADS (2), BENCH_CLUB_SIZES ("100 100000").
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -u
SRC=$(cd "$(dirname "$0")/.." && pwd)
export srcdir=$SRC
SECS=${BENCH_SECONDS:-10}
WARM=${BENCH_WARMUP:-2}
CONNS=${BENCH_CONNS:-8}
THREADS=${BENCH_THREADS:-2}
SIZES=${BENCH_CLUB_SIZES:-100 100000}
export PPX_NOW=2026-11-23T08:00:00Z

command -v wrk >/dev/null || { echo "bench: wrk not found" >&2; exit 1; }

# The index alone, without the store, the template or the web server.
QBIN=$(mktemp "${TMPDIR:-/tmp}/clubs_query.XXXXXX") || exit 1
if ${CC:-cc} -O2 -I "$SRC/fcgi" -o "$QBIN" "$SRC/bench/clubs_query.c" \
    "$SRC/fcgi/clubs_index.c" -lm; then
	"$QBIN"
else
	echo "bench: cannot build bench/clubs_query.c" >&2
fi
rm -f "$QBIN"

# shellcheck source=../tests/integration/lib.sh
. "$SRC/tests/integration/lib.sh"
itest_start >/dev/null
TP=/v1/brands/demo/touchpoints/club.html

ms_now() { date +%s%N | cut -c1-13; }
field() { echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }

# The postcodes the requests use (clubs.lua picks one at random).
BENCH_PCS="1011 1017 1054 1091 3511 3584 3011 3062 5611 5621 2511 2585 9711 2011 2311 6511 6811 6211"
declare -A IMPORT COLD RENDER REQ P50 P99
for n in $SIZES; do
	# Three clubs 1-2 km from each postcode of clubs.lua, so every size
	# renders three clubs; the rest at random over the country.
	awk -F, -v n="$n" -v want="$BENCH_PCS" '
		BEGIN { srand(1); print "id,name,city,url,lat,lon"
			split(want, w, " "); for (k in w) pc[w[k]] = 1 }
		NR > 1 && ($2 in pc) { for (j = 0; j < 3; j++) {
			printf "a%d,Anchor Club %d,,https://clubs.example/a%d,%.5f,%.5f\n",
			    m, m, m, $3 + 0.009 * (j + 1), $4 + 0.004 * j; m++ } }
		END { for (i = m; i < n; i++)
			printf "b%d,Bench Club %d,,https://clubs.example/b%d,%.5f,%.5f\n",
			    i, i, i, 50.8 + rand() * 2.7, 3.4 + rand() * 3.8 }' \
		"$SRC/plugins/club/demo/postcodes.csv" > "$DIR/clubs-$n.csv"
	t0=$(ms_now)
	itest_ppx import clubs --brand demo "$DIR/clubs-$n.csv" >/dev/null ||
		{ echo "bench: import of $n clubs failed" >&2; exit 1; }
	IMPORT[$n]=$(( $(ms_now) - t0 ))
	t0=$(ms_now)
	code=$(http GET "$TP?order=1&lang=nl&postcode=1011%20AB" \
	    -H "Authorization: Bearer $KEY")
	COLD[$n]=$(( $(ms_now) - t0 ))
	[ "$code" = 200 ] || echo "bench: sample request answered $code" >&2
	t0=$(ms_now)
	for i in 1 2 3 4 5; do
		itest_ppx render --format html --order "$DIR/orders/1042.json" \
		    --touchpoint club demo delivered >/dev/null
	done
	RENDER[$n]=$(( ($(ms_now) - t0) / 5 ))
	wrk -t"$THREADS" -c"$CONNS" -d"${WARM}s" -s "$SRC/bench/clubs.lua" \
	    "$BASE" -- "$TP" "$KEY" "$BENCH_PCS" >/dev/null 2>&1
	wrk -t"$THREADS" -c"$CONNS" -d"${SECS}s" --latency \
	    -s "$SRC/bench/clubs.lua" "$BASE" -- "$TP" "$KEY" "$BENCH_PCS" \
	    >"$DIR/wrk-$n" 2>&1
	line=$(grep '^BENCH ' "$DIR/wrk-$n" | tail -n 1)
	REQ[$n]=$(field req_s "$line")
	P50[$n]=$(field p50_ms "$line")
	P99[$n]=$(field p99_ms "$line")
	bad=$(( $(field non2xx "$line") + $(field sockerr "$line") ))
	[ "$bad" = 0 ] || echo "bench: $n clubs: $bad failed requests" >&2
done

echo
echo "club touchpoint: ${SECS}s per row, $CONNS connections, ppxd --workers ${ITEST_WORKERS}"
printf '%-8s %10s %8s %10s %9s %9s %9s\n' clubs import_ms cold_ms render_ms \
    req_s p50_ms p99_ms
for n in $SIZES; do
	printf '%-8s %10s %8s %10s %9s %9s %9s\n' "$n" "${IMPORT[$n]}" \
	    "${COLD[$n]}" "${RENDER[$n]}" "${REQ[$n]:--}" "${P50[$n]:--}" \
	    "${P99[$n]:--}"
done
set -- $SIZES
if [ $# -ge 2 ] && [ -n "${P50[$1]:-}" ] && [ -n "${P50[$2]:-}" ]; then
	awk -v a="${P50[$2]}" -v b="${P50[$1]}" -v ra="${REQ[$2]}" \
	    -v rb="${REQ[$1]}" -v na="$2" -v nb="$1" 'BEGIN {
		printf "ratio %s/%s clubs: p50 %.2fx, req/s %.2fx\n",
		    na, nb, (b > 0 ? a / b : 0), (rb > 0 ? ra / rb : 0) }'
fi
exit 0	# the trap of lib.sh stops nginx and ppxd and removes $DIR
