#!/bin/bash
# package.sh [DEBDIR] - install the ppxd and libppx-plugin-dev packages
# built by `dpkg-buildpackage -us -uc -b` (their .deb files in DEBDIR,
# default ..) and run the integration suite against the installed
# /usr/sbin/ppxd and /usr/bin/ppx, behind nginx and both Apache set-ups.
#
# Not part of `make check` or CI: it installs packages system-wide (as
# root).  Run it from a build dir after make check (for the test plugins
# of surface.sh):
#
#	cd build/gcc && bash ../../tests/package.sh /path/to/debs
#
# Exit status 0 when the packages install, hold what they should, and
# every scenario passes under every server; 1 otherwise.
set -u
debdir=${1:-..}
export srcdir=${srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
export abs_top_builddir=${abs_top_builddir:-$(pwd)}
failed=0

ok() { echo "ok: $*"; }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }

[ "$(id -u)" = 0 ] || { echo "FAIL: package.sh installs packages: run it as root"; exit 1; }
shopt -s nullglob
debs=("$debdir"/ppxd_*.deb "$debdir"/libppx-plugin-dev_*.deb)
[ "${#debs[@]}" = 2 ] ||
    { echo "FAIL: want one ppxd and one libppx-plugin-dev .deb in $debdir, found ${#debs[@]}"; exit 1; }
[ -d "$abs_top_builddir/run/test-plugins" ] ||
    { echo "FAIL: no $abs_top_builddir/run/test-plugins: run from a build dir after make check"; exit 1; }

# apt resolves the packages' dependencies; the paths must look like paths.
abs=()
for d in "${debs[@]}"; do abs+=("$(cd "$(dirname "$d")" && pwd)/${d##*/}"); done
if DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
    --no-install-recommends "${abs[@]}" > "${TMPDIR:-/tmp}/ppx-package.log" 2>&1; then
	ok "installed ${debs[*]##*/}"
else
	tail -n 20 "${TMPDIR:-/tmp}/ppx-package.log"
	echo "FAIL: apt-get install of the packages failed"
	exit 1
fi

for f in /usr/sbin/ppxd /usr/bin/ppx /etc/ppx/ppx.xml \
    /lib/systemd/system/ppxd.service /lib/systemd/system/ppxd.socket \
    /usr/include/ppx/plugin.h /usr/share/man/man8/ppxd.8.gz \
    /usr/share/man/man1/ppx.1.gz /usr/share/man/man5/ppx.xml.5.gz \
    /usr/share/man/man3/ppx_plugin.3.gz \
    /usr/share/doc/ppxd/examples/apache-fcgid.conf; do
	[ -e "$f" ] && ok "installed $f" || bad "missing $f"
done
pkg-config --exists ppx-plugin && ok "pkg-config finds ppx-plugin" ||
    bad "pkg-config does not find ppx-plugin"
ls "$(pkg-config --variable=plugindir ppx-plugin)"/*.so >/dev/null 2>&1 &&
    ok "plugins in the pc file's plugindir" || bad "no plugins in plugindir"
getent passwd ppx >/dev/null && ok "system user ppx" || bad "no user ppx"
out=$(runuser -u ppx -- /usr/sbin/ppxd --config /etc/ppx/ppx.xml --check 2>&1) &&
    ok "ppxd --check of /etc/ppx/ppx.xml as ppx: $out" ||
    bad "ppxd --check of /etc/ppx/ppx.xml: $out"

export PPXD=/usr/sbin/ppxd PPX=/usr/bin/ppx
for server in nginx apache-proxy apache-fcgid; do
	if bash "$srcdir/tests/integration/servers.sh" "$server" \
	    > "${TMPDIR:-/tmp}/ppx-package-$server.log" 2>&1; then
		ok "integration suite under $server against the package"
	else
		grep -E '^(FAIL|  FAIL)' "${TMPDIR:-/tmp}/ppx-package-$server.log" | head -n 20
		bad "integration suite under $server (log: ${TMPDIR:-/tmp}/ppx-package-$server.log)"
	fi
done

# remove keeps the store, purge takes it (debian/ppxd.postrm).
install -d -o ppx -g ppx /var/lib/ppx && touch /var/lib/ppx/kept
if DEBIAN_FRONTEND=noninteractive apt-get remove -y -q ppxd \
    >> "${TMPDIR:-/tmp}/ppx-package.log" 2>&1; then
	ok "apt-get remove ppxd"
else
	bad "apt-get remove ppxd failed"
fi
[ -e /var/lib/ppx/kept ] && ok "remove kept /var/lib/ppx" ||
    bad "remove took /var/lib/ppx"
if DEBIAN_FRONTEND=noninteractive apt-get purge -y -q ppxd \
    >> "${TMPDIR:-/tmp}/ppx-package.log" 2>&1; then
	ok "apt-get purge ppxd"
else
	bad "apt-get purge ppxd failed"
fi
[ ! -e /var/lib/ppx ] && ok "purge took /var/lib/ppx" ||
    bad "purge left /var/lib/ppx"
[ ! -e /usr/sbin/ppxd ] && ok "purge took /usr/sbin/ppxd" ||
    bad "purge left /usr/sbin/ppxd"
# Leave the machine as it was: the SDK package goes too.
DEBIAN_FRONTEND=noninteractive apt-get purge -y -q libppx-plugin-dev \
    >> "${TMPDIR:-/tmp}/ppx-package.log" 2>&1 &&
    [ ! -e /usr/include/ppx/plugin.h ] && ok "purged libppx-plugin-dev" ||
    bad "libppx-plugin-dev is still installed"
echo "package.sh: $failed failed"
[ "$failed" = 0 ]
