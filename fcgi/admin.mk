# admin.mk - the marketer console under /admin/: host modules, templates,
# unit and integration tests.  Included from Makefile.am.

admin_src = fcgi/admin_role.c fcgi/admin_role.h fcgi/admin_token.c \
	fcgi/admin_token.h fcgi/admin_user.c fcgi/admin_user.h \
	fcgi/admin_session.c fcgi/admin_session.h fcgi/admin_audit.c \
	fcgi/admin_audit.h fcgi/admin.c fcgi/admin.h fcgi/admin_http.h \
	fcgi/admin_page.c fcgi/admin_grid.c fcgi/admin_views.c \
	fcgi/admin_copy.c fcgi/admin_preview.c fcgi/admin_po.c \
	fcgi/admin_results.c fcgi/admin_users.c fcgi/admin_account.c \
	fcgi/tp_rules.c fcgi/tp_rules.h

admin_unit_tests = tests/unit/test_admin_auth tests/unit/test_admin_page
check_PROGRAMS += $(admin_unit_tests)
TESTS += $(admin_unit_tests)
tests_unit_test_admin_auth_SOURCES = tests/unit/test_admin_auth.c \
	$(host_src)
tests_unit_test_admin_auth_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_admin_auth_LDADD = $(UNIT_LIBS)
tests_unit_test_admin_page_SOURCES = tests/unit/test_admin_page.c $(host_src)
tests_unit_test_admin_page_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_admin_page_LDADD = $(UNIT_LIBS)

# The console's pages, installed beside the email templates and copied
# into the build's run tree (run/templates/admin/) for the tests.
admintemplatedir = $(templatedir)/admin
admin_templates = templates/admin/layout.xsl templates/admin/login.xsl \
	templates/admin/brands.xsl templates/admin/grid.xsl \
	templates/admin/audit.xsl templates/admin/message.xsl \
	templates/admin/copy.xsl templates/admin/results.xsl \
	templates/admin/users.xsl templates/admin/account.xsl \
	templates/admin/admin.css
admintemplate_DATA = $(admin_templates)
run/.admin-stamp: run/.stamp $(admin_templates)
	$(AM_V_GEN)$(MKDIR_P) run/templates/admin && \
	for f in $(admin_templates); do \
	  cp $(srcdir)/$$f run/templates/admin/; done && touch $@
check_DATA += run/.admin-stamp
# The demo (scripts/demo.sh: make run-tree) and the benchmark run the
# console too.
run-tree bench: run/.admin-stamp

admin_integration_tests = tests/integration/console.sh
TESTS += $(admin_integration_tests)
EXTRA_DIST += $(admin_integration_tests) $(admin_templates)

# Browser tests: the console in Debian's chromium via playwright-core.
admin_browser_tests = tests/browser/console.sh
TESTS += $(admin_browser_tests)
EXTRA_DIST += $(admin_browser_tests) tests/browser/console.mjs \
	tests/browser/package.json tests/browser/package-lock.json
clean-local: admin-clean-local
admin-clean-local:
	rm -rf tests/browser-run tests/browser-shots
.PHONY: admin-clean-local
