/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * linux_compat_test.c - kernel-named calls reach the default heap and route
 * as the core says.
 */
#include <stdio.h>
#include <string.h>

#include "backends/user/include/vkalloc/linux_compat.h"

int main(void)
{
	struct vk_layout l = vku_heap_layout(vku_default_heap());
	int failures = 0;
	char *k = kmalloc(100, GFP_KERNEL);
	char *z = kzalloc(3000, GFP_KERNEL);
	char *v = kvmalloc((size_t)8 << 20, GFP_KERNEL);
	char *a = kvmalloc((size_t)8 << 20, GFP_ATOMIC);
	struct vku_stats s;

	failures += vk_addr_classify(&l, (uint64_t)(uintptr_t)k) != VK_ADDR_DIRECT;
	failures += vk_addr_classify(&l, (uint64_t)(uintptr_t)v) != VK_ADDR_VMALLOC;
	failures += a != NULL;
	failures += kmalloc(0, GFP_KERNEL) != ZERO_SIZE_PTR;
	failures += ksize(k) != 128u;
	failures += z == NULL || z[2999] != 0;
	memset(k, 1, 100);
	kfree(k);
	kvfree(z);
	kvfree(v);
	kvfree(NULL);
	kvfree(ZERO_SIZE_PTR);
	vku_get_stats(vku_default_heap(), &s);
	failures += s.live_count[0] + s.live_count[1] + s.live_count[2] != 0u;
	if (failures) {
		fprintf(stderr, "linux_compat_test: %d failure(s)\n", failures);
		return 1;
	}
	printf("linux_compat_test: ok\n");
	return 0;
}
