/*
 * replay.c - a main() for the fuzz targets without libFuzzer: run
 * LLVMFuzzerTestOneInput() once over every file of a seed corpus.
 *
 *	fuzz_query [DIR | FILE ...]
 *
 * Without arguments the corpus is $srcdir/tests/fuzz/corpus/<target>/,
 * where <target> is the program name without its "fuzz_" prefix
 * ("fuzz_query" reads corpus/query/).  A directory that is missing or
 * holds no regular file is an error: a replay over nothing proves nothing.
 * Files run in name order; each one is named on stderr before it runs,
 * so a crash says which seed caused it.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

/* Read the whole of path into a malloc'd buffer.  0, or -1 (reported). */
static int
slurp(const char *path, uint8_t **out, size_t *len)
{
	FILE *f;
	uint8_t *buf = NULL, *nb;
	size_t cap = 0, n = 0, got;

	if ((f = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (;;) {
		if (n == cap) {
			cap = cap == 0 ? 4096 : cap * 2;
			if ((nb = realloc(buf, cap)) == NULL) {
				fprintf(stderr, "replay: out of memory\n");
				free(buf);
				fclose(f);
				return -1;
			}
			buf = nb;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		fprintf(stderr, "replay: %s: read error\n", path);
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	/*
	 * Hand over an exact-size copy so that ASan catches a read past the
	 * input, as under libFuzzer.
	 */
	if ((nb = malloc(n == 0 ? 1 : n)) == NULL) {
		free(buf);
		return -1;
	}
	memcpy(nb, buf, n);
	free(buf);
	*out = nb;
	*len = n;
	return 0;
}

static int
run_file(const char *path)
{
	uint8_t *data;
	size_t len;

	if (slurp(path, &data, &len) == -1)
		return -1;
	fprintf(stderr, "replay: %s (%zu bytes)\n", path, len);
	(void)LLVMFuzzerTestOneInput(data, len);
	free(data);
	return 0;
}

static int
regular_only(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

/* Run every regular file in dir; the number run, or -1. */
static int
run_dir(const char *dir)
{
	struct dirent **names;
	struct stat st;
	char path[4096];
	int i, n, ran = 0, rc = 0;

	if ((n = scandir(dir, &names, regular_only, alphasort)) == -1) {
		fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (rc == 0) {
			snprintf(path, sizeof(path), "%s/%s", dir,
			    names[i]->d_name);
			if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
				if (run_file(path) == -1)
					rc = -1;
				else
					ran++;
			}
		}
		free(names[i]);
	}
	free(names);
	return rc == -1 ? -1 : ran;
}

static int
run_path(const char *path)
{
	struct stat st;

	if (stat(path, &st) == -1) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode))
		return run_dir(path);
	return run_file(path) == -1 ? -1 : 1;
}

int
main(int argc, char *argv[])
{
	char dflt[4096];
	const char *prog, *srcdir, *p;
	int i, n, total = 0;

	(void)LLVMFuzzerInitialize(&argc, &argv);
	if (argc > 1) {
		for (i = 1; i < argc; i++) {
			if ((n = run_path(argv[i])) == -1)
				return 1;
			if (n == 0) {
				fprintf(stderr, "replay: %s: no seed files\n",
				    argv[i]);
				return 1;
			}
			total += n;
		}
	} else {
		/* libtool may call us lt-fuzz_query: look for "fuzz_". */
		prog = (p = strrchr(argv[0], '/')) != NULL ? p + 1 : argv[0];
		if ((p = strstr(prog, "fuzz_")) == NULL || p[5] == '\0') {
			fprintf(stderr, "replay: cannot tell the target from "
			    "'%s': give the corpus directory\n", argv[0]);
			return 1;
		}
		if ((srcdir = getenv("srcdir")) == NULL)
			srcdir = ".";
		snprintf(dflt, sizeof(dflt), "%s/tests/fuzz/corpus/%s",
		    srcdir, p + 5);
		if ((n = run_path(dflt)) == -1)
			return 1;
		if (n == 0) {
			fprintf(stderr, "replay: %s: no seed files\n", dflt);
			return 1;
		}
		total = n;
	}
	printf("replay: %d inputs, no crash\n", total);
	return 0;
}
