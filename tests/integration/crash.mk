# crash.mk - crash-proof plugins, /metrics and the load test (issue 5).
# Included from Makefile.am.

crash_tests = tests/integration/crash.sh tests/integration/metrics.sh
TESTS += $(crash_tests)
EXTRA_DIST += $(crash_tests)

unit_tests_crash = tests/unit/test_metrics tests/unit/test_netmask \
	tests/unit/test_sandbox
check_PROGRAMS += $(unit_tests_crash)
TESTS += $(unit_tests_crash)
tests_unit_test_metrics_SOURCES = tests/unit/test_metrics.c $(core_src) \
	$(request_src) fcgi/metrics.c fcgi/metrics.h
tests_unit_test_metrics_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_metrics_LDADD = $(UNIT_LIBS)
tests_unit_test_netmask_SOURCES = tests/unit/test_netmask.c \
	fcgi/netmask.c fcgi/netmask.h
tests_unit_test_netmask_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_netmask_LDADD = $(UNIT_LIBS)

tests_unit_test_sandbox_SOURCES = tests/unit/test_sandbox.c $(host_src)
tests_unit_test_sandbox_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_sandbox_LDADD = $(UNIT_LIBS)

# 32 connections for 60 s while workers are killed and reloaded: not part
# of `make check` (it takes a minute and wants the machine to itself).
EXTRA_DIST += tests/load/run.sh
.PHONY: check-load
check-load: all run/.stamp
	abs_top_builddir='$(abs_top_builddir)' $(SHELL) $(srcdir)/tests/load/run.sh
