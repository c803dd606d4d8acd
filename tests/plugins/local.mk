# Test plugins: built for `make check` only, never installed.  Each one
# is a way a plugin can be wrong (or, for echo, a mirror for hostile input).
check_LTLIBRARIES += tests/plugins/failing.la tests/plugins/wrongabi.la \
	tests/plugins/nosymbol.la tests/plugins/newerminor.la \
	tests/plugins/badname.la tests/plugins/echo.la \
	tests/plugins/segv.la tests/plugins/abort.la tests/plugins/hang.la \
	tests/plugins/leak.la

tests_plugins_failing_la_SOURCES = tests/plugins/failing.c
tests_plugins_failing_la_LDFLAGS = $(PLUGIN_LDFLAGS)
tests_plugins_wrongabi_la_SOURCES = tests/plugins/wrongabi.c
tests_plugins_wrongabi_la_LDFLAGS = $(PLUGIN_LDFLAGS)
tests_plugins_newerminor_la_SOURCES = tests/plugins/newerminor.c
tests_plugins_newerminor_la_LDFLAGS = $(PLUGIN_LDFLAGS)
tests_plugins_badname_la_SOURCES = tests/plugins/badname.c
tests_plugins_badname_la_LDFLAGS = $(PLUGIN_LDFLAGS)
tests_plugins_echo_la_SOURCES = tests/plugins/echo.c
tests_plugins_echo_la_LDFLAGS = $(PLUGIN_LDFLAGS)
# Crash-proofing (tests/integration/crash.sh): ways a render can go wrong
# that only a separate process survives.
tests_plugins_segv_la_SOURCES = tests/plugins/segv.c
tests_plugins_segv_la_LDFLAGS = $(PLUGIN_LDFLAGS)
tests_plugins_abort_la_SOURCES = tests/plugins/abort.c
tests_plugins_abort_la_LDFLAGS = $(PLUGIN_LDFLAGS)
tests_plugins_hang_la_SOURCES = tests/plugins/hang.c
tests_plugins_hang_la_LDFLAGS = $(PLUGIN_LDFLAGS)
tests_plugins_leak_la_SOURCES = tests/plugins/leak.c
tests_plugins_leak_la_LDFLAGS = $(PLUGIN_LDFLAGS)
# Not a plugin: exports other() and no ppx_plugin.
tests_plugins_nosymbol_la_SOURCES = tests/plugins/nosymbol.c
tests_plugins_nosymbol_la_LDFLAGS = -module -avoid-version -shared \
	-rpath $(plugindir) -export-symbols-regex '^other$$'

# Their templates, copied beside them into run/test-plugins/.
test_templates = tests/plugins/failing.xsl tests/plugins/echo.xsl \
	tests/plugins/segv.xsl tests/plugins/abort.xsl tests/plugins/hang.xsl \
	tests/plugins/leak.xsl
EXTRA_DIST += $(test_templates)

# Not a plugin: the mock host-services table the plugins' own unit tests
# (plugins/*/test_*.c) run against, compiled into each of them.
mock_host_src = tests/plugins/mock_host.c tests/plugins/mock_host.h
MOCK_HOST_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/plugins
MOCK_HOST_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
MOCK_HOST_LIBS = $(CMOCKA_LIBS)
