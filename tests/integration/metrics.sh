#!/bin/bash
# metrics.sh - /metrics through real nginx: the Prometheus text format,
# counts summed over all workers, a crash and a worker restart counted,
# counters that survive a reload, the allow list (403 elsewhere), and a
# bad config on SIGHUP refused with file:line while the old one serves.
. "${srcdir:-.}/tests/integration/lib.sh"

T=${abs_top_builddir:-.}/run/test-plugins
ITEST_EXTRA_PLUGINS="$T/segv.so"
itest_prepare
itest_ppx touchpoint enable demo shipped segv || itest_die "cannot enable segv"
# No quarantine in this test: every request calls segv.
sed -i -e 's|<plugins |<plugins crashes="1000" |' "$DIR/ppx.xml"
itest_run

AUTH=(-H "Authorization: Bearer $KEY")
ORDER="order=1042&expected=$(date -u -d '+2 days' +%F)&first_name=Anne&item_name=Runner%2042&category=running-shoes&lang=nl"
S=/v1/brands/demo/stages/shipped.html

metric() {	# the value of the series named exactly $1 in $DIR/body
	awk -v want="$1" 'index($0, want " ") == 1 { print substr($0, length(want) + 2) }' "$DIR/body"
}

for i in 1 2 3 4; do
	expect_status 200 GET "$S?$ORDER" "${AUTH[@]}"
done
expect_status 401 GET "$S?$ORDER"
expect_status 200 GET /healthz

expect_status 200 GET /metrics
expect_eq "text/plain; version=0.0.4; charset=utf-8" "$(header Content-Type)" "Content-Type"
expect_contains "$DIR/body" '# TYPE ppx_requests_total counter'
expect_contains "$DIR/body" '# TYPE ppx_render_seconds histogram'
# Four requests over two workers: the sum, whichever served them.
expect_eq 4 "$(metric 'ppx_requests_total{brand="demo",stage="shipped",status="200"}')" "200s of demo/shipped"
expect_eq 1 "$(metric 'ppx_requests_total{brand="demo",stage="shipped",status="401"}')" "401s of demo/shipped"
# /healthz: ours, and itest_run's while it waited for ppxd.
n=$(metric 'ppx_requests_total{brand="none",stage="none",status="200"}')
[ "${n:-0}" -ge 1 ] && pass "healthz counted without a brand ($n)" ||
    fail "healthz not counted under brand none: '$n'"
expect_eq 4 "$(metric 'ppx_render_seconds_count{touchpoint="voorpret"}')" "voorpret renders timed"
expect_eq 4 "$(metric 'ppx_render_seconds_bucket{touchpoint="voorpret",le="+Inf"}')" "+Inf bucket = count"
expect_eq 4 "$(metric 'ppx_omitted_total{touchpoint="segv",reason="error"}')" "segv omitted as error"
expect_eq 4 "$(metric 'ppx_plugin_crashes_total{touchpoint="segv",kind="crash"}')" "segv crashes"
expect_eq 0 "$(metric 'ppx_worker_restarts_total{cause="signal"}')" "no worker restarted yet"
expect_eq 0 "$(metric 'ppx_fetch_cache_total{result="hit"}')" "fetch cache hits declared"
expect_not_contains "$DIR/body" 'Anne'
# Every sample line is NAME{...} NUMBER or NAME NUMBER.
if grep -v '^#' "$DIR/body" | grep -qvE '^[a-z_]+(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? [0-9.]+$'; then
	fail "a line is not in the text format: $(grep -v '^#' "$DIR/body" | grep -vE '^[a-z_]+(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? [0-9.]+$' | head -n 1)"
else
	pass "every sample line is in the text format"
fi
expect_status 405 POST /metrics

# --- a worker killed is counted, by the master --------------------------
victim=$(pgrep -P "$PPXD_PID" | head -n 1)
kill -KILL "$victim"
for ((i = 0; i < 50; i++)); do
	[ "$(pgrep -P "$PPXD_PID" | wc -l)" -ge 2 ] &&
	    ! pgrep -P "$PPXD_PID" | grep -qx "$victim" && break
	sleep 0.1
done
expect_status 200 GET /metrics
expect_eq 1 "$(metric 'ppx_worker_restarts_total{cause="signal"}')" "worker restart counted"

# --- a bad config on SIGHUP: refused with file:line, the old one serves ----
cp "$DIR/ppx.xml" "$DIR/ppx.xml.good"
sed -i 's|</ppx>|<metrics allow="10.0.0.0/8 nonsense"/></ppx>|' "$DIR/ppx.xml"
kill -HUP "$PPXD_PID"
for ((i = 0; i < 50; i++)); do
	grep -q 'reload refused' "$DIR/ppxd.log" && break
	sleep 0.1
done
expect_contains "$DIR/ppxd.log" "reload refused, keeping the running config: $DIR/ppx.xml:"
expect_contains "$DIR/ppxd.log" '"nonsense" is not an address or network'
expect_status 200 GET /metrics
expect_status 200 GET "$S?$ORDER" "${AUTH[@]}"

# --- a good one that closes /metrics to us; the counts survive it --------
cp "$DIR/ppx.xml.good" "$DIR/ppx.xml"
sed -i 's|</ppx>|<metrics allow="10.0.0.0/8"/></ppx>|' "$DIR/ppx.xml"
kill -HUP "$PPXD_PID"
for ((i = 0; i < 100; i++)); do
	[ "$(http GET /metrics)" = 403 ] && break
	sleep 0.1
done
expect_status 403 GET /metrics
expect_not_contains "$DIR/body" 'ppx_'
cp "$DIR/ppx.xml.good" "$DIR/ppx.xml"
kill -HUP "$PPXD_PID"
for ((i = 0; i < 100; i++)); do
	[ "$(http GET /metrics)" = 200 ] && break
	sleep 0.1
done
expect_status 200 GET /metrics
# 4 + 1 (after the refused reload): nothing lost in two reloads.
expect_eq 5 "$(metric 'ppx_requests_total{brand="demo",stage="shipped",status="200"}')" "200s kept across reloads"
itest_done
