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
/* Bits slab strips with a warning (GFP_SLAB_BUG_MASK): DMA32, HIGHMEM, unknown. */
#define VK_GFP_SLAB_BUG_MASK    (VK___GFP_DMA32 | VK___GFP_HIGHMEM | 0xff000000u)

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

/* Problems reported by vk_gfp_problems(); a bit set means "kernel warns". */
#define VK_GFP_PROB_UNKNOWN_BITS        0x01u /* bits outside VK_GFP_KNOWN_MASK */
#define VK_GFP_PROB_BAD_ZONE            0x02u /* invalid low-nibble combination */
#define VK_GFP_PROB_NOFAIL_NO_RECLAIM   0x04u /* NOFAIL without DIRECT_RECLAIM */
#define VK_GFP_PROB_NOFAIL_HIGH_ORDER   0x08u /* NOFAIL with order > 1 */
#define VK_GFP_PROB_MOVABLE_RECLAIMABLE 0x10u /* both mobility bits */
#define VK_GFP_PROB_SLAB_BUG            0x20u /* slab would strip bits */
#define VK_GFP_PROB_BAD_SCOPE           0x40u /* (vk_gfp_scope) unknown scope bits */

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

bool vk_gfp_allow_blocking(vk_gfp_t flags);
enum vk_zone vk_gfp_zone(vk_gfp_t flags);
enum vk_migratetype vk_gfp_migratetype(vk_gfp_t flags);
vk_gfp_t vk_gfp_scope(vk_gfp_t flags, uint32_t scope);
uint32_t vk_gfp_problems(vk_gfp_t flags, unsigned int order);
vk_gfp_t vk_gfp_slab_fix(vk_gfp_t flags);
bool vk_api_flags(enum vk_api api, vk_gfp_t caller, vk_gfp_t *out);

#endif /* VK_GFP_H */
