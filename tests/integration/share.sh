#!/bin/bash
# share.sh - the share touchpoint and tracked links (/r/) through real
# nginx: the fragment in four formats against its golden files, each of
# its links a 302 to the right target with the click counted in the
# store, and every token that is not exactly one we made - tampered,
# expired, moved to another brand, unknown, garbage - a 4xx page without
# a Location.  The share golden HTML is also checked for email safety by
# email_safety.sh (every tests/golden/*.html).
#
# Regenerate the golden files with
#	PPX_UPDATE_GOLDEN=1 make check TESTS=tests/integration/share.sh
# and review the diff by eye before committing it.
. "${srcdir:-.}/tests/integration/lib.sh"
. "${srcdir:-.}/tests/integration/links_lib.sh"
export PPX_NOW=2026-11-23T08:00:00Z
PUBLIC=https://ppx.example
itest_prepare
links_public "$PUBLIC"
itest_run
GOLDEN=${srcdir:-.}/tests/golden
AUTH=(-H "Authorization: Bearer $KEY")
ENC='https%3A%2F%2Fshop.example%2Fp%2Frunner-42%3Futm_source%3D'
TAGS='%26utm_medium%3Dsocial%26utm_campaign%3Dshare'

# NAME ORDER FORMAT: the share fragment of ORDER, compared with NAME.FORMAT.
golden() {
	local name=$1 order=$2 fmt=$3 file=$GOLDEN/$1.$3
	expect_status 200 POST "/v1/brands/demo/touchpoints/share.$fmt?stage=delivered" \
	    "${AUTH[@]}" -H 'Content-Type: application/json' \
	    --data-binary "@$DIR/orders/$order.json"
	cp "$DIR/body" "$DIR/share.$name.$fmt"
	links_normalize < "$DIR/body" > "$DIR/body.norm"
	if [ "${PPX_UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$DIR/body.norm" "$file" && pass "updated $file"
	elif cmp -s "$DIR/body.norm" "$file"; then
		pass "$name.$fmt matches"
	else
		fail "$name.$fmt differs from the golden file:"
		diff -u "$file" "$DIR/body.norm" | head -n 40
	fi
}

for fmt in html txt xml json; do
	golden share-nl 1042 "$fmt"
done
golden share-en 1043 html

# The token of network ID's link in the .xml answer.
token_of() {
	grep -o "<network id=\"$1\"><link href=\"[^\"]*\"" "$DIR/share.share-nl.xml" |
	    sed 's#.*/r/##; s#"$##'
}

# clicks KIND: the count in the store for today (the brand's day).
clicks() {
	sqlite3 -cmd '.timeout 2000' "$DIR/ppx.db" "SELECT coalesce(sum(n), 0)
	    FROM clicks WHERE brand = 'demo' AND touchpoint = 'share'
	    AND kind = '$1' AND day = '2026-11-23'"
}

# expect_refused STATUS TOKEN WHAT: a 4xx page, no Location.
expect_refused() {
	local got
	got=$(http GET "/r/$2")
	expect_eq "$1" "$got" "$3: status"
	if header Location >/dev/null; then
		fail "$3: answered with a Location: $(header Location)"
	else
		pass "$3: no Location"
	fi
	expect_contains "$DIR/body" '<html lang="en">'
}

# --- every share link: 302 to its target, counted ---------------------
declare -A want=(
	[facebook]="https://www.facebook.com/sharer/sharer.php?u=${ENC}facebook$TAGS"
	[x]="https://x.com/intent/tweet?url=${ENC}x$TAGS&text=Runner%2042"
	[whatsapp]="https://wa.me/?text=Runner%2042%20${ENC}whatsapp$TAGS"
	[pinterest]="https://pinterest.com/pin/create/button/?url=${ENC}pinterest$TAGS&media=https%3A%2F%2Fcdn.shop.example%2Frunner-42.jpg&description=Runner%2042"
	[linkedin]="https://www.linkedin.com/sharing/share-offsite/?url=${ENC}linkedin$TAGS"
	[email]="mailto:?subject=Runner%2042&body=Runner%2042%20${ENC}email$TAGS"
)
for net in facebook x whatsapp pinterest linkedin email; do
	tok=$(token_of "$net")
	if [ -z "$tok" ]; then
		fail "no $net link in the fragment"
		continue
	fi
	expect_status 302 GET "/r/$tok"
	expect_eq "${want[$net]}" "$(header Location)" "$net Location"
	expect_eq 1 "$(clicks "share-$net")" "share-$net clicks"
done

FB=$(token_of facebook)
expect_status 302 GET "/r/$FB"
expect_eq 2 "$(clicks share-facebook)" "a second click counts"
expect_status 302 HEAD "/r/$FB"
expect_eq "${want[facebook]}" "$(header Location)" "HEAD Location"
expect_eq 2 "$(clicks share-facebook)" "a HEAD does not count"
expect_status 405 POST "/r/$FB"
expect_eq 1 "$(sqlite3 "$DIR/ppx.db" "SELECT count(*) FROM clicks
    WHERE kind = 'share-facebook'")" "one row per brand, touchpoint, kind, day"
expect_eq "brand|touchpoint|kind|day|n" "$(sqlite3 "$DIR/ppx.db" \
    "SELECT group_concat(name, '|') FROM pragma_table_info('clicks')")" \
    "clicks holds no personal data"

# The product link is tracked too, as kind "product".
prod=$(grep -o "<product>.*</product>" "$DIR/share.share-nl.xml" |
    grep -o '/r/[^"]*' | sed 's#/r/##')
expect_status 302 GET "/r/$prod"
expect_eq "https://shop.example/p/runner-42" "$(header Location)" "product Location"
expect_eq "$(printf '1830038399\nshare\nproduct\nhttps://shop.example/p/runner-42')" \
    "$(links_payload "$prod")" "product token payload (400 days, end of day)"

# --- voorpret's links are tracked the same way -------------------------
expect_status 200 POST "/v1/brands/demo/touchpoints/voorpret.html?stage=shipped" \
    "${AUTH[@]}" -H 'Content-Type: application/json' \
    --data-binary "@$DIR/orders/1044.json"
track=$(grep -o "$PUBLIC/r/[A-Za-z0-9_.-]*" "$DIR/body" | while read -r u; do
	t=${u#"$PUBLIC/r/"}
	[ "$(links_payload "$t" | sed -n 3p)" = tracking ] && echo "$t"
done | head -n 1)
expect_status 302 GET "/r/$track"
expect_eq "https://carrier.example/track/3S1042" "$(header Location)" \
    "voorpret tracking Location"
expect_not_contains "$DIR/body" 'href="https://carrier.example'

# --- refused: 4xx page, never a Location -------------------------------
# A changed character in the payload, and in the tag.
mid=$(( ${#FB} / 2 ))
c=${FB:$mid:1}
[ "$c" = A ] && r=B || r=A
expect_refused 403 "${FB:0:$mid}$r${FB:$((mid + 1))}" "tampered payload"
c=${FB: -1}
[ "$c" = A ] && r=Q || r=A
expect_refused 403 "${FB:0:${#FB}-1}$r" "tampered tag"
# Another target with the old tag.
IFS=. read -r b k p t <<< "$FB"
evil=$(printf '1830038399\nshare\nshare-facebook\nhttps://evil.example/' |
    base64 -w0 | tr -- '+/' '-_' | tr -d =)
expect_refused 403 "$b.$k.$evil.$t" "another target"

# Expired: a link made (by ppx render) with the clock 500 days back.
PPX_NOW=2025-07-11T08:00:00Z itest_ppx render --format xml -t share \
    --order "$DIR/orders/1042.json" demo delivered > "$DIR/old.xml" 2>"$DIR/old.err"
old=$(grep -o '<network id="facebook"><link href="[^"]*"' "$DIR/old.xml" |
    sed 's#.*/r/##; s#"$##')
expect_refused 410 "$old" "expired"

# Another brand: its own token, and demo's token under its name.
itest_ppx brand add other --lang en --timezone UTC > "$DIR/other.out" 2>&1 &&
    itest_ppx touchpoint enable other delivered share >> "$DIR/other.out" 2>&1 &&
    okey=$(itest_ppx key new other 2>>"$DIR/other.out")
if [ -n "$okey" ]; then
	expect_status 200 POST "/v1/brands/other/touchpoints/share.xml?stage=delivered" \
	    -H "Authorization: Bearer $okey" -H 'Content-Type: application/json' \
	    --data-binary "@$DIR/orders/1042.json"
	otok=$(grep -o '<network id="facebook"><link href="[^"]*"' "$DIR/body" |
	    sed 's#.*/r/##; s#"$##')
	expect_status 302 GET "/r/$otok"
	IFS=. read -r ob ok op ot <<< "$otok"
	expect_refused 404 "demo.$ok.$op.$ot" "other brand's token as demo"
	expect_refused 403 "other.$ok.$p.$t" "demo's payload under other's key"
else
	fail "no brand 'other' with a key: $(cat "$DIR/other.out")"
fi
expect_refused 404 "nosuch.$k.$p.$t" "unknown brand"
expect_refused 404 "demo.ffffffff.$p.$t" "unknown kid"

# Garbage.
expect_refused 400 "garbage" "one word"
expect_refused 400 "a.b.c.d" "four short parts"
expect_refused 400 "demo.$k.$p.${t}x" "tag too long"
expect_status 404 GET "/r/a%2Fb"
expect_status 404 GET "/r/$(head -c 1801 /dev/zero | tr '\0' A)"
expect_eq 2 "$(clicks share-facebook)" "refused tokens count nothing"

# A store held locked by another writer: the redirect does not wait for
# it (the click is dropped and logged), it still answers 302.
printf 'BEGIN IMMEDIATE;\n.shell sleep 3\nCOMMIT;\n' |
    sqlite3 "$DIR/ppx.db" >/dev/null 2>&1 &
locker=$!
sleep 0.5
expect_status 302 GET "/r/$FB"
ms=$("$CURL" -s -o /dev/null -w '%{time_total}' --max-time 10 "$BASE/r/$FB" |
    awk '{ printf "%d", $1 * 1000 }')
if [ "$ms" -lt 1000 ]; then
	pass "redirect under a held lock took ${ms} ms"
else
	fail "redirect under a held lock took ${ms} ms (waited for the lock)"
fi
wait "$locker"
expect_eq 2 "$(clicks share-facebook)" "the clicks under the lock were dropped"
expect_contains "$DIR/ppxd.log" "click not counted (store busy)"

itest_done
