#!/bin/bash
# man_pages.sh - the man pages are clean for `mandoc -Tlint` and cover
# what the programs say they do: every long option of `ppxd --help` and
# `ppx --help` in ppxd(8) / ppx(1), every command `ppx --help` lists
# in ppx(1), every element of conf/ppx.rng in ppx.xml(5).
top=${abs_top_builddir:-.}
src=${srcdir:-.}
man=$src/man
failed=0
checks=0

ok() { checks=$((checks + 1)); echo "ok: $*"; }
bad() { checks=$((checks + 1)); failed=$((failed + 1)); echo "FAIL: $*"; }

if ! mandoc=$(command -v mandoc); then
	echo "FAIL: mandoc not found (scripts/deps.sh installs it)"
	exit 1
fi
for page in "$man"/ppxd.8 "$man"/ppx.1 "$man"/ppx.xml.5 "$man"/ppx_plugin.3; do
	if out=$("$mandoc" -Tlint -W warning "$page" 2>&1) && [ -z "$out" ]; then
		ok "${page##*/}: mandoc -Tlint clean"
	else
		bad "${page##*/}: $(echo "$out" | head -n 3)"
	fi
done

# OPTIONS_OF PROGRAM: the long options its --help prints.
long_options() {
	"$1" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u
}
for pair in "ppxd:ppxd.8" "ppx:ppx.1"; do
	prog=$top/${pair%%:*}
	page=$man/${pair#*:}
	[ -x "$prog" ] || { bad "no $prog (build it first)"; continue; }
	opts=$(long_options "$prog")
	[ -n "$opts" ] || bad "${pair%%:*} --help lists no options"
	for o in $opts; do
		if grep -q -- "Fl -${o#--}\b" "$page"; then
			ok "${page##*/} documents $o"
		else
			bad "${page##*/} does not document $o"
		fi
	done
done

# The commands of ppx --help: the lines after "commands:".
cmds=$("$top/ppx" --help | sed -n '/^commands:/,$p' | awk 'NR > 1 && NF { print $1 }')
[ -n "$cmds" ] || bad "ppx --help lists no commands"
for c in $cmds; do
	if grep -q "^\.It Cm $c\b" "$man/ppx.1"; then
		ok "ppx.1 documents the command $c"
	else
		bad "ppx.1 does not document the command $c"
	fi
done

# The elements of the config schema.
for e in $(grep -o 'element name="[a-z-]*"' "$src/conf/ppx.rng" |
    sed 's/.*="//; s/"//' | sort -u); do
	[ "$e" = ppx ] && continue
	if grep -q "Aq Ic $e\b" "$man/ppx.xml.5"; then
		ok "ppx.xml.5 documents <$e>"
	else
		bad "ppx.xml.5 does not document <$e>"
	fi
done

echo "$((checks - failed)) passed, $failed failed"
[ "$failed" = 0 ] && [ "$checks" -gt 0 ]
