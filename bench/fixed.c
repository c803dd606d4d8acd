/*
 * fixed.c - the benchmark's baseline: a libfcgi app that answers every
 * request with the same ~2 KB HTML fragment.  It costs what nginx, the
 * FastCGI protocol and libfcgi cost and nothing more, so ppxd's rows in
 * bench/run.sh are read as a ratio to it.  Same process model as ppxd: a
 * master opens one unix socket and forks N workers that each loop on
 * FCGX_Accept_r.
 *
 * usage: fixed [-e] [unix:]PATH [NPROC]
 *   -e  echo mode: reply text/plain with every FastCGI param, one a line
 *       (lets the integration harness check what nginx passes on)
 *
 * build: cc -O2 bench/fixed.c $(pkg-config --cflags --libs fcgi) -o fixed
 */

#include <sys/types.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fcgiapp.h>

#define MAX_PROCS	64

static const char fragment[] =
"<table role=\"presentation\" width=\"600\" cellpadding=\"0\" cellspacing=\"0\" "
"border=\"0\" lang=\"nl\" style=\"width:600px;max-width:600px;border-collapse:"
"collapse;font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;\">\n"
"<tr><td style=\"padding:24px 24px 8px 24px;font-size:22px;font-weight:bold;\">"
"Nog 3 nachtjes slapen, Anne!</td></tr>\n"
"<tr><td style=\"padding:0 24px 16px 24px;font-size:15px;line-height:22px;\">"
"Je bestelling 1042 is onderweg en komt naar verwachting op woensdag "
"25 november aan. Tijd om je alvast voor te bereiden.</td></tr>\n"
"<tr><td style=\"padding:0 24px 16px 24px;\">\n"
"<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" "
"border=\"0\" style=\"border-collapse:collapse;\"><tr>\n"
"<td width=\"120\" valign=\"top\" style=\"padding:0 16px 0 0;\">"
"<a href=\"https://shop.example/p/runner-42\" style=\"text-decoration:none;\">"
"<img src=\"https://cdn.shop.example/runner-42.jpg\" width=\"120\" "
"height=\"120\" alt=\"Runner 42\" style=\"display:block;border:0;width:120px;"
"height:120px;\"></a></td>\n"
"<td valign=\"top\" style=\"font-size:15px;line-height:22px;\">"
"<strong>Runner 42</strong><br>Hardloopschoenen<br>"
"<a href=\"https://shop.example/p/runner-42\" style=\"color:#0b5cad;\">"
"Bekijk je product</a></td>\n"
"</tr></table>\n"
"</td></tr>\n"
"<tr><td style=\"padding:0 24px 8px 24px;font-size:17px;font-weight:bold;\">"
"Zo haal je meer uit je nieuwe schoenen</td></tr>\n"
"<tr><td style=\"padding:0 24px 24px 24px;font-size:15px;line-height:22px;\">\n"
"<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" "
"border=\"0\" style=\"border-collapse:collapse;\">\n"
"<tr><td style=\"padding:4px 0;\">1. Loop ze eerst een paar keer in op korte "
"rondjes van hooguit vijf kilometer.</td></tr>\n"
"<tr><td style=\"padding:4px 0;\">2. Rijg de veters zo dat je hiel niet "
"wegschuift, maar je tenen wel ruimte houden.</td></tr>\n"
"<tr><td style=\"padding:4px 0;\">3. Wissel af met je oude paar: je voeten en "
"de tussenzool herstellen dan beter.</td></tr>\n"
"<tr><td style=\"padding:4px 0;\">4. Laat ze na een natte loop drogen op "
"kamertemperatuur, niet op de verwarming.</td></tr>\n"
"</table>\n"
"</td></tr>\n"
"</table>\n";

static volatile sig_atomic_t stopping;

static void
on_stop(int sig)
{
	(void)sig;
	stopping = 1;
}

static char head[256];
static int headlen;

/* libfcgi's FCGX_FPrintF has its own formatter: build the head once here. */
static void
make_head(void)
{
	headlen = snprintf(head, sizeof(head),
	    "Status: 200 OK\r\n"
	    "Content-Type: text/html; charset=utf-8\r\n"
	    "Content-Length: %zu\r\n"
	    "Cache-Control: private\r\n"
	    "\r\n", sizeof(fragment) - 1);
}

static void
reply_fixed(FCGX_Request *req)
{
	FCGX_PutStr(head, headlen, req->out);
	FCGX_PutStr(fragment, (int)(sizeof(fragment) - 1), req->out);
}

static void
reply_echo(FCGX_Request *req)
{
	char **p;

	FCGX_PutS("Status: 200 OK\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n\r\n", req->out);
	for (p = req->envp; p != NULL && *p != NULL; p++) {
		FCGX_PutS(*p, req->out);
		FCGX_PutChar('\n', req->out);
	}
}

static void
worker(int fd, int echo)
{
	FCGX_Request req;

	signal(SIGTERM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	if (FCGX_InitRequest(&req, fd, 0) != 0)
		_exit(1);
	while (FCGX_Accept_r(&req) >= 0) {
		if (echo)
			reply_echo(&req);
		else
			reply_fixed(&req);
		FCGX_Finish_r(&req);
	}
	_exit(0);
}

static void
stop_all(const pid_t *pids, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGTERM);
	while (wait(NULL) > 0 || errno == EINTR)
		;
}

int
main(int argc, char *argv[])
{
	struct sigaction sa;
	const char *path;
	pid_t pids[MAX_PROCS];
	int echo = 0, n = 2, live = 0, fd, i;

	if (argc > 1 && strcmp(argv[1], "-e") == 0) {
		echo = 1;
		argc--;
		argv++;
	}
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: fixed [-e] [unix:]PATH [NPROC]\n");
		return 2;
	}
	path = argv[1];
	if (strncmp(path, "unix:", 5) == 0)
		path += 5;
	if (argc == 3) {
		n = atoi(argv[2]);
		if (n < 1 || n > MAX_PROCS) {
			fprintf(stderr, "fixed: NPROC must be 1..%d\n", MAX_PROCS);
			return 2;
		}
	}

	/* No SA_RESTART: the signal must interrupt wait() below. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	make_head();
	if (FCGX_Init() != 0) {
		fprintf(stderr, "fixed: FCGX_Init failed\n");
		return 1;
	}
	unlink(path);
	if ((fd = FCGX_OpenSocket(path, 128)) < 0) {
		fprintf(stderr, "fixed: cannot listen on %s\n", path);
		return 1;
	}

	for (i = 0; i < n; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			worker(fd, echo);
		if (pids[i] < 0) {
			fprintf(stderr, "fixed: fork: %s\n", strerror(errno));
			stop_all(pids, i);
			unlink(path);
			return 1;
		}
		live++;
	}

	/* Wait for SIGTERM; a worker that dies on its own is not replaced. */
	while (!stopping && live > 0) {
		if (wait(NULL) > 0)
			live--;
		else if (errno != EINTR)
			break;
	}
	stop_all(pids, n);
	unlink(path);
	return stopping ? 0 : 1;
}
