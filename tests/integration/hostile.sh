#!/bin/bash
# hostile.sh - hostile input through real nginx + ppxd: XXE and billion
# laughs in an XML order, a 10 MB body, 10 000 parameters, invalid UTF-8
# and NUL bytes, path traversal in names, SQL metacharacters in every
# field, credentials replayed on another brand.  Afterwards ppxd must
# still answer and no worker may have died.
. "${srcdir:-.}/tests/integration/lib.sh"

T=${abs_top_builddir:-.}/run/test-plugins
ITEST_EXTRA_PLUGINS="$T/echo.so"
itest_prepare
itest_ppx touchpoint enable demo shipped echo
itest_ppx brand add other >/dev/null
itest_ppx touchpoint enable other shipped voorpret
OTHER=$(itest_ppx key new other)
itest_run

AUTH=(-H "Authorization: Bearer $KEY")
JSON=(-H 'Content-Type: application/json')
XML=(-H 'Content-Type: application/xml')
S=/v1/brands/demo/stages/shipped
ECHO=/v1/brands/demo/touchpoints/echo
SECRET="ppx-hostile-$$-$RANDOM"
echo "$SECRET" > "$DIR/secret.txt"

# expect_fast SECONDS WHAT: the last request took at most SECONDS.
expect_fast() {
	local took
	took=$(awk -v s="$STARTED" -v e="$(date +%s.%N)" \
	    'BEGIN { printf "%.2f", e - s }')
	if awk -v t="$took" -v m="$1" 'BEGIN { exit !(t <= m) }'; then
		pass "$2 answered in ${took}s"
	else
		fail "$2 took ${took}s, more than $1 s"
	fi
}

# expect_one_of "A B" METHOD PATH [curl args...]
expect_one_of() {
	local want=$1 method=$2 path=$3 got
	shift 3
	got=$(http "$method" "$path" "$@")
	case " $want " in
	*" $got "*) pass "$method ${path:0:80} -> $got" ;;
	*) fail "$method ${path:0:80}: want one of $want, got $got" ;;
	esac
}

# expect_no_raw_bytes: the last body holds no NUL and no invalid UTF-8.
expect_no_raw_bytes() {
	if tr -d '\000' < "$DIR/body" | cmp -s - "$DIR/body" &&
	    iconv -f UTF-8 -t UTF-8 "$DIR/body" >/dev/null 2>&1; then
		pass "$1: body is clean UTF-8 without NUL"
	else
		fail "$1: body holds a NUL or invalid UTF-8"
	fi
}

# --- XML: XXE, external DTD, billion laughs, XInclude ----------------------
STARTED=$(date +%s.%N)
expect_status 400 POST "$S.xml" "${AUTH[@]}" "${XML[@]}" --data-binary \
    "<?xml version=\"1.0\"?><!DOCTYPE order [<!ENTITY x SYSTEM \"file://$DIR/secret.txt\">]><order><id>1</id><customer><first_name>&x;</first_name></customer></order>"
expect_not_contains "$DIR/body" "$SECRET"
expect_fast 2 "XXE"
expect_status 400 POST "$S.xml" "${AUTH[@]}" "${XML[@]}" --data-binary \
    "<?xml version=\"1.0\"?><!DOCTYPE order SYSTEM \"file://$DIR/secret.txt\"><order><id>1</id></order>"
expect_not_contains "$DIR/body" "$SECRET"
lol='<!ENTITY l0 "lol">'
for i in 1 2 3 4 5 6 7 8 9; do
	lol="$lol<!ENTITY l$i \"$(printf "&l$((i - 1));%.0s" 1 2 3 4 5 6 7 8 9 10)\">"
done
STARTED=$(date +%s.%N)
expect_status 400 POST "$S.xml" "${AUTH[@]}" "${XML[@]}" --data-binary \
    "<?xml version=\"1.0\"?><!DOCTYPE order [$lol]><order><id>1</id><customer><first_name>&l9;</first_name></customer></order>"
expect_fast 2 "billion laughs"
expect_not_contains "$DIR/body" "lollol"
# XInclude is never processed: an unknown element, ignored; inside a
# field it is refused as not text.
expect_status 200 POST "$ECHO.xml?stage=shipped" "${AUTH[@]}" "${XML[@]}" \
    --data-binary "<order xmlns:xi=\"http://www.w3.org/2001/XInclude\"><id>1</id><xi:include href=\"file://$DIR/secret.txt\" parse=\"text\"/></order>"
expect_not_contains "$DIR/body" "$SECRET"
expect_status 400 POST "$ECHO.xml?stage=shipped" "${AUTH[@]}" "${XML[@]}" \
    --data-binary "<order xmlns:xi=\"http://www.w3.org/2001/XInclude\"><id>1</id><customer><first_name><xi:include href=\"file://$DIR/secret.txt\" parse=\"text\"/></first_name></customer></order>"
expect_not_contains "$DIR/body" "$SECRET"
expect_status 400 POST "$S.xml" "${AUTH[@]}" "${XML[@]}" --data-binary \
    "<order><id>1</id>$(printf '<x>%.0s' $(seq 300))$(printf '</x>%.0s' $(seq 300))</order>"

# --- sizes: a 10 MB body, 10 000 parameters -----------------------------------
head -c $((10 * 1024 * 1024)) /dev/zero | tr '\000' 'a' > "$DIR/big.json"
STARTED=$(date +%s.%N)
expect_status 413 POST "$S.json" "${AUTH[@]}" "${JSON[@]}" \
    --data-binary "@$DIR/big.json"
expect_fast 5 "10 MB body"
many=$(seq 10000 | sed 's/.*/p&=&/' | paste -sd '&')
expect_one_of "400 414" GET "$S.html?order=1&$many" "${AUTH[@]}"
# Fewer and shorter, so that they pass nginx and reach ppxd's own limit.
many=$(seq 400 | sed 's/.*/p&=/' | paste -sd '&')
expect_status 400 GET "$S.html?order=1&$many" "${AUTH[@]}"
expect_status 414 GET "$S.html?order=1&first_name=$(head -c 6000 /dev/zero | tr '\000' x)" "${AUTH[@]}"

# --- invalid UTF-8 and NUL bytes ----------------------------------------------
expect_status 400 GET "$S.html?order=1042&first_name=%ff%fe" "${AUTH[@]}"
expect_status 400 GET "$S.html?order=1042&first_name=%c0%af" "${AUTH[@]}"
expect_status 400 GET "$S.html?order=1042&first_name=%ed%a0%80" "${AUTH[@]}"
expect_status 400 GET "$S.html?order=1042%00&lang=nl" "${AUTH[@]}"
expect_status 400 GET "$S.html?order=1042&first_name=A%00nne" "${AUTH[@]}"
expect_status 400 GET "$S.html?order=1042&first_name=A%01nne" "${AUTH[@]}"
printf '{"id":"1042","customer":{"first_name":"\377\376"}}' > "$DIR/badutf8.json"
expect_status 400 POST "$S.json" "${AUTH[@]}" "${JSON[@]}" \
    --data-binary "@$DIR/badutf8.json"
printf '{"id":"1042","customer":{"first_name":"A\\u0000nne"}}' > "$DIR/nul.json"
expect_status 400 POST "$S.json" "${AUTH[@]}" "${JSON[@]}" \
    --data-binary "@$DIR/nul.json"
printf '{"id":"1042"}\000{"id":"1"}' > "$DIR/rawnul.json"
expect_status 400 POST "$S.json" "${AUTH[@]}" "${JSON[@]}" \
    --data-binary "@$DIR/rawnul.json"
printf '<order><id>1042</id><customer><first_name>A\000nne</first_name></customer></order>' > "$DIR/nul.xml"
expect_status 400 POST "$S.xml" "${AUTH[@]}" "${XML[@]}" \
    --data-binary "@$DIR/nul.xml"
printf '<?xml version="1.0" encoding="ISO-8859-1"?><order><id>1042</id><customer><first_name>Ren\351e</first_name></customer></order>' > "$DIR/latin1.xml"
expect_status 200 POST "$ECHO.html?stage=shipped" "${AUTH[@]}" "${XML[@]}" \
    --data-binary "@$DIR/latin1.xml"
expect_contains "$DIR/body" "Renée"
expect_no_raw_bytes "Latin-1 XML order"
# Valid UTF-8 passes, written as text.
expect_status 200 GET "$ECHO.html?stage=shipped&order=1042&first_name=Zo%C3%AB%20%E2%98%83" "${AUTH[@]}"
expect_contains "$DIR/body" "Zoë ☃"
expect_no_raw_bytes "UTF-8 first name"

# --- path traversal in brand, stage, touchpoint and format names ----------------
for p in "/v1/brands/..%2fdemo/stages/shipped.html" \
    "/v1/brands/demo%2f..%2fother/stages/shipped.html" \
    "/v1/brands/demo/stages/..%2fshipped.html" \
    "/v1/brands/demo/touchpoints/..%2f..%2f..%2fetc%2fpasswd.html" \
    "/v1/brands/demo/touchpoints/%2e%2e%2fecho.html" \
    "/v1/brands/demo/stages/shipped.%2e%2e%2fhtml" \
    "/v1/brands/demo/stages/shipped.html%2f..%2f..%2fconf" \
    "/v1/brands/DEMO/stages/shipped.html" \
    "/v1/brands/demo/touchpoints/echo%20.html"; do
	expect_status 404 GET "$p?order=1042&stage=shipped" "${AUTH[@]}" \
	    --path-as-is
done
# A NUL in the path: nginx refuses it (400) before ppxd could say 404.
expect_one_of "400 404" GET "/v1/brands/demo/touchpoints/echo.html%00.xml?order=1042&stage=shipped" "${AUTH[@]}"
expect_one_of "400 404" GET "/v1/brands/demo%00/stages/shipped.html?order=1042" "${AUTH[@]}"
# Plain ../ is resolved by nginx before ppxd sees it (or refused):
# either way nothing outside the API answers.
expect_one_of "400 404" GET "/v1/brands/demo/../../etc/passwd" \
    "${AUTH[@]}" --path-as-is
expect_not_contains "$DIR/body" "root:"

# --- SQL metacharacters: data in the fields, 404 in the names ------------------
SQL1="' OR 1=1 --"
SQL2='";DROP TABLE brands;--'
enc() {	# URL-encode every byte
	printf '%s' "$1" | od -An -tx1 -v | tr -d ' \n' | sed 's/../%&/g'
}
E1=$(enc "$SQL1")
E2=$(enc "$SQL2")
expect_status 200 GET "$ECHO.html?stage=shipped&order=$E1&first_name=$E2&customer=$E1&postcode=$E2&sku=$E1&item_name=$E2&category=$E1&url=https%3A%2F%2Fshop.example%2F%3Fq%3D$E1" "${AUTH[@]}"
expect_contains "$DIR/body" "id: $SQL1<"
expect_contains "$DIR/body" "customer.first_name: $SQL2<"
expect_status 200 POST "$ECHO.json?stage=shipped" "${AUTH[@]}" "${JSON[@]}" \
    --data-binary "{\"id\":\"$SQL1\",\"customer\":{\"id\":\"x$SQL1\",\"first_name\":\"\\\";DROP TABLE brands;--\",\"postcode\":\"$SQL1\"},\"items\":[{\"sku\":\"$SQL1\",\"name\":\"\\\";DROP TABLE codes;--\",\"category\":\"$SQL1\"}],\"carrier\":{\"name\":\"$SQL1\"},\"pickup\":{\"name\":\"$SQL1\",\"address\":\"$SQL1\",\"hours\":\"$SQL1\"}}"
expect_contains "$DIR/body" "DROP TABLE codes"
# Shaped fields refuse them.
expect_status 400 GET "$S.html?order=1042&lang=$E1" "${AUTH[@]}"
expect_status 400 GET "$S.html?order=1042&expected=$E2" "${AUTH[@]}"
expect_status 400 GET "$S.html?order=1042&country=$E1" "${AUTH[@]}"
for name in "$E1" "$E2" "demo$E1"; do
	expect_status 404 GET "/v1/brands/$name/stages/shipped.html?order=1042" "${AUTH[@]}"
	expect_status 404 GET "/v1/brands/demo/touchpoints/$name.html?order=1042&stage=shipped" "${AUTH[@]}"
	expect_status 404 GET "/v1/brands/demo/stages/$name.html?order=1042" "${AUTH[@]}"
	expect_status 404 GET "/v1/brands/demo/stages/shipped.$name?order=1042" "${AUTH[@]}"
done
expect_status 404 GET "/r/$E1" --path-as-is
expect_status 401 GET "$S.html?order=1042" -H "Authorization: Bearer $SQL1"
# The store is whole: the tables the quotes aimed at still answer.
expect_status 200 GET "$S.html?order=1042" "${AUTH[@]}"
n=$(sqlite3 "$DIR/ppx.db" "SELECT count(*) FROM brands" 2>&1)
expect_eq 2 "$n" "brands in the store"
n=$(sqlite3 "$DIR/ppx.db" "SELECT count(*) FROM sqlite_master WHERE name IN ('codes','api_keys')" 2>&1)
expect_eq 2 "$n" "tables codes and api_keys in the store"

# --- credentials replayed on another brand ---------------------------------------
expect_status 403 GET "/v1/brands/other/stages/shipped.html?order=1042" "${AUTH[@]}"
expect_status 403 GET "$S.html?order=1042" -H "Authorization: Bearer $OTHER"
signed=$(itest_ppx sign demo "$S.html?order=1042")
expect_status 200 GET "$signed"
# The signature covers the path: on another brand it is a bad credential.
expect_status 401 GET "${signed//\/demo\//\/other\/}"

# --- still alive, no worker lost ---------------------------------------------
expect_status 200 GET /healthz
if kill -0 "$PPXD_PID" 2>/dev/null; then
	pass "ppxd (pid $PPXD_PID) still runs"
else
	fail "ppxd is gone"
fi
if grep -E 'killed by signal|exited with status|die right after' \
    "$DIR/ppxd.log" >/dev/null; then
	fail "a worker died: $(grep -E 'killed by signal|exited with status' "$DIR/ppxd.log" | head -n 1)"
else
	pass "no worker died (ppxd.log)"
fi
expect_not_contains "$DIR/ppxd.log" "$SECRET"
expect_not_contains "$DIR/ppxd.log" "DROP TABLE"

itest_done
