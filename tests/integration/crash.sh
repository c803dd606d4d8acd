#!/bin/bash
# crash.sh - crash-proof plugins through real nginx: plugins that
# segfault, abort, hang and leak.  The email still comes (200, the good
# touchpoints, the bad ones in PPX-Omitted) in about the deadline; the
# workers stay; repeated crashes quarantine a plugin in every worker (it is
# then omitted without being called) until the quarantine runs out.
. "${srcdir:-.}/tests/integration/lib.sh"

DEADLINE_MS=1000
QUARANTINE_S=6
T=${abs_top_builddir:-.}/run/test-plugins
ITEST_EXTRA_PLUGINS="$T/segv.so $T/abort.so $T/leak.so $T/hang.so"
itest_prepare
# hang last: it uses up the deadline, which would omit those after it.
for p in segv abort leak hang; do
	itest_ppx touchpoint enable demo shipped "$p" ||
	    itest_die "cannot enable $p"
done
sed -i -e "s|<plugins |<plugins crashes=\"3\" crash-window-s=\"60\" quarantine-s=\"$QUARANTINE_S\" |" \
    "$DIR/ppx.xml"
itest_deadline "$DEADLINE_MS"
grep -q 'quarantine-s=' "$DIR/ppx.xml" || itest_die "could not set the policy"
itest_run

AUTH=(-H "Authorization: Bearer $KEY")
ORDER="order=1042&expected=$(date -u -d '+2 days' +%F)&first_name=Anne&item_name=Runner%2042&category=running-shoes&lang=nl"
S=/v1/brands/demo/stages/shipped.html

# get: one request; status and milliseconds into $CODE and $MS.
get() {
	local out
	out=$("$CURL" -s -o "$DIR/body" -D "$DIR/headers" --max-time 10 \
	    -w '%{http_code} %{time_total}' "${AUTH[@]}" "$BASE$S?$ORDER")
	CODE=${out%% *}
	MS=$(awk -v t="${out#* }" 'BEGIN { printf "%d", t * 1000 }')
}

workers() {
	pgrep -P "$PPXD_PID" | sort | tr '\n' ' '
}

crash_lines() {
	grep -c 'crashed (signal\|still running at the' "$DIR/ppxd.log"
}

before=$(workers)
[ -n "$before" ] || itest_die "no workers under ppxd $PPXD_PID"

# --- 1..2: crashes and a hang cost only their touchpoints ----------------
for i in 1 2; do
	get
	expect_eq 200 "$CODE" "request $i: status"
	omitted=$(header PPX-Omitted)
	for want in segv=error abort=error hang=deadline; do
		case ", $omitted," in
		*", $want,"*) pass "request $i omits $want" ;;
		*) fail "request $i: PPX-Omitted '$omitted' lacks $want" ;;
		esac
	done
	expect_contains "$DIR/body" 'leak:4 MB'
	expect_contains "$DIR/body" '<table'
	# Sanity bound only: the deadline plus 100 ms, plus a CI margin.
	if [ "$MS" -lt $((DEADLINE_MS + 100 + 700)) ]; then
		pass "request $i answered in $MS ms (deadline $DEADLINE_MS ms)"
	else
		fail "request $i took $MS ms (deadline $DEADLINE_MS ms)"
	fi
	[ "$MS" -ge "$DEADLINE_MS" ] &&
	    pass "request $i waited for the hang up to the deadline" ||
	    fail "request $i took $MS ms: the hang was not waited for"
done
expect_contains "$DIR/ppxd.log" 'plugin segv: crashed (signal 11'
expect_contains "$DIR/ppxd.log" 'plugin abort: crashed (signal 6'
expect_contains "$DIR/ppxd.log" "plugin hang: still running at the $DEADLINE_MS ms deadline"
expect_eq "$before" "$(workers)" "the same workers serve (no worker died)"
expect_not_contains "$DIR/ppxd.log" 'killed by signal'

# --- 3: the third crash in the window quarantines, in every worker -------
get
expect_eq 200 "$CODE" "request 3: status"
for p in segv abort hang; do
	expect_contains "$DIR/ppxd.log" "plugin $p: quarantined for $QUARANTINE_S s after 3 crashes"
done
n_before=$(crash_lines)
# More requests than workers: every worker sees the quarantine.
for i in 4 5 6 7; do
	get
	expect_eq 200 "$CODE" "request $i: status"
	# The demo's own touchpoints with nothing to show are not the point.
	expect_eq "segv=unavailable, abort=unavailable, hang=unavailable" \
	    "$(header PPX-Omitted | sed -E 's/[a-z_]+=nodata(, )?//g')" \
	    "request $i: quarantined plugins omitted"
	if [ "$MS" -lt "$DEADLINE_MS" ]; then
		pass "request $i did not wait for the hang ($MS ms)"
	else
		fail "request $i took $MS ms: a quarantined plugin ran"
	fi
done
expect_eq "$n_before" "$(crash_lines)" "no render of a quarantined plugin"

# --- the quarantine runs out ----------------------------------------------
sleep "$QUARANTINE_S"
get
expect_eq 200 "$CODE" "after the quarantine: status"
case ", $(header PPX-Omitted)," in
*", segv=error,"*) pass "after the quarantine segv is called again" ;;
*) fail "after the quarantine: PPX-Omitted '$(header PPX-Omitted)'" ;;
esac
expect_contains "$DIR/ppxd.log" 'plugin segv: quarantine over'

# --- a leak is bounded: a render child past its size is replaced ---------
# Without the crashing ones (they would replace the child every time).
for p in segv abort hang; do
	itest_ppx touchpoint disable demo shipped "$p" ||
	    itest_die "cannot disable $p"
done
for i in $(seq 1 40); do
	get
	[ "$CODE" = 200 ] || fail "leak round $i: status $CODE"
done
expect_contains "$DIR/ppxd.log" 'render child: '
biggest=0
for pid in $(pgrep -P "$PPXD_PID") $(for w in $(workers); do pgrep -P "$w"; done); do
	kb=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
	[ "${kb:-0}" -gt "$biggest" ] && biggest=$kb
done
# 40 renders leaked 160 MB; no process may hold more than the 64 MB cap
# plus one render's leak and some slack.
if [ "$biggest" -lt $(( (64 + 4 + 8) * 1024 )) ]; then
	pass "largest ppxd process after 160 MB of leaks: $((biggest / 1024)) MB"
else
	fail "a ppxd process holds $((biggest / 1024)) MB after the leaks"
fi
expect_eq "$before" "$(workers)" "still the same workers at the end"

# --- no personal data in the log -------------------------------------------
expect_not_contains "$DIR/ppxd.log" 'Anne'
itest_done
