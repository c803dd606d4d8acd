#!/bin/bash
# live_store.sh - a change in the store reaches running workers without a
# reload (PRAGMA data_version), and HUP/TERM behave.
. "${srcdir:-.}/tests/integration/lib.sh"
itest_start

AUTH=(-H "Authorization: Bearer $KEY")
ORDER="order=1042&expected=$(date -u -d '+2 days' +%F)&category=running-shoes"
S=/v1/brands/demo/stages/shipped.xml

expect_status 200 GET "$S?$ORDER" "${AUTH[@]}"
expect_contains "$DIR/body" 'name="voorpret"'
itest_ppx touchpoint disable demo shipped voorpret
# Both workers must see it: ask more often than there are workers.
for i in 1 2 3 4; do
	expect_status 200 GET "$S?$ORDER" "${AUTH[@]}"
	expect_not_contains "$DIR/body" 'name="voorpret"'
done
itest_ppx touchpoint enable demo shipped voorpret
expect_status 200 GET "$S?$ORDER" "${AUTH[@]}"
expect_contains "$DIR/body" 'name="voorpret"'

# A new key works at once; so does a rotated secret, and old URLs stay valid.
new=$(itest_ppx key new demo)
expect_status 200 GET "$S?$ORDER" -H "Authorization: Bearer $new"
old=$(itest_ppx sign demo "$S?$ORDER")
itest_ppx secret new demo >/dev/null
expect_status 200 GET "$(itest_ppx sign demo "$S?$ORDER")"
expect_status 200 GET "$old"

# SIGHUP with a broken config: refused, the old one keeps serving.
cp "$DIR/ppx.xml" "$DIR/ppx.xml.good"
echo '<ppx xmlns="urn:ppx:config:1"><store path="ppx.db"/><bogus/></ppx>' > "$DIR/ppx.xml"
kill -HUP "$PPXD_PID"
sleep 1
expect_status 200 GET "$S?$ORDER" "${AUTH[@]}"
grep -q "ppx.xml:1:" "$DIR/ppxd.log" && pass "reload error names file:line" ||
    fail "no file:line in the log after a bad reload"
cp "$DIR/ppx.xml.good" "$DIR/ppx.xml"
kill -HUP "$PPXD_PID"
sleep 1
expect_status 200 GET "$S?$ORDER" "${AUTH[@]}"

# A killed worker is replaced.
workers=$(pgrep -P "$PPXD_PID" | head -n 1)
kill -KILL "$workers"
sleep 1
n=$(pgrep -P "$PPXD_PID" | wc -l)
expect_eq "$ITEST_WORKERS" "$n" "workers after a SIGKILL"
expect_status 200 GET "$S?$ORDER" "${AUTH[@]}"

# SIGTERM: ppxd exits by itself, promptly.
kill -TERM "$PPXD_PID"
for i in $(seq 50); do kill -0 "$PPXD_PID" 2>/dev/null || break; sleep 0.1; done
kill -0 "$PPXD_PID" 2>/dev/null && fail "ppxd still running 5 s after TERM" ||
    pass "ppxd stopped on TERM"
itest_done
