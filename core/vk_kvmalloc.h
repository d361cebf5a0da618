/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vk_kvmalloc.h - the kvmalloc_node decision: the flags of the kmalloc
 * attempt and what happens when that attempt fails, per kernel profile.
 */
#ifndef VK_KVMALLOC_H
#define VK_KVMALLOC_H

#include <stdbool.h>
#include <stddef.h>

#include "core/vk_gfp.h"
#include "core/vk_kmalloc.h"
#include "spec/vk_kvmalloc_spec.h"

/**
 * enum vk_profile - which kernel's kvmalloc_node behaviour to follow.
 * @VK_PROFILE_SEED: Linux v4.18-v5.13 (no fallback unless flags contain GFP_KERNEL).
 * @VK_PROFILE_LINUX_6_1: Linux v6.1-v6.15 (NOFAIL stripped, blocking required, INT_MAX cap).
 */
enum vk_profile {
	VK_PROFILE_SEED = 0,
	VK_PROFILE_LINUX_6_1 = 1,
	VK_PROFILE_COUNT = 2,
};

/**
 * enum vk_kv_on_fail - what kvmalloc does when the kmalloc attempt returns NULL.
 */
enum vk_kv_on_fail {
	VK_KV_FAIL_NULL = 0,     /* return NULL: see @reason */
	VK_KV_FAIL_VMALLOC = 1,  /* call vmalloc with vmalloc_flags */
};

/**
 * enum vk_kv_reason - why there is no vmalloc fallback.
 */
enum vk_kv_reason {
	VK_KV_REASON_NONE = 0,          /* there is a fallback */
	VK_KV_REASON_SMALL = 1,         /* size <= PAGE_SIZE: slab only */
	VK_KV_REASON_NOT_GFP_KERNEL = 2,/* seed: flags not a superset of GFP_KERNEL */
	VK_KV_REASON_NONBLOCKING = 3,   /* 6.1: no __GFP_DIRECT_RECLAIM */
	VK_KV_REASON_TOO_BIG = 4,       /* 6.1: size > INT_MAX */
	VK_KV_REASON_BAD_PROFILE = 5,   /* unknown profile: nothing is attempted */
};

/**
 * struct vk_kv_plan - what kvmalloc_node does for one request.
 * @try_kmalloc: false only for an unknown profile (nothing is called).
 * @kmalloc_flags: flags of the kmalloc attempt.
 * @on_fail: what happens if the attempt returns NULL.
 * @reason: why there is no fallback (VK_KV_REASON_NONE when there is one).
 * @vmalloc_flags: flags of the vmalloc fallback (the caller's, always).
 * @warn: the kernel prints a warning on the failure path (size > INT_MAX without NOWARN).
 */
struct vk_kv_plan {
	bool try_kmalloc;
	vk_gfp_t kmalloc_flags;
	enum vk_kv_on_fail on_fail;
	enum vk_kv_reason reason;
	vk_gfp_t vmalloc_flags;
	bool warn;
};

/**
 * vk_kvmalloc_plan - what kvmalloc_node() does for one request.
 * @profile: which kernel's behaviour to follow.
 * @size: requested bytes.
 * @flags: the caller's flags.
 *
 * The plan says which flags the kmalloc attempt gets and, if that attempt
 * returns NULL, whether vmalloc is called (always with the caller's own
 * flags) or NULL is returned and why.  Size 0 is served by kmalloc as
 * ZERO_SIZE_PTR (see vk_kmalloc_route()).
 * Return: the plan; an unknown @profile gives a plan that calls nothing.
 */
/*@ assigns \nothing;
    ensures caller_flags_to_vmalloc: \result.vmalloc_flags.bits == flags.bits;
    ensures small_stays_slab: size <= page_bytes ==> \result.on_fail == VK_KV_FAIL_NULL;
    ensures small_flags_unchanged: size <= page_bytes ==> \result.kmalloc_flags.bits == flags.bits;
    ensures fallback_is_big: \result.on_fail == VK_KV_FAIL_VMALLOC ==> size > page_bytes;
    ensures reason: \result.on_fail == VK_KV_FAIL_VMALLOC <==> \result.reason == VK_KV_REASON_NONE;
    behavior bad_profile:
      assumes profile != VK_PROFILE_SEED && profile != VK_PROFILE_LINUX_6_1;
      ensures !\result.try_kmalloc && \result.on_fail == VK_KV_FAIL_NULL;
      ensures \result.reason == VK_KV_REASON_BAD_PROFILE && !\result.warn;
    behavior seed_not_kernel:
      assumes profile == VK_PROFILE_SEED && !KV_HAS_GFP_KERNEL(flags.bits);
      ensures \result.try_kmalloc && \result.kmalloc_flags.bits == flags.bits;
      ensures \result.on_fail == VK_KV_FAIL_NULL && \result.reason == VK_KV_REASON_NOT_GFP_KERNEL;
      ensures !\result.warn;
    behavior seed_small:
      assumes profile == VK_PROFILE_SEED && KV_HAS_GFP_KERNEL(flags.bits) && size <= page_bytes;
      ensures \result.try_kmalloc && \result.kmalloc_flags.bits == flags.bits;
      ensures \result.on_fail == VK_KV_FAIL_NULL && \result.reason == VK_KV_REASON_SMALL;
      ensures !\result.warn;
    behavior seed_fallback:
      assumes profile == VK_PROFILE_SEED && KV_HAS_GFP_KERNEL(flags.bits) && size > page_bytes;
      ensures \result.try_kmalloc && \result.on_fail == VK_KV_FAIL_VMALLOC;
      ensures GFP_HAS(\result.kmalloc_flags.bits, VK___GFP_NOWARN);
      ensures GFP_HAS(\result.kmalloc_flags.bits, VK___GFP_NORETRY) <==>
              (!GFP_HAS(flags.bits, VK___GFP_RETRY_MAYFAIL) || GFP_HAS(flags.bits, VK___GFP_NORETRY));
      ensures !\result.warn;
    behavior v61_small:
      assumes profile == VK_PROFILE_LINUX_6_1 && size <= page_bytes;
      ensures \result.try_kmalloc && \result.kmalloc_flags.bits == flags.bits;
      ensures \result.on_fail == VK_KV_FAIL_NULL && \result.reason == VK_KV_REASON_SMALL;
      ensures !\result.warn;
    behavior v61_big:
      assumes profile == VK_PROFILE_LINUX_6_1 && size > page_bytes;
      ensures \result.try_kmalloc;
      ensures GFP_HAS(\result.kmalloc_flags.bits, VK___GFP_NOWARN);
      ensures !GFP_HAS(\result.kmalloc_flags.bits, VK___GFP_NOFAIL);
      ensures GFP_HAS(\result.kmalloc_flags.bits, VK___GFP_NORETRY) <==>
              (!GFP_HAS(flags.bits, VK___GFP_RETRY_MAYFAIL) || GFP_HAS(flags.bits, VK___GFP_NORETRY));
      ensures (\result.kmalloc_flags.bits & VK___GFP_DIRECT_RECLAIM) ==
              (flags.bits & VK___GFP_DIRECT_RECLAIM);
      ensures fallback_needs_blocking_and_int_max: \result.on_fail == VK_KV_FAIL_VMALLOC <==>
              (GFP_HAS(flags.bits, VK___GFP_DIRECT_RECLAIM) && size <= int_max_bytes);
      ensures nonblocking: !GFP_HAS(flags.bits, VK___GFP_DIRECT_RECLAIM) ==>
              \result.reason == VK_KV_REASON_NONBLOCKING && !\result.warn;
      ensures too_big: GFP_HAS(flags.bits, VK___GFP_DIRECT_RECLAIM) && size > int_max_bytes ==>
              \result.reason == VK_KV_REASON_TOO_BIG &&
              (\result.warn <==> !GFP_HAS(flags.bits, VK___GFP_NOWARN));
      ensures fallback_no_warn: \result.on_fail == VK_KV_FAIL_VMALLOC ==> !\result.warn;
    complete behaviors;
    disjoint behaviors;
*/
struct vk_kv_plan vk_kvmalloc_plan(enum vk_profile profile, size_t size, vk_gfp_t flags);

#endif /* VK_KVMALLOC_H */
