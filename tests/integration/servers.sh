#!/bin/bash
# servers.sh SERVER - run the integration scenarios again with another web
# server in front of ppxd (ITEST_SERVER=SERVER, see lib.sh): one automake
# test per server (apache_proxy.sh, apache_fcgid.sh), failing when any
# scenario fails under it.  Each scenario's own lines are shown, indented.
#
# ITEST_SCENARIOS (optional) replaces the list below, e.g. to run one:
#	ITEST_SCENARIOS=surface make check TESTS=tests/integration/apache_proxy.sh

server=${1:?usage: servers.sh nginx|apache-proxy|apache-fcgid}
here=${srcdir:-.}/tests/integration
# Every scenario that talks to ppxd through the web server.
scenarios=${ITEST_SCENARIOS:-surface golden live_store sdk share recycle club manual metrics hostile crash console}
failed=
ran=0
for s in $scenarios; do
	if [ ! -f "$here/$s.sh" ]; then
		echo "FAIL: no scenario $here/$s.sh"
		failed="$failed $s"
		continue
	fi
	echo "# --- $s.sh under $server"
	ITEST_SERVER=$server bash "$here/$s.sh" 2>&1 | sed 's/^/  /'
	rc=${PIPESTATUS[0]}
	ran=$((ran + 1))
	if [ "$rc" = 0 ]; then
		echo "ok: $s.sh under $server"
	else
		echo "FAIL: $s.sh under $server (exit $rc)"
		failed="$failed $s"
	fi
done
if [ -n "$failed" ] || [ "$ran" = 0 ]; then
	echo "$server: failed:${failed:- nothing ran}"
	exit 1
fi
echo "$server: all $ran scenarios passed"
