# conf/local.mk - running ppxd under systemd and Apache (the units, the
# web server snippets, sd_notify and socket activation tests) and the
# man page check.

# Installed as examples; packages put the units in place (debian/).
examplesdir = $(docdir)/examples
examples_DATA = conf/ppxd.service conf/ppxd.socket conf/nginx-ppx.conf \
	conf/apache-proxy-fcgi.conf conf/apache-fcgid.conf
EXTRA_DIST += conf/ppxd.service conf/ppxd.socket

check_PROGRAMS += tests/unit/test_notify
TESTS += tests/unit/test_notify
tests_unit_test_notify_SOURCES = tests/unit/test_notify.c fcgi/notify.c \
	fcgi/notify.h
tests_unit_test_notify_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_notify_LDADD = $(UNIT_LIBS)

TESTS += tests/integration/socket_activation.sh
EXTRA_DIST += tests/integration/socket_activation.sh

# The man pages: mandoc -Tlint clean, every option, command and config
# element documented (installed by dist_man_MANS in Makefile.am).
TESTS += tests/man_pages.sh
EXTRA_DIST += tests/man_pages.sh
EXTRA_DIST += tests/package.sh debian/control debian/rules debian/changelog debian/copyright debian/source/format debian/ppxd.install debian/libppx-plugin-dev.install debian/ppx.xml debian/ppxd.postinst debian/ppxd.service debian/ppxd.socket debian/not-installed
