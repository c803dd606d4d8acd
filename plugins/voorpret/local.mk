# voorpret: anticipation while the parcel is on its way.
plugin_LTLIBRARIES += plugins/voorpret/voorpret.la
plugins_voorpret_voorpret_la_SOURCES = plugins/voorpret/voorpret.c
plugins_voorpret_voorpret_la_LDFLAGS = $(PLUGIN_LDFLAGS)
template_DATA += plugins/voorpret/voorpret.xsl
catalog_DATA += plugins/voorpret/voorpret.nl.po plugins/voorpret/voorpret.en.po
content_DATA += plugins/voorpret/voorpret.tips.csv
EXTRA_DIST += $(template_DATA) $(catalog_DATA) $(content_DATA)

# Unit test: voorpret.c alone against a mock host-services table.
check_PROGRAMS += plugins/voorpret/test_voorpret
TESTS += plugins/voorpret/test_voorpret
plugins_voorpret_test_voorpret_SOURCES = plugins/voorpret/test_voorpret.c \
	plugins/voorpret/voorpret.c
plugins_voorpret_test_voorpret_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
plugins_voorpret_test_voorpret_LDADD = $(CMOCKA_LIBS)
