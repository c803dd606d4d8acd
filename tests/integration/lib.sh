# shellcheck shell=bash
# lib.sh - harness for the integration tests: a demo instance, ppxd and a
# real web server (nginx, or Apache with mod_proxy_fcgi or mod_fcgid) in
# one temp dir, plus small HTTP and assertion helpers.
#
# A test is one scenario in tests/integration/NAME.sh, run by automake's
# test driver from the build dir:
#
#	#!/bin/bash
#	. "${srcdir:-.}/tests/integration/lib.sh"
#	itest_start
#	expect_status 200 GET /healthz
#	expect_status 401 GET "/v1/brands/demo/stages/shipped.html?order=1"
#	expect_status 200 GET "/v1/brands/demo/stages/shipped.html?order=1" \
#	    -H "Authorization: Bearer $KEY"
#	expect_contains "$DIR/body" '<table'
#	itest_done
#
# itest_start = itest_prepare (temp dir, `ppx demo`, extra plugins) then
# itest_run (ppxd and the web server, wait for /healthz).  A test that needs another
# config calls the two itself and edits "$DIR/ppx.xml" in between.
#
# Environment (all optional):
#	abs_top_builddir, srcdir  build and source tree (default: . for both)
#	PPX, PPXD, NGINX, CURL    the programs (default: the build tree's, PATH's)
#	APACHE, APACHE_MODULES    apache2 and its module dir (default: PATH's,
#	                          /usr/lib/apache2/modules)
#	ITEST_SERVER              the web server in front of ppxd:
#	                          nginx (default)  conf/nginx-ppx.conf, ppxd on
#	                                           a unix socket;
#	                          apache-proxy     conf/apache-proxy-fcgi.conf,
#	                                           ppxd on a unix socket;
#	                          apache-fcgid     conf/apache-fcgid.conf:
#	                                           Apache spawns ppxd with the
#	                                           socket as fd 0 (at most one
#	                                           ppxd, ITEST_WORKERS workers)
#	ITEST_WORKERS             ppxd --workers (default 2)
#	ITEST_PPXD_ARGS           more ppxd arguments, split on spaces
#	ITEST_EXTRA_PLUGINS       "a.so b.so": copied into the instance's plugin
#	                          dir (a fresh $DIR/plugins) before ppxd starts
#	ITEST_SOCKET_ACTIVATE=1   start ppxd (nginx, apache-proxy) through
#	                          systemd-socket-activate: no --socket, the
#	                          listening socket comes as fd 3 (LISTEN_FDS)
#	ITEST_KEEP=1              keep the temp dir (its path is printed)
#	ITEST_DEADLINE_MS         the render deadline in ppx.xml (make check
#	                          sets 4000 for sanitizers on a busy machine;
#	                          unset: the demo's, 800; tests of the
#	                          deadline set theirs with itest_deadline MS)
#
# Exports after itest_start: DIR, BASE (http://127.0.0.1:PORT), KEY (the
# demo's Bearer key), PPXD_PID (the ppxd master; under apache-fcgid the one
# Apache spawned), NGINX_PID (the web server's main process, whichever
# server it is), ITEST_SERVER; ITEST_URLS (array: the demo's signed `url:`
# lines).  ppxd's stderr is $DIR/ppxd.log under every server.  Requires
# bash, curl and the chosen server; a missing one fails the test (exit 1),
# it never skips.

ITEST_TOP=${abs_top_builddir:-$(pwd)}
ITEST_SRC=${srcdir:-.}
PPX=${PPX:-$ITEST_TOP/ppx}
PPXD=${PPXD:-$ITEST_TOP/ppxd}
ITEST_WORKERS=${ITEST_WORKERS:-2}
ITEST_SERVER=${ITEST_SERVER:-nginx}
APACHE_MODULES=${APACHE_MODULES:-/usr/lib/apache2/modules}
ITEST_PASSED=0
ITEST_FAILED=0
ITEST_FAILURES=	# the FAIL lines, repeated by itest_done
ITEST_URLS=()
DIR=
BASE=
KEY=
PPXD_PID=
NGINX_PID=
APACHE=${APACHE:-}

# --- internals -------------------------------------------------------

itest_die() {
	echo "FAIL: $*"
	exit 1
}

itest_find_prog() {	# NAME -> path on PATH or in the sbin dirs
	local p
	p=$(command -v "$1" 2>/dev/null) && { echo "$p"; return 0; }
	for p in /usr/sbin/"$1" /usr/local/sbin/"$1" /sbin/"$1"; do
		[ -x "$p" ] && { echo "$p"; return 0; }
	done
	return 1
}

itest_stop_pid() {	# PID: SIGTERM, then SIGKILL after 5 s
	local pid=$1 i kids
	[ -n "$pid" ] || return 0
	kill -0 "$pid" 2>/dev/null || return 0
	kill -TERM "$pid" 2>/dev/null
	for ((i = 0; i < 50; i++)); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$pid" 2>/dev/null; then
		# Its workers too: they would keep the socket open forever.
		kids=$(pgrep -P "$pid" 2>/dev/null)
		echo "# $pid ignored SIGTERM for 5 s: SIGKILL" >&2
		# shellcheck disable=SC2086
		kill -KILL "$pid" $kids 2>/dev/null
	fi
	wait "$pid" 2>/dev/null
	return 0
}

itest_cleanup() {
	local rc=$? bugs
	trap - EXIT
	itest_stop_pid "$NGINX_PID"
	itest_stop_pid "$PPXD_PID"
	if [ "$ITEST_SERVER" = apache-fcgid ] && [ -n "$DIR" ] &&
	    [ -f "$DIR/ppxd.pid" ]; then
		# One Apache spawned again after a test stopped the first.
		itest_stop_pid "$(cat "$DIR/ppxd.pid")"
	fi
	if [ -n "$DIR" ] && [ -d "$DIR" ]; then
		# Lines ppxd logs only for a bug of its own: any fails the test.
		bugs=$(grep -E 'store: (a statement was left running|a transaction was left open|store_prepare: more than)' \
		    "$DIR/ppxd.log" 2>/dev/null | head -n 5)
		if [ -n "$bugs" ]; then
			echo "$bugs" | sed 's/^/FAIL: ppxd logged: /'
			rc=1
		fi
		if [ "$ITEST_FAILED" -gt 0 ] || [ "$rc" -ne 0 ]; then
			itest_show_logs
		fi
		rm -f "$DIR.demo.out" "$DIR.demo.err"
		if [ "${ITEST_KEEP:-0}" = 1 ]; then
			echo "# kept $DIR" >&2
		else
			rm -rf "$DIR"
		fi
	fi
	exit "$rc"
}

itest_show_logs() {
	local f
	# ppxd's warnings and errors from the whole run: a tail can miss the
	# one that explains an early failure.
	if grep -qE ': (warning|error): ' "$DIR/ppxd.log" 2>/dev/null; then
		echo "# --- warnings and errors in ppxd.log (last 20)" >&2
		grep -E ': (warning|error): ' "$DIR/ppxd.log" | tail -n 20 |
		    sed 's/^/# /' >&2
	fi
	for f in "$DIR/demo.err" "$DIR/ppxd.log" "$DIR/nginx.out" \
	    "$DIR/apache.out" "$DIR/error.log"; do
		[ -s "$f" ] || continue
		echo "# --- last lines of ${f##*/}" >&2
		tail -n 20 "$f" | sed 's/^/# /' >&2
	done
}

# itest_deadline MS: the render deadline in $DIR/ppx.xml, replacing any.
itest_deadline() {
	sed -i -e '/^[[:space:]]*<limits deadline-ms="[0-9]*"\/>$/d' \
	    -e "s|</ppx>|  <limits deadline-ms=\"$1\"/>\n</ppx>|" "$DIR/ppx.xml" ||
	    itest_die "cannot set the deadline in $DIR/ppx.xml"
	[ "$(grep -c "<limits deadline-ms=\"$1\"/>" "$DIR/ppx.xml")" = 1 ] ||
	    itest_die "no single <limits deadline-ms=\"$1\"/> in $DIR/ppx.xml"
}

itest_random_port() {
	echo $((20000 + (RANDOM * 32768 + RANDOM) % 40001))
}

itest_port_busy() {	# PORT: true when something listens on 127.0.0.1:PORT
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Print the nginx.conf for PORT.  The ppx locations come from the shipped
# conf/nginx-ppx.conf with only the socket path changed.
itest_nginx_conf() {
	local port=$1 t
	if [ "$(id -u)" = 0 ]; then
		# nginx workers would run as nobody and could not reach the
		# socket inside our 0700 temp dir.
		echo "user root;"
	fi
	cat <<EOF
daemon off;
master_process on;
worker_processes 1;
pid $DIR/nginx.pid;
error_log $DIR/error.log warn;
events { worker_connections 256; }
http {
	access_log $DIR/access.log;
EOF
	for t in client_body proxy fastcgi uwsgi scgi; do
		printf '\t%s_temp_path %s/%s_temp;\n' "$t" "$DIR" "$t"
	done
	cat <<EOF
	server {
		listen 127.0.0.1:$port;
		server_name localhost;
		include $DIR/ppx-locations.conf;
		location / { return 404; }
	}
}
EOF
}

# fastcgi_params beside nginx.conf: the system's, or the usual set inline.
itest_fastcgi_params() {
	if [ -r /etc/nginx/fastcgi_params ]; then
		cp /etc/nginx/fastcgi_params "$DIR/fastcgi_params"
		return
	fi
	cat > "$DIR/fastcgi_params" <<'EOF'
fastcgi_param QUERY_STRING $query_string;
fastcgi_param REQUEST_METHOD $request_method;
fastcgi_param CONTENT_TYPE $content_type;
fastcgi_param CONTENT_LENGTH $content_length;
fastcgi_param SCRIPT_NAME $fastcgi_script_name;
fastcgi_param REQUEST_URI $request_uri;
fastcgi_param DOCUMENT_URI $document_uri;
fastcgi_param SERVER_PROTOCOL $server_protocol;
fastcgi_param REQUEST_SCHEME $scheme;
fastcgi_param HTTPS $https if_not_empty;
fastcgi_param GATEWAY_INTERFACE CGI/1.1;
fastcgi_param REMOTE_ADDR $remote_addr;
fastcgi_param REMOTE_PORT $remote_port;
fastcgi_param SERVER_ADDR $server_addr;
fastcgi_param SERVER_PORT $server_port;
fastcgi_param SERVER_NAME $server_name;
EOF
}

# Rewrite <plugins dir="..."> to a fresh $DIR/plugins holding copies of the
# configured plugins plus ITEST_EXTRA_PLUGINS.  When the config names its
# plugins (<plugin name="x"/> children), the extra ones are named too.
itest_extra_plugins() {
	local conf=$DIR/ppx.xml old so n tdir names=""
	old=$(xmllint --xpath 'string(//*[local-name()="plugins"]/@dir)' \
	    "$conf" 2>/dev/null) || old=
	[ -n "$old" ] ||
	    itest_die "ITEST_EXTRA_PLUGINS: no <plugins dir=\"...\"> in $conf"
	case $old in
	/*) ;;
	*) old=$DIR/$old ;;
	esac
	[ -d "$old" ] ||
	    itest_die "ITEST_EXTRA_PLUGINS: plugin dir $old does not exist"
	mkdir -p "$DIR/plugins" || itest_die "cannot make $DIR/plugins"
	if [ "$old" != "$DIR/plugins" ]; then
		cp "$old"/*.so "$DIR/plugins/" 2>/dev/null
	fi
	# Their templates (NAME.xsl beside NAME.so) join the configured ones.
	tdir=$(xmllint --xpath 'string(//*[local-name()="templates"]/@dir)' \
	    "$conf" 2>/dev/null) || tdir=
	mkdir -p "$DIR/templates" || itest_die "cannot make $DIR/templates"
	[ -n "$tdir" ] && cp -r "$tdir"/. "$DIR/templates/"
	for so in $ITEST_EXTRA_PLUGINS; do
		[ -f "$so" ] || itest_die "ITEST_EXTRA_PLUGINS: no such file: $so"
		cp "$so" "$DIR/plugins/" || itest_die "cannot copy $so"
		[ -f "${so%.so}.xsl" ] && cp "${so%.so}.xsl" "$DIR/templates/"
		n=${so##*/}
		names="$names<n>${n%.so}</n>"
	done
	cat > "$DIR/plugins.xsl" <<EOF
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:template match="@*|node()">
  <xsl:copy><xsl:apply-templates select="@*|node()"/></xsl:copy>
</xsl:template>
<xsl:template match="*[local-name()='plugins']/@dir">
  <xsl:attribute name="dir">$DIR/plugins</xsl:attribute>
</xsl:template>
<xsl:template match="*[local-name()='templates']/@dir">
  <xsl:attribute name="dir">$DIR/templates</xsl:attribute>
</xsl:template>
<xsl:template match="*[local-name()='plugins'][*[local-name()='plugin']]">
  <xsl:variable name="ns" select="namespace-uri()"/>
  <xsl:variable name="have" select="*[local-name()='plugin']/@name"/>
  <xsl:copy>
    <xsl:apply-templates select="@*|node()"/>
    <xsl:for-each select="document('')//n[not(. = \$have)]">
      <xsl:element name="plugin" namespace="{\$ns}">
        <xsl:attribute name="name"><xsl:value-of select="."/></xsl:attribute>
      </xsl:element>
    </xsl:for-each>
  </xsl:copy>
</xsl:template>
<xsl:template name="names">$names</xsl:template>
</xsl:stylesheet>
EOF
	if ! xsltproc -o "$conf.new" "$DIR/plugins.xsl" "$conf" \
	    2>"$DIR/plugins.err"; then
		itest_die "cannot rewrite $conf: $(head -n 1 "$DIR/plugins.err")"
	fi
	mv -f "$conf.new" "$conf" || itest_die "cannot replace $conf"
}

itest_start_ppxd() {
	local i ssa v how=()
	if [ "${ITEST_SOCKET_ACTIVATE:-0}" = 1 ]; then
		# systemd's own tool binds the socket, then execs ppxd (same
		# pid) with LISTEN_FDS=1 LISTEN_PID=$$ and fd 3, as systemd
		# does for ppxd.socket; it passes on only what -E names.
		ssa=$(itest_find_prog systemd-socket-activate) ||
		    itest_die "systemd-socket-activate not found (scripts/deps.sh installs systemd)"
		how=("$ssa" -l "$DIR/ppxd.sock")
		for v in $(itest_env_names); do
			how+=(-E "$v=${!v}")
		done
		how+=("$PPXD")
	else
		how=("$PPXD" --socket "unix:$DIR/ppxd.sock")
	fi
	# shellcheck disable=SC2086
	"${how[@]}" --config "$DIR/ppx.xml" \
	    --workers "$ITEST_WORKERS" ${ITEST_PPXD_ARGS:-} \
	    </dev/null >>"$DIR/ppxd.log" 2>&1 &
	PPXD_PID=$!
	for ((i = 0; i < 100; i++)); do
		[ -S "$DIR/ppxd.sock" ] && return 0
		kill -0 "$PPXD_PID" 2>/dev/null ||
		    itest_die "ppxd exited at start (see ppxd.log)"
		sleep 0.1
	done
	itest_die "ppxd: no socket $DIR/ppxd.sock after 10 s"
}

# Start nginx on a random free port; retry on a port race (bind failure).
itest_start_nginx() {
	local try port i
	sed "s|unix:/run/ppx/ppxd.sock|unix:$DIR/ppxd.sock|g" \
	    "$ITEST_SRC/conf/nginx-ppx.conf" > "$DIR/ppx-locations.conf" ||
	    itest_die "cannot read $ITEST_SRC/conf/nginx-ppx.conf"
	itest_fastcgi_params
	for ((try = 0; try < 10; try++)); do
		port=$(itest_random_port)
		itest_port_busy "$port" && continue
		itest_nginx_conf "$port" > "$DIR/nginx.conf"
		: > "$DIR/error.log"
		: > "$DIR/nginx.out"
		"$NGINX" -e "$DIR/error.log" -p "$DIR" -c "$DIR/nginx.conf" \
		    </dev/null >>"$DIR/nginx.out" 2>&1 &
		NGINX_PID=$!
		for ((i = 0; i < 50; i++)); do
			kill -0 "$NGINX_PID" 2>/dev/null || break
			itest_port_busy "$port" && break
			sleep 0.1
		done
		if kill -0 "$NGINX_PID" 2>/dev/null; then
			BASE=http://127.0.0.1:$port
			return 0
		fi
		wait "$NGINX_PID" 2>/dev/null
		NGINX_PID=
		grep -q 'Address already in use' "$DIR/error.log" "$DIR/nginx.out" ||
		    itest_die "nginx did not start: $(cat "$DIR/nginx.out" \
		    "$DIR/error.log" | tail -n 1)"
	done
	itest_die "nginx: no free port after 10 tries"
}

# Apache's httpd.conf for PORT: a private instance (ServerRoot, pid file,
# runtime dir, logs all in $DIR) with the shipped ppx snippet, the socket
# path or ppxd command rewritten, included as $DIR/ppx-apache.conf.
itest_apache_conf() {
	local port=$1 m
	echo "ServerRoot \"$DIR\""
	echo "ServerName localhost"
	echo "Listen 127.0.0.1:$port"
	echo "PidFile \"$DIR/apache.pid\""
	echo "DefaultRuntimeDir \"$DIR/apache-run\""
	echo "ErrorLog \"$DIR/error.log\""
	echo "LogLevel warn"
	echo "LogFormat \"%h \\\"%r\\\" %>s %b\" short"
	echo "CustomLog \"$DIR/access.log\" short"
	echo "DocumentRoot \"$DIR/htdocs\""
	for m in mpm_event authz_core; do
		echo "LoadModule ${m}_module \"$APACHE_MODULES/mod_$m.so\""
	done
	case $ITEST_SERVER in
	apache-proxy)
		for m in proxy proxy_fcgi env; do
			echo "LoadModule ${m}_module \"$APACHE_MODULES/mod_$m.so\""
		done
		;;
	apache-fcgid)
		for m in fcgid alias; do
			echo "LoadModule ${m}_module \"$APACHE_MODULES/mod_$m.so\""
		done
		echo "FcgidIPCDir \"$DIR/fcgid\""
		echo "FcgidProcessTableFile \"$DIR/fcgid/shm\""
		;;
	esac
	if [ "$(id -u)" = 0 ]; then
		# Apache will not serve as root: its children (and the ppxd
		# mod_fcgid spawns) run as nobody in group 0, which
		# itest_apache_perms lets into $DIR.
		echo "User nobody"
		echo "Group #0"
	fi
	cat <<EOF
StartServers 1
ServerLimit 2
ThreadsPerChild 16
MaxRequestWorkers 32
Include "$DIR/ppx-apache.conf"
EOF
	if [ "$ITEST_SERVER" = apache-fcgid ]; then
		# One ppxd, so PPXD_PID means what it means under nginx; and
		# reaped within a second of its exit, so that `kill -0` does
		# not see a zombie (mod_fcgid's default is every 3 s).
		echo "FcgidMaxProcessesPerClass 1"
		echo "FcgidZombieScanInterval 1"
	fi
}

# The environment variables ppxd keeps when started by something that
# clears the environment (mod_fcgid, systemd-socket-activate).
itest_env_names() {
	local v
	for v in $(compgen -e); do
		case $v in
		PPX_* | ASAN_* | UBSAN_* | LSAN_* | LD_LIBRARY_PATH | TZ | LANG | \
		    LC_* | NOTIFY_SOCKET)
			echo "$v" ;;
		esac
	done
}

# The command mod_fcgid runs: records its pid, keeps the test's PPX_* and
# sanitizer settings (mod_fcgid starts it with an empty environment) and
# sends ppxd's stderr to $DIR/ppxd.log, as under the other servers.
itest_fcgid_wrapper() {
	local w=$DIR/ppxd-fcgid.sh v
	{
		echo '#!/bin/bash'
		for v in $(itest_env_names); do
			printf 'export %s=%q\n' "$v" "${!v}"
		done
		printf 'echo $$ > %q\n' "$DIR/ppxd.pid"
		printf 'exec %q --config %q --workers %q' "$PPXD" \
		    "$DIR/ppx.xml" "$ITEST_WORKERS"
		for v in ${ITEST_PPXD_ARGS:-}; do
			printf ' %q' "$v"
		done
		printf ' 2>>%q\n' "$DIR/ppxd.log"
	} > "$w" || itest_die "cannot write $w"
	chmod 0755 "$w" || itest_die "cannot chmod $w"
}

# As root, Apache's children run as nobody:0 (see itest_apache_conf):
# let group 0 into $DIR, and under mod_fcgid let it write the store.
itest_apache_perms() {
	[ "$(id -u)" = 0 ] || return 0
	if [ "$ITEST_SERVER" = apache-fcgid ]; then
		chmod -R g+rwX "$DIR" || itest_die "cannot chmod $DIR"
	else
		chmod g+x "$DIR" || itest_die "cannot chmod $DIR"
	fi
}

# The ppx snippet from conf/, as the tests use it.
itest_apache_snippet() {
	local out=$DIR/ppx-apache.conf
	case $ITEST_SERVER in
	apache-proxy)
		sed "s|unix:/run/ppx/ppxd.sock|unix:$DIR/ppxd.sock|g" \
		    "$ITEST_SRC/conf/apache-proxy-fcgi.conf" > "$out" ||
		    itest_die "cannot read $ITEST_SRC/conf/apache-proxy-fcgi.conf"
		grep -q "unix:$DIR/ppxd.sock" "$out" ||
		    itest_die "conf/apache-proxy-fcgi.conf names no unix:/run/ppx/ppxd.sock"
		;;
	apache-fcgid)
		itest_fcgid_wrapper
		sed "s|^\([[:space:]]*FcgidWrapper[[:space:]]*\)\"[^\"]*\"|\1\"$DIR/ppxd-fcgid.sh\"|" \
		    "$ITEST_SRC/conf/apache-fcgid.conf" > "$out" ||
		    itest_die "cannot read $ITEST_SRC/conf/apache-fcgid.conf"
		grep -q "FcgidWrapper \"$DIR/ppxd-fcgid.sh\"" "$out" ||
		    itest_die "conf/apache-fcgid.conf has no FcgidWrapper \"...\" line"
		;;
	esac
}

# Start Apache (in the foreground, as our child) on a random free port;
# retry on a port race.
itest_start_apache() {
	local try port i
	[ -d "$APACHE_MODULES" ] ||
	    itest_die "no Apache module dir $APACHE_MODULES (scripts/deps.sh installs apache2)"
	mkdir -p "$DIR/htdocs" "$DIR/apache-run" "$DIR/fcgid" ||
	    itest_die "cannot make Apache's dirs in $DIR"
	itest_apache_snippet
	itest_apache_perms
	for ((try = 0; try < 10; try++)); do
		port=$(itest_random_port)
		itest_port_busy "$port" && continue
		itest_apache_conf "$port" > "$DIR/apache.conf"
		: > "$DIR/error.log"
		: > "$DIR/apache.out"
		"$APACHE" -d "$DIR" -f "$DIR/apache.conf" -DFOREGROUND \
		    </dev/null >>"$DIR/apache.out" 2>&1 &
		NGINX_PID=$!
		for ((i = 0; i < 50; i++)); do
			kill -0 "$NGINX_PID" 2>/dev/null || break
			itest_port_busy "$port" && break
			sleep 0.1
		done
		if kill -0 "$NGINX_PID" 2>/dev/null; then
			BASE=http://127.0.0.1:$port
			return 0
		fi
		wait "$NGINX_PID" 2>/dev/null
		NGINX_PID=
		grep -q 'Address already in use' "$DIR/error.log" "$DIR/apache.out" ||
		    itest_die "apache2 did not start: $(cat "$DIR/apache.out" \
		    "$DIR/error.log" | tail -n 1)"
	done
	itest_die "apache2: no free port after 10 tries"
}

# --- setup -----------------------------------------------------------

# itest_prepare: temp dir, demo instance, extra plugins, cleanup trap.
# Sets DIR, KEY, ITEST_URLS.
itest_prepare() {
	local rc
	case $ITEST_SERVER in
	nginx)
		NGINX=${NGINX:-$(itest_find_prog nginx)} ||
		    itest_die "nginx not found (scripts/deps.sh installs it)"
		;;
	apache-proxy | apache-fcgid)
		APACHE=${APACHE:-$(itest_find_prog apache2)} ||
		    itest_die "apache2 not found (scripts/deps.sh installs it)"
		;;
	*)
		itest_die "ITEST_SERVER=$ITEST_SERVER: want nginx, apache-proxy or apache-fcgid"
		;;
	esac
	CURL=${CURL:-$(itest_find_prog curl)} ||
	    itest_die "curl not found (scripts/deps.sh installs it)"
	[ -x "$PPX" ] || itest_die "no ppx at $PPX (build it first)"
	[ -x "$PPXD" ] || itest_die "no ppxd at $PPXD (build it first)"

	DIR=$(mktemp -d "${TMPDIR:-/tmp}/ppx-itest.XXXXXX") ||
	    itest_die "mktemp failed"
	trap itest_cleanup EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM

	# ppx demo gets DIR empty: its output goes beside DIR, then inside.
	"$PPX" demo "$DIR" >"$DIR.demo.out" 2>"$DIR.demo.err"
	rc=$?
	mv -f "$DIR.demo.out" "$DIR/demo.out" 2>/dev/null
	mv -f "$DIR.demo.err" "$DIR/demo.err" 2>/dev/null
	[ "$rc" = 0 ] ||
	    itest_die "ppx demo $DIR failed: $(tail -n 1 "$DIR/demo.err")"
	[ -f "$DIR/ppx.xml" ] || itest_die "ppx demo made no $DIR/ppx.xml"
	KEY=$(sed -n 's/^key: *//p' "$DIR/demo.out" | head -n 1)
	[ -n "$KEY" ] || itest_die "ppx demo printed no 'key:' line"
	# shellcheck disable=SC2034  # for the test scripts
	mapfile -t ITEST_URLS < <(sed -n 's/^url: *//p' "$DIR/demo.out")
	# make check asks for a render deadline a busy machine under
	# sanitizers meets (ppxd's 800 ms is for production, and what the
	# load test and the benchmarks keep); tests of the deadline set theirs.
	if [ -n "${ITEST_DEADLINE_MS:-}" ]; then
		itest_deadline "$ITEST_DEADLINE_MS"
	fi
	if [ -n "${ITEST_EXTRA_PLUGINS:-}" ]; then
		itest_extra_plugins
	fi
	export DIR KEY
}

# itest_run: ppxd and the web server, then wait (at most 10 s) for
# /healthz 200.  Sets BASE, PPXD_PID, NGINX_PID.
itest_run() {
	local end code='' watch
	case $ITEST_SERVER in
	nginx)
		itest_start_ppxd
		itest_start_nginx
		;;
	apache-proxy)
		itest_start_ppxd
		itest_start_apache
		;;
	apache-fcgid)
		# Apache starts ppxd at the first request.
		itest_start_apache
		;;
	esac
	watch=${PPXD_PID:-$NGINX_PID}
	end=$((SECONDS + 10))
	while [ "$SECONDS" -lt "$end" ]; do
		code=$("$CURL" -s -o /dev/null -w '%{http_code}' --max-time 1 \
		    "$BASE/healthz" 2>/dev/null)
		[ "$code" = 200 ] && break
		kill -0 "$watch" 2>/dev/null ||
		    itest_die "$([ "$watch" = "$PPXD_PID" ] && echo ppxd ||
		    echo "$ITEST_SERVER") died (see ppxd.log, error.log)"
		sleep 0.1
	done
	[ "$code" = 200 ] || itest_die "/healthz answered ${code:-nothing}, not 200, for 10 s"
	if [ "$ITEST_SERVER" = apache-fcgid ]; then
		PPXD_PID=$(cat "$DIR/ppxd.pid" 2>/dev/null)
		kill -0 "${PPXD_PID:-0}" 2>/dev/null ||
		    itest_die "apache-fcgid: no running ppxd after /healthz"
	fi
	export BASE PPXD_PID NGINX_PID
}

# itest_start: the whole instance; see the top of this file.
itest_start() {
	itest_prepare
	itest_run
}

# itest_ppx ARGS...: the ppx command line against this instance's config.
itest_ppx() {
	"$PPX" -c "$DIR/ppx.xml" "$@"
}

# --- HTTP ------------------------------------------------------------

# http METHOD PATH [curl args...]: print the status code (000: no answer);
# the body goes to $DIR/body, the headers to $DIR/headers.
http() {
	local method=$1 path=$2
	shift 2
	local how=(-X "$method")
	[ "$method" = HEAD ] && how=(--head)
	: > "$DIR/body"
	: > "$DIR/headers"
	local rc=0
	"$CURL" -s -o "$DIR/body" -D "$DIR/headers" -w '%{http_code}' \
	    --max-time 10 "${how[@]}" "$@" "$BASE$path" || rc=$?
	# The status alone (000) would not say why there is none.
	[ "$rc" = 0 ] || echo "note: curl exit $rc for $method $path" \
	    "(28: no answer in 10 s, 7: no connection, 52: empty reply)" >&2
	return 0
}

# header NAME: the value of NAME in the last response (case-insensitive;
# the last header block, when curl saw an interim 100 Continue).
header() {
	awk -v want="$1" '
		BEGIN { want = tolower(want) }
		{ sub(/\r$/, "") }
		/^HTTP\// { found = 0; val = ""; next }
		!found {
			i = index($0, ":")
			if (i > 0 && tolower(substr($0, 1, i - 1)) == want) {
				val = substr($0, i + 1)
				sub(/^[ \t]+/, "", val)
				found = 1
			}
		}
		END { if (found) print val; exit !found }
	' "$DIR/headers"
}

# body: the last response body.
body() {
	cat "$DIR/body"
}

# --- assertions: each prints one "ok: ..." or "FAIL: ..." line -----------

pass() {
	ITEST_PASSED=$((ITEST_PASSED + 1))
	echo "ok: $*"
}

fail() {
	ITEST_FAILED=$((ITEST_FAILED + 1))
	ITEST_FAILURES+="FAIL: $*"$'\n'
	echo "FAIL: $*"
}

# expect_status WANT METHOD PATH [curl args...]
expect_status() {
	local want=$1 method=$2 path=$3 got
	shift 3
	got=$(http "$method" "$path" "$@")
	if [ "$got" = "$want" ]; then
		pass "$method $path -> $got"
	else
		fail "$method $path: want $want, got $got"
	fi
}

# expect_eq WANT GOT WHAT
expect_eq() {
	if [ "$1" = "$2" ]; then
		pass "$3 = '$1'"
	else
		fail "$3: want '$1', got '$2'"
	fi
}

# expect_contains FILE STRING
expect_contains() {
	if [ -f "$1" ] && grep -qF -- "$2" "$1"; then
		pass "${1##*/} contains '$2'"
	else
		fail "${1##*/} does not contain '$2'"
	fi
}

# expect_not_contains FILE STRING
expect_not_contains() {
	if [ -f "$1" ] && ! grep -qF -- "$2" "$1"; then
		pass "${1##*/} does not contain '$2'"
	elif [ -f "$1" ]; then
		fail "${1##*/} contains '$2'"
	else
		fail "${1##*/}: no such file"
	fi
}

# itest_done: the closing line; exit 1 if anything failed (or nothing ran).
# The failures are repeated above it: a log's tail then names them.
itest_done() {
	local rc=0
	[ "$ITEST_FAILED" -gt 0 ] && { rc=1; printf '%s' "$ITEST_FAILURES"; }
	[ $((ITEST_PASSED + ITEST_FAILED)) -eq 0 ] && { echo "FAIL: no checks ran"; rc=1; }
	echo "$ITEST_PASSED passed, $ITEST_FAILED failed"
	exit "$rc"
}
