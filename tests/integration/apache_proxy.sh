#!/bin/bash
# apache_proxy.sh - the integration scenarios behind Apache with
# mod_proxy_fcgi (conf/apache-proxy-fcgi.conf), ppxd on a unix socket.
exec bash "${srcdir:-.}/tests/integration/servers.sh" apache-proxy
