#!/bin/bash
# email_safety.sh - every golden HTML fragment (tests/golden/*.html) passes
# the email-safety checker (tests/email/check.mjs: caniemail for Gmail,
# Outlook and Apple Mail, html-validate, DESIGN.md's own rules).
#
# Run by automake's test driver from the build dir, with srcdir (and
# abs_top_srcdir, abs_top_builddir from AM_TESTS_ENVIRONMENT) set.  The
# checker's npm packages are installed on first use with `npm ci` from the
# committed package-lock.json: into $srcdir/tests/email when it is
# writable, else (VPATH/distcheck, read-only source) into a copy under
# $abs_top_builddir/tests/email-run.  Fails (never skips) without node or
# without golden files.
set -u

top_src=${abs_top_srcdir:-${srcdir:-.}}
top_build=${abs_top_builddir:-$(pwd)}
src_email=$top_src/tests/email

fail()
{
	echo "email_safety: FAIL: $*" >&2
	exit 1
}

# usable DIR: the packages are installed and not older than the lock file.
usable()
{
	local d=$1 p

	for p in caniemail html-validate htmlparser2; do
		[ -f "$d/node_modules/$p/package.json" ] || return 1
	done
	[ -f "$d/node_modules/.package-lock.json" ] || return 1
	[ "$d/package-lock.json" -nt "$d/node_modules/.package-lock.json" ] &&
	    return 1
	return 0
}

# writable DIR: by its mode bits too, for root ignores them (distcheck
# makes the source tree read-only and means it).
writable()
{
	[ -w "$1" ] && [ -n "$(find "$1" -maxdepth 0 -perm -u=w)" ]
}

install()
{
	echo "email_safety: npm ci in $1"
	npm ci --prefix "$1" --no-audit --no-fund >&2 ||
	    fail "npm ci in $1 failed (the npm registry is needed once)"
}

command -v node >/dev/null 2>&1 || fail "node not found (Node.js >= 20.19)"
[ -f "$src_email/check.mjs" ] || fail "no $src_email/check.mjs"

if usable "$src_email"; then
	email=$src_email
elif writable "$src_email"; then
	command -v npm >/dev/null 2>&1 || fail "npm not found"
	install "$src_email"
	email=$src_email
else
	# Read-only source tree: run from a copy in the build tree.
	email=$top_build/tests/email-run
	mkdir -p "$email" || fail "cannot create $email"
	rm -rf "$email/fixtures"
	if ! cp -p "$src_email/package.json" "$src_email/package-lock.json" \
	    "$src_email/check.mjs" "$email/" ||
	    ! cp -Rp "$src_email/fixtures" "$email/"; then
		fail "cannot copy $src_email to $email"
	fi
	chmod -R u+w "$email"
	if ! usable "$email"; then
		command -v npm >/dev/null 2>&1 || fail "npm not found"
		install "$email"
	fi
fi

# The checker must be able to fail: its fixtures say so.
node "$email/check.mjs" --self-test || fail "checker self-test"

shopt -s nullglob
golden=("$top_src"/tests/golden/*.html)
shopt -u nullglob
[ ${#golden[@]} -gt 0 ] || fail "no golden html files in $top_src/tests/golden"

node "$email/check.mjs" "${golden[@]}"
