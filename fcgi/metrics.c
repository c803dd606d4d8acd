/*
 * metrics.c - the shared counters and their text form (see metrics.h).
 */
#include <sys/mman.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "log.h"
#include "metrics.h"
#include "route.h"

#define NAME_MAX_LEN	64
#define SLOT_OTHER	0	/* names past the table */
#define SLOT_NONE	1	/* no brand: /healthz, 404s, bad keys */
#define STAGE_NONE	STAGE__MAX

enum { SLOT_FREE, SLOT_CLAIMING, SLOT_READY };

static const int statuses[] = {
	200, 302, 304, 400, 401, 403, 404, 405, 413, 414, 415, 500, 503
};
#define N_STATUS	(sizeof(statuses) / sizeof(statuses[0]) + 1)

/* Upper bounds of the render time buckets, in microseconds. */
static const long buckets_us[] = {
	1000, 2500, 5000, 10000, 25000, 50000, 100000, 250000, 500000,
	1000000, 2500000, 5000000
};
#define N_BUCKETS	(sizeof(buckets_us) / sizeof(buckets_us[0]) + 1)

static const char *const reasons[] = {
	"error", "deadline", "unavailable", "nodata", "disabled",
	"template", "other"
};
#define N_REASONS	(sizeof(reasons) / sizeof(reasons[0]))

static const char *const crash_kinds[] = { "crash", "hang" };
static const char *const restart_causes[] = { "signal", "exit" };

struct names {
	int	state[METRICS_NAMES];
	char	name[METRICS_NAMES][NAME_MAX_LEN + 1];
};

struct custom {
	int		state;
	char		family[NAME_MAX_LEN + 1];
	char		label[32];
	char		value[NAME_MAX_LEN + 1];
	uint64_t	n;
};

struct shm {
	struct names	brands;
	struct names	tps;
	uint64_t	requests[METRICS_NAMES][STAGE__MAX + 1][N_STATUS];
	uint64_t	render_bucket[METRICS_NAMES][N_BUCKETS];
	uint64_t	render_sum_us[METRICS_NAMES];
	uint64_t	omitted[METRICS_NAMES][N_REASONS];
	uint64_t	crashes[METRICS_NAMES][2];
	uint64_t	quarantines[METRICS_NAMES];
	uint64_t	restarts[2];
	struct custom	custom[METRICS_CUSTOM];
	uint64_t	dropped;
};

static struct shm *shm;
static void	declare(int, const char *, const char *, const char *);
static int noted_brand = SLOT_NONE;
static int noted_stage = STAGE_NONE;

static void
bump(uint64_t *c, uint64_t n)
{
	__atomic_fetch_add(c, n, __ATOMIC_RELAXED);
}

static uint64_t
get(const uint64_t *c)
{
	return __atomic_load_n(c, __ATOMIC_RELAXED);
}

int
metrics_init(void)
{
	void *p;

	if (shm != NULL)
		return 0;
	p = mmap(NULL, sizeof(*shm), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		log_err("metrics: mmap: %s", strerror(errno));
		return -1;
	}
	shm = p;
	/* The two reserved brand slots, and "other" for touchpoints. */
	snprintf(shm->brands.name[SLOT_OTHER], NAME_MAX_LEN + 1, "other");
	snprintf(shm->brands.name[SLOT_NONE], NAME_MAX_LEN + 1, "none");
	shm->brands.state[SLOT_OTHER] = SLOT_READY;
	shm->brands.state[SLOT_NONE] = SLOT_READY;
	snprintf(shm->tps.name[SLOT_OTHER], NAME_MAX_LEN + 1, "other");
	shm->tps.state[SLOT_OTHER] = SLOT_READY;
	declare(0, "ppx_fetch_cache_total", "result", "hit");
	declare(1, "ppx_fetch_cache_total", "result", "miss");
	return 0;
}

void
metrics_free(void)
{
	if (shm != NULL)
		munmap(shm, sizeof(*shm));
	shm = NULL;
	noted_brand = SLOT_NONE;
	noted_stage = STAGE_NONE;
}

/* The slot of name in t, claiming a free one; SLOT_OTHER when full. */
static int
slot_of(struct names *t, const char *name)
{
	int i, want;

	if (name == NULL || strlen(name) > NAME_MAX_LEN)
		return SLOT_OTHER;
	for (i = 0; i < METRICS_NAMES; i++) {
		int st = __atomic_load_n(&t->state[i], __ATOMIC_ACQUIRE);

		if (st == SLOT_FREE)
			break;
		if (st == SLOT_READY && strcmp(t->name[i], name) == 0)
			return i;
	}
	for (; i < METRICS_NAMES; i++) {
		want = SLOT_FREE;
		if (!__atomic_compare_exchange_n(&t->state[i], &want,
		    SLOT_CLAIMING, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
			continue;
		memcpy(t->name[i], name, strlen(name) + 1);
		__atomic_store_n(&t->state[i], SLOT_READY, __ATOMIC_RELEASE);
		return i;
	}
	return SLOT_OTHER;
}

static size_t
index_of(const char *const *v, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return i;
	return n;
}

void
metrics_note(const char *brand, const char *stage)
{
	int s;

	if (shm == NULL)
		return;
	if (brand != NULL)
		noted_brand = slot_of(&shm->brands, brand);
	if (stage != NULL && (s = stage_parse(stage)) >= 0)
		noted_stage = s;
}

void
metrics_request_end(int status)
{
	size_t i;

	if (shm != NULL) {
		for (i = 0; i < N_STATUS - 1; i++)
			if (statuses[i] == status)
				break;
		bump(&shm->requests[noted_brand][noted_stage][i], 1);
	}
	noted_brand = SLOT_NONE;
	noted_stage = STAGE_NONE;
}

void
metrics_render_time(const char *touchpoint, long usec)
{
	size_t b;
	int t;

	if (shm == NULL)
		return;
	if (usec < 0)
		usec = 0;
	t = slot_of(&shm->tps, touchpoint);
	for (b = 0; b < N_BUCKETS - 1; b++)
		if (usec <= buckets_us[b])
			break;
	bump(&shm->render_bucket[t][b], 1);
	bump(&shm->render_sum_us[t], (uint64_t)usec);
}

void
metrics_omitted(const char *touchpoint, const char *reason)
{
	size_t r;

	if (shm == NULL)
		return;
	r = index_of(reasons, N_REASONS, reason);
	if (r == N_REASONS)
		r = N_REASONS - 1;
	bump(&shm->omitted[slot_of(&shm->tps, touchpoint)][r], 1);
}

void
metrics_plugin_crash(const char *touchpoint, const char *kind)
{
	if (shm == NULL)
		return;
	bump(&shm->crashes[slot_of(&shm->tps, touchpoint)]
	    [strcmp(kind, "hang") == 0], 1);
}

void
metrics_quarantine(const char *touchpoint)
{
	if (shm != NULL)
		bump(&shm->quarantines[slot_of(&shm->tps, touchpoint)], 1);
}

void
metrics_worker_restart(const char *cause)
{
	if (shm != NULL)
		bump(&shm->restarts[strcmp(cause, "exit") == 0], 1);
}

/* [a-z0-9_] (and, for values, [A-Z.:-] too), 1..max characters. */
static int
token_ok(const char *s, size_t max, int value)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++) {
		char c = s[i];

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '_')
			continue;
		if (value && ((c >= 'A' && c <= 'Z') || c == '.' ||
		    c == ':' || c == '-'))
			continue;
		return 0;
	}
	return i > 0 && i <= max;
}

void
metrics_count(const char *family, const char *label, const char *value)
{
	struct custom *c;
	int i, want;

	if (shm == NULL)
		return;
	if (!token_ok(family, NAME_MAX_LEN, 0) ||
	    !token_ok(label, sizeof(c->label) - 1, 0) ||
	    !token_ok(value, NAME_MAX_LEN, 1)) {
		bump(&shm->dropped, 1);
		return;
	}
	for (i = 0; i < METRICS_CUSTOM; i++) {
		c = &shm->custom[i];
		if (__atomic_load_n(&c->state, __ATOMIC_ACQUIRE) !=
		    SLOT_READY)
			continue;
		if (strcmp(c->family, family) == 0 &&
		    strcmp(c->label, label) == 0 &&
		    strcmp(c->value, value) == 0) {
			bump(&c->n, 1);
			return;
		}
	}
	for (i = 0; i < METRICS_CUSTOM; i++) {
		c = &shm->custom[i];
		want = SLOT_FREE;
		if (!__atomic_compare_exchange_n(&c->state, &want,
		    SLOT_CLAIMING, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
			continue;
		snprintf(c->family, sizeof(c->family), "%s", family);
		snprintf(c->label, sizeof(c->label), "%s", label);
		snprintf(c->value, sizeof(c->value), "%s", value);
		c->n = 1;
		__atomic_store_n(&c->state, SLOT_READY, __ATOMIC_RELEASE);
		return;
	}
	bump(&shm->dropped, 1);
}

/* --- the text format --------------------------------------------------- */

static int
ready(const struct names *t, int i)
{
	return __atomic_load_n(&t->state[i], __ATOMIC_ACQUIRE) == SLOT_READY;
}

static void
head(FILE *f, const char *name, const char *type, const char *help)
{
	fprintf(f, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static const char *
stage_label(int s)
{
	return s == STAGE_NONE ? "none" : stage_name((enum stage)s);
}

static void
write_requests(FILE *f)
{
	uint64_t n;
	size_t st;
	int b, s;

	head(f, "ppx_requests_total", "counter",
	    "Requests by brand, stage and HTTP status.");
	for (b = 0; b < METRICS_NAMES; b++) {
		if (!ready(&shm->brands, b))
			continue;
		for (s = 0; s <= STAGE_NONE; s++)
			for (st = 0; st < N_STATUS; st++) {
				if ((n = get(&shm->requests[b][s][st])) == 0)
					continue;
				fprintf(f, "ppx_requests_total{brand=\"%s\","
				    "stage=\"%s\",status=\"", shm->brands.name[b],
				    stage_label(s));
				if (st < N_STATUS - 1)
					fprintf(f, "%d", statuses[st]);
				else
					fputs("other", f);
				fprintf(f, "\"} %llu\n", (unsigned long long)n);
			}
	}
}

static void
write_render_time(FILE *f)
{
	uint64_t cum, n;
	size_t b;
	int t;

	head(f, "ppx_render_seconds", "histogram",
	    "Time of one touchpoint's plugin render, in its child.");
	for (t = 0; t < METRICS_NAMES; t++) {
		if (!ready(&shm->tps, t))
			continue;
		cum = 0;
		for (b = 0; b < N_BUCKETS; b++) {
			cum += get(&shm->render_bucket[t][b]);
			if (b < N_BUCKETS - 1)
				fprintf(f, "ppx_render_seconds_bucket{touchpoint="
				    "\"%s\",le=\"%g\"} %llu\n", shm->tps.name[t],
				    (double)buckets_us[b] / 1e6,
				    (unsigned long long)cum);
			else
				fprintf(f, "ppx_render_seconds_bucket{touchpoint="
				    "\"%s\",le=\"+Inf\"} %llu\n",
				    shm->tps.name[t], (unsigned long long)cum);
		}
		n = get(&shm->render_sum_us[t]);
		fprintf(f, "ppx_render_seconds_sum{touchpoint=\"%s\"} %.6f\n",
		    shm->tps.name[t], (double)n / 1e6);
		fprintf(f, "ppx_render_seconds_count{touchpoint=\"%s\"} %llu\n",
		    shm->tps.name[t], (unsigned long long)cum);
	}
}

static void
write_touchpoint_counters(FILE *f)
{
	uint64_t n;
	size_t r, k;
	int t;

	head(f, "ppx_omitted_total", "counter",
	    "Touchpoints left out of an answer, by reason.");
	for (t = 0; t < METRICS_NAMES; t++)
		for (r = 0; ready(&shm->tps, t) && r < N_REASONS; r++)
			if ((n = get(&shm->omitted[t][r])) != 0)
				fprintf(f, "ppx_omitted_total{touchpoint=\"%s\","
				    "reason=\"%s\"} %llu\n", shm->tps.name[t],
				    reasons[r], (unsigned long long)n);
	head(f, "ppx_plugin_crashes_total", "counter",
	    "Plugin renders that crashed or hung past the deadline.");
	for (t = 0; t < METRICS_NAMES; t++)
		for (k = 0; ready(&shm->tps, t) && k < 2; k++)
			fprintf(f, "ppx_plugin_crashes_total{touchpoint=\"%s\","
			    "kind=\"%s\"} %llu\n", shm->tps.name[t],
			    crash_kinds[k],
			    (unsigned long long)get(&shm->crashes[t][k]));
	head(f, "ppx_plugin_quarantines_total", "counter",
	    "Times a plugin was put in quarantine.");
	for (t = 0; t < METRICS_NAMES; t++)
		if (ready(&shm->tps, t))
			fprintf(f, "ppx_plugin_quarantines_total{touchpoint="
			    "\"%s\"} %llu\n", shm->tps.name[t],
			    (unsigned long long)get(&shm->quarantines[t]));
}

static int
custom_ready(const struct custom *c)
{
	return __atomic_load_n(&c->state, __ATOMIC_ACQUIRE) == SLOT_READY;
}

/* Each family as one group: its TYPE line, then all its series. */
static void
write_custom(FILE *f)
{
	const struct custom *c, *d;
	int i, j, seen;

	for (i = 0; i < METRICS_CUSTOM; i++) {
		c = &shm->custom[i];
		if (!custom_ready(c))
			continue;
		for (j = 0, seen = 0; j < i && !seen; j++)
			seen = custom_ready(&shm->custom[j]) &&
			    strcmp(shm->custom[j].family, c->family) == 0;
		if (seen)
			continue;
		fprintf(f, "# TYPE %s counter\n", c->family);
		for (j = i; j < METRICS_CUSTOM; j++) {
			d = &shm->custom[j];
			if (custom_ready(d) && strcmp(d->family, c->family) == 0)
				fprintf(f, "%s{%s=\"%s\"} %llu\n", d->family,
				    d->label, d->value,
				    (unsigned long long)get(&d->n));
		}
	}
}

/* A series that shows (at 0) before its first count. */
static void
declare(int i, const char *family, const char *label, const char *value)
{
	struct custom *c = &shm->custom[i];

	snprintf(c->family, sizeof(c->family), "%s", family);
	snprintf(c->label, sizeof(c->label), "%s", label);
	snprintf(c->value, sizeof(c->value), "%s", value);
	c->state = SLOT_READY;
}

int
metrics_write(FILE *f)
{
	size_t i;

	if (shm == NULL)
		return -1;
	write_requests(f);
	write_render_time(f);
	write_touchpoint_counters(f);
	head(f, "ppx_worker_restarts_total", "counter",
	    "Workers that died and were replaced, by how they died.");
	for (i = 0; i < 2; i++)
		fprintf(f, "ppx_worker_restarts_total{cause=\"%s\"} %llu\n",
		    restart_causes[i],
		    (unsigned long long)get(&shm->restarts[i]));
	head(f, "ppx_metrics_dropped_total", "counter",
	    "metrics_count() calls refused: bad name or no room.");
	fprintf(f, "ppx_metrics_dropped_total %llu\n",
	    (unsigned long long)get(&shm->dropped));
	write_custom(f);
	return ferror(f) ? -1 : 0;
}
