#!/bin/bash
# recycle.sh - recycling returns through real nginx and ppxd: the same
# order gets the same code, racing requests make one code row, the claim
# page answers GET and POST (once, then "already"), refuses tampered and
# expired links, `ppx recycle receive` raises the running total, and the
# fragment matches its golden files (code and signature blanked), which
# email_safety.sh checks for email safety.
#
# Regenerate the golden files after an intended change with
#	PPX_UPDATE_GOLDEN=1 make check TESTS=tests/integration/recycle.sh
# and review the diff before committing it.
. "${srcdir:-.}/tests/integration/lib.sh"
export PPX_NOW=2026-11-23T08:00:00Z
GOLDEN=${srcdir:-.}/tests/golden
PUBLIC=https://ppx.example
AUTH=(-H "Authorization: Bearer $KEY")
CODE_RE='RC-[0-9A-Z]{5}-[0-9A-Z]{5}'

itest_prepare
# Links in emails are absolute: give the instance its public base.
sed -i "s|</ppx>|  <public url=\"$PUBLIC\"/>\n</ppx>|" "$DIR/ppx.xml"
itest_run
AUTH=(-H "Authorization: Bearer $KEY")
DB=$DIR/ppx.db

rows() {	# SQL -> the one value it selects
	sqlite3 -cmd '.timeout 5000' "$DB" "$1"
}

# fragment ORDER FMT: POST the demo order to the recycle touchpoint.
fragment() {
	expect_status 200 POST \
	    "/v1/brands/demo/touchpoints/recycle.$2?stage=delivered" \
	    "${AUTH[@]}" -H 'Content-Type: application/json' \
	    --data-binary "@$DIR/orders/$1.json"
}

code_in() {	# FILE -> the first code in it
	grep -Eo "$CODE_RE" "$1" | head -n 1
}

# --- the same order twice: the same code ---------------------------------
fragment 1042 xml
code=$(code_in "$DIR/body")
[ -n "$code" ] && pass "a code: $code" || fail "no code in the fragment"
href=$(sed -n 's|.*<link href="\([^"]*\)"/>.*|\1|p' "$DIR/body" |
    sed 's/&amp;/\&/g')
fragment 1042 html
expect_eq "$code" "$(code_in "$DIR/body")" "the code asked again"
expect_eq 1 "$(rows "SELECT count(*) FROM codes WHERE order_id = '1042'")" \
    "code rows of order 1042"
expect_eq nl "$(rows "SELECT lang FROM codes WHERE code = '$code'")" \
    "the code's language"
expect_not_contains "$DIR/body" "al een tweede leven"	# no total yet

# --- two (eight) racing requests: one code per order ------------------------
racers=()
for i in 1 2 3 4 5 6 7 8; do
	"$CURL" -s --max-time 10 "${AUTH[@]}" -o "$DIR/race.$i" \
	    "$BASE/v1/brands/demo/touchpoints/recycle.xml?stage=delivered&order=2001&lang=en&sku=RUN-42&category=running-shoes" &
	racers+=($!)
done
wait "${racers[@]}"	# not plain wait: nginx and ppxd are children too
race_code=$(code_in "$DIR/race.1")
same=1
for i in 2 3 4 5 6 7 8; do
	[ "$(code_in "$DIR/race.$i")" = "$race_code" ] || same=0
done
[ -n "$race_code" ] && [ "$same" = 1 ] &&
    pass "8 racing requests got one code: $race_code" ||
    fail "racing requests got different codes or none"
expect_eq 1 "$(rows "SELECT count(*) FROM codes WHERE order_id = '2001'")" \
    "code rows of order 2001 after the race"

# --- the claim page -----------------------------------------------------------
case $href in
"$PUBLIC/v1/recycle/$code?"*exp=*kid=*sig=*)
	pass "the fragment links to the code's signed page" ;;
*)	fail "unexpected claim link: $href" ;;
esac
page=${href#"$PUBLIC"}
expect_status 200 GET "$page"
expect_contains "$DIR/body" '<!DOCTYPE html>'
expect_contains "$DIR/body" '<html lang="nl">'
expect_contains "$DIR/body" 'name="viewport"'
# Never framed (a framed button could be clicked for the customer), no
# script, and the signed query never leaves in a Referer.
expect_contains "$DIR/headers" "frame-ancestors 'none'"
expect_contains "$DIR/headers" "form-action 'self'"
expect_eq DENY "$(header X-Frame-Options)" "X-Frame-Options of the claim page"
expect_eq same-origin "$(header Referrer-Policy)" "Referrer-Policy of the claim page"
expect_contains "$DIR/body" "$code"
expect_contains "$DIR/body" '<form method="post"'
expect_contains "$DIR/body" 'Ja, ik stuur mijn oude paar op'
expect_not_contains "$DIR/body" '<script'
expect_not_contains "$DIR/body" 'Anne'	# no personal data on the page
expect_eq issued "$(rows "SELECT state FROM codes WHERE code = '$code'")" \
    "state after GET"

# A tampered or foreign link: 403, a page, and nothing changes.
other=$(rows "SELECT code FROM codes WHERE order_id = '2001'")
expect_status 403 POST "${page/$code/$other}" -d claim=1
expect_contains "$DIR/body" 'This link does not work'	# order 2001 is in en
expect_status 403 POST "${page%?}x" -d claim=1
expect_status 403 GET "${page/exp=/exp=1}"
expect_status 403 GET "/v1/recycle/$code"
expect_status 403 GET "/v1/recycle/RC-00000-00000?exp=1&kid=x&sig=y"
expect_status 403 GET "/v1/recycle/not-a-code"
expect_status 405 PUT "$page"
expired=$(PPX_NOW=2020-01-01 itest_ppx sign --expires 1d demo \
    "/v1/recycle/$code")
expect_status 403 POST "$expired" -d claim=1
expect_contains "$DIR/body" 'Deze link is verlopen'
expect_eq issued "$(rows "SELECT state FROM codes WHERE code = '$code'")" \
    "state after bad links"

# One click claims; the second says so; both 200.
expect_status 200 POST "$page" -d claim=1
expect_contains "$DIR/body" 'Dank je! Je retour is aangemeld.'
expect_not_contains "$DIR/body" '<form'
expect_eq claimed "$(rows "SELECT state FROM codes WHERE code = '$code'")" \
    "state after POST"
expect_status 200 POST "$page" -d claim=1
expect_contains "$DIR/body" 'Deze retour was al aangemeld.'
expect_status 200 GET "$page"
expect_contains "$DIR/body" 'Je retour is aangemeld.'
expect_not_contains "$DIR/body" '<form'

# --- ppx recycle: receive, and the total goes up ------------------------------
lower=$(echo "$code" | tr 'A-Z' 'a-z' | tr -d -)
out=$(itest_ppx recycle receive "$lower")
expect_eq "$code: received" "$out" "ppx recycle receive"
out=$(itest_ppx recycle receive "$code")
expect_eq "$code: already received" "$out" "ppx recycle receive again"
itest_ppx recycle receive RC-00000-00000 >/dev/null 2>"$DIR/err"
expect_eq 1 "$?" "exit status for an unknown code"
expect_contains "$DIR/err" 'no such code: RC-00000-00000'
itest_ppx recycle receive RC-0000 >/dev/null 2>&1
expect_eq 1 "$?" "exit status for a mistyped code"
itest_ppx recycle frobnicate "$code" >/dev/null 2>&1
expect_eq 2 "$?" "exit status for a usage error"
itest_ppx recycle show "$code" > "$DIR/show"
expect_contains "$DIR/show" 'state: received'
expect_status 200 GET "$page"
expect_contains "$DIR/body" 'We hebben je oude paar ontvangen.'

fragment 1042 html
expect_contains "$DIR/body" '1 paar schoenen kreeg al een tweede leven'
itest_ppx recycle receive "$race_code" >/dev/null
fragment 1042 html
expect_contains "$DIR/body" '2 paar schoenen kregen al een tweede leven'

# A brand with years of returns: the total is grouped per language.
rows "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
    WHERE i < 12406) INSERT INTO codes (brand, kind, order_id, item, code,
    lang, state, issued, received) SELECT 'demo', 'recycle', 'old' || i,
    'RUN-1', printf('RC-T%04d-%05d', i / 100000, i), 'nl', 'received', 1,
    2 FROM n" >/dev/null

# --- golden files, code and signature blanked ------------------------------------
blank() {
	sed -E -e "s/$CODE_RE/RC-XXXXX-XXXXX/g" \
	    -e 's/exp=[0-9]+(&amp;|&)kid=[a-z0-9]+(&amp;|&)sig=[A-Za-z0-9_-]+/exp=EXP\1kid=KID\2sig=SIG/g' \
	    "$DIR/body"
}

golden() {	# NAME ORDER FMT
	local file=$GOLDEN/$1.$3
	fragment "$2" "$3"
	blank > "$DIR/blanked"
	if [ "${PPX_UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$DIR/blanked" "$file" && pass "updated $file"
	elif [ ! -f "$file" ]; then
		fail "no golden file $file"
	elif cmp -s "$DIR/blanked" "$file"; then
		pass "$1.$3 matches"
	else
		fail "$1.$3 differs from the golden file:"
		diff -u "$file" "$DIR/blanked" | head -n 40
	fi
}

for fmt in html txt xml json; do
	golden recycle-nl 1042 "$fmt"
done
golden recycle-en 1043 html
expect_contains "$GOLDEN/recycle-nl.html" '12.408 paar schoenen kregen al een tweede leven'
expect_contains "$GOLDEN/recycle-en.html" '12,408 pairs of shoes already got a second life'
itest_done
