/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vk_kmod_seq.c - op sequences in the fuzz-input encoding (vk_kmod_ops.h),
 * run on the real allocators, one result record per op.
 *
 * /sys/kernel/debug/vkalloc/seq: write 8-byte records (at most
 * VK_OPS_MAX_RECORDS), then read back one struct vk_kmod_op_result each.
 * Slots persist across writes until a reset record frees them.
 *
 * kmalloc-family entry points get the caller's flags plus __GFP_NOWARN
 * (a large request may fail on its own, and a too-big one WARNs without
 * it; NOWARN changes no outcome). vmalloc/vzalloc take no flags. The
 * kvmalloc family is served by the core-driven vk_kmod_kvmalloc(), or by
 * the kernel's own kvmalloc when the record asks and nothing is injected.
 * The module checks its own consistency (the core's class against
 * is_vmalloc_addr/virt_addr_valid) in the "ops" group; the fuzz target
 * checks every record against the reference model.
 *
 * VK_KMOD_PLANT_OPS plants a divergence only this path has: an injected
 * core-driven kvmalloc of 64 KiB < size <= 1 MiB returns NULL instead of
 * falling back to vmalloc.
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "core/vk_size.h"
#include "vk_kmod.h"
#include "vk_kmod_ops.h"

/**
 * struct vk_seq_slot - one live allocation of the op interface.
 * @ptr: the pointer (NULL: empty; ZERO_SIZE_PTR is kept too).
 * @size_bytes: bytes requested (the pattern covers all of them).
 * @tag: the pattern tag.
 */
struct vk_seq_slot {
	void *ptr;
	size_t size_bytes;
	u8 tag;
};

static struct vk_seq_slot vk_seq_slots[VK_OPS_SLOTS];

static bool vk_seq_has_memory(const struct vk_seq_slot *s)
{
	return !ZERO_OR_NULL_PTR(s->ptr);
}

static void vk_seq_write_pattern(struct vk_seq_slot *s, u8 tag)
{
	u8 *bytes = s->ptr;

	s->tag = tag;
	if (!vk_seq_has_memory(s) || s->size_bytes == 0)
		return;
	memset(bytes, tag, s->size_bytes);
	bytes[0] = (u8)~tag;
	bytes[s->size_bytes - 1] = (u8)~tag;
}

static u8 vk_seq_check_pattern(const struct vk_seq_slot *s)
{
	const u8 *bytes = s->ptr;
	u8 edge = (u8)~s->tag;

	if (!vk_seq_has_memory(s))
		return VK_OPS_NOT_CHECKED;
	if (bytes[0] != edge || bytes[s->size_bytes - 1] != edge)
		return VK_OPS_BROKEN;
	if (s->size_bytes > 2 && memchr_inv(bytes + 1, s->tag, s->size_bytes - 2))
		return VK_OPS_BROKEN;
	return VK_OPS_HELD;
}

/* Free one slot; returns the number of allocations released (0 or 1). */
static u32 vk_seq_free_slot(struct vk_seq_slot *s, bool kernel_free)
{
	u32 freed = vk_seq_has_memory(s) ? 1u : 0u;

	if (!s->ptr)
		return 0;
	if (kernel_free) {
		kvfree(s->ptr);
		if (freed)
			vk_kmod_note_free();
	} else {
		vk_kmod_kvfree(s->ptr);
	}
	memset(s, 0, sizeof(*s));
	return freed;
}

static void vk_seq_describe(const void *ptr, struct vk_kmod_op_result *res)
{
	bool vm = is_vmalloc_addr(ptr), valid = virt_addr_valid(ptr);
	enum vk_addr_class cls = vk_addr_classify(vk_kmod_layout(), (u64)(uintptr_t)ptr);
	bool agree;

	res->addr = (u64)(uintptr_t)ptr;
	res->core_class = (u8)cls;
	res->kernel_bits = (u8)((vm ? VK_OPS_K_IS_VMALLOC : 0u) | (valid ? VK_OPS_K_VIRT_VALID : 0u) |
				(ZERO_OR_NULL_PTR(ptr) ? VK_OPS_K_ZERO_OR_NULL : 0u));
	switch (cls) {
	case VK_ADDR_NULL:
	case VK_ADDR_ZERO_SIZE:
		agree = ZERO_OR_NULL_PTR(ptr) && !vm && !valid;
		break;
	case VK_ADDR_DIRECT:
		agree = !vm && valid;
		break;
	case VK_ADDR_VMALLOC:
		agree = vm && !valid;
		break;
	default:
		agree = false;
		break;
	}
	vk_kmod_check(VK_GRP_OPS, agree, "seq: core class vs is_vmalloc_addr/virt_addr_valid",
		      res->addr, (u64)cls);
	if (!vm && valid)
		res->ksize_bytes = (u64)ksize(ptr);
}

/* The core-driven kvmalloc family (or the kernel's own, on request). */
static void *vk_seq_kv(const struct vk_ops_req *q, size_t bytes, bool overflow, vk_gfp_t f,
		       gfp_t g, struct vk_kmod_op_result *res)
{
	struct vk_kmod_trace tr;
	void *ptr;

	if (q->kernel_kv && !q->inject) {
		res->trace |= VK_OPS_T_KERNEL_KV;
		switch (q->api) {
		case VK_API_KVZALLOC:
			ptr = kvzalloc(q->n, g);
			break;
		case VK_API_KVCALLOC:
			ptr = kvcalloc(q->n, q->elem_bytes, g);
			break;
		case VK_API_KVMALLOC_ARRAY:
			ptr = kvmalloc_array(q->n, q->elem_bytes, g);
			break;
		default:
			ptr = kvmalloc(q->n, g);
			break;
		}
		vk_kmod_note_alloc(ptr);
		return ptr;
	}
	res->trace |= VK_OPS_T_CORE_KV;
	if (overflow)
		return NULL;
#ifdef VK_KMOD_PLANT_OPS
	if (q->inject && bytes > 65536 && bytes <= 1048576) {
		res->trace |= VK_OPS_T_INJECTED | VK_OPS_T_K_NULL;
		return NULL;
	}
#endif
	ptr = vk_kmod_kvmalloc(bytes, f, q->inject, &tr);
	res->trace |= (u8)((tr.kmalloc_called ? VK_OPS_T_K_CALLED : 0u) |
			   (tr.kmalloc_failed ? VK_OPS_T_K_NULL : 0u) |
			   (tr.vmalloc_called ? VK_OPS_T_V_CALLED : 0u) |
			   (q->inject && bytes != 0 ? VK_OPS_T_INJECTED : 0u));
	return ptr;
}

static void vk_seq_alloc(const struct vk_ops_req *q, struct vk_kmod_op_result *res)
{
	struct vk_seq_slot *s = &vk_seq_slots[q->slot];
	size_t bytes = q->n;
	bool overflow = false;
	vk_gfp_t f;
	gfp_t g;
	void *ptr;

	if ((q->flags.bits & ~(u32)VK_OPS_FLAGS_ALLOWED) != 0u || !vk_api_flags(q->api, q->flags, &f)) {
		res->status = VK_OPS_BAD_FLAGS;
		return;
	}
	if (vk_ops_api_is_array(q->api))
		overflow = !vk_array_bytes(q->n, q->elem_bytes, &bytes);
	res->req_bytes = overflow ? (u64)SIZE_MAX : (u64)bytes;
	if (!overflow && (q->api == VK_API_VMALLOC || q->api == VK_API_VZALLOC)) {
		if (bytes == 0) {
			res->status = VK_OPS_SKIP_WARN;
			return;
		}
		if (bytes > VK_OPS_CAP_BYTES) {
			res->status = VK_OPS_SKIP_SIZE;
			return;
		}
	}
	if (!overflow && vk_ops_api_is_kv(q->api) && bytes > VK_OPS_CAP_BYTES &&
	    vk_kvmalloc_plan(VK_PROFILE_LINUX_6_1, bytes, f).on_fail == VK_KV_FAIL_VMALLOC) {
		res->status = VK_OPS_SKIP_SIZE;
		return;
	}
	res->pattern_ok = vk_seq_check_pattern(s);
	res->freed = vk_seq_free_slot(s, false);
	g = (__force gfp_t)(q->flags.bits | VK___GFP_NOWARN);
	switch (q->api) {
	case VK_API_KMALLOC:
		ptr = kmalloc(q->n, g);
		break;
	case VK_API_KZALLOC:
		ptr = kzalloc(q->n, g);
		break;
	case VK_API_KCALLOC:
		ptr = kcalloc(q->n, q->elem_bytes, g);
		break;
	case VK_API_KMALLOC_ARRAY:
		ptr = kmalloc_array(q->n, q->elem_bytes, g);
		break;
	case VK_API_VMALLOC:
		ptr = vmalloc(bytes);
		break;
	case VK_API_VZALLOC:
		ptr = vzalloc(bytes);
		break;
	default:
		ptr = vk_seq_kv(q, bytes, overflow, f, g, res);
		break;
	}
	if (!vk_ops_api_is_kv(q->api))
		vk_kmod_note_alloc(ptr); /* the kv paths count their own */
	vk_seq_describe(ptr, res);
	if (!ptr)
		return;
	s->ptr = ptr;
	s->size_bytes = bytes;
	if (vk_seq_has_memory(s) && (f.bits & VK___GFP_ZERO))
		res->zero_ok = memchr_inv(ptr, 0, bytes) ? VK_OPS_BROKEN : VK_OPS_HELD;
	vk_seq_write_pattern(s, q->tag);
}

static void vk_seq_reset(struct vk_kmod_op_result *res)
{
	unsigned int i;
	u8 pattern = VK_OPS_NOT_CHECKED;

	for (i = 0; i < VK_OPS_SLOTS; i++) {
		u8 p = vk_seq_check_pattern(&vk_seq_slots[i]);

		if (p == VK_OPS_BROKEN || (p == VK_OPS_HELD && pattern != VK_OPS_BROKEN))
			pattern = p;
		res->freed += vk_seq_free_slot(&vk_seq_slots[i], false);
	}
	res->pattern_ok = pattern;
}

static void vk_seq_run_one(const u8 *rec, struct vk_kmod_op_result *res)
{
	struct vk_ops_req q = vk_ops_decode(rec);
	struct vk_seq_slot *s = &vk_seq_slots[q.slot];

	memset(res, 0, sizeof(*res));
	res->kind = (u8)q.kind;
	res->slot = (u8)q.slot;
	switch (q.kind) {
	case VK_OPS_ALLOC:
		vk_seq_alloc(&q, res);
		break;
	case VK_OPS_RESET:
		vk_seq_reset(res);
		break;
	default:
		if (!s->ptr) {
			res->status = VK_OPS_EMPTY;
			break;
		}
		res->pattern_ok = vk_seq_check_pattern(s);
		if (q.kind == VK_OPS_FREE) {
			res->freed = vk_seq_free_slot(s, q.kernel_free);
			break;
		}
		if (q.kind == VK_OPS_WRITE) {
			vk_seq_write_pattern(s, q.tag);
			res->pattern_ok = vk_seq_check_pattern(s);
		}
		vk_seq_describe(s->ptr, res);
		break;
	}
	if (res->addr == 0 && q.kind != VK_OPS_ALLOC)
		res->addr = (u64)(uintptr_t)s->ptr;
	res->live = (u32)vk_kmod_live_allocs();
}

/**
 * vk_kmod_seq_run - run op records and fill one result per record.
 * @recs: the records (@count * VK_OPS_REC_BYTES bytes).
 * @count: number of records (<= VK_OPS_MAX_RECORDS).
 * @results: @count result records.
 *
 * Call with the module lock held.
 */
void vk_kmod_seq_run(const u8 *recs, size_t count, struct vk_kmod_op_result *results)
{
	size_t i;

	for (i = 0; i < count; i++)
		vk_seq_run_one(recs + i * VK_OPS_REC_BYTES, &results[i]);
}

/**
 * vk_kmod_seq_release - free whatever the op interface still holds.
 *
 * Return: the number of allocations that were still live.
 */
u64 vk_kmod_seq_release(void)
{
	u64 freed = 0;
	unsigned int i;

	for (i = 0; i < VK_OPS_SLOTS; i++)
		freed += vk_seq_free_slot(&vk_seq_slots[i], false);
	return freed;
}
