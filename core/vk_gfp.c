/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vk_gfp.c - GFP flag decisions. Contracts are in vk_gfp.h.
 *
 * Written for the prover: single-bit tests, switches over the low nibble
 * (gcc -O2 turns them into one bit test against a constant mask), and
 * one mask operation per result.
 */
#include "core/vk_gfp.h"

bool vk_gfp_allow_blocking(vk_gfp_t flags)
{
	return (flags.bits & VK___GFP_DIRECT_RECLAIM) != 0u;
}

enum vk_zone vk_gfp_zone(vk_gfp_t flags)
{
	switch (flags.bits % 16u) {
	case 0x1u:
	case 0x9u:
		return VK_ZONE_DMA;
	case 0x4u:
	case 0xcu:
		return VK_ZONE_DMA32;
	case 0x0u:
	case 0x2u:
	case 0x8u:
		return VK_ZONE_NORMAL;
	case 0xau:
		return VK_ZONE_MOVABLE;
	default:
		return VK_ZONE_INVALID;
	}
}

enum vk_migratetype vk_gfp_migratetype(vk_gfp_t flags)
{
	/* MOVABLE (bit 3) counts 1, RECLAIMABLE (bit 4) counts 2: one mask and shift. */
	return (enum vk_migratetype)((flags.bits & (VK___GFP_MOVABLE | VK___GFP_RECLAIMABLE)) >> 3);
}

vk_gfp_t vk_gfp_scope(vk_gfp_t flags, uint32_t scope)
{
	bool pin = (scope & VK_SCOPE_PIN) != 0u;
	uint32_t keep;

	/* The common case first: no NOIO/NOFS scope. One AND per case. */
	if ((scope & (VK_SCOPE_NOIO | VK_SCOPE_NOFS)) == 0u)
		return pin ? (vk_gfp_t){ flags.bits & 0xfffffff7u } : flags;
	if ((scope & VK_SCOPE_NOIO) != 0u)
		keep = pin ? 0xffffff37u : 0xffffff3fu;
	else
		keep = pin ? 0xffffff77u : 0xffffff7fu;
	return (vk_gfp_t){ flags.bits & keep };
}

/* GFP_ZONE_BAD (0xe8e8) as a case list over the low nibble. */
/*@ assigns \nothing;
    ensures \result == \true <==> gfp_zone_bad(nibble);
*/
static bool zone_bad(uint32_t nibble)
{
	switch (nibble) {
	case 0x3u: case 0x5u: case 0x6u: case 0x7u:
	case 0xbu: case 0xdu: case 0xeu: case 0xfu:
		return true;
	default:
		return false;
	}
}

struct vk_gfp_problems vk_gfp_problems(vk_gfp_t flags, unsigned int order)
{
	bool nofail = (flags.bits & VK___GFP_NOFAIL) != 0u;
	struct vk_gfp_problems p;

	p.unknown_bits = (flags.bits & 0xff000000u) != 0u;
	p.bad_zone = zone_bad(flags.bits % 16u);
	p.nofail_without_reclaim = (flags.bits & VK___GFP_DIRECT_RECLAIM) == 0u ? nofail : false;
	p.nofail_high_order = nofail && order > 1u;
	p.movable_and_reclaimable = (flags.bits & VK___GFP_MOVABLE) != 0u &&
				    (flags.bits & VK___GFP_RECLAIMABLE) != 0u;
	p.slab_strips = (flags.bits & VK_GFP_SLAB_BUG_MASK) != 0u;
	return p;
}

vk_gfp_t vk_gfp_slab_fix(vk_gfp_t flags)
{
	vk_gfp_t out = { flags.bits & 0x07fffff9u };

	return out;
}

bool vk_api_flags(enum vk_api api, vk_gfp_t caller, vk_gfp_t *out)
{
	switch (api) {
	case VK_API_KMALLOC:
	case VK_API_KMALLOC_ARRAY:
	case VK_API_KVMALLOC:
	case VK_API_KVMALLOC_ARRAY:
		out->bits = caller.bits;
		return true;
	case VK_API_KZALLOC:
	case VK_API_KCALLOC:
	case VK_API_KVZALLOC:
	case VK_API_KVCALLOC:
		out->bits = caller.bits | VK___GFP_ZERO;
		return true;
	case VK_API_VMALLOC:
		out->bits = VK_GFP_KERNEL_BITS;
		return true;
	case VK_API_VZALLOC:
		out->bits = VK_GFP_KERNEL_BITS | VK___GFP_ZERO;
		return true;
	default:
		out->bits = caller.bits;
		return false;
	}
}
