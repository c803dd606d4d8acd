# share: "Alles naar wens?" with share-to-social links, and the tracked
# links (/r/) every touchpoint's links go through.
plugin_LTLIBRARIES += plugins/share/share.la
plugins_share_share_la_SOURCES = plugins/share/share.c
plugins_share_share_la_LDFLAGS = $(PLUGIN_LDFLAGS)
template_DATA += plugins/share/share.xsl
catalog_DATA += plugins/share/share.nl.po plugins/share/share.en.po
EXTRA_DIST += plugins/share/share.xsl plugins/share/share.nl.po \
	plugins/share/share.en.po

# Unit test: share.c alone against the mock host-services table
# (tests/plugins/mock_host.c).
check_PROGRAMS += plugins/share/test_share
TESTS += plugins/share/test_share
plugins_share_test_share_SOURCES = plugins/share/test_share.c \
	plugins/share/share.c $(mock_host_src)
plugins_share_test_share_CPPFLAGS = $(MOCK_HOST_CPPFLAGS)
plugins_share_test_share_CFLAGS = $(MOCK_HOST_CFLAGS)
plugins_share_test_share_LDADD = $(MOCK_HOST_LIBS)

# Integration: a fragment's /r/ links through real nginx, clicks in the
# store, refused tokens, the fragment's email safety.
share_itests = tests/integration/share.sh
TESTS += $(share_itests)
EXTRA_DIST += $(share_itests) tests/integration/links_lib.sh
share_golden = tests/golden/share-nl.html tests/golden/share-nl.txt \
	tests/golden/share-nl.xml tests/golden/share-nl.json \
	tests/golden/share-en.html
EXTRA_DIST += $(share_golden)
