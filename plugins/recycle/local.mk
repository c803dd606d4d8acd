# recycle: a free recycling return of the old product (stage delivered),
# its claim page (fcgi/recycle_page.c) and codes (fcgi/codes.c).
plugin_LTLIBRARIES += plugins/recycle/recycle.la
plugins_recycle_recycle_la_SOURCES = plugins/recycle/recycle.c
plugins_recycle_recycle_la_LDFLAGS = $(PLUGIN_LDFLAGS)
template_DATA += plugins/recycle/recycle.xsl plugins/recycle/recycle_page.xsl
catalog_DATA += plugins/recycle/recycle.nl.po plugins/recycle/recycle.en.po
EXTRA_DIST += plugins/recycle/recycle.xsl plugins/recycle/recycle_page.xsl \
	plugins/recycle/recycle.nl.po plugins/recycle/recycle.en.po \
	fcgi/codes.h

# Unit test: recycle.c alone against the mock host-services table
# (tests/plugins/mock_host.c).
check_PROGRAMS += plugins/recycle/test_recycle
TESTS += plugins/recycle/test_recycle
plugins_recycle_test_recycle_SOURCES = plugins/recycle/test_recycle.c \
	plugins/recycle/recycle.c $(mock_host_src)
plugins_recycle_test_recycle_CPPFLAGS = $(MOCK_HOST_CPPFLAGS)
plugins_recycle_test_recycle_CFLAGS = $(MOCK_HOST_CFLAGS)
plugins_recycle_test_recycle_LDADD = $(MOCK_HOST_LIBS)

# Unit test: codes (format, issue, races on a real sqlite file, states).
check_PROGRAMS += tests/unit/test_codes
TESTS += tests/unit/test_codes
tests_unit_test_codes_SOURCES = tests/unit/test_codes.c $(host_src)
tests_unit_test_codes_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_codes_LDADD = $(UNIT_LIBS)

# Through real nginx: codes, claim page, receive, total, email safety.
TESTS += tests/integration/recycle.sh
EXTRA_DIST += tests/integration/recycle.sh bench/recycle.sh \
	tests/golden/recycle-nl.html \
	tests/golden/recycle-nl.txt tests/golden/recycle-nl.xml \
	tests/golden/recycle-nl.json tests/golden/recycle-en.html
