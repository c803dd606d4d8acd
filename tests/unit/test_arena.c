/*
 * test_arena.c - the per-request arena: alignment, cap, reset.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "arena.h"

static void
test_alloc_aligned_and_zeroed(void **state)
{
	struct arena *a = arena_new(1 << 20);
	unsigned char *p;
	size_t i;

	(void)state;
	assert_non_null(a);
	for (i = 1; i < 100; i++) {
		p = arena_alloc(a, i);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % sizeof(max_align_t), 0);
		assert_int_equal(p[i - 1], 0);
		memset(p, 0xff, i);
	}
	arena_free(a);
}

static void
test_cap_refuses(void **state)
{
	struct arena *a = arena_new(1000);

	(void)state;
	assert_non_null(arena_alloc(a, 900));
	assert_null(arena_alloc(a, 200));
	assert_null(arena_alloc(a, SIZE_MAX));
	arena_reset(a);
	assert_int_equal(arena_used(a), 0);
	assert_non_null(arena_alloc(a, 900));
	arena_free(a);
}

static void
test_large_chunks(void **state)
{
	struct arena *a = arena_new(4 << 20);
	char *p, *q;

	(void)state;
	p = arena_alloc(a, 100000);	/* bigger than a chunk */
	q = arena_alloc(a, 10);
	assert_non_null(p);
	assert_non_null(q);
	memset(p, 'x', 100000);
	assert_int_equal(q[0], 0);
	arena_reset(a);
	arena_free(a);
}

static void
test_strings(void **state)
{
	struct arena *a = arena_new(1 << 16);

	(void)state;
	assert_string_equal(arena_strdup(a, "runfast"), "runfast");
	assert_null(arena_strdup(a, NULL));
	assert_string_equal(arena_strndup(a, "abcdef", 3), "abc");
	assert_string_equal(arena_printf(a, "%s-%d", "order", 1042),
	    "order-1042");
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc_aligned_and_zeroed),
		cmocka_unit_test(test_cap_refuses),
		cmocka_unit_test(test_large_chunks),
		cmocka_unit_test(test_strings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
