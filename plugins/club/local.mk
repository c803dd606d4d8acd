# club: an invite to a local running club (stages delivered, picked_up,
# shipped), or to the brand's online community.
plugin_LTLIBRARIES += plugins/club/club.la
plugins_club_club_la_SOURCES = plugins/club/club.c
plugins_club_club_la_LDFLAGS = $(PLUGIN_LDFLAGS)
template_DATA += plugins/club/club.xsl
catalog_DATA += plugins/club/club.nl.po plugins/club/club.en.po
EXTRA_DIST += plugins/club/club.xsl plugins/club/club.nl.po \
	plugins/club/club.en.po

# Demo data (`ppx demo` imports it): installed under $(pkgdatadir)/demo,
# copied to run/demo/ in the build tree.
clubdemodir = $(pkgdatadir)/demo
clubdemo_DATA = plugins/club/demo/postcodes.csv plugins/club/demo/clubs.csv \
	plugins/club/demo/events.csv
EXTRA_DIST += $(clubdemo_DATA) plugins/club/demo/README
run/demo/.stamp: run/.stamp $(clubdemo_DATA)
	$(AM_V_GEN)$(MKDIR_P) run/demo && \
	for f in $(clubdemo_DATA); do cp $(srcdir)/$$f run/demo/; done && \
	touch $@

# Unit tests: club.c against the mock host table (tests/plugins/mock_host.c);
# the host's club modules (CSV reader, index, postcodes, import, clubs_near)
# against a real store.
check_PROGRAMS += plugins/club/test_club tests/unit/test_clubs
TESTS += plugins/club/test_club tests/unit/test_clubs
plugins_club_test_club_SOURCES = plugins/club/test_club.c \
	plugins/club/club.c $(mock_host_src)
plugins_club_test_club_CPPFLAGS = $(MOCK_HOST_CPPFLAGS)
plugins_club_test_club_CFLAGS = $(MOCK_HOST_CFLAGS)
plugins_club_test_club_LDADD = $(MOCK_HOST_LIBS)
tests_unit_test_clubs_SOURCES = tests/unit/test_clubs.c $(host_src) \
	fcgi/clubs_import.c fcgi/clubs_import.h fcgi/clubs_csv.c \
	fcgi/clubs_csv.h
tests_unit_test_clubs_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_clubs_LDADD = $(UNIT_LIBS)

# Integration: import through ppx, render through nginx + ppxd.
TESTS += tests/integration/club.sh
EXTRA_DIST += tests/integration/club.sh tests/golden/club-nl.html \
	tests/golden/club-nl.txt tests/golden/club-nl.xml \
	tests/golden/club-nl.json tests/golden/club-community-en.html \
	tests/golden/club-community-en.txt

# Benchmark (make bench): the club render at 100 and 100 000 clubs.
EXTRA_DIST += bench/clubs.sh bench/clubs.lua bench/clubs_query.c
