/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vkm_gfp.c - model of the GFP flag decisions: one table entry per
 * low-nibble value, the kernel's GFP_ZONE_TABLE/GFP_ZONE_BAD constants
 * decoded with shifts, and explicit case lists for the entry points.
 */
#include "spec/model/vk_model.h"

/* x86_64 GFP_ZONE_TABLE (2 bits per low-nibble value) and GFP_ZONE_BAD. */
#define VKM_GFP_ZONE_TABLE 0x1320122u
#define VKM_GFP_ZONE_BAD   0xe8e8u
#define VKM_GFP_ZONES_SHIFT 2u

/**
 * struct vkm_nibble - what one low-nibble value of the flags means.
 * @nibble: the value of flags & 0xf.
 * @bad: a GFP_ZONE_BAD combination.
 * @zone: the zone gfp_zone() picks (from GFP_ZONE_TABLE); meaningless when @bad.
 */
struct vkm_nibble {
	uint32_t nibble;
	bool bad;
	enum vk_zone zone;
};

/**
 * vkm_nibble_of - decode one nibble with the kernel's constants.
 * @nibble: 0..15.
 *
 * Return: the table entry for @nibble.
 */
static struct vkm_nibble vkm_nibble_of(uint32_t nibble)
{
	struct vkm_nibble e;
	uint32_t raw = (VKM_GFP_ZONE_TABLE >> (nibble * VKM_GFP_ZONES_SHIFT)) &
		       ((1u << VKM_GFP_ZONES_SHIFT) - 1u);

	e.nibble = nibble;
	e.bad = ((VKM_GFP_ZONE_BAD >> nibble) & 1u) != 0;
	switch (raw) {
	case 0: e.zone = VK_ZONE_DMA; break;
	case 1: e.zone = VK_ZONE_DMA32; break;
	case 2: e.zone = VK_ZONE_NORMAL; break;
	default: e.zone = VK_ZONE_MOVABLE; break;
	}
	return e;
}

/**
 * vkm_gfp_allow_blocking - model of vk_gfp_allow_blocking().
 * @flags: caller flags.
 *
 * Return: true iff __GFP_DIRECT_RECLAIM is set.
 */
bool vkm_gfp_allow_blocking(vk_gfp_t flags)
{
	return (flags.bits & VK___GFP_DIRECT_RECLAIM) == VK___GFP_DIRECT_RECLAIM;
}

/**
 * vkm_gfp_zone - model of vk_gfp_zone(): linear scan of the 16 nibble entries.
 * @flags: caller flags.
 *
 * Return: the zone, or VK_ZONE_INVALID for a GFP_ZONE_BAD nibble.
 */
enum vk_zone vkm_gfp_zone(vk_gfp_t flags)
{
	uint32_t nib;

	for (nib = 0; nib < 16u; nib++) {
		struct vkm_nibble e = vkm_nibble_of(nib);

		if (e.nibble == (flags.bits & 0xfu))
			return e.bad ? VK_ZONE_INVALID : e.zone;
	}
	return VK_ZONE_INVALID; /* not reached: every nibble is in the table */
}

/**
 * vkm_gfp_migratetype - model of vk_gfp_migratetype(): (flags & 0x18) >> 3.
 * @flags: caller flags.
 *
 * Return: the migrate type (3 = both bits = invalid).
 */
enum vk_migratetype vkm_gfp_migratetype(vk_gfp_t flags)
{
	uint32_t v = (flags.bits & (VK___GFP_MOVABLE | VK___GFP_RECLAIMABLE)) >> 3;

	if (v == 0)
		return VK_MIGRATE_UNMOVABLE;
	if (v == 1)
		return VK_MIGRATE_MOVABLE;
	if (v == 2)
		return VK_MIGRATE_RECLAIMABLE;
	return VK_MIGRATE_INVALID;
}

/**
 * vkm_gfp_scope - model of vk_gfp_scope() (current_gfp_context()).
 * @flags: caller flags.
 * @scope: VK_SCOPE_* bits.
 *
 * Return: the flags with the bits the scopes forbid cleared.
 */
vk_gfp_t vkm_gfp_scope(vk_gfp_t flags, uint32_t scope)
{
	uint32_t bits = flags.bits;

	if (scope & VK_SCOPE_NOIO)
		bits &= ~(VK___GFP_IO | VK___GFP_FS);
	else if (scope & VK_SCOPE_NOFS)
		bits &= ~VK___GFP_FS;
	if (scope & VK_SCOPE_PIN)
		bits &= ~VK___GFP_MOVABLE;
	return VK_GFP(bits);
}

/**
 * vkm_gfp_problems - model of vk_gfp_problems().
 * @flags: caller flags.
 * @order: page order of the request.
 *
 * Return: the problem set.
 */
struct vk_gfp_problems vkm_gfp_problems(vk_gfp_t flags, unsigned int order)
{
	struct vk_gfp_problems p;
	uint32_t b = flags.bits;
	bool nofail = (b & VK___GFP_NOFAIL) != 0;

	p.unknown_bits = (b & ~VK_GFP_KNOWN_MASK) != 0;
	p.bad_zone = vkm_nibble_of(b & 0xfu).bad;
	p.nofail_without_reclaim = nofail && (b & VK___GFP_DIRECT_RECLAIM) == 0;
	p.nofail_high_order = nofail && order >= 2u;
	p.movable_and_reclaimable = vkm_gfp_migratetype(flags) == VK_MIGRATE_INVALID;
	p.slab_strips = (b & VK___GFP_DMA32) != 0 || (b & VK___GFP_HIGHMEM) != 0 ||
			(b & ~VK_GFP_BITS_MASK) != 0;
	return p;
}

/**
 * vkm_gfp_slab_fix - model of vk_gfp_slab_fix() (kmalloc_fix_flags()).
 * @flags: caller flags.
 *
 * Return: the bits of @flags inside __GFP_BITS_MASK, minus DMA32 and HIGHMEM.
 */
vk_gfp_t vkm_gfp_slab_fix(vk_gfp_t flags)
{
	return VK_GFP(flags.bits & VK_GFP_BITS_MASK & ~(VK___GFP_DMA32 | VK___GFP_HIGHMEM));
}

/**
 * vkm_api_flags - model of vk_api_flags(): one case per entry point.
 * @api: the entry point.
 * @caller: the caller's flags.
 * @out: where to store the flags passed down.
 *
 * Return: false (and *@out = @caller) for an unknown @api, else true.
 */
bool vkm_api_flags(enum vk_api api, vk_gfp_t caller, vk_gfp_t *out)
{
	switch ((unsigned int)api) {
	case VK_API_KMALLOC:
	case VK_API_KMALLOC_ARRAY:
	case VK_API_KVMALLOC:
	case VK_API_KVMALLOC_ARRAY:
		*out = caller;
		return true;
	case VK_API_KZALLOC:
	case VK_API_KCALLOC:
	case VK_API_KVZALLOC:
	case VK_API_KVCALLOC:
		*out = VK_GFP(caller.bits | VK___GFP_ZERO);
		return true;
	case VK_API_VMALLOC:
		*out = VK_GFP(VK_GFP_KERNEL_BITS);
		return true;
	case VK_API_VZALLOC:
		*out = VK_GFP(VK_GFP_KERNEL_BITS | VK___GFP_ZERO);
		return true;
	default:
		*out = caller;
		return false;
	}
}
