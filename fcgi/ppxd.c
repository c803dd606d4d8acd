/*
 * ppxd.c - the FastCGI daemon: load and check, open the socket, fork
 * the workers, reload on SIGHUP, stop on SIGTERM (see ppxd(8)).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "conf.h"
#include "instance.h"
#include "listen.h"
#include "plugin_host.h"
#include "log.h"
#include "notify.h"
#include "metrics.h"
#include "quarantine.h"
#include "prefork.h"
#include "worker.h"

static const char *conf_path;

/* Tell systemd (Type=notify); a failure costs only a log line. */
static void
notify(const char *state)
{
	char why[256];

	if (notify_send(state, why, sizeof(why)) == -1)
		log_warn("%s", why);
}

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: ppxd --config FILE [--socket unix:PATH|HOST:PORT] "
	    "[--workers N] [--check]\n"
	    "\n"
	    "Serve ppx touchpoints over FastCGI.  Without --socket, use the\n"
	    "config's <listen>, a systemd socket, or an inherited fd 0.\n"
	    "\n"
	    "  -c, --config FILE   the ppx.xml to load (required)\n"
	    "  -s, --socket SPEC   unix:/path or host:port\n"
	    "  -w, --workers N     worker processes (default: the config's)\n"
	    "  -n, --check         load and check the config, then exit\n"
	    "  -h, --help          this text\n"
	    "  -V, --version       print the version\n");
}

static int
reload(void *arg, void **new_arg)
{
	struct instance *in;
	char why[1024];

	(void)arg;
	notify("RELOADING=1");
	if (instance_load(&in, conf_path, why, sizeof(why)) == -1) {
		log_err("reload refused, keeping the running config: %s", why);
		notify("READY=1\nSTATUS=reload refused, old config serving");
		return -1;
	}
	log_info("reloaded %s: %zu plugins", conf_path, in->plugins->n);
	notify("READY=1\nSTATUS=serving");
	*new_arg = in;
	return 0;
}

/* systemd shows "deactivating" while the workers finish. */
static void
stopping(void *arg)
{
	(void)arg;
	notify("STOPPING=1\nSTATUS=stopping: finishing requests");
}

static void
release(void *arg)
{
	instance_free(arg);
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "socket", required_argument, NULL, 's' },
		{ "workers", required_argument, NULL, 'w' },
		{ "check", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct prefork_ops ops;
	struct instance *in;
	const char *socket_spec = NULL;
	char why[1024], *end;
	long workers = 0;
	int ch, check = 0, fd, rc;

	log_init("ppxd", LOG_LVL_INFO);
	while ((ch = getopt_long(argc, argv, "c:s:w:nhV", opts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			conf_path = optarg;
			break;
		case 's':
			socket_spec = optarg;
			break;
		case 'w':
			workers = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || workers < 1 ||
			    workers > 256) {
				fprintf(stderr, "ppxd: --workers: expected "
				    "1 to 256\n");
				return 2;
			}
			break;
		case 'n':
			check = 1;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("ppxd %s\n", PACKAGE_VERSION);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (conf_path == NULL || optind != argc) {
		usage(stderr);
		return 2;
	}
	if (instance_load(&in, conf_path, why, sizeof(why)) == -1) {
		log_err("%s", why);
		return 1;
	}
	log_init("ppxd", in->conf->log_level);
	if (check) {
		printf("%s: ok, %zu plugins\n", conf_path, in->plugins->n);
		instance_free(in);
		return 0;
	}
	if (socket_spec == NULL)
		socket_spec = in->conf->listen;
	if ((fd = listen_open(socket_spec, why, sizeof(why))) == -1) {
		log_err("%s", why);
		instance_free(in);
		return 1;
	}
	/* Shared by every worker of every generation: mapped before fork. */
	if (metrics_init() == -1 || quarantine_init() == -1) {
		instance_free(in);
		close(fd);
		return 1;
	}
	memset(&ops, 0, sizeof(ops));
	ops.listen_fd = fd;
	ops.workers = workers > 0 ? (int)workers : in->conf->workers;
	ops.worker_main = worker_main;
	ops.reload = reload;
	ops.release = release;
	ops.stopping = stopping;
	ops.arg = in;
	log_info("serving %s with %d workers, %zu plugins",
	    socket_spec != NULL ? socket_spec : fd == 0 ?
	    "the inherited fd 0" : "the systemd socket (fd 3)",
	    ops.workers, in->plugins->n);
	/* The socket listens: connections wait in its backlog from now. */
	notify("READY=1\nSTATUS=serving");
	rc = prefork_run(&ops);
	close(fd);
	return rc == 0 ? 0 : 1;
}
