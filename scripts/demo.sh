#!/usr/bin/env bash
# demo.sh - set up and run the ppx demo on a Debian 12 machine: install
# what is needed, build, create a demo instance (`ppx demo`), start ppxd
# behind a real nginx on 127.0.0.1, and print working URLs.
#
# usage: scripts/demo.sh          start (or restart) the demo
#        scripts/demo.sh stop     stop it
# PPX_DEMO_PORT (default 8080) picks nginx's port.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
state=${TMPDIR:-/tmp}/ppx-demo.state

stop() {
	local dir pid
	[ -f "$state" ] || return 0
	dir=$(cat "$state")
	for pid in $(cat "$dir/pids" 2>/dev/null); do
		kill -TERM "$pid" 2>/dev/null || true
	done
	sleep 0.5
	rm -rf "$dir" "$state"
	echo "demo stopped"
}

if [ "${1:-}" = stop ]; then
	stop
	exit 0
fi
stop >/dev/null

cd "$top"
bash scripts/deps.sh
[ -x configure ] || autoreconf -fi >/dev/null
mkdir -p build/demo
(cd build/demo && { [ -f Makefile ] || ./../../configure -q; } &&
    make -s -j"$(nproc)" >/dev/null && make -s run-tree >/dev/null)

export abs_top_builddir=$top/build/demo srcdir=$top
# shellcheck source=tests/integration/lib.sh
. "$top/tests/integration/lib.sh"
itest_random_port() { echo "${PPX_DEMO_PORT:-8080}"; }
itest_prepare
# The manual touchpoint's feed comes from the demo's own nginx (the demo
# has no internet): files of plugins/manual/demo/, plain http on
# loopback, allowed for the demo only.
export PPX_FEED_ALLOW_HTTP=1
itest_run
cat >> "$DIR/ppx-locations.conf" <<EOF
location /demo-feeds/manual/ {
	alias $top/plugins/manual/demo/;
	default_type application/json;
}
EOF
kill -HUP "$NGINX_PID"
itest_ppx brand set demo manual.url "$BASE/demo-feeds/manual/{key}.json"
itest_ppx brand set demo feed.allow_hosts "${BASE#http://}"
# The demo outlives this script: no cleanup on exit.
trap - EXIT INT TERM
echo "$PPXD_PID $NGINX_PID" > "$DIR/pids"
echo "$DIR" > "$state"

cat <<EOT

ppx demo is running: ppxd (pid $PPXD_PID) behind nginx (pid $NGINX_PID), instance in $DIR

  One mail per stage of order 1042, brand demo, in Dutch (signed URLs):
EOT
failed=0
for path in "${ITEST_URLS[@]}"; do
	stage=${path#*/stages/}
	stage=${stage%%.*}
	code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$path")
	[ "$code" = 200 ] || failed=1
	printf '    %-17s (HTTP %s) %s\n' "$stage" "$code" "$BASE$path"
done
cat <<EOT

  Same block as plain text, XML or JSON: change .html to .txt, .xml or .json
  in a URL signed for that format, e.g.:
    $PPX -c $DIR/ppx.xml sign demo '/v1/brands/demo/stages/shipped.json?order=1042&expected=$(date -u -d '+2 days' +%F)'
  or with the API key:
    curl -H 'Authorization: Bearer $KEY' '$BASE/v1/brands/demo/stages/out_for_delivery.txt?order=1043&lang=en&expected=$(date -u +%F)'

  The marketer console: $BASE/admin/ after
    $PPX -c $DIR/ppx.xml user add you@shop.example --brand demo --role admin

  Stop: scripts/demo.sh stop
EOT
[ "$failed" = 0 ]
