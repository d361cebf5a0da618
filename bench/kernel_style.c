/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * kernel_style.c - the instruction-count baseline: the core's decisions
 * written in the kernel's own idioms (reference facts, our code).  Same
 * results as the core on every input; bench_main.c checks that first.
 */
#include "bench/kernel_style.h"

#define KS_GFP_ZONES_SHIFT 2u
#define KS_GFP_ZONE_TABLE 0x1320122u /* x86_64: DMA 0, DMA32 1, NORMAL 2, MOVABLE 3 */
#define KS_GFP_ZONE_BAD 0xe8e8u
#define KS_GFP_MOVETYPE_SHIFT 3u

bool ks_gfp_allow_blocking(vk_gfp_t flags)
{
	return !!(flags.bits & VK___GFP_DIRECT_RECLAIM);
}

enum vk_zone ks_gfp_zone(vk_gfp_t flags)
{
	uint32_t bit = flags.bits & VK_GFP_ZONEMASK;
	uint32_t z = (KS_GFP_ZONE_TABLE >> (bit * KS_GFP_ZONES_SHIFT)) &
		     ((1u << KS_GFP_ZONES_SHIFT) - 1u);

	/* The kernel's VM_BUG_ON((GFP_ZONE_BAD >> bit) & 1), reported instead. */
	if ((KS_GFP_ZONE_BAD >> bit) & 1u)
		return VK_ZONE_INVALID;
	return (enum vk_zone)z;
}

enum vk_migratetype ks_gfp_migratetype(vk_gfp_t flags)
{
	return (enum vk_migratetype)((flags.bits & (VK___GFP_RECLAIMABLE | VK___GFP_MOVABLE)) >>
				     KS_GFP_MOVETYPE_SHIFT);
}

vk_gfp_t ks_gfp_scope(vk_gfp_t flags, uint32_t scope)
{
	if (scope & (VK_SCOPE_NOIO | VK_SCOPE_NOFS | VK_SCOPE_PIN)) {
		if (scope & VK_SCOPE_NOIO)
			flags.bits &= ~(VK___GFP_IO | VK___GFP_FS);
		else if (scope & VK_SCOPE_NOFS)
			flags.bits &= ~VK___GFP_FS;
		if (scope & VK_SCOPE_PIN)
			flags.bits &= ~VK___GFP_MOVABLE;
	}
	return flags;
}

struct vk_gfp_problems ks_gfp_problems(vk_gfp_t flags, unsigned int order)
{
	uint32_t f = flags.bits;
	struct vk_gfp_problems p;

	p.unknown_bits = !!(f & ~VK_GFP_KNOWN_MASK);
	p.bad_zone = (KS_GFP_ZONE_BAD >> (f & VK_GFP_ZONEMASK)) & 1u;
	p.nofail_without_reclaim = (f & (VK___GFP_NOFAIL | VK___GFP_DIRECT_RECLAIM)) ==
				   VK___GFP_NOFAIL;
	p.nofail_high_order = (f & VK___GFP_NOFAIL) && order > 1u;
	p.movable_and_reclaimable = (f & (VK___GFP_MOVABLE | VK___GFP_RECLAIMABLE)) ==
				    (VK___GFP_MOVABLE | VK___GFP_RECLAIMABLE);
	p.slab_strips = !!(f & VK_GFP_SLAB_BUG_MASK);
	return p;
}

size_t ks_size_mul(size_t a, size_t b)
{
	size_t bytes;

	if (__builtin_mul_overflow(a, b, &bytes))
		return SIZE_MAX;
	return bytes;
}

size_t ks_size_add(size_t a, size_t b)
{
	size_t bytes;

	if (__builtin_add_overflow(a, b, &bytes))
		return SIZE_MAX;
	return bytes;
}

size_t ks_size_sub(size_t minuend, size_t subtrahend)
{
	size_t bytes;

	if (minuend == SIZE_MAX || subtrahend == SIZE_MAX ||
	    __builtin_sub_overflow(minuend, subtrahend, &bytes))
		return SIZE_MAX;
	return bytes;
}

bool ks_array_bytes(size_t n, size_t elem_bytes, size_t *bytes)
{
	if (__builtin_expect(__builtin_mul_overflow(n, elem_bytes, bytes), 0)) {
		*bytes = 0;
		return false;
	}
	return true;
}

size_t ks_struct_size(size_t header_bytes, size_t n, size_t elem_bytes)
{
	return ks_size_add(header_bytes, ks_size_mul(n, elem_bytes));
}

unsigned int ks_kmalloc_index(size_t size)
{
	if (!size)
		return 0;
	if (size <= VK_KMALLOC_MIN_SIZE)
		return 3;
	if (size > 64 && size <= 96)
		return 1;
	if (size > 128 && size <= 192)
		return 2;
	if (size <= 8)
		return 3;
	if (size <= 16)
		return 4;
	if (size <= 32)
		return 5;
	if (size <= 64)
		return 6;
	if (size <= 128)
		return 7;
	if (size <= 256)
		return 8;
	if (size <= 512)
		return 9;
	if (size <= 1024)
		return 10;
	if (size <= 2048)
		return 11;
	if (size <= 4096)
		return 12;
	if (size <= 8192)
		return 13;
	return 0; /* above KMALLOC_MAX_CACHE_SIZE: the large path, no bucket */
}

/* Object bytes per bucket index (the kernel's kmalloc_info[] sizes). */
static const uint32_t ks_kmalloc_info_bytes[14] = {
	0, 96, 192, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192,
};

/* get_order(): fls of (size - 1) >> PAGE_SHIFT. */
static unsigned int ks_get_order(size_t size)
{
	size--;
	size >>= VK_PAGE_SHIFT;
	return size ? 64u - (unsigned int)__builtin_clzll(size) : 0u;
}

struct vk_kmalloc_route ks_kmalloc_route(size_t size)
{
	struct vk_kmalloc_route r = { VK_KMALLOC_REFUSE, 0, 0 };
	unsigned int order, index;

	if (size > VK_KMALLOC_MAX_CACHE_SIZE) {
		order = ks_get_order(size);
		if (order > VK_KMALLOC_MAX_ORDER)
			return r;
		r.kind = VK_KMALLOC_PAGES;
		r.index = order;
		r.bytes = VK_PAGE_SIZE << order;
		return r;
	}
	if (!size) {
		r.kind = VK_KMALLOC_ZERO;
		return r;
	}
	index = ks_kmalloc_index(size);
	r.kind = VK_KMALLOC_SLAB;
	r.index = index;
	r.bytes = ks_kmalloc_info_bytes[index];
	return r;
}

struct vk_kv_plan ks_kvmalloc_plan(enum vk_profile profile, size_t size, vk_gfp_t flags)
{
	struct vk_kv_plan plan = {
		.try_kmalloc = true,
		.kmalloc_flags = flags,
		.on_fail = VK_KV_FAIL_NULL,
		.reason = VK_KV_REASON_SMALL,
		.vmalloc_flags = flags,
		.warn = false,
	};
	uint32_t kf = flags.bits;

	if (profile == VK_PROFILE_SEED) {
		if ((flags.bits & VK_GFP_KERNEL_BITS) != VK_GFP_KERNEL_BITS) {
			plan.reason = VK_KV_REASON_NOT_GFP_KERNEL;
			return plan;
		}
	} else if (profile != VK_PROFILE_LINUX_6_1) {
		plan.try_kmalloc = false;
		plan.reason = VK_KV_REASON_BAD_PROFILE;
		return plan;
	}
	if (size <= VK_PAGE_SIZE)
		return plan;
	kf |= VK___GFP_NOWARN;
	if (!(kf & VK___GFP_RETRY_MAYFAIL))
		kf |= VK___GFP_NORETRY;
	if (profile == VK_PROFILE_LINUX_6_1) {
		kf &= ~VK___GFP_NOFAIL;
		plan.kmalloc_flags.bits = kf;
		if (!(flags.bits & VK___GFP_DIRECT_RECLAIM)) {
			plan.reason = VK_KV_REASON_NONBLOCKING;
			return plan;
		}
		if (size > VK_INT_MAX_BYTES) {
			plan.reason = VK_KV_REASON_TOO_BIG;
			plan.warn = !(flags.bits & VK___GFP_NOWARN);
			return plan;
		}
	}
	plan.kmalloc_flags.bits = kf;
	plan.on_fail = VK_KV_FAIL_VMALLOC;
	plan.reason = VK_KV_REASON_NONE;
	return plan;
}

static bool ks_is_vmalloc_addr(const struct vk_layout *layout, uint64_t addr)
{
	return addr >= layout->vmalloc.start && addr < layout->vmalloc.end;
}

enum vk_addr_class ks_addr_classify(const struct vk_layout *layout, uint64_t addr)
{
	if (addr <= VK_ZERO_SIZE_PTR_ADDR) /* ZERO_OR_NULL_PTR */
		return addr ? VK_ADDR_ZERO_SIZE : VK_ADDR_NULL;
	if (addr >= layout->direct.start && addr < layout->direct.end)
		return VK_ADDR_DIRECT;
	if (ks_is_vmalloc_addr(layout, addr))
		return VK_ADDR_VMALLOC;
	if (addr >= layout->modules.start && addr < layout->modules.end)
		return VK_ADDR_MODULE;
	return VK_ADDR_UNKNOWN;
}

enum vk_free_route ks_free_route(const struct vk_layout *layout, uint64_t addr)
{
	if (addr <= VK_ZERO_SIZE_PTR_ADDR)
		return VK_FREE_NOOP;
	if (addr >= layout->direct.start && addr < layout->direct.end)
		return VK_FREE_KFREE;
	if (ks_is_vmalloc_addr(layout, addr))
		return VK_FREE_VFREE;
	return VK_FREE_REJECT;
}
