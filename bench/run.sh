#!/bin/bash
# run.sh - the benchmark (`make bench`, from the build dir).  Reports, never
# gates: it exits 0 whatever the numbers, 1 only if it could not run.
#
# One temp dir, one nginx on 127.0.0.1, three FastCGI peers behind it:
#	/fixed   bench/fixed.c: libfcgi, 2 prefork workers, a fixed 2 KB reply
#	/php     php-fpm (pm static, 2 children) running bench/fragment.php
#	/v1/     ppxd --workers 2 on a `ppx demo` instance
# then wrk (bench/orders.lua: another order on every request) against each:
# fixed, php, ppxd single touchpoint, ppxd whole stages (shipped, delivered).
# See bench/README.md.
#
# Environment: BENCH_SECONDS (10), BENCH_WARMUP (2), BENCH_CONNS (32),
# BENCH_THREADS (2), BENCH_PPXD_WORKERS (2), BENCH_ISOLATE (yes|no: <plugins
# isolate>; default: the config's, yes), BENCH_ROWS (which rows to measure,
# default "fixed php single stage delivered"), PPX and PPXD (default ./ppx and
# ./ppxd of the build dir), BENCH_KEEP=1 keeps the temp dir.
# shellcheck disable=SC2317  # functions reached through traps
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -u


SRC=$(cd "$(dirname "$0")/.." && pwd)
TOP=${abs_top_builddir:-$(pwd)}
PPX=${PPX:-$TOP/ppx}
PPXD=${PPXD:-$TOP/ppxd}
SECS=${BENCH_SECONDS:-10}
WARM=${BENCH_WARMUP:-2}
CONNS=${BENCH_CONNS:-32}
THREADS=${BENCH_THREADS:-2}
WORKERS=2
PPXD_WORKERS=${BENCH_PPXD_WORKERS:-$WORKERS}
ROWS=" ${BENCH_ROWS:-fixed php single stage delivered} "

DIR=
PIDS=()
PHP_WHY=
PPXD_WHY=
PPXD_PID=
PHP_PID=
FIXED_PID=
BASE=
KEY=
RSS=

die() {
	echo "bench: $*" >&2
	exit 1
}

find_prog() {	# NAME...: first one found on PATH or in the sbin dirs
	local n p
	for n in "$@"; do
		p=$(command -v "$n" 2>/dev/null) && { echo "$p"; return 0; }
		for p in /usr/sbin/"$n" /usr/local/sbin/"$n"; do
			[ -x "$p" ] && { echo "$p"; return 0; }
		done
	done
	return 1
}

find_php_fpm() {
	local p
	p=$(find_prog php-fpm) && { echo "$p"; return 0; }
	# Debian names it php-fpmX.Y: take the newest.
	p=$(printf '%s\n' /usr/sbin/php-fpm* | sort -V | tail -n 1)
	[ -n "$p" ] && [ -x "$p" ] && { echo "$p"; return 0; }
	return 1
}

stop_pid() {	# PID: SIGTERM, then SIGKILL (with its children) after 5 s
	local pid=$1 i kids
	[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
	kill -TERM "$pid" 2>/dev/null
	for ((i = 0; i < 50; i++)); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$pid" 2>/dev/null; then
		kids=$(pgrep -P "$pid" 2>/dev/null)
		# shellcheck disable=SC2086
		kill -KILL "$pid" $kids 2>/dev/null
	fi
	wait "$pid" 2>/dev/null
	return 0
}

cleanup() {
	local rc=$? p
	trap - EXIT
	for p in "${PIDS[@]}"; do
		stop_pid "$p"
	done
	if [ -n "$DIR" ] && [ -d "$DIR" ]; then
		if [ "${BENCH_KEEP:-0}" = 1 ]; then
			echo "bench: kept $DIR" >&2
		else
			rm -rf "$DIR"
		fi
	fi
	exit "$rc"
}

wait_socket() {	# PATH PID: until PATH is a socket (10 s), false if PID dies
	local i
	for ((i = 0; i < 100; i++)); do
		[ -S "$1" ] && return 0
		kill -0 "$2" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}

# --- peers -----------------------------------------------------------

start_fixed() {
	# shellcheck disable=SC2046
	cc -O2 "$SRC/bench/fixed.c" $(pkg-config --cflags --libs fcgi) \
	    -o "$DIR/fixed" 2>"$DIR/fixed.build.log" ||
	    die "cannot build bench/fixed.c: $(head -n 1 "$DIR/fixed.build.log")"
	"$DIR/fixed" "unix:$DIR/fixed.sock" "$WORKERS" \
	    </dev/null 2>"$DIR/fixed.log" &
	FIXED_PID=$!
	PIDS+=("$FIXED_PID")
	wait_socket "$DIR/fixed.sock" "$FIXED_PID" || die "fixed did not start"
}

# Sets PHP_PID, or PHP_WHY (why not).
start_php() {
	local fpm user=
	fpm=$(find_php_fpm) || { PHP_WHY="php-fpm not installed"; return 1; }
	[ "$(id -u)" = 0 ] && user=$'user = root\ngroup = root'
	cat > "$DIR/php-fpm.conf" <<EOF
[global]
pid = $DIR/php-fpm.pid
error_log = $DIR/php-fpm.log
daemonize = no

[bench]
$user
listen = $DIR/php.sock
pm = static
pm.max_children = $WORKERS
pm.max_requests = 0
php_admin_flag[log_errors] = on
php_admin_value[error_log] = $DIR/php-errors.log
EOF
	"$fpm" -R -F -y "$DIR/php-fpm.conf" -p "$DIR" \
	    </dev/null >"$DIR/php-fpm.out" 2>&1 &
	PHP_PID=$!
	PIDS+=("$PHP_PID")
	if ! wait_socket "$DIR/php.sock" "$PHP_PID"; then
		PHP_WHY="php-fpm did not start: $(tail -n 1 "$DIR/php-fpm.out")"
		PHP_PID=
		return 1
	fi
}

# Sets PPXD_PID and KEY, or PPXD_WHY (why not).
start_ppxd() {
	if [ ! -x "$PPXD" ] || [ ! -x "$PPX" ]; then
		PPXD_WHY="ppxd: not built (no $PPXD or $PPX)"
		return 1
	fi
	mkdir "$DIR/demo" || { PPXD_WHY="ppxd: cannot mkdir $DIR/demo"; return 1; }
	if ! "$PPX" demo "$DIR/demo" >"$DIR/demo.out" 2>"$DIR/demo.err"; then
		PPXD_WHY="ppxd: ppx demo failed: $(tail -n 1 "$DIR/demo.err")"
		return 1
	fi
	KEY=$(sed -n 's/^key: *//p' "$DIR/demo.out" | head -n 1)
	[ -n "$KEY" ] || { PPXD_WHY="ppxd: ppx demo printed no key"; return 1; }
	# BENCH_ISOLATE=no: plugins render in the worker (the cost of isolation)
	if [ -n "${BENCH_ISOLATE:-}" ]; then
		sed -i "s|<plugins |<plugins isolate=\"$BENCH_ISOLATE\" |" \
		    "$DIR/demo/ppx.xml"
	fi
	"$PPXD" --config "$DIR/demo/ppx.xml" --socket "unix:$DIR/ppxd.sock" \
	    --workers "$PPXD_WORKERS" </dev/null 2>"$DIR/ppxd.log" &
	PPXD_PID=$!
	PIDS+=("$PPXD_PID")
	if ! wait_socket "$DIR/ppxd.sock" "$PPXD_PID"; then
		PPXD_WHY="ppxd: did not start: $(tail -n 1 "$DIR/ppxd.log")"
		PPXD_PID=
		return 1
	fi
}

# --- nginx -----------------------------------------------------------

nginx_conf() {	# PORT
	local t fcgi="include fastcgi_params; fastcgi_keep_conn off;"
	[ "$(id -u)" = 0 ] && echo "user root;"
	cat <<EOF
daemon off;
master_process on;
worker_processes 1;
pid $DIR/nginx.pid;
error_log $DIR/error.log warn;
events { worker_connections 1024; }
http {
	access_log off;
EOF
	for t in client_body proxy fastcgi uwsgi scgi; do
		printf '\t%s_temp_path %s/%s_temp;\n' "$t" "$DIR" "$t"
	done
	cat <<EOF
	server {
		listen 127.0.0.1:$1;
		location = /fixed {
			$fcgi
			fastcgi_pass unix:$DIR/fixed.sock;
		}
		location = /php {
			$fcgi
			fastcgi_param SCRIPT_FILENAME $SRC/bench/fragment.php;
			fastcgi_pass unix:$DIR/php.sock;
		}
		location ~ ^/(v1|r)/ {
			$fcgi
			fastcgi_pass unix:$DIR/ppxd.sock;
		}
		location = /healthz {
			$fcgi
			fastcgi_pass unix:$DIR/ppxd.sock;
		}
		location / { return 404; }
	}
}
EOF
}

start_nginx() {
	local nginx try port pid i
	nginx=$(find_prog nginx) || die "nginx not found (scripts/deps.sh)"
	if [ -r /etc/nginx/fastcgi_params ]; then
		cp /etc/nginx/fastcgi_params "$DIR/fastcgi_params"
	else
		sed -n '/^fastcgi_param/p' "$SRC/tests/integration/lib.sh" \
		    > "$DIR/fastcgi_params"
	fi
	for ((try = 0; try < 10; try++)); do
		port=$((20000 + (RANDOM * 32768 + RANDOM) % 40001))
		(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
		nginx_conf "$port" > "$DIR/nginx.conf"
		"$nginx" -e "$DIR/error.log" -p "$DIR" -c "$DIR/nginx.conf" \
		    </dev/null >"$DIR/nginx.out" 2>&1 &
		pid=$!
		for ((i = 0; i < 50; i++)); do
			kill -0 "$pid" 2>/dev/null || break
			(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
			sleep 0.1
		done
		if kill -0 "$pid" 2>/dev/null; then
			PIDS=("$pid" "${PIDS[@]}")	# stopped first
			BASE=http://127.0.0.1:$port
			return 0
		fi
		wait "$pid" 2>/dev/null
		grep -q 'Address already in use' "$DIR/nginx.out" ||
		    die "nginx did not start: $(tail -n 1 "$DIR/nginx.out")"
	done
	die "nginx: no free port after 10 tries"
}

# --- measuring -------------------------------------------------------

QUERY='?order=1042&lang=nl&expected=2026-11-25&first_name=Anne&sku=RUN-42&item_name=Runner%2042&category=running-shoes&image=https%3A%2F%2Fcdn.shop.example%2Frunner-42.jpg&url=https%3A%2F%2Fshop.example%2Fp%2Frunner-42'

declare -A REQ P50 P99 NON2XX NOTE

# measure NAME PATH [KEY]: warm-up, then the timed run; fills the tables.
measure() {
	local name=$1 path=$2 key=${3:-} code line auth=()
	[ -n "$key" ] && auth=(-H "Authorization: Bearer $key")
	code=$(curl -s -o "$DIR/$name.sample" -w '%{http_code}' --max-time 5 \
	    "${auth[@]}" "$BASE$path$QUERY")
	if [ "$code" != 200 ]; then
		NOTE[$name]="sample request answered $code"
		echo "bench: $name: sample request answered $code" >&2
	fi
	echo "bench: $name: ${WARM}s warm-up, ${SECS}s at $CONNS connections" >&2
	wrk -t"$THREADS" -c"$CONNS" -d"${WARM}s" -s "$SRC/bench/orders.lua" \
	    "$BASE" -- "$path" "$key" >/dev/null 2>&1
	wrk -t"$THREADS" -c"$CONNS" -d"${SECS}s" --latency \
	    -s "$SRC/bench/orders.lua" "$BASE" -- "$path" "$key" \
	    >"$DIR/$name.wrk" 2>&1
	line=$(grep '^BENCH ' "$DIR/$name.wrk" | tail -n 1)
	if [ -z "$line" ]; then
		NOTE[$name]="wrk failed: $(tail -n 1 "$DIR/$name.wrk")"
		return 1
	fi
	REQ[$name]=$(field req_s "$line")
	P50[$name]=$(field p50_ms "$line")
	P99[$name]=$(field p99_ms "$line")
	NON2XX[$name]=$(( $(field non2xx "$line") + $(field sockerr "$line") ))
}

field() {	# KEY LINE: the value of KEY=value in LINE
	echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"
}

ratio() {	# A B: A/B with two decimals, or "-"
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (a == "" || b == "" || b + 0 == 0) print "-";
		else printf "%.2f", a / b }'
}

row() {	# NAME [why-not]
	local n=$1
	if [ -n "${2:-}" ]; then
		printf '%-9s %s\n' "$n" "$2"
	elif [ -z "${REQ[$n]:-}" ]; then
		printf '%-9s %s\n' "$n" "${NOTE[$n]:-no result}"
	else
		printf '%-9s %9.0f %9s %9s %8s %7s%s\n' "$n" "${REQ[$n]}" \
		    "${P50[$n]}" "${P99[$n]}" "${NON2XX[$n]}" \
		    "$(ratio "${REQ[$n]}" "${REQ[fixed]:-}")" \
		    "${NOTE[$n]:+  (${NOTE[$n]})}"
	fi
}

# target WHAT OK: "met" or "MISSED"
target() {
	local what=$1 ok=$2
	if [ "$ok" = - ]; then
		printf '  %-44s %s\n' "$what" "n/a"
	elif [ "$ok" = 1 ]; then
		printf '  %-44s %s\n' "$what" "met"
	else
		printf '  %-44s %s\n' "$what" "MISSED"
	fi
}

cmp() {	# A OP B (floats) -> 1, 0, or - when a value is missing
	awk -v a="$1" -v op="$2" -v b="$3" 'BEGIN {
		if (a == "" || b == "" || a == "-" || b == "-") { print "-"; exit }
		if (op == ">=") print (a + 0 >= b + 0) ? 1 : 0;
		else if (op == "<=") print (a + 0 <= b + 0) ? 1 : 0;
		else print (a + 0 > b + 0) ? 1 : 0 }'
}

worker_rss() {	# PID: "name=KB ..." of PID's children
	local kid out=
	for kid in $(pgrep -P "$1" 2>/dev/null); do
		out="$out $(awk '/^VmRSS:/ { print $2 }' "/proc/$kid/status" 2>/dev/null)"
	done
	echo "$out"
}

# --- main ------------------------------------------------------------

command -v wrk >/dev/null || die "wrk not found (scripts/deps.sh)"
command -v curl >/dev/null || die "curl not found (scripts/deps.sh)"
command -v cc >/dev/null || die "cc not found"
pkg-config --exists fcgi || die "libfcgi-dev not found (scripts/deps.sh)"

DIR=$(mktemp -d "${TMPDIR:-/tmp}/ppx-bench.XXXXXX") || die "mktemp failed"
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start_fixed
start_php
start_ppxd
start_nginx
if [ -n "$PPXD_PID" ]; then
	code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$BASE/healthz")
	[ "$code" = 200 ] || PPXD_WHY="ppxd: /healthz answered $code"
fi

echo "bench: nginx on $BASE, $WORKERS workers for fixed and php," \
    "$PPXD_WORKERS for ppxd, $(nproc) cores" >&2
wanted() {	# NAME: true when NAME is in BENCH_ROWS
	case $ROWS in *" $1 "*) return 0 ;; esac
	NOTE[$1]="not in BENCH_ROWS"
	return 1
}
wanted fixed && measure fixed /fixed
[ -n "$PHP_PID" ] && wanted php && measure php /php
if [ -z "$PPXD_WHY" ]; then
	wanted single &&
	    measure single /v1/brands/demo/touchpoints/voorpret.html "$KEY"
	wanted stage && measure stage /v1/brands/demo/stages/shipped.html "$KEY"
	wanted delivered &&
	    measure delivered /v1/brands/demo/stages/delivered.html "$KEY"
	RSS=$(worker_rss "$PPXD_PID")
	kill -0 "$PPXD_PID" 2>/dev/null ||
	    echo "bench: ppxd died during the run: $(tail -n 1 "$DIR/ppxd.log")" >&2
fi

echo
echo "ppx benchmark: $CONNS connections, $THREADS wrk threads, ${SECS}s per row"
printf '%-9s %9s %9s %9s %8s %7s\n' name req/s p50_ms p99_ms non-2xx ratio
row fixed
row php "${PHP_WHY:+php: $PHP_WHY}"
row single "$PPXD_WHY"
row stage "$PPXD_WHY"
row delivered "$PPXD_WHY"
if [ -n "$PPXD_WHY" ]; then
	echo "ppxd worker RSS: -"
else
	max=0
	for kb in $RSS; do
		[ "$kb" -gt "$max" ] && max=$kb
	done
	echo "ppxd worker RSS (KB):${RSS:- none found}"
fi

echo "targets (reported, not enforced):"
fx=${REQ[fixed]:-}
target "single >= 0.90x fixed ($(ratio "${REQ[single]:-}" "$fx")x)" \
    "$(cmp "$(ratio "${REQ[single]:-}" "$fx")" '>=' 0.90)"
target "stage >= 0.75x fixed ($(ratio "${REQ[stage]:-}" "$fx")x)" \
    "$(cmp "$(ratio "${REQ[stage]:-}" "$fx")" '>=' 0.75)"
target "stage ahead of php" "$(cmp "${REQ[stage]:-}" '>' "${REQ[php]:-}")"
target "single p99 <= 5 ms (${P99[single]:--})" \
    "$(cmp "${P99[single]:-}" '<=' 5)"
target "stage p99 <= 5 ms (${P99[stage]:--})" \
    "$(cmp "${P99[stage]:-}" '<=' 5)"
if [ -z "$PPXD_WHY" ] && [ -n "${RSS// /}" ]; then
	target "worker RSS <= 20 MB ($(awk -v k="$max" \
	    'BEGIN { printf "%.1f", k / 1024 }') MB max)" \
	    "$(cmp "$max" '<=' 20480)"
else
	target "worker RSS <= 20 MB" -
fi
exit 0
