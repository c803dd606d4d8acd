#!/bin/bash
# socket_activation.sh - ppxd started the way ppxd.socket starts it: the
# listening socket comes from systemd-socket-activate as fd 3 with
# LISTEN_FDS/LISTEN_PID, and nginx reaches ppxd through it.  Also: the
# log is one line per event with no personal data, reload and stop work
# there, and the shipped units pass `systemd-analyze verify`.
. "${srcdir:-.}/tests/integration/lib.sh"

# shellcheck disable=SC2034  # read by lib.sh
ITEST_SOCKET_ACTIVATE=1
# What ppxd tells systemd (Type=notify): a datagram socket, read by perl
# (perl-base is on every Debian), one line per message; it ends itself.
NOTIFY_DIR=$(mktemp -d "${TMPDIR:-/tmp}/ppx-notify.XXXXXX") ||
    itest_die "cannot make a temp dir"
export NOTIFY_SOCKET=$NOTIFY_DIR/notify
perl -MSocket -MIO::Socket::UNIX -e '
	my $s = IO::Socket::UNIX->new(Type => SOCK_DGRAM, Local => $ARGV[0])
	    or die "notify socket: $!\n";
	open(my $f, ">", $ARGV[1]) or die "$ARGV[1]: $!\n";
	$f->autoflush(1);
	$SIG{ALRM} = sub { exit 0 };
	alarm 120;
	while (defined $s->recv(my $m, 4096)) { $m =~ s/\n/ /g; print $f "$m\n"; }
' "$NOTIFY_SOCKET" "$NOTIFY_DIR/said" &
NOTIFY_PID=$!
for _ in $(seq 50); do [ -S "$NOTIFY_SOCKET" ] && break; sleep 0.1; done
itest_start
AUTH=(-H "Authorization: Bearer $KEY")
S=/v1/brands/demo/stages/shipped
# Personal data a mailer sends: none of it may reach the log.
ORDER="order=7731&expected=$(date -u -d '+2 days' +%F)&first_name=Zoltanna&item_name=Runner%2042&category=running-shoes&lang=nl&email=zoltanna%40mail.example"

expect_status 200 GET /healthz
expect_status 200 GET "$S.html?$ORDER" "${AUTH[@]}"
expect_contains "$DIR/body" '<table'
expect_status 401 GET "$S.html?$ORDER" -H "Authorization: Bearer ppx_wrong"

# ppxd serves the socket systemd passed as fd 3 (no --socket was given).
fd3=$(readlink "/proc/$PPXD_PID/fd/3" 2>/dev/null)
case $fd3 in
socket:*) pass "fd 3 of ppxd is the activated socket ($fd3)" ;;
*) fail "fd 3 of ppxd is '${fd3:-nothing}', not a socket" ;;
esac
expect_contains "$DIR/ppxd.log" "serving the systemd socket (fd 3)"

# Reload and stop, as systemctl reload / stop do.
kill -HUP "$PPXD_PID"
sleep 1
expect_status 200 GET "$S.txt?$ORDER" "${AUTH[@]}"
expect_contains "$DIR/ppxd.log" "reloaded"
kill -TERM "$PPXD_PID"
for _ in $(seq 50); do kill -0 "$PPXD_PID" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$PPXD_PID" 2>/dev/null; then
	fail "ppxd still running 5 s after TERM"
else
	pass "ppxd stopped on TERM"
fi

# systemd heard: ready, reloading, ready again, stopping, in that order.
said=$(cut -d' ' -f1 "$NOTIFY_DIR/said" 2>/dev/null | paste -sd' ')
expect_eq "READY=1 RELOADING=1 READY=1 STOPPING=1" "$said" "what ppxd told systemd"
kill "$NOTIFY_PID" 2>/dev/null
wait "$NOTIFY_PID" 2>/dev/null
rm -rf "$NOTIFY_DIR"

# The log: every line of ppxd's is "ppxd[PID]: LEVEL: text", and no
# name, e-mail, order number or key from the requests is in it.
grep '^ppxd\[' "$DIR/ppxd.log" > "$DIR/ppxd.lines"
if [ -s "$DIR/ppxd.lines" ]; then
	pass "ppxd logged $(wc -l < "$DIR/ppxd.lines") lines"
else
	fail "ppxd logged nothing"
fi
bad=$(grep -cvE '^ppxd\[[0-9]+\]: (error|warning|info|debug): [^[:cntrl:]]+$' \
    "$DIR/ppxd.lines")
expect_eq 0 "$bad" "log lines not of the form ppxd[PID]: LEVEL: text"
for secret in Zoltanna zoltanna 7731 "$KEY" ppx_wrong; do
	expect_not_contains "$DIR/ppxd.log" "$secret"
done

# The shipped units, pointed at this build's ppxd.
if SA=$(itest_find_prog systemd-analyze); then
	mkdir -p "$DIR/units"
	sed "s|/usr/sbin/ppxd|$PPXD|g" "$ITEST_SRC/conf/ppxd.service" \
	    > "$DIR/units/ppxd.service"
	cp "$ITEST_SRC/conf/ppxd.socket" "$DIR/units/ppxd.socket"
	if "$SA" verify --man=no "$DIR/units/ppxd.service" \
	    "$DIR/units/ppxd.socket" > "$DIR/verify.out" 2>&1; then
		pass "systemd-analyze verify: units clean"
	else
		fail "systemd-analyze verify: $(head -n 3 "$DIR/verify.out")"
	fi
else
	fail "systemd-analyze not found (scripts/deps.sh installs systemd)"
fi
itest_done
