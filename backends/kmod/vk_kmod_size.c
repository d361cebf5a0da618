/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vk_kmod_size.c - the core's saturating size helpers and the
 * kmalloc_array overflow decision against include/linux/overflow.h of the
 * running kernel, on edge values.
 */
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/mm.h>
#include <linux/overflow.h>

#include "core/vk_size.h"
#include "vk_kmod.h"

static const size_t vk_kmod_edges[] = {
	0, 1, 2, 3, 8, 24, PAGE_SIZE - 1, PAGE_SIZE, PAGE_SIZE + 1,
	(size_t)INT_MAX, (size_t)INT_MAX + 1, (size_t)UINT_MAX, (size_t)UINT_MAX + 1,
	SIZE_MAX / 3, SIZE_MAX / 2, SIZE_MAX / 2 + 1, SIZE_MAX - 1, SIZE_MAX,
};

/* Flexible-array shapes for struct_size() and flex_array_size(). */
struct vk_kmod_flex8 {
	u32 count;
	u8 elems[];
};

struct vk_kmod_flex_elem24 {
	u64 a, b, c;
};

struct vk_kmod_flex24 {
	u64 head;
	u32 count;
	struct vk_kmod_flex_elem24 elems[];
};

struct vk_kmod_flex4096 {
	u16 count;
	u8 elems[][PAGE_SIZE];
};

/* Hide a value from the optimiser so the kernel macros take their run-time branch. */
static size_t vk_kmod_opaque(size_t value)
{
	OPTIMIZER_HIDE_VAR(value);
	return value;
}

static void vk_kmod_pair(size_t a, size_t b)
{
	size_t kernel_bytes = 0, core_bytes = 0;
	bool kernel_overflow = check_mul_overflow(a, b, &kernel_bytes);
	bool core_ok = vk_array_bytes(a, b, &core_bytes);

	vk_kmod_check(VK_GRP_SIZE_MUL, vk_size_mul(a, b) == size_mul(a, b),
		      "vk_size_mul != size_mul", a, b);
	vk_kmod_check(VK_GRP_SIZE_ADD, vk_size_add(a, b) == size_add(a, b),
		      "vk_size_add != size_add", a, b);
	vk_kmod_check(VK_GRP_SIZE_SUB, vk_size_sub(a, b) == size_sub(a, b),
		      "vk_size_sub != size_sub", a, b);
	vk_kmod_check(VK_GRP_ARRAY_SIZE, vk_array_size(a, b) == array_size(a, b),
		      "vk_array_size != array_size", a, b);
	/* vk_array_bytes() is true when n * size fits, as kmalloc_array() proceeds. */
	vk_kmod_check(VK_GRP_ARRAY_BYTES,
		      core_ok == !kernel_overflow &&
		      (kernel_overflow || core_bytes == kernel_bytes),
		      "vk_array_bytes != check_mul_overflow", a, b);
}

static void vk_kmod_struct_sizes(size_t n)
{
	struct vk_kmod_flex8 *p8 = NULL;
	struct vk_kmod_flex24 *p24 = NULL;
	struct vk_kmod_flex4096 *p4k = NULL;

	vk_kmod_check(VK_GRP_STRUCT_SIZE,
		      vk_struct_size(sizeof(*p8), n, sizeof(p8->elems[0])) ==
		      struct_size(p8, elems, n), "vk_struct_size != struct_size (u8)", n, 1);
	vk_kmod_check(VK_GRP_STRUCT_SIZE,
		      vk_struct_size(sizeof(*p24), n, sizeof(p24->elems[0])) ==
		      struct_size(p24, elems, n), "vk_struct_size != struct_size (24)", n, 24);
	vk_kmod_check(VK_GRP_STRUCT_SIZE,
		      vk_struct_size(sizeof(*p4k), n, sizeof(p4k->elems[0])) ==
		      struct_size(p4k, elems, n), "vk_struct_size != struct_size (4096)", n,
		      PAGE_SIZE);
	vk_kmod_check(VK_GRP_STRUCT_SIZE,
		      vk_flex_array_size(n, sizeof(p24->elems[0])) ==
		      flex_array_size(p24, elems, n),
		      "vk_flex_array_size != flex_array_size", n, 24);
}

/**
 * vk_kmod_sweep_size - size_mul, size_add, size_sub, array_size,
 * array3_size, struct_size, flex_array_size and check_mul_overflow against
 * the core on every pair (and triple) of edge values.
 */
void vk_kmod_sweep_size(void)
{
	size_t i, j, k;

	for (i = 0; i < ARRAY_SIZE(vk_kmod_edges); i++) {
		size_t a = vk_kmod_opaque(vk_kmod_edges[i]);

		vk_kmod_struct_sizes(a);
		for (j = 0; j < ARRAY_SIZE(vk_kmod_edges); j++) {
			size_t b = vk_kmod_opaque(vk_kmod_edges[j]);

			vk_kmod_pair(a, b);
			for (k = 0; k < ARRAY_SIZE(vk_kmod_edges); k++) {
				size_t c = vk_kmod_opaque(vk_kmod_edges[k]);

				vk_kmod_check(VK_GRP_ARRAY3_SIZE,
					      vk_array3_size(a, b, c) == array3_size(a, b, c),
					      "vk_array3_size != array3_size", a, b ^ c);
			}
		}
	}
	vk_kmod_group_report(VK_GRP_SIZE_MUL);
	vk_kmod_group_report(VK_GRP_SIZE_ADD);
	vk_kmod_group_report(VK_GRP_SIZE_SUB);
	vk_kmod_group_report(VK_GRP_ARRAY_SIZE);
	vk_kmod_group_report(VK_GRP_ARRAY3_SIZE);
	vk_kmod_group_report(VK_GRP_STRUCT_SIZE);
	vk_kmod_group_report(VK_GRP_ARRAY_BYTES);
}
