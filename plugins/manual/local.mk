# manual: the manual before the parcel, from the brand's product feed.
plugin_LTLIBRARIES += plugins/manual/manual.la
plugins_manual_manual_la_SOURCES = plugins/manual/manual.c
plugins_manual_manual_la_LDFLAGS = $(PLUGIN_LDFLAGS)
template_DATA += plugins/manual/manual.xsl
catalog_DATA += plugins/manual/manual.nl.po plugins/manual/manual.en.po
# The demo's feed, served by the demo's own nginx (scripts/demo.sh).
EXTRA_DIST += plugins/manual/demo/RUN-42.json bench/manual.sh

# Unit test: manual.c alone against the mock host-services table
# (tests/plugins/mock_host.c).
check_PROGRAMS += plugins/manual/test_manual
TESTS += plugins/manual/test_manual
plugins_manual_test_manual_SOURCES = plugins/manual/test_manual.c \
	plugins/manual/manual.c $(mock_host_src)
plugins_manual_test_manual_CPPFLAGS = $(MOCK_HOST_CPPFLAGS)
plugins_manual_test_manual_CFLAGS = $(MOCK_HOST_CFLAGS)
plugins_manual_test_manual_LDADD = $(MOCK_HOST_LIBS)

# Unit test of the host side: allow-list and URL checks, the record
# format, the cache table.
check_PROGRAMS += tests/unit/test_feed
TESTS += tests/unit/test_feed
tests_unit_test_feed_SOURCES = tests/unit/test_feed.c $(host_src)
tests_unit_test_feed_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_feed_LDADD = $(UNIT_LIBS)

# Integration: real nginx + ppxd, and a second nginx serving the fixture
# feeds on 127.0.0.1.
TESTS += tests/integration/manual.sh
EXTRA_DIST += tests/integration/manual.sh tests/integration/feedserver.sh \
	tests/fixtures/feeds/RUN-42.json \
	tests/fixtures/feeds/SLOW-1.json tests/fixtures/feeds/BAD-1.json
EXTRA_DIST += tests/golden/manual-nl.html tests/golden/manual-nl.txt \
	tests/golden/manual-nl.xml tests/golden/manual-nl.json \
	tests/golden/manual-en.html tests/golden/manual-en.txt
