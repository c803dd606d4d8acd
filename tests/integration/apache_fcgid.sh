#!/bin/bash
# apache_fcgid.sh - the integration scenarios behind Apache with mod_fcgid
# (conf/apache-fcgid.conf): Apache spawns ppxd with the socket as fd 0.
exec bash "${srcdir:-.}/tests/integration/servers.sh" apache-fcgid
