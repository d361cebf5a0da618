/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vk_kmod_gfp.c - the pinned GFP layout against the headers of the kernel
 * being built for (at compile time), and the core's GFP decisions against
 * the kernel's own definitions (at run time).
 */
#include <linux/build_bug.h>
#include <linux/gfp.h>
#include <linux/mmzone.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>

#include "vk_kmod.h"

#define VK_PIN_BIT(name) \
	BUILD_BUG_ON(VK___GFP_##name != (__force unsigned int)__GFP_##name)
#define VK_PIN_MASK(name) \
	BUILD_BUG_ON(VK_GFP_##name##_BITS != (__force unsigned int)GFP_##name)

/*
 * Every pinned single bit, composite mask, zone and constant, checked by the
 * compiler. BUILD_BUG_ON only fires in code that is emitted, so this is called.
 */
static void vk_kmod_pinned_layout(void)
{
	VK_PIN_BIT(DMA);
	VK_PIN_BIT(HIGHMEM);
	VK_PIN_BIT(DMA32);
	VK_PIN_BIT(MOVABLE);
	VK_PIN_BIT(RECLAIMABLE);
	VK_PIN_BIT(HIGH);
	VK_PIN_BIT(IO);
	VK_PIN_BIT(FS);
	VK_PIN_BIT(ZERO);
	VK_PIN_BIT(ATOMIC);
	VK_PIN_BIT(DIRECT_RECLAIM);
	VK_PIN_BIT(KSWAPD_RECLAIM);
	VK_PIN_BIT(WRITE);
	VK_PIN_BIT(NOWARN);
	VK_PIN_BIT(RETRY_MAYFAIL);
	VK_PIN_BIT(NOFAIL);
	VK_PIN_BIT(NORETRY);
	VK_PIN_BIT(MEMALLOC);
	VK_PIN_BIT(COMP);
	VK_PIN_BIT(NOMEMALLOC);
	VK_PIN_BIT(HARDWALL);
	VK_PIN_BIT(THISNODE);
	VK_PIN_BIT(ACCOUNT);
	VK_PIN_BIT(ZEROTAGS);
	VK_PIN_BIT(RECLAIM);
	/* The config-dependent bits the pinned layout assumes absent. */
	BUILD_BUG_ON((__force unsigned int)__GFP_SKIP_ZERO != 0);
	BUILD_BUG_ON((__force unsigned int)__GFP_SKIP_KASAN_UNPOISON != 0);
	BUILD_BUG_ON((__force unsigned int)__GFP_SKIP_KASAN_POISON != 0);
	BUILD_BUG_ON((__force unsigned int)__GFP_NOLOCKDEP != 0);
	/* Every pinned bit is a bit the kernel defines. */
	BUILD_BUG_ON((VK_GFP_KNOWN_MASK & ~(__force unsigned int)__GFP_BITS_MASK) != 0);
	/*
	 * GFP_SLAB_BUG_MASK (mm/internal.h, not in the headers) is DMA32 |
	 * HIGHMEM | ~__GFP_BITS_MASK: the core's mask is built from the same.
	 */
	BUILD_BUG_ON(VK_GFP_BITS_MASK != (__force unsigned int)__GFP_BITS_MASK);
	BUILD_BUG_ON(VK_GFP_SLAB_BUG_MASK != (unsigned int)((__force unsigned int)(__GFP_DMA32 |
		     __GFP_HIGHMEM) | ~(__force unsigned int)__GFP_BITS_MASK));
	BUILD_BUG_ON(VK_GFP_ZONEMASK != (__force unsigned int)GFP_ZONEMASK);

	VK_PIN_MASK(KERNEL);
	VK_PIN_MASK(KERNEL_ACCOUNT);
	VK_PIN_MASK(ATOMIC);
	VK_PIN_MASK(NOWAIT);
	VK_PIN_MASK(NOIO);
	VK_PIN_MASK(NOFS);
	VK_PIN_MASK(USER);
	VK_PIN_MASK(DMA);
	VK_PIN_MASK(DMA32);
	VK_PIN_MASK(HIGHUSER);
	VK_PIN_MASK(HIGHUSER_MOVABLE);
	VK_PIN_MASK(TRANSHUGE_LIGHT);
	VK_PIN_MASK(TRANSHUGE);

	BUILD_BUG_ON((int)VK_ZONE_DMA != (int)ZONE_DMA);
	BUILD_BUG_ON((int)VK_ZONE_DMA32 != (int)ZONE_DMA32);
	BUILD_BUG_ON((int)VK_ZONE_NORMAL != (int)ZONE_NORMAL);
	BUILD_BUG_ON((int)VK_ZONE_MOVABLE != (int)ZONE_MOVABLE);
#ifdef CONFIG_ZONE_DEVICE
	BUILD_BUG_ON((int)VK_ZONE_DEVICE != (int)ZONE_DEVICE);
#endif
	BUILD_BUG_ON((int)VK_MIGRATE_UNMOVABLE != (int)MIGRATE_UNMOVABLE);
	BUILD_BUG_ON((int)VK_MIGRATE_MOVABLE != (int)MIGRATE_MOVABLE);
	BUILD_BUG_ON((int)VK_MIGRATE_RECLAIMABLE != (int)MIGRATE_RECLAIMABLE);

	BUILD_BUG_ON(VK_PAGE_SHIFT != PAGE_SHIFT);
	BUILD_BUG_ON(VK_PAGE_SIZE != PAGE_SIZE);
	BUILD_BUG_ON(VK_KMALLOC_MAX_CACHE_SIZE != KMALLOC_MAX_CACHE_SIZE);
	BUILD_BUG_ON(VK_KMALLOC_MAX_SIZE != KMALLOC_MAX_SIZE);
	BUILD_BUG_ON(VK_KMALLOC_MIN_SIZE != KMALLOC_MIN_SIZE);
	BUILD_BUG_ON(VK_KMALLOC_MAX_ORDER != MAX_ORDER - 1);
	BUILD_BUG_ON(VK_ZERO_SIZE_PTR_ADDR != (u64)(uintptr_t)ZERO_SIZE_PTR);
	BUILD_BUG_ON(VK_INT_MAX_BYTES != INT_MAX);
}

/* GFP_ZONE_BAD as a list: the low-nibble values gfp_zone() must not see. */
static bool vk_kmod_zone_bad(unsigned int nibble)
{
	switch (nibble) {
	case 0x3: case 0x5: case 0x6: case 0x7:
	case 0xb: case 0xd: case 0xe: case 0xf:
		return true;
	default:
		return false;
	}
}

/* Bits above the zone nibble that gfp_zone() must ignore. */
static const unsigned int vk_kmod_high_bits[] = {
	0, VK_GFP_KERNEL_BITS, VK_GFP_ATOMIC_BITS, VK___GFP_ZERO | VK___GFP_NOWARN,
	VK___GFP_RECLAIMABLE, VK_GFP_KNOWN_MASK & ~VK_GFP_ZONEMASK,
};

static void vk_kmod_sweep_zone(void)
{
	unsigned int nibble;
	size_t i;

	for (nibble = 0; nibble <= VK_GFP_ZONEMASK; nibble++) {
		for (i = 0; i < ARRAY_SIZE(vk_kmod_high_bits); i++) {
			unsigned int bits = nibble | vk_kmod_high_bits[i];
			enum vk_zone core = vk_kmod_gfp_zone(VK_GFP(bits));

			if (vk_kmod_zone_bad(nibble)) {
				/* gfp_zone() is undefined here (VM_BUG_ON): the core must refuse. */
				vk_kmod_check(VK_GRP_GFP_ZONE, core == VK_ZONE_INVALID,
					      "bad zone nibble not reported invalid", bits, (u64)core);
				continue;
			}
			vk_kmod_check(VK_GRP_GFP_ZONE,
				      (int)core == (int)gfp_zone((__force gfp_t)bits),
				      "vk_gfp_zone != gfp_zone", bits, (u64)core);
		}
	}
	vk_kmod_group_report(VK_GRP_GFP_ZONE);
}

static void vk_kmod_sweep_migratetype(void)
{
	unsigned int bits;

	/*
	 * gfp_migratetype() reads a variable modules cannot link against, so the
	 * oracle is its mobility-grouping branch spelled with the kernel's own
	 * __GFP_MOVABLE, __GFP_RECLAIMABLE and MIGRATE_* values (3 is a VM_WARN_ON).
	 */
	for (bits = 0; bits < 0x40u; bits++) {
		gfp_t gfp = (__force gfp_t)bits;
		unsigned int kernel = (gfp & __GFP_MOVABLE ? MIGRATE_MOVABLE : 0) +
				      (gfp & __GFP_RECLAIMABLE ? MIGRATE_RECLAIMABLE : 0);
		enum vk_migratetype core = vk_gfp_migratetype(VK_GFP(bits | VK_GFP_KERNEL_BITS));

		if (kernel == 3) {
			vk_kmod_check(VK_GRP_GFP_MIGRATETYPE, core == VK_MIGRATE_INVALID,
				      "movable|reclaimable not invalid", bits, (u64)core);
			continue;
		}
		vk_kmod_check(VK_GRP_GFP_MIGRATETYPE, (unsigned int)core == kernel,
			      "vk_gfp_migratetype != kernel", bits, (u64)core);
	}
	vk_kmod_group_report(VK_GRP_GFP_MIGRATETYPE);
}

static const unsigned int vk_kmod_composites[] = {
	VK_GFP_KERNEL_BITS, VK_GFP_KERNEL_ACCOUNT_BITS, VK_GFP_ATOMIC_BITS,
	VK_GFP_NOWAIT_BITS, VK_GFP_NOIO_BITS, VK_GFP_NOFS_BITS, VK_GFP_USER_BITS,
	VK_GFP_DMA_BITS, VK_GFP_DMA32_BITS, VK_GFP_HIGHUSER_BITS,
	VK_GFP_HIGHUSER_MOVABLE_BITS, VK_GFP_TRANSHUGE_LIGHT_BITS,
	VK_GFP_TRANSHUGE_BITS, 0,
};

static void vk_kmod_blocking_one(unsigned int bits)
{
	bool core = vk_gfp_allow_blocking(VK_GFP(bits));

	vk_kmod_check(VK_GRP_GFP_ALLOW_BLOCKING,
		      core == gfpflags_allow_blocking((__force gfp_t)bits),
		      "vk_gfp_allow_blocking != gfpflags_allow_blocking", bits, core);
}

static void vk_kmod_sweep_blocking(void)
{
	unsigned int i, j;

	for (i = 0; i < ARRAY_SIZE(vk_kmod_composites); i++) {
		vk_kmod_blocking_one(vk_kmod_composites[i]);
		for (j = 0; j < 24; j++) {
			vk_kmod_blocking_one(vk_kmod_composites[i] | (1u << j));
			vk_kmod_blocking_one(vk_kmod_composites[i] & ~(1u << j));
		}
	}
	for (i = 0; i < 24; i++)
		for (j = 0; j < 24; j++)
			vk_kmod_blocking_one((1u << i) | (1u << j));
	vk_kmod_group_report(VK_GRP_GFP_ALLOW_BLOCKING);
}

/* current_gfp_context() of @gfp inside the memalloc scopes named by @scope. */
static gfp_t vk_kmod_kernel_scope(gfp_t gfp, unsigned int scope)
{
	unsigned int noio = 0, nofs = 0, pin = 0;
	gfp_t out;

	if (scope & VK_SCOPE_NOIO)
		noio = memalloc_noio_save();
	if (scope & VK_SCOPE_NOFS)
		nofs = memalloc_nofs_save();
	if (scope & VK_SCOPE_PIN)
		pin = memalloc_pin_save();
	out = current_gfp_context(gfp);
	if (scope & VK_SCOPE_PIN)
		memalloc_pin_restore(pin);
	if (scope & VK_SCOPE_NOFS)
		memalloc_nofs_restore(nofs);
	if (scope & VK_SCOPE_NOIO)
		memalloc_noio_restore(noio);
	return out;
}

static void vk_kmod_scope_one(unsigned int bits, unsigned int scope)
{
	vk_gfp_t core = vk_gfp_scope(VK_GFP(bits), scope);
	unsigned int kernel = (__force unsigned int)vk_kmod_kernel_scope((__force gfp_t)bits, scope);

	vk_kmod_check(VK_GRP_GFP_SCOPE, core.bits == kernel,
		      "vk_gfp_scope != current_gfp_context", bits, scope);
}

/*
 * vk_gfp_scope() against current_gfp_context() with the scopes really
 * entered (memalloc_noio/nofs/pin_save on the calling task): every scope
 * combination, on the composites, every single bit and every low byte.
 */
static void vk_kmod_sweep_scope(void)
{
	unsigned int scope, i;

	for (scope = 0; scope <= VK_SCOPE_MASK; scope++) {
		for (i = 0; i < ARRAY_SIZE(vk_kmod_composites); i++)
			vk_kmod_scope_one(vk_kmod_composites[i], scope);
		for (i = 0; i < 24; i++)
			vk_kmod_scope_one(1u << i, scope);
		for (i = 0; i < 0x100u; i++)
			vk_kmod_scope_one(i | VK_GFP_KERNEL_BITS, scope);
	}
	vk_kmod_group_report(VK_GRP_GFP_SCOPE);
}

/**
 * vk_kmod_sweep_gfp - gfp_zone, gfp migrate type, gfpflags_allow_blocking
 * and current_gfp_context of the running kernel against the core.
 */
void vk_kmod_sweep_gfp(void)
{
	vk_kmod_pinned_layout();
	vk_kmod_sweep_zone();
	vk_kmod_sweep_migratetype();
	vk_kmod_sweep_blocking();
	vk_kmod_sweep_scope();
}
