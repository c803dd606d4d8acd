# voorpret: anticipation while the parcel is on its way.
plugin_LTLIBRARIES += plugins/voorpret/voorpret.la
plugins_voorpret_voorpret_la_SOURCES = plugins/voorpret/voorpret.c
plugins_voorpret_voorpret_la_LDFLAGS = $(PLUGIN_LDFLAGS)
template_DATA += plugins/voorpret/voorpret.xsl
catalog_DATA += plugins/voorpret/voorpret.nl.po plugins/voorpret/voorpret.en.po
content_DATA += plugins/voorpret/voorpret.tips.csv
EXTRA_DIST += $(template_DATA) $(catalog_DATA) $(content_DATA)

# Unit test: voorpret.c alone against the mock host-services table
# (tests/plugins/mock_host.c).
check_PROGRAMS += plugins/voorpret/test_voorpret
TESTS += plugins/voorpret/test_voorpret
plugins_voorpret_test_voorpret_SOURCES = plugins/voorpret/test_voorpret.c \
	plugins/voorpret/voorpret.c $(mock_host_src)
plugins_voorpret_test_voorpret_CPPFLAGS = $(MOCK_HOST_CPPFLAGS)
plugins_voorpret_test_voorpret_CFLAGS = $(MOCK_HOST_CFLAGS)
plugins_voorpret_test_voorpret_LDADD = $(MOCK_HOST_LIBS)
