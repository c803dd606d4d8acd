# Fuzz targets: see tests/fuzz/README.md.
#
# Each target is one LLVMFuzzerTestOneInput().  Normally it links
# replay.c and make check runs it once over its seed corpus
# (tests/fuzz/corpus/<target>/) as a regression test.  With
# --enable-fuzz (clang) it links libFuzzer instead: make fuzz-targets,
# then run the binaries (scripts/test.sh fuzz does).

fuzz_targets = tests/fuzz/fuzz_query tests/fuzz/fuzz_order \
	tests/fuzz/fuzz_sign tests/fuzz/fuzz_render tests/fuzz/fuzz_multipart
check_PROGRAMS += $(fuzz_targets)

if FUZZ
FUZZ_DRIVER =
FUZZ_LINK_FLAGS = -fsanitize=fuzzer
else
FUZZ_DRIVER = tests/fuzz/replay.c
FUZZ_LINK_FLAGS =
TESTS += $(fuzz_targets)
endif
.PHONY: fuzz-targets
fuzz-targets: $(fuzz_targets)

FUZZ_COMPILE_FLAGS = $(AM_CFLAGS) $(HOST_CFLAGS) \
	-DFUZZ_TMPL_DIR='"$(abs_top_srcdir)/tests/fuzz/tmpl"'

tests_fuzz_fuzz_query_SOURCES = tests/fuzz/fuzz_query.c tests/fuzz/fuzz.h \
	$(core_src) $(request_src) $(auth_src) $(FUZZ_DRIVER)
tests_fuzz_fuzz_query_CFLAGS = $(FUZZ_COMPILE_FLAGS)
tests_fuzz_fuzz_query_LDFLAGS = $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_query_LDADD = $(HOST_LIBS)

tests_fuzz_fuzz_order_SOURCES = tests/fuzz/fuzz_order.c tests/fuzz/fuzz.h \
	$(core_src) $(request_src) $(FUZZ_DRIVER)
tests_fuzz_fuzz_order_CFLAGS = $(FUZZ_COMPILE_FLAGS)
tests_fuzz_fuzz_order_LDFLAGS = $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_order_LDADD = $(HOST_LIBS)

tests_fuzz_fuzz_sign_SOURCES = tests/fuzz/fuzz_sign.c tests/fuzz/fuzz.h \
	$(core_src) $(request_src) $(auth_src) $(FUZZ_DRIVER)
tests_fuzz_fuzz_sign_CFLAGS = $(FUZZ_COMPILE_FLAGS)
tests_fuzz_fuzz_sign_LDFLAGS = $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_sign_LDADD = $(HOST_LIBS)

tests_fuzz_fuzz_render_SOURCES = tests/fuzz/fuzz_render.c tests/fuzz/fuzz.h \
	$(core_src) $(tmpl_src) $(FUZZ_DRIVER)
tests_fuzz_fuzz_render_CFLAGS = $(FUZZ_COMPILE_FLAGS)
tests_fuzz_fuzz_render_LDFLAGS = $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_render_LDADD = $(HOST_LIBS)

tests_fuzz_fuzz_multipart_SOURCES = tests/fuzz/fuzz_multipart.c \
	tests/fuzz/fuzz.h $(core_src) $(request_src) $(FUZZ_DRIVER)
tests_fuzz_fuzz_multipart_CFLAGS = $(FUZZ_COMPILE_FLAGS)
tests_fuzz_fuzz_multipart_LDFLAGS = $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_multipart_LDADD = $(HOST_LIBS)

EXTRA_DIST += tests/fuzz/replay.c tests/fuzz/README.md tests/fuzz/run.sh \
	tests/fuzz/tmpl/fuzz.xsl tests/fuzz/corpus

# Hostile input through real nginx + ppxd (tests/integration/lib.sh).
TESTS += tests/integration/hostile.sh
EXTRA_DIST += tests/integration/hostile.sh
