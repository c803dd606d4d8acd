/*
 * fuzz.h - what the libFuzzer targets in tests/fuzz/ share.
 *
 * Every target defines LLVMFuzzerTestOneInput().  Under clang
 * -fsanitize=fuzzer libFuzzer calls it; under make check replay.c does,
 * once per seed file.  A broken invariant is a crash (abort), so both
 * drivers report it the same way.
 */
#ifndef PPX_FUZZ_H
#define PPX_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* Run one input; 0 (libFuzzer ignores any other value but -1). */
int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/*
 * Once, before the first input: every target silences the host's log
 * (an error line per refused input would drown libFuzzer's own output
 * and cost time).  Crashes still report on stderr.
 */
int	LLVMFuzzerInitialize(int *argc, char ***argv);

/* Not assert(): it must hold with NDEBUG too. */
#define FUZZ_CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: invariant broken: %s\n",	\
		    __FILE__, __LINE__, #cond);				\
		abort();						\
	}								\
} while (0)

#endif
