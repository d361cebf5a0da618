/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vkm_kvmalloc.c - model of kvmalloc_node(), written as the reference's
 * numbered decision sequences (linux-alloc-semantics.md §1.2), one
 * function per profile.
 */
#include "spec/model/vk_model.h"

#define VKM_PAGE_BYTES    ((size_t)4096)
#define VKM_INT_MAX_BYTES ((size_t)2147483647)

/**
 * vkm_big_kmalloc_flags - step 1 for size > PAGE_SIZE: NOWARN, and NORETRY
 * unless RETRY_MAYFAIL.
 * @f: the caller's flags.
 *
 * Return: the flags of the kmalloc attempt (before any NOFAIL strip).
 */
static uint32_t vkm_big_kmalloc_flags(uint32_t f)
{
	uint32_t kf = f | VK___GFP_NOWARN;

	if ((kf & VK___GFP_RETRY_MAYFAIL) == 0)
		kf |= VK___GFP_NORETRY;
	return kf;
}

/**
 * vkm_plan_seed - the v4.18..v5.13 sequence.
 * @size: requested bytes.
 * @f: the caller's flags.
 *
 * Return: the plan.
 */
static struct vk_kv_plan vkm_plan_seed(size_t size, uint32_t f)
{
	struct vk_kv_plan p;

	p.try_kmalloc = true;
	p.vmalloc_flags = VK_GFP(f);
	p.warn = false;
	p.kmalloc_flags = VK_GFP(f);
	p.on_fail = VK_KV_FAIL_NULL;
	/* Early exit: not a superset of GFP_KERNEL -> kmalloc(f), no fallback. */
	if ((f & VK_GFP_KERNEL_BITS) != VK_GFP_KERNEL_BITS) {
		p.reason = VK_KV_REASON_NOT_GFP_KERNEL;
		return p;
	}
	if (size <= VKM_PAGE_BYTES) {
		p.reason = VK_KV_REASON_SMALL;
		return p;
	}
	p.kmalloc_flags = VK_GFP(vkm_big_kmalloc_flags(f));
	p.on_fail = VK_KV_FAIL_VMALLOC;
	p.reason = VK_KV_REASON_NONE;
	return p;
}

/**
 * vkm_plan_6_1 - the v6.1..v6.15 sequence.
 * @size: requested bytes.
 * @f: the caller's flags.
 *
 * Return: the plan.
 */
static struct vk_kv_plan vkm_plan_6_1(size_t size, uint32_t f)
{
	struct vk_kv_plan p;

	p.try_kmalloc = true;
	p.vmalloc_flags = VK_GFP(f);
	p.warn = false;
	p.on_fail = VK_KV_FAIL_NULL;
	/* Step 1. */
	if (size <= VKM_PAGE_BYTES) {
		p.kmalloc_flags = VK_GFP(f);
		p.reason = VK_KV_REASON_SMALL; /* step 2: s <= P returns kmalloc's result */
		return p;
	}
#ifdef VKM_PLANT_BUG
	p.kmalloc_flags = VK_GFP(vkm_big_kmalloc_flags(f)); /* planted: NOFAIL kept */
#else
	p.kmalloc_flags = VK_GFP(vkm_big_kmalloc_flags(f) & ~VK___GFP_NOFAIL);
#endif
	/* Step 3. */
	if ((f & VK___GFP_DIRECT_RECLAIM) == 0) {
		p.reason = VK_KV_REASON_NONBLOCKING;
		return p;
	}
	/* Step 4. */
	if (size > VKM_INT_MAX_BYTES) {
		p.reason = VK_KV_REASON_TOO_BIG;
		p.warn = (f & VK___GFP_NOWARN) == 0;
		return p;
	}
	/* Step 5. */
	p.on_fail = VK_KV_FAIL_VMALLOC;
	p.reason = VK_KV_REASON_NONE;
	return p;
}

/**
 * vkm_kvmalloc_plan - model of vk_kvmalloc_plan().
 * @profile: kernel profile.
 * @size: requested bytes.
 * @flags: the caller's flags.
 *
 * Return: the plan; an unknown profile calls nothing (kmalloc_flags = @flags).
 */
struct vk_kv_plan vkm_kvmalloc_plan(enum vk_profile profile, size_t size, vk_gfp_t flags)
{
	struct vk_kv_plan p;

	switch ((unsigned int)profile) {
	case VK_PROFILE_SEED:
		return vkm_plan_seed(size, flags.bits);
	case VK_PROFILE_LINUX_6_1:
		return vkm_plan_6_1(size, flags.bits);
	default:
		p.try_kmalloc = false;
		p.kmalloc_flags = flags;
		p.on_fail = VK_KV_FAIL_NULL;
		p.reason = VK_KV_REASON_BAD_PROFILE;
		p.vmalloc_flags = flags;
		p.warn = false;
		return p;
	}
}
