# admin.mk - the marketer console under /admin/: host modules, templates,
# unit and integration tests.  Included from Makefile.am.

admin_src = fcgi/admin_role.c fcgi/admin_role.h fcgi/admin_token.c \
	fcgi/admin_token.h fcgi/admin_user.c fcgi/admin_user.h \
	fcgi/admin_session.c fcgi/admin_session.h fcgi/admin_audit.c \
	fcgi/admin_audit.h

admin_unit_tests = tests/unit/test_admin_auth
check_PROGRAMS += $(admin_unit_tests)
TESTS += $(admin_unit_tests)
tests_unit_test_admin_auth_SOURCES = tests/unit/test_admin_auth.c \
	$(core_src) $(store_src) $(request_src) $(admin_src)
tests_unit_test_admin_auth_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_admin_auth_LDADD = $(UNIT_LIBS)
