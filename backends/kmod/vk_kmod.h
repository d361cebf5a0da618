/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vk_kmod.h - internal interface of the vkalloc kernel module: the
 * core-driven allocator, the host address layout, and the check counters
 * every oracle sweep reports through.
 */
#ifndef VK_KMOD_H
#define VK_KMOD_H

#include <linux/types.h>

#include "core/vk_addr.h"
#include "core/vk_gfp.h"
#include "core/vk_kvmalloc.h"

/**
 * enum vk_kmod_group_id - one named check group per oracle; the name is what
 * the summary line and a failing VKALLOC-RESULT print.
 */
enum vk_kmod_group_id {
	VK_GRP_GFP_ZONE,
	VK_GRP_GFP_MIGRATETYPE,
	VK_GRP_GFP_ALLOW_BLOCKING,
	VK_GRP_GFP_SCOPE,
	VK_GRP_SIZE_MUL,
	VK_GRP_SIZE_ADD,
	VK_GRP_SIZE_SUB,
	VK_GRP_ARRAY_SIZE,
	VK_GRP_ARRAY3_SIZE,
	VK_GRP_STRUCT_SIZE,
	VK_GRP_ARRAY_BYTES,
	VK_GRP_KMALLOC_ROUTE,
	VK_GRP_ADDR_LAYOUT,
	VK_GRP_ADDR_CLASS,
	VK_GRP_ADDR_BOUNDARY,
	VK_GRP_PAGE_ROUTE,
	VK_GRP_KVMALLOC_KERNEL,
	VK_GRP_KVMALLOC_CORE,
	VK_GRP_KVMALLOC_INJECT,
	VK_GRP_ARRAY_ALLOC,
	VK_GRP_KVFREE_ROUTE,
	VK_GRP_OPS,
	VK_GRP_BALANCE,
	VK_GRP_COUNT,
};

/**
 * struct vk_kmod_trace - what one core-driven kvmalloc really did.
 * @plan: the core's plan for the request.
 * @kmalloc_called: the real kmalloc was called (not skipped by injection).
 * @kmalloc_failed: the kmalloc attempt gave NULL (real or injected).
 * @vmalloc_called: the vmalloc fallback was called.
 */
struct vk_kmod_trace {
	struct vk_kv_plan plan;
	bool kmalloc_called;
	bool kmalloc_failed;
	bool vmalloc_called;
};

void vk_kmod_check(enum vk_kmod_group_id group, bool ok, const char *what,
		   u64 arg0, u64 arg1);
void vk_kmod_group_report(enum vk_kmod_group_id group);

const struct vk_layout *vk_kmod_layout(void);
void vk_kmod_layout_init(void);
enum vk_zone vk_kmod_gfp_zone(vk_gfp_t flags);
void *vk_kmod_kvmalloc(size_t size_bytes, vk_gfp_t flags, bool inject_kmalloc_fail,
		       struct vk_kmod_trace *trace);
void vk_kmod_kvfree(const void *ptr);
void vk_kmod_note_alloc(const void *ptr);
void vk_kmod_note_free(void);
u64 vk_kmod_live_allocs(void);
u64 vk_kmod_alloc_count(void);
u64 vk_kmod_free_count(void);

void vk_kmod_sweep_gfp(void);
void vk_kmod_sweep_size(void);
void vk_kmod_sweep_kmalloc(void);
void vk_kmod_sweep_addr(void);
void vk_kmod_sweep_kvmalloc(void);
void vk_kmod_sweep_inject(void);
int vk_kmod_op_kvmalloc(size_t size_bytes, u32 gfp_bits, bool inject_kmalloc_fail);
bool vk_kmod_fill_and_verify(void *ptr, size_t size_bytes, bool expect_zero, u8 tag);

struct vk_kmod_op_result;
void vk_kmod_seq_run(const u8 *recs, size_t count, struct vk_kmod_op_result *results);
u64 vk_kmod_seq_release(void);

#endif /* VK_KMOD_H */
