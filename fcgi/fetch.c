/*
 * fetch.c - fenced-in HTTP(S) GETs with libcurl (see fetch.h).
 *
 * Redirects are followed here, not by libcurl (CURLOPT_FOLLOWLOCATION
 * stays off): each Location is put through the same allow-list check as
 * the first URL before anything connects to it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

#include "fetch.h"

struct fetch {
	CURLM			*multi;
	CURL			*easy;
	struct curl_slist	*headers;	/* conditional request headers */
	char			*allow_hosts;
	int			 allow_http;
	long			 total_timeout_ms;
	size_t			 max_bytes;
	struct timespec		 start;
	int			 hops;		/* redirects followed */
	int			 added;		/* easy is in multi */
	int			 done;
	int			 over_cap;
	char			*buf;
	size_t			 len, size;
	struct fetch_result	 res;
};

static long
ms_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)((now.tv_sec - t->tv_sec) * 1000 +
	    (now.tv_nsec - t->tv_nsec) / 1000000);
}

static void
say(char *why, size_t whylen, const char *msg)
{
	if (why != NULL && whylen > 0)
		snprintf(why, whylen, "%s", msg);
}

/* One allow-list entry: host and port (0: the scheme's default). */
static int
parse_entry(const char *e, size_t len, char *host, size_t hostlen,
    long *port)
{
	const char *colon = NULL, *end = e + len;
	char *stop;
	size_t n;

	if (len == 0 || len > FETCH_MAX_HOSTLEN)
		return -1;
	if (e[0] == '[') {
		const char *close = memchr(e, ']', len);

		if (close == NULL)
			return -1;
		if (close + 1 < end) {
			if (close[1] != ':')
				return -1;
			colon = close + 1;
		}
	} else {
		colon = memchr(e, ':', len);
	}
	n = colon != NULL ? (size_t)(colon - e) : len;
	if (n == 0 || n >= hostlen)
		return -1;
	memcpy(host, e, n);
	host[n] = '\0';
	*port = 0;
	if (colon != NULL) {
		char digits[8];
		size_t dn = (size_t)(end - colon - 1);

		if (dn == 0 || dn >= sizeof(digits))
			return -1;
		memcpy(digits, colon + 1, dn);
		digits[dn] = '\0';
		*port = strtol(digits, &stop, 10);
		if (*stop != '\0' || *port < 1 || *port > 65535)
			return -1;
	}
	return 0;
}

/* Is host:port (port already defaulted) on the comma list? */
static int
on_list(const char *list, const char *host, long port, long default_port)
{
	char ehost[FETCH_MAX_HOSTLEN + 1];
	const char *p = list, *comma;
	long eport;
	size_t len;
	int entries = 0;

	while (*p != '\0' && entries < FETCH_MAX_HOSTS) {
		while (*p == ' ' || *p == '\t')
			p++;
		comma = strchr(p, ',');
		len = comma != NULL ? (size_t)(comma - p) : strlen(p);
		while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		if (len > 0) {
			entries++;
			if (parse_entry(p, len, ehost, sizeof(ehost),
			    &eport) == 0 && strcasecmp(ehost, host) == 0 &&
			    (eport != 0 ? eport : default_port) == port)
				return 1;
		}
		if (comma == NULL)
			break;
		p = comma + 1;
	}
	return 0;
}

/* The allow-list check, also giving the host (for logs). */
static int
check_url(const char *url, const char *allow_hosts, int allow_http,
    char *hostout, size_t hostoutlen, char *why, size_t whylen)
{
	CURLU *u;
	char *scheme = NULL, *host = NULL, *portstr = NULL, *user = NULL;
	long port, default_port;
	int rc = -1;

	if (url == NULL || strlen(url) > FETCH_MAX_URL) {
		say(why, whylen, "no URL, or one over 2048 bytes");
		return -1;
	}
	if ((u = curl_url()) == NULL) {
		say(why, whylen, "out of memory");
		return -1;
	}
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_PORT, &portstr, CURLU_DEFAULT_PORT) !=
	    CURLUE_OK) {
		say(why, whylen, "malformed URL");
		goto out;
	}
	if (hostout != NULL && hostoutlen > 0)
		snprintf(hostout, hostoutlen, "%s", host);
	if (strcasecmp(scheme, "https") == 0)
		default_port = 443;
	else if (strcasecmp(scheme, "http") == 0 && allow_http)
		default_port = 80;
	else {
		if (why != NULL && whylen > 0)
			snprintf(why, whylen, "scheme %s not allowed", scheme);
		goto out;
	}
	if (curl_url_get(u, CURLUPART_USER, &user, 0) == CURLUE_OK) {
		if (why != NULL && whylen > 0)
			snprintf(why, whylen, "credentials in the URL for %s",
			    host);
		goto out;
	}
	port = strtol(portstr, NULL, 10);
	if (allow_hosts == NULL || !on_list(allow_hosts, host, port,
	    default_port)) {
		if (why != NULL && whylen > 0)
			snprintf(why, whylen, "host %s:%ld is not on the "
			    "allow-list", host, port);
		goto out;
	}
	rc = 0;
out:
	curl_free(scheme);
	curl_free(host);
	curl_free(portstr);
	curl_free(user);
	curl_url_cleanup(u);
	return rc;
}

int
fetch_allowed(const char *url, const char *allow_hosts, int allow_http,
    char *why, size_t whylen)
{
	return check_url(url, allow_hosts, allow_http, NULL, 0, why, whylen);
}

/* libcurl write callback: keep the body, stop past the cap. */
static size_t
on_data(char *data, size_t size, size_t nmemb, void *arg)
{
	struct fetch *f = arg;
	size_t n = size * nmemb, want;
	char *p;

	if (n > f->max_bytes - f->len) {
		f->over_cap = 1;
		return 0;	/* CURLE_WRITE_ERROR */
	}
	if (f->len + n + 1 > f->size) {
		want = f->size == 0 ? 16384 : f->size * 2;
		while (want < f->len + n + 1)
			want *= 2;
		if (want > f->max_bytes + 1)
			want = f->max_bytes + 1;
		if ((p = realloc(f->buf, want)) == NULL)
			return 0;
		f->buf = p;
		f->size = want;
	}
	memcpy(f->buf + f->len, data, n);
	f->len += n;
	f->buf[f->len] = '\0';
	return n;
}

/* Point the easy handle at url with what is left of the total time. */
static int
aim(struct fetch *f, const char *url, char *why, size_t whylen)
{
	long left = f->total_timeout_ms - ms_since(&f->start);

	if (check_url(url, f->allow_hosts, f->allow_http, f->res.host,
	    sizeof(f->res.host), why, whylen) == -1)
		return -1;
	if (left <= 0) {
		say(why, whylen, "total timeout");
		return -1;
	}
	f->len = 0;
	f->over_cap = 0;
	if (curl_easy_setopt(f->easy, CURLOPT_URL, url) != CURLE_OK ||
	    curl_easy_setopt(f->easy, CURLOPT_TIMEOUT_MS, left) != CURLE_OK ||
	    curl_multi_add_handle(f->multi, f->easy) != CURLM_OK) {
		say(why, whylen, "cannot start the transfer");
		return -1;
	}
	f->added = 1;
	return 0;
}

static void
copy_header(CURL *easy, const char *name, char *out, size_t outlen)
{
	struct curl_header *h;
	const char *v;

	out[0] = '\0';
	if (curl_easy_header(easy, name, 0, CURLH_HEADER, -1, &h) !=
	    CURLHE_OK || strlen(h->value) >= outlen)
		return;
	/* It goes back out in a request header: printable ASCII only. */
	for (v = h->value; *v != '\0'; v++)
		if (*v < 0x20 || *v > 0x7e)
			return;
	snprintf(out, outlen, "%s", h->value);
}

static int
is_redirect(long status)
{
	return status == 301 || status == 302 || status == 303 ||
	    status == 307 || status == 308;
}

/* One hop ended with code: finish, or follow a redirect. */
static void
hop_done(struct fetch *f, CURLcode code)
{
	char *location = NULL, why[sizeof(f->res.error) - 20];

	curl_multi_remove_handle(f->multi, f->easy);
	f->added = 0;
	if (code != CURLE_OK) {
		snprintf(f->res.error, sizeof(f->res.error), "%s",
		    f->over_cap || code == CURLE_FILESIZE_EXCEEDED ?
		    "over the size cap" : curl_easy_strerror(code));
		goto out_done;
	}
	curl_easy_getinfo(f->easy, CURLINFO_RESPONSE_CODE, &f->res.status);
	if (is_redirect(f->res.status)) {
		curl_easy_getinfo(f->easy, CURLINFO_REDIRECT_URL, &location);
		if (location == NULL) {
			snprintf(f->res.error, sizeof(f->res.error),
			    "redirect without a Location");
		} else if (f->hops >= FETCH_MAX_REDIRECTS) {
			snprintf(f->res.error, sizeof(f->res.error),
			    "more than %d redirects", FETCH_MAX_REDIRECTS);
		} else if (aim(f, location, why, sizeof(why)) == -1) {
			snprintf(f->res.error, sizeof(f->res.error),
			    "redirect refused: %s", why);
		} else {
			f->hops++;
			return;
		}
		f->res.status = 0;
		goto out_done;
	}
	if (f->res.status == 200) {
		copy_header(f->easy, "ETag", f->res.etag, sizeof(f->res.etag));
		copy_header(f->easy, "Last-Modified", f->res.last_modified,
		    sizeof(f->res.last_modified));
		if (f->buf == NULL && (f->buf = calloc(1, 1)) == NULL) {
			/* An empty body is "", not NULL. */
			f->res.status = 0;
			snprintf(f->res.error, sizeof(f->res.error),
			    "out of memory");
			goto out_done;
		}
		f->res.body = f->buf;
		f->res.len = f->len;
	}
out_done:
	f->done = 1;
}

static int
add_header(struct curl_slist **list, const char *name, const char *value)
{
	char line[FETCH_MAX_VALIDATOR + 32];
	struct curl_slist *l;
	const char *v;

	if (value == NULL || value[0] == '\0')
		return 0;
	if (strlen(value) > FETCH_MAX_VALIDATOR)
		return 0;	/* not worth a conditional request */
	for (v = value; *v != '\0'; v++)
		if (*v < 0x20 || *v > 0x7e)
			return 0;
	snprintf(line, sizeof(line), "%s: %s", name, value);
	if ((l = curl_slist_append(*list, line)) == NULL)
		return -1;
	*list = l;
	return 0;
}

static int
setup_easy(struct fetch *f, const struct fetch_opts *o)
{
	const char *protocols = o->allow_http ? "http,https" : "https";
	CURL *e = f->easy;

	if (add_header(&f->headers, "If-None-Match", o->etag) == -1 ||
	    add_header(&f->headers, "If-Modified-Since",
	    o->last_modified) == -1)
		return -1;
	if (curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, protocols) !=
	    CURLE_OK ||
	    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, protocols) !=
	    CURLE_OK ||
	    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L) != CURLE_OK ||
	    curl_easy_setopt(e, CURLOPT_PROXY, "") != CURLE_OK ||
	    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L) != CURLE_OK ||
	    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
	    o->connect_timeout_ms) != CURLE_OK ||
	    curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE,
	    (curl_off_t)o->max_bytes) != CURLE_OK ||
	    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_data) != CURLE_OK ||
	    curl_easy_setopt(e, CURLOPT_WRITEDATA, f) != CURLE_OK ||
	    curl_easy_setopt(e, CURLOPT_USERAGENT, "ppx-feed/1") !=
	    CURLE_OK ||
	    curl_easy_setopt(e, CURLOPT_HTTPHEADER, f->headers) != CURLE_OK)
		return -1;
	return 0;
}

int
fetch_start(struct fetch **out, const char *url, const struct fetch_opts *o,
    char *why, size_t whylen)
{
	static int curl_ready;
	struct fetch *f;

	*out = NULL;
	if (!curl_ready) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
			say(why, whylen, "libcurl init failed");
			return -1;
		}
		curl_ready = 1;
	}
	/* Refuse before allocating anything that could connect. */
	if (fetch_allowed(url, o->allow_hosts, o->allow_http, why,
	    whylen) == -1)
		return -1;
	if ((f = calloc(1, sizeof(*f))) == NULL ||
	    (f->allow_hosts = strdup(o->allow_hosts)) == NULL ||
	    (f->multi = curl_multi_init()) == NULL ||
	    (f->easy = curl_easy_init()) == NULL) {
		say(why, whylen, "out of memory");
		fetch_free(f);
		return -1;
	}
	f->allow_http = o->allow_http;
	f->total_timeout_ms = o->total_timeout_ms;
	f->max_bytes = o->max_bytes;
	clock_gettime(CLOCK_MONOTONIC, &f->start);
	if (setup_easy(f, o) == -1) {
		say(why, whylen, "cannot set up libcurl");
		fetch_free(f);
		return -1;
	}
	if (aim(f, url, why, whylen) == -1) {
		fetch_free(f);
		return -1;
	}
	*out = f;
	return 0;
}

int
fetch_wait(struct fetch *f, long ms)
{
	struct timespec begin;
	CURLMsg *msg;
	long left;
	int running, queued;

	clock_gettime(CLOCK_MONOTONIC, &begin);
	while (!f->done) {
		if (curl_multi_perform(f->multi, &running) != CURLM_OK) {
			snprintf(f->res.error, sizeof(f->res.error),
			    "libcurl multi failed");
			f->done = 1;
			break;
		}
		while ((msg = curl_multi_info_read(f->multi, &queued)) != NULL)
			if (msg->msg == CURLMSG_DONE && msg->easy_handle ==
			    f->easy) {
				hop_done(f, msg->data.result);
				break;	/* a redirect re-added the handle */
			}
		if (f->done)
			break;
		left = ms - ms_since(&begin);
		if (left <= 0)
			return 0;
		curl_multi_poll(f->multi, NULL, 0, left > 1000 ? 1000 :
		    (int)left, NULL);
	}
	return 1;
}

const struct fetch_result *
fetch_result(const struct fetch *f)
{
	return &f->res;
}

void
fetch_free(struct fetch *f)
{
	if (f == NULL)
		return;
	if (f->added)
		curl_multi_remove_handle(f->multi, f->easy);
	if (f->easy != NULL)
		curl_easy_cleanup(f->easy);
	if (f->multi != NULL)
		curl_multi_cleanup(f->multi);
	curl_slist_free_all(f->headers);
	free(f->allow_hosts);
	free(f->buf);
	free(f);
}
