#!/bin/bash
# sdk.sh - the plugin SDK promise: with only the installed <ppx/plugin.h>
# and ppx-plugin.pc, `cc -shared -fPIC $(pkg-config --cflags ppx-plugin)
# x.c -o x.so` builds a plugin that ppxd loads and serves.
. "${srcdir:-.}/tests/integration/lib.sh"
SRC=${srcdir:-.}
TOP=${abs_top_builddir:-$(pwd)}

dest=$(mktemp -d "${TMPDIR:-/tmp}/ppx-sdk.XXXXXX")
trap 'rm -rf "$dest"' EXIT
make -s -C "$TOP" install-pkgincludeHEADERS install-pkgconfigDATA \
    DESTDIR="$dest" >/dev/null || itest_die "installing the SDK failed"
pc=$(find "$dest" -name ppx-plugin.pc | head -n 1)
[ -n "$pc" ] || itest_die "no ppx-plugin.pc installed"
cflags=$(PKG_CONFIG_SYSROOT_DIR=$dest PKG_CONFIG_PATH=${pc%/*} \
    pkg-config --cflags ppx-plugin) || itest_die "pkg-config ppx-plugin failed"
mkdir -p "$dest/out"
# shellcheck disable=SC2086
cc -std=c99 -Wall -Wextra -pedantic -Werror -shared -fPIC $cflags \
    "$SRC/tests/sdk/example.c" -o "$dest/out/hello.so" 2>"$dest/cc.err" &&
    pass "hello.so builds out of tree with only pkg-config ppx-plugin" ||
    { fail "building hello.so: $(head -n 3 "$dest/cc.err")"; itest_done; }
# The helpers are static inline in the header: each language it serves
# builds it without a warning, helpers used or not (C89 sees none).
for std in c89 c11 c++11; do
	comp=cc lang=c
	case $std in c++*) comp=c++ lang=c++ ;; esac
	# shellcheck disable=SC2086
	if echo '#include <ppx/plugin.h>' | $comp -x $lang -std=$std -Wall \
	    -Wextra -pedantic -Werror $cflags -c - -o /dev/null 2>"$dest/cc.err"
	then
		pass "<ppx/plugin.h> builds as $std without a warning"
	else
		fail "<ppx/plugin.h> as $std: $(head -n 3 "$dest/cc.err")"
	fi
done
case $cflags in
*"$dest"*) pass "the include path is the installed one: $cflags" ;;
*) fail "cflags do not point into the install: $cflags" ;;
esac
syms=$(nm -D --defined-only "$dest/out/hello.so" | awk '$2 ~ /[DR]/ { print $3 }')
expect_eq ppx_plugin "$syms" "exported data symbols"
cp "$SRC/tests/sdk/hello.xsl" "$dest/out/"

trap - EXIT
ITEST_EXTRA_PLUGINS="$dest/out/hello.so"
itest_prepare
trap 'itest_cleanup; rm -rf "$dest"' EXIT
itest_ppx import catalog "$SRC/tests/sdk/hello.en.po" >/dev/null
itest_ppx touchpoint enable demo delivered hello
itest_run
H=/v1/brands/demo/touchpoints/hello
expect_status 200 GET "$H.html?order=7&first_name=Anne&lang=en" -H "Authorization: Bearer $KEY"
expect_contains "$DIR/body" "Hi Anne, enjoy!"
expect_status 200 GET "$H.xml?order=7&lang=en" -H "Authorization: Bearer $KEY"
expect_eq "hello=nodata" "$(header PPX-Omitted)" "no first name: omitted"
itest_done
