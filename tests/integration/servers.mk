# The integration scenarios again behind Apache (tests/integration/servers.sh):
# one test per web server, so each server's result shows in `make check`.
server_tests = tests/integration/apache_proxy.sh \
	tests/integration/apache_fcgid.sh
TESTS += $(server_tests)
EXTRA_DIST += $(server_tests) tests/integration/servers.sh \
	conf/apache-proxy-fcgi.conf conf/apache-fcgid.conf
