# shellcheck shell=bash
# links_lib.sh - helpers for tests that see tracked links (/r/TOKEN),
# sourced after lib.sh.
#
# A token is BRAND.KID.PAYLOAD.TAG (fcgi/link_token.h).  KID and the
# secret are random per `ppx demo`, so golden files hold KID and TAG in
# their place; the payload (expiry, touchpoint, kind, target) stays, and
# is stable under a pinned PPX_NOW.

# links_public URL: links in this instance are URL/r/...  (before itest_run)
links_public() {
	sed -i "s#</ppx>#  <public url=\"$1\"/>\\n</ppx>#" "$DIR/ppx.xml"
}

# links_normalize < IN > OUT: every token's kid and tag as KID and TAG.
links_normalize() {
	sed -E 's#(/r/[a-z0-9][a-z0-9_-]*)\.[a-z0-9]{1,16}\.([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]{22}#\1.KID.\2.TAG#g'
}

# links_payload TOKEN: the decoded payload (exp, touchpoint, kind, url on
# four lines).
links_payload() {
	local p
	p=$(printf '%s' "$1" | cut -d. -f3 | tr -- '-_' '+/')
	while [ $((${#p} % 4)) -ne 0 ]; do p="$p="; done
	printf '%s' "$p" | base64 -d
}

# links_targets FILE: the target URL of every tracked link in FILE, one a
# line (the fourth line of each token's payload).
links_targets() {
	local t
	grep -oE '/r/[a-z0-9][a-z0-9_-]*\.[a-zA-Z0-9]{1,16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+' "$1" |
	    sed 's#^/r/##' | sort -u | while read -r t; do
		links_payload "$t" | sed -n 4p
	done
}
