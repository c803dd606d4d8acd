# shellcheck shell=bash
# feedserver.sh - a real nginx on 127.0.0.1 (and 127.0.0.2) serving the
# fixture feeds of tests/fixtures/feeds, for the manual touchpoint's tests
# and bench/manual.sh.  Source it after lib.sh's itest_prepare (it needs
# DIR and NGINX); start_feed sets FEED_PORT and FEED_PID; the caller stops
# FEED_PID.  The SKU (file name) picks the behaviour: any fixture 200
# with ETag/Last-Modified (and 304 on If-None-Match), a missing one 404,
# BIG-1 about 80 KB, SLOW-1 at 250 bytes/s, MOVED-1 a 302 to 127.0.0.2
# (off the allow-list), HOP-1 a 302 to RUN-42 on the same host.
# Access log lines: "SERVER_ADDR STATUS URI".

FEED_FIXTURES=${srcdir:-.}/tests/fixtures/feeds
FEEDS=
FEED_PORT=
FEED_PID=

# $DIR/feeds/www/manual: the fixtures, and BIG-1.
feed_files() {
	local i
	FEEDS=$DIR/feeds
	mkdir -p "$FEEDS/www/manual" || itest_die "cannot make $FEEDS"
	cp "$FEED_FIXTURES"/*.json "$FEEDS/www/manual/" ||
	    itest_die "no fixtures in $FEED_FIXTURES"
	# A valid record of about 80 KB: over the default cap of 64 KiB.
	{
		printf '{ "title": "Big", "pdf": "https://shop.example/big.pdf", "pad": ['
		for ((i = 0; i < 800; i++)); do
			printf '"%0100d",' 0
		done
		printf '"end"] }\n'
	} > "$FEEDS/www/manual/BIG-1.json"
}

feed_conf() {	# PORT
	[ "$(id -u)" = 0 ] && echo "user root;"
	cat <<EOF
daemon off;
master_process on;
worker_processes 1;
pid $FEEDS/nginx.pid;
error_log $FEEDS/error.log warn;
events { worker_connections 64; }
http {
	log_format feed '\$server_addr \$status \$uri';
	access_log $FEEDS/access.log feed;
	client_body_temp_path $FEEDS/client_body_temp;
	proxy_temp_path $FEEDS/proxy_temp;
	fastcgi_temp_path $FEEDS/fastcgi_temp;
	uwsgi_temp_path $FEEDS/uwsgi_temp;
	scgi_temp_path $FEEDS/scgi_temp;
	server {
		listen 127.0.0.1:$1;
		listen 127.0.0.2:$1;
		root $FEEDS/www;
		default_type application/json;
		location = /manual/SLOW-1.json { limit_rate 250; }
		location = /manual/MOVED-1.json {
			return 302 http://127.0.0.2:$1/manual/RUN-42.json;
		}
		location = /manual/HOP-1.json { return 302 /manual/RUN-42.json; }
		location / { }
	}
}
EOF
}

start_feed() {
	local try i
	# The feed server is nginx whichever server fronts ppxd.
	NGINX=${NGINX:-$(itest_find_prog nginx)} ||
	    itest_die "nginx not found (scripts/deps.sh installs it)"
	feed_files
	for ((try = 0; try < 10; try++)); do
		FEED_PORT=$(itest_random_port)
		itest_port_busy "$FEED_PORT" && continue
		feed_conf "$FEED_PORT" > "$FEEDS/nginx.conf"
		"$NGINX" -e "$FEEDS/error.log" -p "$FEEDS" -c "$FEEDS/nginx.conf" \
		    </dev/null >>"$FEEDS/nginx.out" 2>&1 &
		FEED_PID=$!
		for ((i = 0; i < 50; i++)); do
			kill -0 "$FEED_PID" 2>/dev/null || break
			itest_port_busy "$FEED_PORT" && return 0
			sleep 0.1
		done
		itest_stop_pid "$FEED_PID"
		FEED_PID=
	done
	itest_die "feed nginx did not start: $(tail -n 1 "$FEEDS/error.log")"
}

