#!/bin/bash
# run.sh - the load and fault test (`make check-load`, from the build dir;
# not part of `make check`).  Reports, and fails only on what must never
# happen.
#
# A demo instance behind real nginx (tests/integration/lib.sh), LOAD_CONNS
# (32) connections for LOAD_SECONDS (60) with wrk and bench/orders.lua
# (another order on every request) against a whole stage, while
#	every second   a random ppxd worker gets SIGKILL
#	every 5 s      the master gets SIGHUP (a reload)
# and once, half-way, the config is made bad on purpose and sent SIGHUP.
#
# Reported: requests, req/s, p99; non-2xx answers split into those nginx
# logs as the upstream going away mid-request (requests in flight in a
# killed worker: at most one per kill, since a worker serves one connection
# at a time) and all others.  Fails (exit 1) when there is any other
# non-2xx, when a non-2xx outnumbers the kills, or when the bad config was
# not refused with FILE:LINE while the old one kept serving.
#
# Environment: LOAD_SECONDS (60), LOAD_CONNS (32), LOAD_THREADS (2),
# ITEST_WORKERS (4), ITEST_KEEP=1 keeps the temp dir.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
SRC=$(cd "$(dirname "$0")/../.." && pwd)
srcdir=$SRC
SECS=${LOAD_SECONDS:-60}
CONNS=${LOAD_CONNS:-32}
THREADS=${LOAD_THREADS:-2}
ITEST_WORKERS=${ITEST_WORKERS:-4}
. "$SRC/tests/integration/lib.sh"
. "$SRC/tests/integration/links_lib.sh"

command -v wrk >/dev/null || itest_die "wrk not found (scripts/deps.sh)"
itest_start
STAGE=/v1/brands/demo/stages/shipped.html
BAD_OK=0

kill_loop() {	# SIGKILL a random worker every second, SIGHUP every 5 s
	local t=0 victims victim
	while [ "$t" -lt "$SECS" ]; do
		sleep 1
		t=$((t + 1))
		mapfile -t victims < <(pgrep -P "$PPXD_PID")
		if [ "${#victims[@]}" -gt 0 ]; then
			victim=${victims[RANDOM % ${#victims[@]}]}
			kill -KILL "$victim" 2>/dev/null && echo kill >> "$DIR/faults"
		fi
		if [ $((t % 5)) = 0 ] && [ "$t" != $((SECS / 2)) ]; then
			kill -HUP "$PPXD_PID" && echo hup >> "$DIR/faults"
		fi
		if [ "$t" = $((SECS / 2)) ]; then
			bad_config
		fi
	done
}

# Half-way: a config broken on purpose must be refused with FILE:LINE
# while the running one keeps serving; then the good one goes back.
bad_config() {
	local code
	cp "$DIR/ppx.xml" "$DIR/ppx.xml.good"
	sed -i 's|<workers count="[0-9]*"/>|<workers count="0"/>|' "$DIR/ppx.xml"
	grep -q 'count="0"' "$DIR/ppx.xml" ||
	    sed -i 's|</ppx>|<workers count="0"/></ppx>|' "$DIR/ppx.xml"
	kill -HUP "$PPXD_PID"
	echo badhup >> "$DIR/faults"
	sleep 0.5
	code=$("$CURL" -s -o /dev/null -w '%{http_code}' --max-time 5 \
	    -H "Authorization: Bearer $KEY" "$BASE$STAGE?order=1")
	if grep -q "reload refused, keeping the running config: $DIR/ppx.xml:[0-9]*: " \
	    "$DIR/ppxd.log" && [ "$code" = 200 ]; then
		echo ok > "$DIR/bad_config"
	else
		echo "refused=$(grep -c 'reload refused' "$DIR/ppxd.log") status=$code" \
		    > "$DIR/bad_config"
	fi
	cp "$DIR/ppx.xml.good" "$DIR/ppx.xml"
}

# Events beside the load: a click on a tracked link and a recycling code
# for a new order, one after the other; each one acknowledged (a 302, a
# 200 that shows the code) must be in the store after all the kills.
events_loop() {
	local i=0 code
	while [ -f "$DIR/running" ]; do
		i=$((i + 1))
		code=$("$CURL" -s -o /dev/null -w '%{http_code}' --max-time 5 "$CLICK")
		[ "$code" = 302 ] && echo click >> "$DIR/clicks.acked"
		code=$("$CURL" -s -o "$DIR/event.body" -w '%{http_code}' --max-time 5 \
		    -H "Authorization: Bearer $KEY" \
		    "$BASE/v1/brands/demo/touchpoints/recycle.html?order=load-$i&sku=RUN-42&item_name=Runner&category=running-shoes")
		if [ "$code" = 200 ] && grep -q 'RC-' "$DIR/event.body"; then
			echo "load-$i" >> "$DIR/codes.acked"
		fi
	done
}
"$CURL" -s -o "$DIR/share.body" -H "Authorization: Bearer $KEY" \
    "$BASE/v1/brands/demo/touchpoints/share.html?order=1&item_name=Shoe&url=https%3A%2F%2Fshop.example%2Fp%2F1"
CLICK=$(grep -o 'href="[^"]*/r/[^"]*"' "$DIR/share.body" | head -n 1 | cut -d'"' -f2)
[ -n "$CLICK" ] || itest_die "no tracked link in the share fragment"
CLICK_KIND=$(links_payload "${CLICK##*/r/}" | sed -n 3p)
: > "$DIR/clicks.acked"
: > "$DIR/codes.acked"
touch "$DIR/running"
events_loop &
EVENTS=$!

: > "$DIR/faults"
kill_loop &
KILLER=$!
wrk -t"$THREADS" -c"$CONNS" -d"${SECS}s" --latency \
    -s "$SRC/bench/orders.lua" "$BASE" -- "$STAGE" "$KEY" > "$DIR/wrk.out" 2>&1
wait "$KILLER"
rm -f "$DIR/running"
wait "$EVENTS"
clicks_acked=$(wc -l < "$DIR/clicks.acked")
clicks_stored=$(sqlite3 "$DIR/ppx.db" "SELECT coalesce(sum(n), 0) FROM clicks WHERE brand = 'demo' AND kind = '$CLICK_KIND'")
codes_acked=$(wc -l < "$DIR/codes.acked")
codes_missing=0
while read -r id; do
	[ "$(sqlite3 "$DIR/ppx.db" "SELECT count(*) FROM codes WHERE brand = 'demo' AND order_id = '$id'")" = 1 ] ||
	    codes_missing=$((codes_missing + 1))
done < "$DIR/codes.acked"

line=$(grep '^BENCH ' "$DIR/wrk.out" | tail -n 1)
[ -n "$line" ] || itest_die "wrk gave no result: $(tail -n 3 "$DIR/wrk.out")"
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $line"; }
kills=$(grep -c '^kill$' "$DIR/faults")
hups=$(grep -c '^hup$' "$DIR/faults")
# nginx's view of every answer (combined format: status is field 9).
total_logged=$(wc -l < "$DIR/access.log")
# The click loop's 302s are answers as meant.
non2xx=$(awk '$9 !~ /^[23]/' "$DIR/access.log" | wc -l)
in_flight=$(grep -cE 'upstream prematurely closed|Connection reset by peer|Broken pipe' \
    "$DIR/error.log")
n502=$(awk '$9 == 502' "$DIR/access.log" | wc -l)
# 499: the client closed first - wrk's connections cut off as its run ends
# (at most one per connection), or a curl of the event loop timing out.
n499=$(awk '$9 == 499' "$DIR/access.log" | wc -l)
other=$((non2xx - n502 - n499))
by_status=$(awk '$9 !~ /^[23]/ { n[$9]++ } END { for (s in n) printf "%s:%d ", s, n[s] }' \
    "$DIR/access.log")

echo "load: $CONNS connections, ${SECS}s, $ITEST_WORKERS workers, stage $STAGE"
echo "faults: $kills SIGKILLs of a worker, $hups SIGHUPs, 1 SIGHUP with a bad config"
echo "requests: $(field requests) ($(field req_s) req/s), p50 $(field p50_ms) ms, p99 $(field p99_ms) ms"
echo "nginx logged $total_logged answers; non-2xx: $non2xx (${by_status:-none})"
echo "  502 with the worker gone mid-request (in flight in a killed worker): $n502 (error.log lines: $in_flight)"
echo "  499 (the client gave up first: wrk's end of run): $n499"
echo "  other non-2xx: $other"
echo "bad config on SIGHUP: $(cat "$DIR/bad_config" 2>/dev/null || echo 'not tried')"
grep 'reload refused' "$DIR/ppxd.log" | head -n 1 | sed 's/^/  log: /'
echo "events acknowledged during the faults: $clicks_acked clicks (store counts $clicks_stored), $codes_acked recycling codes ($codes_missing missing from the store)"

rc=0
[ "$other" -eq 0 ] || { echo "FAIL: $other non-2xx not explained by a kill"; rc=1; }
[ "$n502" -le "$kills" ] || { echo "FAIL: $n502 502s for $kills kills"; rc=1; }
[ "$n499" -le "$CONNS" ] ||
    { echo "FAIL: $n499 requests given up by the client (at most $CONNS at wrk's end)"; rc=1; }
[ "$(cat "$DIR/bad_config" 2>/dev/null)" = ok ] ||
    { echo "FAIL: the bad config was not refused cleanly"; rc=1; }
[ "$clicks_stored" -ge "$clicks_acked" ] ||
    { echo "FAIL: $clicks_acked clicks answered, $clicks_stored in the store"; rc=1; }
[ "$codes_missing" -eq 0 ] ||
    { echo "FAIL: $codes_missing acknowledged codes not in the store"; rc=1; }
[ "$rc" = 0 ] && echo "load test: ok"
exit "$rc"
