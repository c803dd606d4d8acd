#!/bin/bash
# manual.sh - the manual touchpoint through nginx + ppxd, its feed served
# by a second real nginx on 127.0.0.1 from tests/fixtures/feeds.  The SKU
# picks how the feed behaves: RUN-42 200 with ETag (and 304 when asked
# with If-None-Match), GONE-1 404, BAD-1 malformed JSON, BIG-1 over the
# size cap, SLOW-1 slow (limit_rate), MOVED-1 a 302 to a host off the
# allow-list, HOP-1 a 302 within it.  http is allowed for this test only
# (PPX_FEED_ALLOW_HTTP=1); the render deadline is 500 ms.
. "${srcdir:-.}/tests/integration/lib.sh"
. "${srcdir:-.}/tests/integration/links_lib.sh"
export PPX_FEED_ALLOW_HTTP=1
DEADLINE_MS=500

itest_prepare
trap 'rc=$?; itest_stop_pid "$FEED_PID"; (exit $rc); itest_cleanup' EXIT

# --- the feed server ----------------------------------------------------

# shellcheck source=tests/integration/feedserver.sh
. "${srcdir:-.}/tests/integration/feedserver.sh"
start_feed
FEED=http://127.0.0.1:$FEED_PORT

# --- the instance -------------------------------------------------------

itest_deadline "$DEADLINE_MS"
itest_ppx brand set demo manual.url "$FEED/manual/{key}.json" >/dev/null ||
    itest_die "cannot set manual.url"
itest_ppx brand set demo feed.allow_hosts "127.0.0.1:$FEED_PORT" >/dev/null ||
    itest_die "cannot set feed.allow_hosts"
itest_ppx brand set demo feed.timeout_ms 6000 >/dev/null ||
    itest_die "cannot set feed.timeout_ms"
links_public https://ppx.example
itest_run
AUTH=(-H "Authorization: Bearer $KEY")

# SKU [STAGE]: GET the manual touchpoint for an order of SKU.
manual() {
	http GET "/v1/brands/demo/touchpoints/manual.html?order=1042&lang=nl&stage=${2:-shipped}&sku=$1&item_name=Runner%2042" \
	    "${AUTH[@]}"
}

# URI: how many times the feed server was asked for URI (any status).
asked() {
	grep -c " $1\$" "$FEEDS/access.log" 2>/dev/null
}

expect_omitted() {	# WANT: the PPX-Omitted header of the last response
	expect_eq "$1" "$(header PPX-Omitted)" "PPX-Omitted"
}

# --- 200, then fresh from the cache --------------------------------------

expect_eq 200 "$(manual RUN-42)" "cold RUN-42"
expect_contains "$DIR/body" 'Alvast de handleiding'
expect_contains "$DIR/body" 'Runner 42 — snel op weg'
links_targets "$DIR/body" > "$DIR/targets"
expect_contains "$DIR/targets" 'https://shop.example/manuals/runner-42.pdf'
expect_contains "$DIR/body" 'width="160" height="213"'
expect_omitted ""
expect_eq 1 "$(asked /manual/RUN-42.json)" "feed asked once"
expect_eq 200 "$(manual RUN-42 delivered)" "fresh RUN-42"
expect_contains "$DIR/body" 'Je Runner 42 is er!'
expect_eq 1 "$(asked /manual/RUN-42.json)" "fresh: feed not asked again"

# --- golden: the block in every format (from the cache, byte for byte) ---
# Reviewed by eye once; after an intended change regenerate them with
# PPX_UPDATE_GOLDEN=1 and review the diff.

GOLDEN=${srcdir:-.}/tests/golden
golden() {	# NAME LANG STAGE FORMAT
	local file=$GOLDEN/$1.$4
	expect_status 200 GET "/v1/brands/demo/touchpoints/manual.$4?order=1042&lang=$2&stage=$3&sku=RUN-42&item_name=Runner%2042" \
	    "${AUTH[@]}"
	links_normalize < "$DIR/body" > "$DIR/body.norm" && mv "$DIR/body.norm" "$DIR/body"
	if [ "${PPX_UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$DIR/body" "$file" && pass "updated $file"
	elif cmp -s "$DIR/body" "$file"; then
		pass "$1.$4 matches"
	else
		fail "$1.$4 differs from the golden file:"
		diff -u "$file" "$DIR/body" | head -n 40
	fi
}
for fmt in html txt xml json; do
	golden manual-nl nl shipped "$fmt"
done
golden manual-en en delivered html
golden manual-en en delivered txt
expect_eq 1 "$(asked /manual/RUN-42.json)" "golden: all from the cache"

# --- 404: nodata, and believed for a while -------------------------------

expect_eq 200 "$(manual GONE-1)" "GONE-1"
expect_omitted "manual=nodata"
manual GONE-1 >/dev/null
expect_eq 1 "$(asked /manual/GONE-1.json)" "404 cached: feed asked once"

# --- malformed, oversize: treated as failed fetches ----------------------

expect_eq 200 "$(manual BAD-1)" "BAD-1"
expect_omitted "manual=nodata"
expect_contains "$DIR/ppxd.log" "sent a bad record: malformed JSON"
expect_eq 200 "$(manual BIG-1)" "BIG-1"
expect_omitted "manual=nodata"
expect_contains "$DIR/ppxd.log" "over the size cap"

# --- redirects: within the allow-list followed, off it refused -----------

expect_eq 200 "$(manual HOP-1)" "HOP-1"
expect_contains "$DIR/body" 'Runner 42 — snel op weg'
expect_eq 200 "$(manual MOVED-1)" "MOVED-1"
expect_omitted "manual=nodata"
expect_contains "$DIR/ppxd.log" "redirect refused: host 127.0.0.2:$FEED_PORT is not on the allow-list"
expect_eq 0 "$(grep -c '^127.0.0.2 ' "$FEEDS/access.log")" \
    "requests that reached the off-list host"
expect_not_contains "$DIR/ppxd.log" "MOVED-1"	# host and status, no URL

# --- cold miss under the deadline: omitted now, there next time ----------

# curl's own clock: from connecting to nginx to the last byte.
took=$("$CURL" -s -o "$DIR/body" -D "$DIR/headers" -w '%{time_total}' \
    --max-time 10 "${AUTH[@]}" \
    "$BASE/v1/brands/demo/touchpoints/manual.html?order=1042&stage=shipped&sku=SLOW-1")
took=$(awk -v t="$took" 'BEGIN { printf "%d", t * 1000 }')
expect_omitted "manual=unavailable"
if [ "$took" -le $((DEADLINE_MS + 300)) ]; then
	pass "cold SLOW-1 answered in $took ms (deadline $DEADLINE_MS ms)"
else
	fail "cold SLOW-1 took $took ms, deadline $DEADLINE_MS ms"
fi
found=0
for ((i = 0; i < 40; i++)); do
	sleep 0.25
	manual SLOW-1 >/dev/null
	if grep -qF 'Trail 7' "$DIR/body"; then
		found=1
		break
	fi
done
expect_eq 1 "$found" "SLOW-1 there after the worker warmed the cache"
expect_omitted ""

# --- stale: revalidated with If-None-Match (304) --------------------------

itest_ppx brand set demo feed.ttl 0 >/dev/null
itest_ppx brand set demo feed.retry_after 0 >/dev/null
expect_eq 200 "$(manual RUN-42)" "stale RUN-42"
expect_contains "$DIR/body" 'Runner 42 — snel op weg'
expect_eq 1 "$(grep -c '^127.0.0.1 304 /manual/RUN-42.json$' "$FEEDS/access.log")" \
    "revalidation answered 304"

# --- {lang} in the URL: one record per language, cached apart ------------

mkdir -p "$FEEDS/www/manual/nl" "$FEEDS/www/manual/en"
cp "$FEEDS/www/manual/RUN-42.json" "$FEEDS/www/manual/nl/"
sed 's/Runner 42 — snel op weg/Runner 42 — quick start/' \
    "$FEEDS/www/manual/RUN-42.json" > "$FEEDS/www/manual/en/RUN-42.json"
itest_ppx brand set demo manual.url "$FEED/manual/{lang}/{key}.json" >/dev/null ||
    fail "cannot set manual.url with {lang}"
for l in en nl en; do
	http GET "/v1/brands/demo/touchpoints/manual.html?order=1042&lang=$l&stage=shipped&sku=RUN-42" \
	    "${AUTH[@]}" > /dev/null
	cp "$DIR/body" "$DIR/manual-$l.html"
done
expect_contains "$DIR/manual-en.html" 'Runner 42 — quick start'
expect_not_contains "$DIR/manual-en.html" 'snel op weg'
expect_contains "$DIR/manual-nl.html" 'Runner 42 — snel op weg'
n=$(sqlite3 "$DIR/ppx.db" "SELECT count(*) FROM feed_cache WHERE key IN ('RUN-42~en', 'RUN-42~nl')")
expect_eq 2 "$n" "records cached per language"
itest_ppx brand set demo manual.url "$FEED/manual/{key}.json" >/dev/null ||
    fail "cannot set manual.url back"

# --- the feed is down: the cached copy is served -------------------------

itest_stop_pid "$FEED_PID"
FEED_PID=
expect_eq 200 "$(manual RUN-42)" "RUN-42 with the feed down"
expect_contains "$DIR/body" 'Runner 42 — snel op weg'
expect_omitted ""
expect_contains "$DIR/ppxd.log" "feed manual of brand demo: 127.0.0.1: Couldn't connect"
expect_eq 200 "$(manual GONE-2)" "uncached GONE-2 with the feed down"
expect_omitted "manual=nodata"
# --- the cache's hits and misses are counted in /metrics ------------------

expect_status 200 GET /metrics
for result in hit miss; do
	n=$(sed -n "s/^ppx_fetch_cache_total{result=\"$result\"} //p" "$DIR/body")
	if [ -n "$n" ] && [ "$n" -gt 0 ]; then
		pass "ppx_fetch_cache_total{result=\"$result\"} = $n"
	else
		fail "ppx_fetch_cache_total{result=\"$result\"} is '${n}', want > 0"
	fi
done

itest_done
