#!/bin/bash
# surface.sh - the URL surface through real nginx: every status code,
# all four formats, ETag and 304, Cache-Control, PPX-Omitted with a
# deliberately failing plugin, signed URLs, POST orders.
. "${srcdir:-.}/tests/integration/lib.sh"

T=${abs_top_builddir:-.}/run/test-plugins
ITEST_EXTRA_PLUGINS="$T/failing.so $T/echo.so"
itest_prepare
itest_ppx touchpoint enable demo shipped failing
itest_ppx touchpoint enable demo shipped echo
itest_ppx brand add other >/dev/null
OTHER=$(itest_ppx key new other)
itest_run

AUTH=(-H "Authorization: Bearer $KEY")
ORDER="order=1042&expected=$(date -u -d '+2 days' +%F)&first_name=Anne&item_name=Runner%2042&category=running-shoes&lang=nl&image=https%3A%2F%2Fcdn.example%2Fr.jpg&url=https%3A%2F%2Fshop.example%2Fp%2Fr"
S=/v1/brands/demo/stages/shipped
T1=/v1/brands/demo/touchpoints/voorpret

# --- status codes ---------------------------------------------------------
expect_status 200 GET /healthz
expect_status 401 GET "$S.html?$ORDER"
expect_eq 'Bearer realm="ppx"' "$(header WWW-Authenticate)" "WWW-Authenticate"
expect_status 401 GET "$S.html?$ORDER" -H "Authorization: Bearer ppx_nope"
expect_status 401 GET "$S.html?$ORDER" -H "Authorization: Basic dXNlcjpwdw=="
expect_status 403 GET "$S.html?$ORDER" -H "Authorization: Bearer $OTHER"
expect_status 200 GET "$S.html?$ORDER" "${AUTH[@]}"
expect_status 404 GET "/v1/brands/nobody/stages/shipped.html?$ORDER" "${AUTH[@]}"
expect_status 404 GET "/v1/brands/demo/stages/lost.html?$ORDER" "${AUTH[@]}"
expect_status 404 GET "$S.pdf?$ORDER" "${AUTH[@]}"
expect_status 404 GET "/v1/brands/demo/touchpoints/nothing.html?$ORDER" "${AUTH[@]}"
expect_status 404 GET "/v1/brands/../stages/shipped.html?$ORDER" "${AUTH[@]}" --path-as-is
expect_status 405 PUT "$S.html?$ORDER" "${AUTH[@]}"
expect_eq "GET, HEAD, POST" "$(header Allow)" "Allow"
expect_status 405 DELETE /healthz
expect_status 400 GET "$S.html?expected=2026-11-25" "${AUTH[@]}"
expect_status 400 GET "$S.html?order=1&lang=%ZZ" "${AUTH[@]}"
expect_status 400 GET "$S.html?order=1&first_name=%C3%28" "${AUTH[@]}"
expect_status 400 GET "$S.html?order=1&expected=2026-02-30" "${AUTH[@]}"
expect_status 400 POST "$S.html" "${AUTH[@]}" -H 'Content-Type: application/json' --data '{"id": [1]}'
expect_eq 1 "$(wc -l < "$DIR/body" | tr -d ' ')" "a 400 is one line"
expect_status 400 POST "$S.html" "${AUTH[@]}" -H 'Content-Type: application/xml' \
    --data '<!DOCTYPE o [<!ENTITY x SYSTEM "file:///etc/passwd">]><order><id>&x;</id></order>'
expect_status 415 POST "$S.html" "${AUTH[@]}" -H 'Content-Type: text/plain' --data 'id=1'
# ppxd's own body limit (64 KiB by default; nginx lets 64k through too).
big=$(head -c 70000 /dev/zero | tr '\0' a)
expect_status 413 POST "$S.html" "${AUTH[@]}" -H 'Content-Type: application/json' --data "{\"id\":\"$big\"}"
# ppxd's URI limit (4096) sits below nginx's header buffers (8k).
long=$(head -c 5000 /dev/zero | tr '\0' a)
expect_status 414 GET "$S.html?order=1&x=$long" "${AUTH[@]}"

# --- formats ----------------------------------------------------------------
for fmt in html txt xml json; do
	expect_status 200 GET "$S.$fmt?$ORDER" "${AUTH[@]}"
	expect_eq "$(stat -c %s "$DIR/body")" "$(header Content-Length)" "$fmt Content-Length"
	expect_eq private "$(header Cache-Control)" "$fmt Cache-Control"
	# Other touchpoints of the stage may be omitted too (no feed: nodata).
	expect_eq 1 "$(header PPX-Omitted | tr ',' '\n' | grep -cx ' *failing=error')" \
	    "$fmt PPX-Omitted names failing=error"
	case $fmt in
	html) expect_eq "text/html; charset=utf-8" "$(header Content-Type)" "html type"
	      expect_contains "$DIR/body" '<table' ;;
	txt)  expect_eq "text/plain; charset=utf-8" "$(header Content-Type)" "txt type"
	      expect_not_contains "$DIR/body" '<' ;;
	xml)  expect_eq "application/xml; charset=utf-8" "$(header Content-Type)" "xml type"
	      expect_contains "$DIR/body" '<stage name="shipped"'
	      expect_not_contains "$DIR/body" '<partial'
	      xmllint --noout "$DIR/body" && pass "xml is well formed" || fail "xml is not well formed" ;;
	json) expect_eq "application/json" "$(header Content-Type)" "json type"
	      python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert isinstance(d, dict) and isinstance(d["touchpoints"], list)' "$DIR/body" &&
	          pass "json is an object with touchpoints" || fail "json shape" ;;
	esac
done
for fmt in html txt xml json; do
	expect_status 200 GET "$T1.$fmt?stage=shipped&$ORDER" "${AUTH[@]}"
	expect_eq "" "$(header PPX-Omitted)" "voorpret alone omits nothing"
done

# --- ETag -------------------------------------------------------------------------
http GET "$S.html?$ORDER" "${AUTH[@]}" >/dev/null
etag=$(header ETag)
[ -n "$etag" ] && pass "ETag $etag" || fail "no ETag"
expect_status 304 GET "$S.html?$ORDER" "${AUTH[@]}" -H "If-None-Match: $etag"
expect_status 200 GET "$S.html?$ORDER" "${AUTH[@]}" -H 'If-None-Match: "other"'
http GET "$S.html?${ORDER/1042/1043}" "${AUTH[@]}" >/dev/null
[ "$(header ETag)" != "$etag" ] && pass "another order, another ETag" || fail "ETag did not change"

# --- signed URLs ------------------------------------------------------------------
signed=$(itest_ppx sign demo "$S.xml?$ORDER")
expect_status 200 GET "$signed"
expect_status 401 GET "${signed/order=1042/order=1043}"
expect_status 401 POST "$signed" -H 'Content-Type: application/json' --data '{"id":"1"}'
expired=$(PPX_NOW=2020-01-01 itest_ppx sign --expires 1h demo "$S.xml?$ORDER")
expect_status 403 GET "$expired"
# Another brand's path with this brand's signature.
itest_ppx touchpoint enable other shipped voorpret
expect_status 401 GET "${signed//\/demo\//\/other\/}"
for u in "${ITEST_URLS[@]}"; do
	expect_status 200 GET "$u"
done

# --- POST orders --------------------------------------------------------------------
exp=$(date -u -d '+2 days' +%F)
expect_status 200 POST "$T1.json" "${AUTH[@]}" -H 'Content-Type: application/json' \
    --data "{\"id\":\"1042\",\"lang\":\"en\",\"expected\":\"$exp\",\"items\":[{\"name\":\"Runner 42\",\"category\":\"running-shoes\",\"qty\":1}]}"
expect_contains "$DIR/body" '"Runner 42"'
expect_status 200 POST "$T1.xml" "${AUTH[@]}" -H 'Content-Type: application/xml' \
    --data "<order><id>1042</id><lang>en</lang><expected>$exp</expected><items><item><name>Runner 42</name></item></items></order>"
expect_contains "$DIR/body" '<name>Runner 42</name>'

# --- hostile values end up as text -------------------------------------------------
expect_status 200 GET "/v1/brands/demo/touchpoints/echo.html?stage=shipped&order=%3Cscript%3Ex&first_name=%22%3E%3Cimg%20src%3Dx%3E&url=javascript%3Aalert(1)" "${AUTH[@]}"
expect_not_contains "$DIR/body" '<script'
expect_not_contains "$DIR/body" '<img src=x'
expect_not_contains "$DIR/body" 'href="javascript:'
expect_contains "$DIR/body" '&lt;script&gt;'

# Without <public url>, tracked links go back to the host and port the
# caller used (Debian's fastcgi_params pass HTTP_HOST without the port).
expect_status 200 GET "/v1/brands/demo/touchpoints/share.html?order=9&item_name=Shoe&url=https%3A%2F%2Fshop.example%2Fp%2F1" "${AUTH[@]}"
expect_contains "$DIR/body" "href=\"$BASE/r/demo."

itest_done
