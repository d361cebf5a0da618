/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vk_kmod_ops.h - the op-record format shared by the module's op-sequence
 * interface (/sys/kernel/debug/vkalloc/seq, vk_kmod_seq.c) and the fuzz
 * target fuzz/kmod_vs_model/target.c. Plain C11 (the module build maps the
 * standard headers through compat/), so both sides decode a record with
 * the same functions.
 *
 * Input: 8-byte records, the fuzz/user_vs_model layout cut down to what is
 * safe inside a kernel:
 *   b0 op (% 8): 0-2 alloc, 3 free, 4 verify, 5 write pattern, 6 classify,
 *      7 reset (free every slot)
 *   b1 slot (bits 0-3) | inject a kmalloc failure into the core-driven
 *      kvmalloc (bit 6)
 *   b2 api (% VK_API_COUNT)
 *   b3,b4 size (kind = b3 % 8, raw = b4 | (b3 >> 3) << 8), as user_vs_model
 *   b5 elem (bits 0-2) | free with the kernel's kvfree (bit 3) |
 *      kv APIs: the kernel's own kvmalloc instead of the core-driven one (bit 6)
 *   b6 flags: base (bits 0-2 % 5: GFP_KERNEL, NOFS, NOIO, ATOMIC, NOWAIT) |
 *      __GFP_ZERO (bit 3) | NOWARN (bit 4) | RETRY_MAYFAIL (bit 5) | NORETRY (bit 6)
 *   b7 pattern tag
 * Output: one struct vk_kmod_op_result per record, in order.
 */
#ifndef VK_KMOD_OPS_H
#define VK_KMOD_OPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/vk_gfp.h"
#include "core/vk_kmalloc.h"

#define VK_OPS_REC_BYTES 8u
#define VK_OPS_MAX_RECORDS 64u
#define VK_OPS_SLOTS 16u
/* Requests that would really allocate more than this are skipped (guest memory). */
#define VK_OPS_CAP_BYTES ((size_t)8 << 20)
/* Flags the op interface accepts: nothing that can WARN or loop forever. */
#define VK_OPS_FLAGS_ALLOWED                                                                   \
	(VK_GFP_KERNEL_BITS | VK_GFP_ATOMIC_BITS | VK___GFP_ZERO | VK___GFP_NOWARN |            \
	 VK___GFP_RETRY_MAYFAIL | VK___GFP_NORETRY)

/** enum vk_ops_kind - what one record does (b0 % 8). */
enum vk_ops_kind {
	VK_OPS_ALLOC = 0,
	VK_OPS_FREE = 3,
	VK_OPS_VERIFY = 4,
	VK_OPS_WRITE = 5,
	VK_OPS_CLASSIFY = 6,
	VK_OPS_RESET = 7,
};

/** enum vk_ops_status - whether the module ran the record. */
enum vk_ops_status {
	VK_OPS_OK = 0,
	VK_OPS_EMPTY = 1,     /* free/verify/write/classify of an empty slot: nothing done */
	VK_OPS_SKIP_SIZE = 2, /* would really allocate more than VK_OPS_CAP_BYTES */
	VK_OPS_SKIP_WARN = 3, /* the kernel would WARN (vmalloc of size 0) */
	VK_OPS_BAD_FLAGS = 4, /* flags outside VK_OPS_FLAGS_ALLOWED */
};

/* struct vk_kmod_op_result.kernel_bits */
#define VK_OPS_K_IS_VMALLOC 0x01u  /* is_vmalloc_addr(ptr) */
#define VK_OPS_K_VIRT_VALID 0x02u  /* virt_addr_valid(ptr) */
#define VK_OPS_K_ZERO_OR_NULL 0x04u /* ZERO_OR_NULL_PTR(ptr) */
/* struct vk_kmod_op_result.trace */
#define VK_OPS_T_K_CALLED 0x01u  /* core-driven kvmalloc: kmalloc really called */
#define VK_OPS_T_K_NULL 0x02u    /* core-driven kvmalloc: the kmalloc attempt gave NULL */
#define VK_OPS_T_V_CALLED 0x04u  /* core-driven kvmalloc: vmalloc fallback called */
#define VK_OPS_T_INJECTED 0x08u  /* a kmalloc failure was injected */
#define VK_OPS_T_KERNEL_KV 0x10u /* the kernel's own kvmalloc served the request */
#define VK_OPS_T_CORE_KV 0x20u   /* the core-driven kvmalloc served the request */
/* zero_ok / pattern_ok */
#define VK_OPS_NOT_CHECKED 0u
#define VK_OPS_HELD 1u
#define VK_OPS_BROKEN 2u

/**
 * struct vk_kmod_op_result - what the module reports for one record.
 * @addr: the slot's pointer after the op (0 if empty).
 * @req_bytes: bytes requested (array product; SIZE_MAX on overflow); alloc only.
 * @ksize_bytes: ksize() of direct-map memory after an alloc/classify, else 0.
 * @live: allocations the module holds after the op (all paths, all slots).
 * @freed: allocations this op released.
 * @kind: enum vk_ops_kind. @status: enum vk_ops_status. @slot: the slot.
 * @core_class: vk_addr_classify() of @addr on the host layout.
 * @kernel_bits: VK_OPS_K_* of @addr. @trace: VK_OPS_T_*.
 * @zero_ok: new memory was checked for zero (alloc with a zeroing request).
 * @pattern_ok: the pattern was checked (memory freed, verified, rewritten).
 */
struct vk_kmod_op_result {
	uint64_t addr;
	uint64_t req_bytes;
	uint64_t ksize_bytes;
	uint32_t live;
	uint32_t freed;
	uint8_t kind;
	uint8_t status;
	uint8_t slot;
	uint8_t core_class;
	uint8_t kernel_bits;
	uint8_t trace;
	uint8_t zero_ok;
	uint8_t pattern_ok;
};

/**
 * struct vk_ops_req - one decoded record.
 * @kind: enum vk_ops_kind. @slot: 0..VK_OPS_SLOTS-1. @inject: inject a kmalloc failure.
 * @api: the entry point. @n: count or size. @elem_bytes: element size (array APIs).
 * @flags: caller flags. @kernel_kv: use the kernel's kvmalloc. @kernel_free: free with kvfree().
 * @tag: pattern tag.
 */
struct vk_ops_req {
	enum vk_ops_kind kind;
	unsigned int slot;
	bool inject;
	enum vk_api api;
	size_t n;
	size_t elem_bytes;
	vk_gfp_t flags;
	bool kernel_kv;
	bool kernel_free;
	uint8_t tag;
};

/**
 * vk_ops_decode_size - the size field of a record (user_vs_model's decoding).
 * @b3: record byte 3. @b4: record byte 4.
 *
 * Return: the decoded size in bytes.
 */
static inline size_t vk_ops_decode_size(uint8_t b3, uint8_t b4)
{
	static const size_t table[] = {
		0, 1, 8, 9, 96, 97, 192, 193, 1024, 1025, 2048, 4096, 4097, 8192, 8193,
		VK_KMALLOC_MAX_SIZE, VK_KMALLOC_MAX_SIZE + 1u, VK_INT_MAX_BYTES, VK_INT_MAX_BYTES + 1u,
		SIZE_MAX, SIZE_MAX / 2u + 1u, (size_t)1 << 30, (size_t)8 << 20, 3000,
	};
	size_t raw = (size_t)b4 | ((size_t)(b3 >> 3) << 8);

	switch (b3 % 8u) {
	case 0:
		return table[raw % (sizeof(table) / sizeof(table[0]))];
	case 1:
		return raw % 256u + 1u;
	case 2:
		return raw + 1u;
	case 3:
		return (raw + 1u) * 8u;
	case 4:
		return (raw + 1u) * 512u;
	case 5:
		return (raw + 1u) * 1024u;
	default:
		return raw;
	}
}

/**
 * vk_ops_decode_flags - the caller flags of a record.
 * @b6: record byte 6.
 *
 * Return: a base mask (GFP_KERNEL, NOFS, NOIO, ATOMIC, NOWAIT) plus modifiers.
 */
static inline vk_gfp_t vk_ops_decode_flags(uint8_t b6)
{
	static const uint32_t base[] = { VK_GFP_KERNEL_BITS, VK_GFP_NOFS_BITS, VK_GFP_NOIO_BITS,
					 VK_GFP_ATOMIC_BITS, VK_GFP_NOWAIT_BITS };
	uint32_t f = base[(b6 & 7u) % 5u];

	if (b6 & 0x08u)
		f |= VK___GFP_ZERO;
	if (b6 & 0x10u)
		f |= VK___GFP_NOWARN;
	if (b6 & 0x20u)
		f |= VK___GFP_RETRY_MAYFAIL;
	if (b6 & 0x40u)
		f |= VK___GFP_NORETRY;
	return VK_GFP(f);
}

/**
 * vk_ops_decode - decode one 8-byte record.
 * @r: the record (VK_OPS_REC_BYTES bytes).
 *
 * Return: the decoded request.
 */
static inline struct vk_ops_req vk_ops_decode(const uint8_t *r)
{
	static const size_t elems[] = { 1, 2, 8, 24, 4096, SIZE_MAX / 2u + 1u, SIZE_MAX, 0 };
	static const enum vk_ops_kind kinds[] = { VK_OPS_ALLOC, VK_OPS_ALLOC, VK_OPS_ALLOC,
						  VK_OPS_FREE, VK_OPS_VERIFY, VK_OPS_WRITE,
						  VK_OPS_CLASSIFY, VK_OPS_RESET };
	struct vk_ops_req q;

	q.kind = kinds[r[0] % 8u];
	q.slot = r[1] & (VK_OPS_SLOTS - 1u);
	q.inject = (r[1] & 0x40u) != 0u;
	q.api = (enum vk_api)(r[2] % VK_API_COUNT);
	q.n = vk_ops_decode_size(r[3], r[4]);
	q.elem_bytes = elems[r[5] & 7u];
	q.kernel_free = (r[5] & 0x08u) != 0u;
	q.kernel_kv = (r[5] & 0x40u) != 0u;
	q.flags = vk_ops_decode_flags(r[6]);
	q.tag = r[7];
	return q;
}

/**
 * vk_ops_api_is_array - the entry point takes (n, elem_bytes).
 * @api: the entry point.
 *
 * Return: true for kcalloc, kmalloc_array, kvcalloc, kvmalloc_array.
 */
static inline bool vk_ops_api_is_array(enum vk_api api)
{
	return api == VK_API_KCALLOC || api == VK_API_KMALLOC_ARRAY ||
	       api == VK_API_KVCALLOC || api == VK_API_KVMALLOC_ARRAY;
}

/**
 * vk_ops_api_is_kv - the entry point is one of the kvmalloc family.
 * @api: the entry point.
 *
 * Return: true for kvmalloc, kvzalloc, kvcalloc, kvmalloc_array.
 */
static inline bool vk_ops_api_is_kv(enum vk_api api)
{
	return api == VK_API_KVMALLOC || api == VK_API_KVZALLOC ||
	       api == VK_API_KVCALLOC || api == VK_API_KVMALLOC_ARRAY;
}

#endif /* VK_KMOD_OPS_H */
