/*
 * test_metrics.c - the counters and their Prometheus text form.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "metrics.h"

/* Everything metrics_write() says, NUL-terminated; free it. */
static char *
dump(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	assert_non_null(f = open_memstream(&buf, &len));
	assert_int_equal(metrics_write(f), 0);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static int
setup(void **state)
{
	(void)state;
	return metrics_init();
}

static int
teardown(void **state)
{
	(void)state;
	metrics_free();
	return 0;
}

static void
without_init_nothing(void **state)
{
	(void)state;
	metrics_free();
	metrics_count("ppx_x_total", "a", "b");	/* no crash, no effect */
	metrics_request_end(200);
	assert_int_equal(metrics_write(stdout), -1);
	assert_int_equal(metrics_init(), 0);
}

static void
requests_by_brand_stage_status(void **state)
{
	char *s;

	(void)state;
	metrics_note("runfast", "shipped");
	metrics_request_end(200);
	metrics_note("runfast", "shipped");
	metrics_request_end(200);
	metrics_note("runfast", NULL);	/* a 401 before the stage was known */
	metrics_request_end(401);
	metrics_request_end(404);	/* no brand noted: none */
	metrics_request_end(418);	/* a status outside the list */
	s = dump();
	assert_non_null(strstr(s, "# TYPE ppx_requests_total counter\n"));
	assert_non_null(strstr(s, "ppx_requests_total{brand=\"runfast\","
	    "stage=\"shipped\",status=\"200\"} 2\n"));
	assert_non_null(strstr(s, "ppx_requests_total{brand=\"runfast\","
	    "stage=\"none\",status=\"401\"} 1\n"));
	assert_non_null(strstr(s, "ppx_requests_total{brand=\"none\","
	    "stage=\"none\",status=\"404\"} 1\n"));
	assert_non_null(strstr(s, "ppx_requests_total{brand=\"none\","
	    "stage=\"none\",status=\"other\"} 1\n"));
	free(s);
}

static void
render_time_histogram(void **state)
{
	char *s;

	(void)state;
	metrics_render_time("voorpret", 800);		/* 0.8 ms */
	metrics_render_time("voorpret", 30000);		/* 30 ms */
	metrics_render_time("voorpret", 9000000);	/* 9 s: only +Inf */
	s = dump();
	assert_non_null(strstr(s, "# TYPE ppx_render_seconds histogram\n"));
	assert_non_null(strstr(s, "ppx_render_seconds_bucket{touchpoint="
	    "\"voorpret\",le=\"0.001\"} 1\n"));
	assert_non_null(strstr(s, "ppx_render_seconds_bucket{touchpoint="
	    "\"voorpret\",le=\"0.025\"} 1\n"));
	assert_non_null(strstr(s, "ppx_render_seconds_bucket{touchpoint="
	    "\"voorpret\",le=\"0.05\"} 2\n"));
	assert_non_null(strstr(s, "ppx_render_seconds_bucket{touchpoint="
	    "\"voorpret\",le=\"5\"} 2\n"));
	assert_non_null(strstr(s, "ppx_render_seconds_bucket{touchpoint="
	    "\"voorpret\",le=\"+Inf\"} 3\n"));
	assert_non_null(strstr(s, "ppx_render_seconds_sum{touchpoint="
	    "\"voorpret\"} 9.030800\n"));
	assert_non_null(strstr(s, "ppx_render_seconds_count{touchpoint="
	    "\"voorpret\"} 3\n"));
	free(s);
}

static void
omitted_crashes_restarts(void **state)
{
	char *s;

	(void)state;
	metrics_omitted("segv", "error");
	metrics_omitted("segv", "error");
	metrics_omitted("hang", "deadline");
	metrics_omitted("hang", "made-up");	/* folded into other */
	metrics_plugin_crash("segv", "crash");
	metrics_plugin_crash("hang", "hang");
	metrics_quarantine("segv");
	metrics_worker_restart("signal");
	s = dump();
	assert_non_null(strstr(s, "ppx_omitted_total{touchpoint=\"segv\","
	    "reason=\"error\"} 2\n"));
	assert_non_null(strstr(s, "ppx_omitted_total{touchpoint=\"hang\","
	    "reason=\"deadline\"} 1\n"));
	assert_non_null(strstr(s, "ppx_omitted_total{touchpoint=\"hang\","
	    "reason=\"other\"} 1\n"));
	assert_null(strstr(s, "made-up"));
	assert_non_null(strstr(s, "ppx_plugin_crashes_total{touchpoint="
	    "\"segv\",kind=\"crash\"} 1\n"));
	assert_non_null(strstr(s, "ppx_plugin_crashes_total{touchpoint="
	    "\"hang\",kind=\"hang\"} 1\n"));
	assert_non_null(strstr(s, "ppx_plugin_quarantines_total{touchpoint="
	    "\"segv\"} 1\n"));
	assert_non_null(strstr(s, "ppx_worker_restarts_total{cause="
	    "\"signal\"} 1\n"));
	assert_non_null(strstr(s, "ppx_worker_restarts_total{cause="
	    "\"exit\"} 0\n"));
	free(s);
}

static void
labels_are_bounded(void **state)
{
	char name[32], *s;
	int i;

	(void)state;
	for (i = 0; i < METRICS_NAMES + 10; i++) {
		snprintf(name, sizeof(name), "brand%d", i);
		metrics_note(name, "ordered");
		metrics_request_end(200);
	}
	s = dump();
	/* Slots 0 and 1 are "other" and "none": 62 brands get their own. */
	assert_non_null(strstr(s, "brand=\"brand61\""));
	assert_null(strstr(s, "brand=\"brand62\""));
	assert_non_null(strstr(s, "ppx_requests_total{brand=\"other\","
	    "stage=\"ordered\",status=\"200\"} 12\n"));
	free(s);
}

static void
custom_counters(void **state)
{
	char *s, *hit, *miss, *other;

	(void)state;
	metrics_count("ppx_fetch_cache_total", "result", "hit");
	metrics_count("ppx_fetch_cache_total", "result", "hit");
	metrics_count("ppx_clicks_total", "kind", "item");
	metrics_count("ppx_fetch_cache_total", "result", "miss");
	metrics_count("Bad-Name", "result", "hit");	/* refused */
	metrics_count("ppx_x_total", "result", "a\"b");	/* refused */
	s = dump();
	hit = strstr(s, "ppx_fetch_cache_total{result=\"hit\"} 2\n");
	miss = strstr(s, "ppx_fetch_cache_total{result=\"miss\"} 1\n");
	other = strstr(s, "# TYPE ppx_clicks_total counter\n"
	    "ppx_clicks_total{kind=\"item\"} 1\n");
	assert_non_null(hit);
	assert_non_null(miss);
	assert_non_null(other);
	/* A family is one group: no other family between its series. */
	assert_true(hit < miss && (other < hit || other > miss));
	assert_non_null(strstr(s, "ppx_metrics_dropped_total 2\n"));
	assert_null(strstr(s, "Bad-Name"));
	free(s);
}

/* Every line is a comment or "name{labels} value" / "name value". */
static void
every_line_well_formed(void **state)
{
	char *s, *line, *save = NULL, *sp;

	(void)state;
	metrics_note("runfast", "delivered");
	metrics_request_end(304);
	s = dump();
	for (line = strtok_r(s, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#') {
			assert_true(strncmp(line, "# HELP ", 7) == 0 ||
			    strncmp(line, "# TYPE ", 7) == 0);
			continue;
		}
		assert_non_null(sp = strrchr(line, ' '));
		assert_true(strspn(sp + 1, "0123456789.") == strlen(sp + 1));
		assert_true(strspn(line, "abcdefghijklmnopqrstuvwxyz_") > 4);
	}
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(without_init_nothing, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(requests_by_brand_stage_status,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(render_time_histogram, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(omitted_crashes_restarts,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(labels_are_bounded, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(custom_counters, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(every_line_well_formed, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
