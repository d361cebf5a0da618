/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vk_kvmalloc.c - the kvmalloc_node() decision per kernel profile.
 * Contracts are in vk_kvmalloc.h.
 *
 * The kmalloc-attempt flags are built one mask operation at a time, each
 * step followed by single-bit assertions: WP's simplifier settles one
 * AND/OR with a constant, the provers do not settle a chain of them.
 */
#include "core/vk_kvmalloc.h"

/* Flags of the kmalloc attempt for a size above PAGE_SIZE. */
/*@ assigns \nothing;
    ensures GFP_HAS(\result, VK___GFP_NOWARN);
    ensures GFP_HAS(\result, VK___GFP_NORETRY) <==>
            (!GFP_HAS(f, VK___GFP_RETRY_MAYFAIL) || GFP_HAS(f, VK___GFP_NORETRY));
    ensures (\result & VK___GFP_DIRECT_RECLAIM) == (f & VK___GFP_DIRECT_RECLAIM);
*/
static uint32_t big_kmalloc_bits(uint32_t f)
{
	uint32_t kf = f | VK___GFP_NOWARN;

	//@ assert (kf & VK___GFP_DIRECT_RECLAIM) == (f & VK___GFP_DIRECT_RECLAIM);
	//@ assert (kf & VK___GFP_NORETRY) == (f & VK___GFP_NORETRY);
	//@ assert GFP_HAS(kf, VK___GFP_NOWARN);
	if ((f & VK___GFP_RETRY_MAYFAIL) == 0u)
		kf |= VK___GFP_NORETRY;
	return kf;
}

/* The same without __GFP_NOFAIL: "nofail is implemented by the fallback". */
/*@ assigns \nothing;
    ensures !GFP_HAS(\result, VK___GFP_NOFAIL);
    ensures (\result & VK___GFP_NOWARN) == (kf & VK___GFP_NOWARN);
    ensures (\result & VK___GFP_NORETRY) == (kf & VK___GFP_NORETRY);
    ensures (\result & VK___GFP_DIRECT_RECLAIM) == (kf & VK___GFP_DIRECT_RECLAIM);
*/
static uint32_t strip_nofail(uint32_t kf)
{
	return kf & 0xffff7fffu;
}

struct vk_kv_plan vk_kvmalloc_plan(enum vk_profile profile, size_t size, vk_gfp_t flags)
{
	struct vk_kv_plan plan;

	plan.try_kmalloc = true;
	plan.kmalloc_flags = flags;
	plan.on_fail = VK_KV_FAIL_NULL;
	plan.reason = VK_KV_REASON_SMALL;
	plan.vmalloc_flags = flags;
	plan.warn = false;

	if (profile == VK_PROFILE_LINUX_6_1) {
		if (size <= VK_PAGE_SIZE)
			return plan;
		plan.kmalloc_flags.bits = strip_nofail(big_kmalloc_bits(flags.bits));
		if ((flags.bits & VK___GFP_DIRECT_RECLAIM) == 0u) {
			plan.reason = VK_KV_REASON_NONBLOCKING;
			return plan;
		}
		if (size > VK_INT_MAX_BYTES) {
			plan.reason = VK_KV_REASON_TOO_BIG;
			plan.warn = (flags.bits & VK___GFP_NOWARN) == 0u;
			return plan;
		}
	} else if (profile == VK_PROFILE_SEED) {
		if ((flags.bits & VK_GFP_KERNEL_BITS) != VK_GFP_KERNEL_BITS) {
			plan.reason = VK_KV_REASON_NOT_GFP_KERNEL;
			return plan;
		}
		if (size <= VK_PAGE_SIZE)
			return plan;
		plan.kmalloc_flags.bits = big_kmalloc_bits(flags.bits);
	} else {
		plan.try_kmalloc = false;
		plan.reason = VK_KV_REASON_BAD_PROFILE;
		return plan;
	}
	plan.on_fail = VK_KV_FAIL_VMALLOC;
	plan.reason = VK_KV_REASON_NONE;
	return plan;
}
