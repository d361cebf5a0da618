/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vk_gfp.h - GFP allocation flags: pinned bit layout, composite masks,
 * zone selection, blocking, migrate type, memalloc scopes and the flag
 * combinations the kernel warns about or strips.
 *
 * Pinned layout: Linux >= 5.10 x86_64, as in the Debian 6.1 kernel headers
 * (include/linux/gfp_types.h) without CONFIG_KASAN_HW_TAGS and
 * CONFIG_LOCKDEP.  Contracts live in this header; see spec/ for the logic
 * vocabulary they use.
 */
#ifndef VK_GFP_H
#define VK_GFP_H

#include <stdbool.h>
#include <stdint.h>

#include "spec/vk_gfp_spec.h"

/**
 * struct vk_gfp - allocation flags, a distinct type so they never mix with
 * sizes or plain integers.
 * @bits: the kernel's gfp_t value.
 */
typedef struct vk_gfp {
	uint32_t bits;
} vk_gfp_t;

/** VK_GFP - build a vk_gfp_t from a bit value. */
#define VK_GFP(v) ((vk_gfp_t){ .bits = (uint32_t)(v) })

/* Single bits (___GFP_* in the kernel). */
#define VK___GFP_DMA            0x01u
#define VK___GFP_HIGHMEM        0x02u
#define VK___GFP_DMA32          0x04u
#define VK___GFP_MOVABLE        0x08u
#define VK___GFP_RECLAIMABLE    0x10u
#define VK___GFP_HIGH           0x20u
#define VK___GFP_IO             0x40u
#define VK___GFP_FS             0x80u
#define VK___GFP_ZERO           0x100u
#define VK___GFP_ATOMIC         0x200u
#define VK___GFP_DIRECT_RECLAIM 0x400u
#define VK___GFP_KSWAPD_RECLAIM 0x800u
#define VK___GFP_WRITE          0x1000u
#define VK___GFP_NOWARN         0x2000u
#define VK___GFP_RETRY_MAYFAIL  0x4000u
#define VK___GFP_NOFAIL         0x8000u
#define VK___GFP_NORETRY        0x10000u
#define VK___GFP_MEMALLOC       0x20000u
#define VK___GFP_COMP           0x40000u
#define VK___GFP_NOMEMALLOC     0x80000u
#define VK___GFP_HARDWALL       0x100000u
#define VK___GFP_THISNODE       0x200000u
#define VK___GFP_ACCOUNT        0x400000u
#define VK___GFP_ZEROTAGS       0x800000u

/* Every bit the pinned layout defines; anything else is unknown. */
#define VK_GFP_KNOWN_MASK       0x00ffffffu
/* The low nibble that selects the zone (GFP_ZONEMASK). */
#define VK_GFP_ZONEMASK         0x0fu
#define VK___GFP_RECLAIM        (VK___GFP_DIRECT_RECLAIM | VK___GFP_KSWAPD_RECLAIM)
/*
 * __GFP_BITS_MASK of the pinned configuration: (1 << 27) - 1.  Bits 24..26
 * (SKIP_ZERO, SKIP_KASAN_*) have no meaning without KASAN_HW_TAGS, so they
 * are unknown to vk_gfp_problems(), but the kernel still lets them through.
 */
#define VK_GFP_BITS_MASK        0x07ffffffu
/* Bits slab strips with a warning (GFP_SLAB_BUG_MASK): DMA32, HIGHMEM, ~__GFP_BITS_MASK. */
#define VK_GFP_SLAB_BUG_MASK    (VK___GFP_DMA32 | VK___GFP_HIGHMEM | 0xf8000000u)

/* Composite masks (values as in the pinned layout). */
#define VK_GFP_KERNEL_BITS          0x000cc0u
#define VK_GFP_KERNEL_ACCOUNT_BITS  0x400cc0u
#define VK_GFP_ATOMIC_BITS          0x000a20u
#define VK_GFP_NOWAIT_BITS          0x000800u
#define VK_GFP_NOIO_BITS            0x000c00u
#define VK_GFP_NOFS_BITS            0x000c40u
#define VK_GFP_USER_BITS            0x100cc0u
#define VK_GFP_DMA_BITS             0x000001u
#define VK_GFP_DMA32_BITS           0x000004u
#define VK_GFP_HIGHUSER_BITS        0x100cc2u
#define VK_GFP_HIGHUSER_MOVABLE_BITS 0x100ccau
#define VK_GFP_TRANSHUGE_LIGHT_BITS 0x1c20cau
#define VK_GFP_TRANSHUGE_BITS       0x1c24cau

#define VK_GFP_KERNEL          VK_GFP(VK_GFP_KERNEL_BITS)
#define VK_GFP_KERNEL_ACCOUNT  VK_GFP(VK_GFP_KERNEL_ACCOUNT_BITS)
#define VK_GFP_ATOMIC          VK_GFP(VK_GFP_ATOMIC_BITS)
#define VK_GFP_NOWAIT          VK_GFP(VK_GFP_NOWAIT_BITS)
#define VK_GFP_NOIO            VK_GFP(VK_GFP_NOIO_BITS)
#define VK_GFP_NOFS            VK_GFP(VK_GFP_NOFS_BITS)
#define VK_GFP_USER            VK_GFP(VK_GFP_USER_BITS)
#define VK_GFP_DMA             VK_GFP(VK_GFP_DMA_BITS)
#define VK_GFP_DMA32           VK_GFP(VK_GFP_DMA32_BITS)
#define VK_GFP_HIGHUSER        VK_GFP(VK_GFP_HIGHUSER_BITS)
#define VK_GFP_HIGHUSER_MOVABLE VK_GFP(VK_GFP_HIGHUSER_MOVABLE_BITS)
#define VK_GFP_TRANSHUGE_LIGHT VK_GFP(VK_GFP_TRANSHUGE_LIGHT_BITS)
#define VK_GFP_TRANSHUGE       VK_GFP(VK_GFP_TRANSHUGE_BITS)

/**
 * enum vk_zone - memory zones of the x86_64 Debian configuration.
 * @VK_ZONE_INVALID: the low nibble is one of the 8 GFP_ZONE_BAD combinations.
 */
enum vk_zone {
	VK_ZONE_INVALID = -1,
	VK_ZONE_DMA = 0,
	VK_ZONE_DMA32 = 1,
	VK_ZONE_NORMAL = 2,
	VK_ZONE_MOVABLE = 3,
	VK_ZONE_DEVICE = 4,
};

/**
 * enum vk_migratetype - page mobility class chosen by the flags.
 * @VK_MIGRATE_INVALID: MOVABLE and RECLAIMABLE together (value 3).
 */
enum vk_migratetype {
	VK_MIGRATE_UNMOVABLE = 0,
	VK_MIGRATE_MOVABLE = 1,
	VK_MIGRATE_RECLAIMABLE = 2,
	VK_MIGRATE_INVALID = 3,
};

/* Memalloc scope bits for vk_gfp_scope() (PF_MEMALLOC_* in the kernel). */
#define VK_SCOPE_NOIO  0x1u
#define VK_SCOPE_NOFS  0x2u
#define VK_SCOPE_PIN   0x4u
#define VK_SCOPE_MASK  0x7u

/**
 * struct vk_gfp_problems - flag combinations the kernel warns about or strips.
 * @unknown_bits: bits outside VK_GFP_KNOWN_MASK.
 * @bad_zone: the low nibble is a GFP_ZONE_BAD combination.
 * @nofail_without_reclaim: NOFAIL without DIRECT_RECLAIM (the allocation fails with a warning).
 * @nofail_high_order: NOFAIL with an order above 1 (warned in rmqueue).
 * @movable_and_reclaimable: both mobility bits (gfp_migratetype warns).
 * @slab_strips: slab would strip GFP_SLAB_BUG_MASK bits with a warning.
 */
struct vk_gfp_problems {
	bool unknown_bits;
	bool bad_zone;
	bool nofail_without_reclaim;
	bool nofail_high_order;
	bool movable_and_reclaimable;
	bool slab_strips;
};

/**
 * enum vk_api - the allocation entry points whose flag handling the core knows.
 */
enum vk_api {
	VK_API_KMALLOC = 0,
	VK_API_KZALLOC = 1,
	VK_API_KCALLOC = 2,
	VK_API_KMALLOC_ARRAY = 3,
	VK_API_VMALLOC = 4,
	VK_API_VZALLOC = 5,
	VK_API_KVMALLOC = 6,
	VK_API_KVZALLOC = 7,
	VK_API_KVCALLOC = 8,
	VK_API_KVMALLOC_ARRAY = 9,
	VK_API_COUNT = 10,
};

/**
 * vk_gfp_allow_blocking - may an allocation with these flags sleep?
 * @flags: caller flags.
 *
 * The kernel's gfpflags_allow_blocking(): true iff __GFP_DIRECT_RECLAIM is set.
 * Return: true when the allocation may block.
 */
/*@ assigns \nothing;
    behavior blocking:
      assumes GFP_HAS(flags.bits, VK___GFP_DIRECT_RECLAIM);
      ensures \result == \true;
    behavior atomic:
      assumes !GFP_HAS(flags.bits, VK___GFP_DIRECT_RECLAIM);
      ensures \result == \false;
    complete behaviors;
    disjoint behaviors;
*/
bool vk_gfp_allow_blocking(vk_gfp_t flags);

/**
 * vk_gfp_zone - the memory zone the low nibble of the flags selects.
 * @flags: caller flags; only DMA, HIGHMEM, DMA32 and MOVABLE matter.
 *
 * Unlike the kernel (which maps GFP_ZONE_BAD combinations to ZONE_DMA unless
 * CONFIG_DEBUG_VM), an invalid combination is reported.
 * Return: the zone, or VK_ZONE_INVALID for the 8 GFP_ZONE_BAD combinations.
 */
/*@ assigns \nothing;
    ensures depends_on_nibble: \result == gfp_zone_of(flags.bits % 16);
    behavior bad:
      assumes gfp_zone_bad(flags.bits % 16);
      ensures \result == VK_ZONE_INVALID;
    behavior valid:
      assumes !gfp_zone_bad(flags.bits % 16);
      ensures VK_ZONE_DMA <= \result <= VK_ZONE_MOVABLE;
    complete behaviors;
    disjoint behaviors;
*/
enum vk_zone vk_gfp_zone(vk_gfp_t flags);

/**
 * vk_gfp_migratetype - the page mobility class the flags ask for.
 * @flags: caller flags; only MOVABLE and RECLAIMABLE matter.
 *
 * gfp_migratetype() with mobility grouping enabled.
 * Return: UNMOVABLE, MOVABLE, RECLAIMABLE, or VK_MIGRATE_INVALID for both bits.
 */
/*@ assigns \nothing;
    behavior unmovable:
      assumes !GFP_HAS(flags.bits, VK___GFP_MOVABLE) && !GFP_HAS(flags.bits, VK___GFP_RECLAIMABLE);
      ensures \result == VK_MIGRATE_UNMOVABLE;
    behavior movable:
      assumes GFP_HAS(flags.bits, VK___GFP_MOVABLE) && !GFP_HAS(flags.bits, VK___GFP_RECLAIMABLE);
      ensures \result == VK_MIGRATE_MOVABLE;
    behavior reclaimable:
      assumes !GFP_HAS(flags.bits, VK___GFP_MOVABLE) && GFP_HAS(flags.bits, VK___GFP_RECLAIMABLE);
      ensures \result == VK_MIGRATE_RECLAIMABLE;
    behavior invalid:
      assumes GFP_HAS(flags.bits, VK___GFP_MOVABLE) && GFP_HAS(flags.bits, VK___GFP_RECLAIMABLE);
      ensures \result == VK_MIGRATE_INVALID;
    complete behaviors;
    disjoint behaviors;
*/
enum vk_migratetype vk_gfp_migratetype(vk_gfp_t flags);

/**
 * vk_gfp_scope - apply memalloc scopes to flags (current_gfp_context()).
 * @flags: caller flags.
 * @scope: VK_SCOPE_* bits in force; bits outside VK_SCOPE_MASK are ignored.
 *
 * NOIO clears IO and FS; otherwise NOFS clears FS; PIN clears MOVABLE.
 * Only ever clears bits (each behavior: the result is the flags ANDed with
 * a constant, and every bit outside the cleared ones is unchanged).
 * Return: the effective flags.
 */
/*@ assigns \nothing;
    behavior noio_pin:
      assumes GFP_HAS(scope, VK_SCOPE_NOIO) && GFP_HAS(scope, VK_SCOPE_PIN);
      ensures \result.bits == (flags.bits & 0xffffff37);
      ensures unchanged: (\result.bits & 0xffffff37) == (flags.bits & 0xffffff37);
      ensures !GFP_HAS(\result.bits, VK___GFP_IO);
      ensures !GFP_HAS(\result.bits, VK___GFP_FS);
      ensures !GFP_HAS(\result.bits, VK___GFP_MOVABLE);
    behavior noio:
      assumes GFP_HAS(scope, VK_SCOPE_NOIO) && !GFP_HAS(scope, VK_SCOPE_PIN);
      ensures \result.bits == (flags.bits & 0xffffff3f);
      ensures unchanged: (\result.bits & 0xffffff3f) == (flags.bits & 0xffffff3f);
      ensures !GFP_HAS(\result.bits, VK___GFP_IO);
      ensures !GFP_HAS(\result.bits, VK___GFP_FS);
    behavior nofs_pin:
      assumes !GFP_HAS(scope, VK_SCOPE_NOIO) && GFP_HAS(scope, VK_SCOPE_NOFS) && GFP_HAS(scope, VK_SCOPE_PIN);
      ensures \result.bits == (flags.bits & 0xffffff77);
      ensures unchanged: (\result.bits & 0xffffff77) == (flags.bits & 0xffffff77);
      ensures !GFP_HAS(\result.bits, VK___GFP_FS);
      ensures !GFP_HAS(\result.bits, VK___GFP_MOVABLE);
    behavior nofs:
      assumes !GFP_HAS(scope, VK_SCOPE_NOIO) && GFP_HAS(scope, VK_SCOPE_NOFS) && !GFP_HAS(scope, VK_SCOPE_PIN);
      ensures \result.bits == (flags.bits & 0xffffff7f);
      ensures unchanged: (\result.bits & 0xffffff7f) == (flags.bits & 0xffffff7f);
      ensures !GFP_HAS(\result.bits, VK___GFP_FS);
    behavior pin:
      assumes !GFP_HAS(scope, VK_SCOPE_NOIO) && !GFP_HAS(scope, VK_SCOPE_NOFS) && GFP_HAS(scope, VK_SCOPE_PIN);
      ensures \result.bits == (flags.bits & 0xfffffff7);
      ensures unchanged: (\result.bits & 0xfffffff7) == (flags.bits & 0xfffffff7);
      ensures !GFP_HAS(\result.bits, VK___GFP_MOVABLE);
    behavior none:
      assumes !GFP_HAS(scope, VK_SCOPE_NOIO) && !GFP_HAS(scope, VK_SCOPE_NOFS) && !GFP_HAS(scope, VK_SCOPE_PIN);
      ensures \result.bits == flags.bits;
    complete behaviors;
    disjoint behaviors;
*/
vk_gfp_t vk_gfp_scope(vk_gfp_t flags, uint32_t scope);

/**
 * vk_gfp_problems - which warned-about combinations the flags contain.
 * @flags: caller flags.
 * @order: page order of the request (0 for a slab object).
 *
 * Return: one boolean per problem; all false for sound flags.
 */
/*@ assigns \nothing;
    ensures \result.unknown_bits <==> GFP_HAS(flags.bits, 0xff000000);
    ensures \result.bad_zone <==> gfp_zone_bad(flags.bits % 16);
    ensures \result.nofail_without_reclaim <==>
      (GFP_HAS(flags.bits, VK___GFP_NOFAIL) && !GFP_HAS(flags.bits, VK___GFP_DIRECT_RECLAIM));
    ensures \result.nofail_high_order <==> (GFP_HAS(flags.bits, VK___GFP_NOFAIL) && order > 1);
    ensures \result.movable_and_reclaimable <==>
      (GFP_HAS(flags.bits, VK___GFP_MOVABLE) && GFP_HAS(flags.bits, VK___GFP_RECLAIMABLE));
    ensures \result.slab_strips <==> GFP_HAS(flags.bits, VK_GFP_SLAB_BUG_MASK);
*/
struct vk_gfp_problems vk_gfp_problems(vk_gfp_t flags, unsigned int order);

/**
 * vk_gfp_slab_fix - the flags slab really uses (kmalloc_fix_flags()).
 * @flags: caller flags.
 *
 * Return: @flags without the GFP_SLAB_BUG_MASK bits (DMA32, HIGHMEM, and
 * bits 27..31, outside __GFP_BITS_MASK).
 */
/*@ assigns \nothing;
    ensures \result.bits == (flags.bits & 0x07fffff9);
    ensures !GFP_HAS(\result.bits, VK___GFP_DMA32) && !GFP_HAS(\result.bits, VK___GFP_HIGHMEM);
*/
vk_gfp_t vk_gfp_slab_fix(vk_gfp_t flags);

/**
 * vk_api_flags - the flags an allocation entry point passes down.
 * @api: the entry point.
 * @caller: the flags its caller gave (ignored by vmalloc and vzalloc,
 *          which always use GFP_KERNEL).
 * @out: where to store the flags.
 *
 * The z- and c- forms add __GFP_ZERO; kmalloc_array and kvmalloc_array pass
 * the caller's flags through.
 * Return: true, or false (and @out set to @caller) for an unknown @api.
 */
/*@ requires \valid(out);
    assigns *out;
    behavior pass:
      assumes api == VK_API_KMALLOC || api == VK_API_KMALLOC_ARRAY ||
              api == VK_API_KVMALLOC || api == VK_API_KVMALLOC_ARRAY;
      ensures \result == \true && out->bits == caller.bits;
    behavior zero:
      assumes api == VK_API_KZALLOC || api == VK_API_KCALLOC ||
              api == VK_API_KVZALLOC || api == VK_API_KVCALLOC;
      ensures \result == \true && out->bits == (caller.bits | VK___GFP_ZERO);
      ensures GFP_HAS(out->bits, VK___GFP_ZERO);
    behavior vmalloc:
      assumes api == VK_API_VMALLOC;
      ensures \result == \true && out->bits == VK_GFP_KERNEL_BITS;
    behavior vzalloc:
      assumes api == VK_API_VZALLOC;
      ensures \result == \true && out->bits == (VK_GFP_KERNEL_BITS | VK___GFP_ZERO);
    behavior unknown:
      assumes !(0 <= api < VK_API_COUNT);
      ensures \result == \false && out->bits == caller.bits;
    complete behaviors;
    disjoint behaviors;
*/
bool vk_api_flags(enum vk_api api, vk_gfp_t caller, vk_gfp_t *out);

#endif /* VK_GFP_H */
