/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vku_default_heap.c - the process-wide heap used by linux_compat.h (the
 * only global state, and only for code that asks for the kernel names).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "backends/user/include/vkalloc/linux_compat.h"

static pthread_once_t default_once = PTHREAD_ONCE_INIT;
static struct vku_heap *default_heap;

static void default_init(void)
{
	default_heap = vku_heap_create(NULL);
}

struct vku_heap *vku_default_heap(void)
{
	pthread_once(&default_once, default_init);
	if (!default_heap) {
		fprintf(stderr, "vku: cannot create the default heap\n");
		abort();
	}
	return default_heap;
}
