/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * replay_main.c - a plain main() for fuzz targets: feeds every input file to
 * LLVMFuzzerTestOneInput once.  Used by the Bazel `<name>_replay` tests (gcc
 * with ASan/UBSan) and by `build.sh <target> replay`.
 *
 * Arguments are files or directories (directories are read one level deep).
 * With no argument, the directory in $VK_FUZZ_CORPUS is used.  It fails when
 * no input at all was found, so an empty or missing corpus cannot pass.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size_bytes);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

/**
 * replay_file - run the target on the contents of one file.
 * @path: the input file.
 *
 * Return: 0 on success, -1 if the file cannot be read.
 */
static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t len_bytes = 0, cap_bytes = 0, got_bytes;

	if (f == NULL) {
		perror(path);
		return -1;
	}
	do {
		if (len_bytes == cap_bytes) {
			size_t new_cap_bytes = cap_bytes ? cap_bytes * 2u : 4096u;
			uint8_t *nb = realloc(buf, new_cap_bytes);

			if (nb == NULL) {
				free(buf);
				fclose(f);
				return -1;
			}
			buf = nb;
			cap_bytes = new_cap_bytes;
		}
		got_bytes = fread(buf + len_bytes, 1, cap_bytes - len_bytes, f);
		len_bytes += got_bytes;
	} while (got_bytes > 0);
	fclose(f);
	/* A zero-length buffer is still a valid (non-NULL) pointer, as libFuzzer passes. */
	(void)LLVMFuzzerTestOneInput(buf != NULL ? buf : (const uint8_t *)"", len_bytes);
	free(buf);
	return 0;
}

/**
 * replay_path - run the target on a file, or on every regular file of a directory.
 * @path: a file or directory.
 * @count: incremented once per input run.
 *
 * Return: 0 on success, -1 on an unreadable path.
 */
static int replay_path(const char *path, unsigned long *count)
{
	struct stat st;
	DIR *dir;
	struct dirent *de;
	int rc = 0;

	if (stat(path, &st) != 0) {
		perror(path);
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		if (replay_file(path) != 0)
			return -1;
		(*count)++;
		return 0;
	}
	dir = opendir(path);
	if (dir == NULL) {
		perror(path);
		return -1;
	}
	while ((de = readdir(dir)) != NULL) {
		char child[4096];
		struct stat cst;

		if (de->d_name[0] == '.')
			continue;
		if ((size_t)snprintf(child, sizeof(child), "%s/%s", path, de->d_name) >= sizeof(child))
			continue;
		if (stat(child, &cst) != 0 || !S_ISREG(cst.st_mode))
			continue;
		if (replay_file(child) != 0)
			rc = -1;
		else
			(*count)++;
	}
	closedir(dir);
	return rc;
}

/**
 * main - replay every input named on the command line.
 * @argc: argument count.
 * @argv: files and directories of inputs.
 *
 * Return: 0 if at least one input ran and all were readable, 1 otherwise
 * (a failing input aborts the process through the sanitizer or a trap).
 */
int main(int argc, char **argv)
{
	unsigned long count = 0;
	int rc = 0;
	int i;

	if (LLVMFuzzerInitialize)
		(void)LLVMFuzzerInitialize(&argc, &argv);
	if (argc < 2) {
		const char *env = getenv("VK_FUZZ_CORPUS");

		if (env == NULL || env[0] == '\0') {
			fprintf(stderr, "usage: %s FILE_OR_DIR... (or set VK_FUZZ_CORPUS)\n", argv[0]);
			return 1;
		}
		rc = replay_path(env, &count);
	}
	for (i = 1; i < argc; i++) {
		if (argv[i][0] == '-')
			continue; /* libFuzzer-style flags are ignored */
		if (replay_path(argv[i], &count) != 0)
			rc = -1;
	}
	fprintf(stderr, "replay: %lu inputs\n", count);
	if (count == 0) {
		fprintf(stderr, "replay: no inputs found\n");
		return 1;
	}
	return rc == 0 ? 0 : 1;
}
