# Integration tests: one scenario per file, real nginx + ppxd in a temp
# dir (tests/integration/lib.sh).
integration_tests = tests/integration/surface.sh \
	tests/integration/live_store.sh tests/integration/golden.sh \
	tests/integration/sdk.sh tests/integration/email_safety.sh
TESTS += $(integration_tests)
EXTRA_DIST += $(integration_tests) tests/sdk/hello.xsl tests/sdk/hello.en.po
TEST_EXTENSIONS = .sh
SH_LOG_COMPILER = $(BASH)
golden_files = tests/golden/countdown-nl.html tests/golden/countdown-nl.txt \
	tests/golden/countdown-nl.xml tests/golden/countdown-nl.json \
	tests/golden/today-en.html tests/golden/today-en.txt \
	tests/golden/late-nl.html tests/golden/late-nl.txt \
	tests/golden/countdown-nl-ordered.html
EXTRA_DIST += $(golden_files)
EXTRA_DIST += tests/email/package.json tests/email/package-lock.json \
	tests/email/check.mjs tests/email/README.md \
	tests/email/fixtures/good.html tests/email/fixtures/bad-flex.html \
	tests/email/fixtures/bad-img.html tests/email/fixtures/bad-lang.html \
	tests/email/fixtures/bad-javascript.html \
	tests/email/fixtures/bad-position.html \
	tests/email/fixtures/bad-style.html \
	tests/email/fixtures/bad-layout-table.html \
	tests/email/fixtures/bad-data-uri.html tests/email/fixtures/bad-html.html
