#!/bin/bash
# golden.sh - the demo fragments, byte for byte, through nginx.  The
# clock is pinned (PPX_NOW) so countdowns are stable.  The golden files
# in tests/golden/ were reviewed by eye once; after an intended change,
# regenerate them with PPX_UPDATE_GOLDEN=1 make check TESTS=tests/integration/golden.sh
# and review the diff before committing it.
. "${srcdir:-.}/tests/integration/lib.sh"
. "${srcdir:-.}/tests/integration/links_lib.sh"
export PPX_NOW=2026-11-23T08:00:00Z
itest_prepare
# Links are tracked (/r/TOKEN): a fixed base, and the random kid and tags
# normalised (links_lib.sh), so the files compare byte for byte.
links_public https://ppx.example
itest_run
GOLDEN=${srcdir:-.}/tests/golden
AUTH=(-H "Authorization: Bearer $KEY")

# NAME ORDER STAGE FORMAT: POST the demo order, compare with the golden file.
golden() {
	local name=$1 order=$2 stage=$3 fmt=$4 file
	file=$GOLDEN/$name.$fmt
	expect_status 200 POST "/v1/brands/demo/stages/$stage.$fmt" "${AUTH[@]}" \
	    -H 'Content-Type: application/json' --data-binary "@$DIR/orders/$order.json"
	links_normalize < "$DIR/body" > "$DIR/body.norm" && mv "$DIR/body.norm" "$DIR/body"
	if [ "${PPX_UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$DIR/body" "$file" && pass "updated $file"
	elif [ ! -f "$file" ]; then
		fail "no golden file $file"
	elif cmp -s "$DIR/body" "$file"; then
		pass "$name.$fmt matches"
	else
		fail "$name.$fmt differs from the golden file:"
		diff -u "$file" "$DIR/body" | head -n 40
	fi
}

for fmt in html txt xml json; do
	golden countdown-nl 1042 shipped "$fmt"
done
golden today-en 1043 out_for_delivery html
golden today-en 1043 out_for_delivery txt
golden late-nl 1044 shipped html
golden late-nl 1044 shipped txt
golden countdown-nl-ordered 1042 ordered html

# `ppx render` shows exactly what ppxd serves, without a web server.
for fmt in html txt xml json; do
	itest_ppx render --format "$fmt" --order "$DIR/orders/1042.json" \
	    demo shipped 2>"$DIR/render.err" | links_normalize > "$DIR/rendered"
	if cmp -s "$DIR/rendered" "$GOLDEN/countdown-nl.$fmt"; then
		pass "ppx render --format $fmt matches ppxd"
	else
		fail "ppx render --format $fmt differs from what ppxd served"
	fi
done
itest_done
