#!/bin/bash
# club.sh - the club touchpoint through nginx and ppxd, with its data
# imported by `ppx import` into the instance's real sqlite store: the
# demo's nearest clubs, a re-import that running workers see, an unknown
# postcode that falls back to the community, failed imports that change
# nothing, and the progress line of a big import.
. "${srcdir:-.}/tests/integration/lib.sh"
. "${srcdir:-.}/tests/integration/links_lib.sh"
export PPX_NOW=2026-11-23T08:00:00Z
itest_prepare
links_public https://ppx.example
itest_run
AUTH=(-H "Authorization: Bearer $KEY")
TP=/v1/brands/demo/touchpoints/club

# club FORMAT QUERY: GET the club touchpoint, expect 200.
club() {
	expect_status 200 GET "$TP.$1?order=7&$2" "${AUTH[@]}"
	links_normalize < "$DIR/body" > "$DIR/body.norm"
	links_targets "$DIR/body.norm" > "$DIR/targets"
	mv "$DIR/body.norm" "$DIR/body"
}

# before FILE A B: A occurs in FILE before B.
before() {
	local a b
	a=$(grep -bo -F -- "$2" "$1" | head -n 1 | cut -d: -f1)
	b=$(grep -bo -F -- "$3" "$1" | head -n 1 | cut -d: -f1)
	if [ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ]; then
		pass "'$2' before '$3'"
	else
		fail "'$2' not before '$3'"
	fi
}

# 1. The demo data: 1011 AB (Amsterdam centre) has three clubs nearby.
club html 'lang=nl&postcode=1011%20AB'
expect_contains "$DIR/body" 'Loopgroep Oosterpark (demo)'
expect_contains "$DIR/body" '2,0 km'
expect_contains "$DIR/body" 'zaterdag 28 november'
expect_contains "$DIR/targets" 'https://clubs.example/ams-oost/events/2026-11-28'
expect_not_contains "$DIR/body" 'Herfstrondje'	# 2026-11-14 is past
expect_not_contains "$DIR/body" 'Utrecht'		# 35 km: past 15 km
before "$DIR/body" 'Oosterpark' 'Westerpark'
before "$DIR/body" 'Westerpark' 'Vondelpark'
cp "$DIR/body" "$DIR/amsterdam.html"
club txt 'lang=en&postcode=1011AB'
expect_contains "$DIR/body" '2.0 km'
expect_contains "$DIR/body" 'Saturday, November 28'
club json 'lang=nl&postcode=1011%20AB'
expect_contains "$DIR/body" '"km"'
club html 'lang=nl&postcode=3511%20AB'
expect_contains "$DIR/body" 'AV Utrecht Loopgroep Demo'

# The fragments, byte for byte (reviewed by eye once; after an intended
# change: PPX_UPDATE_GOLDEN=1 make check TESTS=tests/integration/club.sh,
# then review the diff).  email_safety.sh checks the .html ones.
golden() {	# NAME FORMAT QUERY
	local file=${srcdir:-.}/tests/golden/$1.$2
	club "$2" "$3"
	if [ "${PPX_UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$DIR/body" "$file" && pass "updated $file"
	elif cmp -s "$DIR/body" "$file"; then
		pass "$1.$2 matches"
	else
		fail "$1.$2 differs from the golden file:"
		diff -u "$file" "$DIR/body" | head -n 40
	fi
}
for fmt in html txt xml json; do
	golden club-nl "$fmt" 'lang=nl&postcode=1011%20AB'
done
golden club-community-en html 'lang=en&postcode=9999%20ZZ'
golden club-community-en txt 'lang=en&postcode=9999%20ZZ'

# 2. Unknown postcode, and one nowhere near a club: the community.
for pc in 9999%20ZZ 6211 bogus; do
	club html "lang=nl&postcode=$pc"
	expect_contains "$DIR/targets" 'https://community.shop.example/'
	expect_contains "$DIR/body" 'Naar de community'
	expect_not_contains "$DIR/body" 'clubs.example'
done

# 3. A failed import changes nothing, and says where and why.
cat > "$DIR/clubs.csv" <<'CSV'
id,name,city,url,lat,lon
new1,Nieuwe Loopgroep (test),Amsterdam,https://clubs.example/new1,52.3735,4.9005
bad,Kapot (test),Amsterdam,,152.37,4.90
CSV
itest_ppx import clubs --brand demo "$DIR/clubs.csv" >"$DIR/out" 2>"$DIR/err"
expect_eq 1 "$?" "exit code of a bad import"
expect_contains "$DIR/err" "clubs.csv:3: lat out of range"
printf 'id,name\n' > "$DIR/header.csv"
itest_ppx import clubs --brand demo "$DIR/header.csv" >"$DIR/out" 2>"$DIR/err"
expect_eq 1 "$?" "exit code of a bad header"
expect_contains "$DIR/err" "header must be: id,name,city,url,lat,lon"
itest_ppx import events --brand demo /nonexistent.csv >"$DIR/out" 2>"$DIR/err"
expect_eq 1 "$?" "exit code of a missing file"
itest_ppx import clubs "$DIR/clubs.csv" >"$DIR/out" 2>"$DIR/err"
expect_eq 1 "$?" "exit code without --brand"
itest_ppx import clubs --bogus "$DIR/clubs.csv" >"$DIR/out" 2>"$DIR/err"
expect_eq 2 "$?" "exit code of a bad option"
club html 'lang=nl&postcode=1011%20AB'
if cmp -s "$DIR/body" "$DIR/amsterdam.html"; then
	pass "failed imports left the fragment as it was"
else
	fail "the fragment changed after failed imports"
fi

# 4. A good import replaces the brand's clubs; running workers see it.
sed -i '/^bad,/d' "$DIR/clubs.csv"
itest_ppx import clubs --brand demo "$DIR/clubs.csv" >"$DIR/out" 2>"$DIR/err"
expect_eq 0 "$?" "exit code of a good import"
expect_contains "$DIR/out" "1 entries imported"
for i in 1 2 3 4; do	# both workers
	club html 'lang=nl&postcode=1011%20AB'
	expect_contains "$DIR/body" 'Nieuwe Loopgroep (test)'
	expect_not_contains "$DIR/body" 'Oosterpark'
done

# 5. A big file shows a progress line with --progress.
awk 'BEGIN { print "id,name,city,url,lat,lon";
	for (i = 0; i < 25000; i++)
		printf "c%d,Club %d (test),,,%.4f,%.4f\n", i, i,
		    50.8 + (i % 250) * 0.01, 3.4 + int(i / 250) * 0.038 }' \
	> "$DIR/big.csv"
itest_ppx import clubs --brand demo --progress "$DIR/big.csv" \
	>"$DIR/out" 2>"$DIR/err"
expect_eq 0 "$?" "exit code of a big import"
expect_contains "$DIR/err" "big.csv: 25000 rows"
expect_contains "$DIR/out" "25000 entries imported"
club html 'lang=nl&postcode=1011%20AB'
expect_contains "$DIR/body" '(test)'
itest_done
