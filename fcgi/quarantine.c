/*
 * quarantine.c - the shared crash table (see quarantine.h).
 *
 * A slot is claimed once per plugin name (state FREE -> CLAIMING ->
 * READY with compare-and-swap) and never given back: plugin names are few
 * and fixed per install.  Two workers claiming the same name at the same
 * instant may make two slots; both count, the first one found wins, and
 * the worst outcome is a quarantine that starts one crash later.
 */
#include <sys/mman.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "quarantine.h"

enum { SLOT_FREE, SLOT_CLAIMING, SLOT_READY };

struct slot {
	int		state;
	char		name[65];
	int64_t		window_start;	/* ms */
	int		crashes;	/* in the window */
	int64_t		until;		/* ms; 0: not in quarantine */
};

static struct slot *table;

int
quarantine_init(void)
{
	void *p;

	if (table != NULL)
		return 0;
	p = mmap(NULL, sizeof(struct slot) * QUARANTINE_SLOTS,
	    PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		log_err("quarantine table: mmap: %s", strerror(errno));
		return -1;
	}
	table = p;
	return 0;
}

void
quarantine_free(void)
{
	if (table != NULL)
		munmap(table, sizeof(struct slot) * QUARANTINE_SLOTS);
	table = NULL;
}

int64_t
quarantine_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static struct slot *
find(const char *name, int claim)
{
	size_t i;
	int want;

	for (i = 0; i < QUARANTINE_SLOTS; i++) {
		int st = __atomic_load_n(&table[i].state, __ATOMIC_ACQUIRE);

		if (st == SLOT_READY && strcmp(table[i].name, name) == 0)
			return &table[i];
	}
	if (!claim || strlen(name) >= sizeof(table[0].name))
		return NULL;
	for (i = 0; i < QUARANTINE_SLOTS; i++) {
		want = SLOT_FREE;
		if (!__atomic_compare_exchange_n(&table[i].state, &want,
		    SLOT_CLAIMING, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
			continue;
		snprintf(table[i].name, sizeof(table[i].name), "%s", name);
		__atomic_store_n(&table[i].state, SLOT_READY,
		    __ATOMIC_RELEASE);
		return &table[i];
	}
	return NULL;
}

int
quarantine_crash(const char *name, int64_t now_ms,
    const struct quarantine_policy *pol)
{
	struct slot *s;
	int64_t start, until;
	int n;

	if (table == NULL || pol->crashes == 0 ||
	    (s = find(name, 1)) == NULL)
		return 0;
	start = __atomic_load_n(&s->window_start, __ATOMIC_ACQUIRE);
	if (now_ms - start > pol->window_ms &&
	    __atomic_compare_exchange_n(&s->window_start, &start, now_ms, 0,
	    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		/* A new window: this crash is its first. */
		__atomic_store_n(&s->crashes, 1, __ATOMIC_RELEASE);
		n = 1;
	} else {
		n = __atomic_add_fetch(&s->crashes, 1, __ATOMIC_ACQ_REL);
	}
	if ((unsigned)n < pol->crashes)
		return 0;
	until = __atomic_load_n(&s->until, __ATOMIC_ACQUIRE);
	if (until > now_ms)
		return 0;	/* already in quarantine */
	/* Only the worker whose swap lands reports it. */
	if (!__atomic_compare_exchange_n(&s->until, &until,
	    now_ms + pol->quarantine_ms, 0, __ATOMIC_ACQ_REL,
	    __ATOMIC_ACQUIRE))
		return 0;
	__atomic_store_n(&s->crashes, 0, __ATOMIC_RELEASE);
	__atomic_store_n(&s->window_start, now_ms, __ATOMIC_RELEASE);
	return 1;
}

int64_t
quarantine_left(const char *name, int64_t now_ms)
{
	struct slot *s;
	int64_t until;

	if (table == NULL || (s = find(name, 0)) == NULL)
		return 0;
	until = __atomic_load_n(&s->until, __ATOMIC_ACQUIRE);
	if (until == 0)
		return 0;
	if (until > now_ms)
		return until - now_ms;
	if (__atomic_compare_exchange_n(&s->until, &until, 0, 0,
	    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		log_info("plugin %s: quarantine over, calling it again",
		    name);
	return 0;
}
