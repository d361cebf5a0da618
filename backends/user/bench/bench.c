/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * bench.c - userspace backend vs glibc in the same run: small-object churn
 * (8 B - 8 KiB) kmalloc/kfree vs malloc/free, kzalloc vs calloc, and large
 * kvmalloc (64 KiB - 4 MiB) vs mmap/munmap.  Each measurement runs in its own
 * child process so its peak RSS (wait4 rusage) is its own.
 *
 * Usage: bench [ops_small] [ops_large]
 */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "backends/user/vku.h"

#define LIVE_SMALL 4096u
#define LIVE_LARGE 16u

enum impl { IMPL_VKU = 0, IMPL_LIBC = 1 };

static unsigned int ops_small = 4000000u;
static unsigned int ops_large = 4000u;

static uint64_t next_rand(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static double now_sec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts); /* CPU time: robust to a busy machine */
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Small churn; @zero selects kzalloc/calloc. Returns a checksum so nothing is optimised out. */
static unsigned long churn_small(enum impl impl, bool zero)
{
	struct vku_heap *h = impl == IMPL_VKU ? vku_heap_create(NULL) : NULL;
	static uint8_t *live[LIVE_SMALL];
	uint64_t s = 88172645463325252ull;
	unsigned long sum = 0;
	unsigned int i;

	for (i = 0; i < ops_small; i++) {
		uint64_t r = next_rand(&s);
		unsigned int slot = (unsigned int)(r % LIVE_SMALL);
		size_t bytes = (size_t)8 << ((r >> 16) % 11u); /* 8 B .. 8 KiB */

		bytes += (size_t)((r >> 24) % bytes) / 2u;
		if (bytes > 8192u)
			bytes = 8192u;
		if (live[slot]) {
			sum += live[slot][0];
			if (impl == IMPL_VKU)
				vku_kfree(h, live[slot]);
			else
				free(live[slot]);
			live[slot] = NULL;
			continue;
		}
		if (impl == IMPL_VKU)
			live[slot] = zero ? vku_kzalloc(h, bytes, VK_GFP_KERNEL) : vku_kmalloc(h, bytes, VK_GFP_KERNEL);
		else
			live[slot] = zero ? calloc(1, bytes) : malloc(bytes);
		if (!live[slot])
			abort();
		live[slot][0] = (uint8_t)i;
		live[slot][bytes - 1u] = (uint8_t)i;
	}
	for (i = 0; i < LIVE_SMALL; i++) {
		if (impl == IMPL_VKU)
			vku_kfree(h, live[i]);
		else
			free(live[i]);
	}
	vku_heap_destroy(h);
	return sum;
}

/* Large churn: kvmalloc/kvfree vs mmap/munmap, one byte written per page. */
static unsigned long churn_large(enum impl impl)
{
	struct vku_heap *h = impl == IMPL_VKU ? vku_heap_create(NULL) : NULL;
	uint8_t *live[LIVE_LARGE] = { 0 };
	size_t len[LIVE_LARGE] = { 0 };
	uint64_t s = 0x2545f4914f6cdd1dull;
	unsigned long sum = 0;
	unsigned int i;
	size_t k;

	for (i = 0; i < ops_large; i++) {
		uint64_t r = next_rand(&s);
		unsigned int slot = (unsigned int)(r % LIVE_LARGE);
		size_t bytes = (size_t)65536 << ((r >> 16) % 7u); /* 64 KiB .. 4 MiB */

		if (live[slot]) {
			sum += live[slot][0];
			if (impl == IMPL_VKU)
				vku_kvfree(h, live[slot]);
			else
				munmap(live[slot], len[slot]);
			live[slot] = NULL;
			continue;
		}
		if (impl == IMPL_VKU) {
			live[slot] = vku_kvmalloc(h, bytes, VK_GFP_KERNEL);
		} else {
			void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

			live[slot] = p == MAP_FAILED ? NULL : p;
		}
		if (!live[slot])
			abort();
		len[slot] = bytes;
		for (k = 0; k < bytes; k += 4096u)
			live[slot][k] = (uint8_t)i;
	}
	for (i = 0; i < LIVE_LARGE; i++) {
		if (!live[i])
			continue;
		if (impl == IMPL_VKU)
			vku_kvfree(h, live[i]);
		else
			munmap(live[i], len[i]);
	}
	vku_heap_destroy(h);
	return sum;
}

/* Run one measurement in a child: seconds and peak RSS (KiB). */
static void measure(int which, enum impl impl, double *sec, long *rss_kib)
{
	int fds[2];
	pid_t pid;
	int status;
	struct rusage ru;

	if (pipe(fds) != 0)
		abort();
	pid = fork();
	if (pid == 0) {
		double t0 = now_sec(), t;
		unsigned long sum = which == 2 ? churn_large(impl) : churn_small(impl, which == 1);

		t = now_sec() - t0;
		if (write(fds[1], &t, sizeof(t)) != (ssize_t)sizeof(t))
			_exit(2);
		_exit(sum == 12345u ? 1 : 0);
	}
	close(fds[1]);
	if (read(fds[0], sec, sizeof(*sec)) != (ssize_t)sizeof(*sec))
		*sec = -1.0;
	close(fds[0]);
	wait4(pid, &status, 0, &ru);
	*rss_kib = ru.ru_maxrss;
}

int main(int argc, char **argv)
{
	static const char *const names[] = {
		"small churn 8B-8KiB: kmalloc/kfree vs malloc/free",
		"small churn 8B-8KiB: kzalloc/kfree vs calloc/free",
		"large 64KiB-4MiB: kvmalloc/kvfree vs mmap/munmap",
	};
	int w;

	if (argc > 1)
		ops_small = (unsigned int)strtoul(argv[1], NULL, 10);
	if (argc > 2)
		ops_large = (unsigned int)strtoul(argv[2], NULL, 10);
	printf("ops: small %u, large %u\n", ops_small, ops_large);
	for (w = 0; w < 3; w++) {
		double tv, tl;
		long rv, rl;

		measure(w, IMPL_VKU, &tv, &rv);
		measure(w, IMPL_LIBC, &tl, &rl);
		printf("%s\n  vku %.3f s (peak RSS %ld KiB), baseline %.3f s (peak RSS %ld KiB), time ratio vku/baseline %.2f, RSS ratio %.2f\n",
		       names[w], tv, rv, tl, rl, tv / tl, (double)rv / (double)rl);
	}
	return 0;
}
