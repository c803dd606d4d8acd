#!/bin/bash
# console.sh - the console in a real headless Chromium: tests/browser/
# console.mjs (playwright-core) against ppxd behind nginx.  playwright-core
# is installed with `npm ci` from the committed package-lock.json into
# $abs_top_builddir/tests/browser-run on first use.  Screenshots go to
# $abs_top_builddir/tests/browser-shots/.  Fails (never skips) without
# node, npm or chromium.
. "${srcdir:-.}/tests/integration/lib.sh"

top_src=${abs_top_srcdir:-${srcdir:-.}}
run=$ITEST_TOP/tests/browser-run
SHOTS=$ITEST_TOP/tests/browser-shots
CHROMIUM=${CHROMIUM:-$(command -v chromium)} ||
    itest_die "chromium not found (scripts/deps.sh installs it)"
command -v node >/dev/null 2>&1 || itest_die "node not found"
mkdir -p "$run" "$SHOTS" || itest_die "cannot make $run"
cp -p "$top_src/tests/browser/package.json" \
    "$top_src/tests/browser/package-lock.json" \
    "$top_src/tests/browser/console.mjs" "$run/" || itest_die "cannot copy"
chmod u+w "$run"/*
if [ ! -f "$run/node_modules/playwright-core/package.json" ] ||
    [ "$run/package-lock.json" -nt "$run/node_modules/.package-lock.json" ]; then
	command -v npm >/dev/null 2>&1 || itest_die "npm not found"
	npm ci --prefix "$run" --no-audit --no-fund >&2 ||
	    itest_die "npm ci in $run failed (the npm registry is needed once)"
fi

itest_prepare
PW='a long password 1'
echo "$PW" | itest_ppx user add anne@shop.example --brand demo --role admin ||
    itest_die "ppx user add anne"
echo "$PW" | itest_ppx user add vera@shop.example --brand demo --role viewer ||
    itest_die "ppx user add vera"
itest_ppx brand add other >/dev/null || itest_die "ppx brand add other"
echo "$PW" | itest_ppx user add otto@shop.example --brand other --role admin ||
    itest_die "ppx user add otto"
# A few weeks of clicks for the results page.
for w in 0 1 2 3 4 5; do
	d=$(date -u -d "-$((w * 7)) days" +%F)
	sqlite3 "$DIR/ppx.db" "INSERT INTO clicks (brand, touchpoint, kind, day, n)
	    VALUES ('demo', 'voorpret', 'product', '$d', $((12 + w * 5 % 17))),
	    ('demo', 'voorpret', 'track', '$d', $((4 + w)))" ||
	    itest_die "cannot seed clicks"
done
itest_run

if BASE=$BASE KEY=$KEY PW=$PW SHOTS=$SHOTS CHROMIUM=$CHROMIUM \
    timeout 120 node "$run/console.mjs"; then
	pass "the browser run (screenshots in $SHOTS)"
else
	fail "the browser run (screenshots in $SHOTS)"
fi
itest_done
