/*
 * conf.h - ppx.xml, the configuration file of ppxd and ppx.
 *
 * The file is XML in the namespace urn:ppx:config:1, checked against the
 * RELAX NG schema compiled in from conf/ppx.rng and then against the
 * ranges below.  Every error is one line "FILE:LINE: message".  The
 * elements and their defaults are documented in ppx.xml(5).
 */
#ifndef PPX_CONF_H
#define PPX_CONF_H

#include <stddef.h>

#include "netmask.h"

#define CONF_NS			"urn:ppx:config:1"
/* `ppx -c FILE` defaults to this (ppxd wants --config). */
#define CONF_CLI_DEFAULT	"ppx.xml"
/* A config file larger than this is refused unread. */
#define CONF_MAX_FILE		(1024 * 1024)
#define CONF_MAX_PLUGINS	64

/* Ranges and defaults; conf/ppx.rng repeats the ranges. */
#define CONF_WORKERS_MIN	1
#define CONF_WORKERS_MAX	256
#define CONF_WORKERS_DEFAULT	2
#define CONF_BODY_MIN		1
#define CONF_BODY_MAX		(16 * 1024 * 1024)
#define CONF_BODY_DEFAULT	(64 * 1024)
#define CONF_URI_MIN		256
#define CONF_URI_MAX		65536
#define CONF_URI_DEFAULT	4096
#define CONF_DEADLINE_MIN	10
#define CONF_DEADLINE_MAX	60000
#define CONF_DEADLINE_DEFAULT	800
#define CONF_PARAMS_MIN		1
#define CONF_PARAMS_MAX		1024
#define CONF_PARAMS_DEFAULT	64
#define CONF_TIMEZONE_DEFAULT	"UTC"
/* <plugins crashes=… crash-window-s=… quarantine-s=…>: quarantine. */
#define CONF_CRASHES_MIN	1
#define CONF_CRASHES_MAX	1000
#define CONF_CRASHES_DEFAULT	3
#define CONF_CRASH_WINDOW_MIN	1
#define CONF_CRASH_WINDOW_MAX	86400
#define CONF_CRASH_WINDOW_DEFAULT 60
#define CONF_QUARANTINE_MIN	1
#define CONF_QUARANTINE_MAX	86400
#define CONF_QUARANTINE_DEFAULT	300
/* <metrics allow=…>: who may read /metrics. */
#define CONF_METRICS_ALLOW_DEFAULT "127.0.0.1 ::1"

/* The schema text, generated from conf/ppx.rng (fcgi/conf_schema.c). */
extern const char conf_schema_rng[];

/*
 * A loaded config.  Every path is absolute (relative ones were resolved
 * against the directory of the config file); every string is owned by
 * the struct and freed by conf_free().
 */
struct conf {
	char	 *file;		/* the config file itself, absolute */
	char	 *store_path;
	char	 *plugin_dir;
	char	**plugin_names;	/* <plugin name=…/>; n == 0: every *.so */
	size_t	  n_plugin_names;
	char	 *template_dir;
	char	 *catalog_dir;
	char	 *content_dir;
	char	 *listen;	/* "unix:/abs/path" or "host:port"; NULL */
	int	  workers;
	size_t	  max_body;
	size_t	  max_uri;
	unsigned  deadline_ms;
	int	  log_level;	/* enum log_level of log.h */
	char	 *timezone;	/* never NULL: CONF_TIMEZONE_DEFAULT */
	size_t	  max_params;	/* <limits params=…/> */
	char	 *public_url;	/* <public url=…/>: base of links; NULL */
	/* <plugins isolate= crashes= crash-window-s= quarantine-s=> */
	int	  isolate;	/* each render in a child process; default 1 */
	unsigned  crash_limit;
	unsigned  crash_window_s;
	unsigned  quarantine_s;
	/* <metrics allow="NET …"/> */
	struct netmask metrics_allow[NETMASK_MAX];
	size_t	  n_metrics_allow;
	/* <admin secure-cookie="no"/> for plain-http localhost: 0 */
	int	  admin_secure_cookie;
};

/*
 * Read, validate and check the config file at path.  The parser reads
 * no network, substitutes no entities, loads no DTD and refuses a
 * DOCTYPE.  Returns 0 and the config in *out (free it with conf_free),
 * or -1 with one line "FILE:LINE: message" in why and *out untouched.
 * Nothing is printed.
 */
int	 conf_load(const char *path, struct conf **out, char *why,
	    size_t whylen);
/* Free a config from conf_load().  NULL is fine. */
void	 conf_free(struct conf *c);
/* "error", "warning", "info" or "debug" for an enum log_level. */
const char *conf_log_level_name(int level);

#endif
