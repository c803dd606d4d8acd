#!/bin/sh
# deps.sh - install (Debian/Ubuntu, apt) everything needed to build, test
# and benchmark ppx.  Idempotent and quick on a machine that has it all:
# apt is not touched when dpkg already knows every package as installed.
#
# usage: scripts/deps.sh        (as root, or with sudo on PATH)
#
# apache2-bin (not apache2): the binary and modules the integration tests
# run in a temp dir, without a system service that would take port 80.
#
# Prints one line saying what it did; apt's own output goes to
# ${TMPDIR:-/tmp}/ppx-deps.log and is shown only when apt fails.

set -u

PKGS="build-essential autoconf automake libtool pkg-config
libfcgi-dev libxml2-dev libxml2-utils libxslt1-dev xsltproc
libcurl4-openssl-dev libsqlite3-dev sqlite3 libcmocka-dev libjson-c-dev
libssl-dev libicu-dev libsodium-dev chromium nginx-light curl clang wrk php-fpm valgrind
apache2-bin libapache2-mod-fcgid systemd mandoc debhelper tzdata"

# One dpkg-query for all: "PKG STATUS" of every package dpkg knows.
# shellcheck disable=SC2086
have=$(dpkg-query -W -f='${Package} ${Status}\n' $PKGS nginx 2>/dev/null |
    sed -n 's/ install ok installed$//p')

installed() {	# PKG: true when dpkg has it installed
	echo "$have" | grep -qx -- "$1"
}

# nginx-light pulls in nginx; a machine with plain nginx needs nothing more.
missing=
for p in $PKGS; do
	if [ "$p" = nginx-light ] && installed nginx; then
		continue
	fi
	installed "$p" || missing="$missing $p"
done

if [ -z "$missing" ]; then
	# shellcheck disable=SC2086
	set -- $PKGS
	echo "deps: all $# packages already installed"
	exit 0
fi

SUDO=
if [ "$(id -u)" != 0 ]; then
	if command -v sudo >/dev/null 2>&1; then
		SUDO=sudo
	else
		echo "deps: need root (or sudo) to install:$missing" >&2
		exit 1
	fi
fi

log=${TMPDIR:-/tmp}/ppx-deps.log
export DEBIAN_FRONTEND=noninteractive
apt() {
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get -q "$@" >>"$log" 2>&1
}
die_apt() {
	tail -n 20 "$log" >&2
	echo "deps: $1 failed (full log: $log)" >&2
	exit 1
}

: >"$log"
apt update || die_apt "apt-get update"
# Newer Debian releases dropped nginx-light: take nginx there.
case " $missing " in
*" nginx-light "*)
	if ! apt-cache show nginx-light >/dev/null 2>&1; then
		missing=$(echo "$missing" | sed 's/ nginx-light/ nginx/')
	fi
	;;
esac
echo "deps: apt-get update && apt-get install:$missing"
# shellcheck disable=SC2086
apt install -y --no-install-recommends $missing || die_apt "apt-get install"

# shellcheck disable=SC2086
have=$(dpkg-query -W -f='${Package} ${Status}\n' $missing 2>/dev/null |
    sed -n 's/ install ok installed$//p')
still=
for p in $missing; do
	installed "$p" || still="$still $p"
done
if [ -n "$still" ]; then
	echo "deps: still not installed:$still (see $log)" >&2
	exit 1
fi
exit 0
