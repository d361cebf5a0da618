/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * test_gfp.c - table-driven unit tests of core/vk_gfp.h.  Every expected
 * value is a literal taken from the reference (linux-alloc-semantics.md
 * §3: bit layout v5.10+/6.1, composite masks, gfp_zone table 0x1320122
 * with GFP_ZONE_BAD 0xe8e8, gfp_migratetype, current_gfp_context).
 */
#include <stdint.h>

#include "core/vk_gfp.h"
#include "tests/core/check.h"

/* Zone numbers as literals (x86_64: DMA=0, DMA32=1, NORMAL=2, MOVABLE=3). */
#define Z_BAD (-1)
#define Z_DMA 0
#define Z_DMA32 1
#define Z_NORMAL 2
#define Z_MOVABLE 3

struct composite_row {
	uint32_t macro_bits;
	uint32_t literal_bits;
	int blocking;
	int zone;
	int migratetype;
};

static const struct composite_row composites[] = {
	{ VK_GFP_KERNEL_BITS, 0xcc0u, 1, Z_NORMAL, 0 },
	{ VK_GFP_KERNEL_ACCOUNT_BITS, 0x400cc0u, 1, Z_NORMAL, 0 },
	{ VK_GFP_ATOMIC_BITS, 0xa20u, 0, Z_NORMAL, 0 },
	{ VK_GFP_NOWAIT_BITS, 0x800u, 0, Z_NORMAL, 0 },
	{ VK_GFP_NOIO_BITS, 0xc00u, 1, Z_NORMAL, 0 },
	{ VK_GFP_NOFS_BITS, 0xc40u, 1, Z_NORMAL, 0 },
	{ VK_GFP_USER_BITS, 0x100cc0u, 1, Z_NORMAL, 0 },
	{ VK_GFP_DMA_BITS, 0x1u, 0, Z_DMA, 0 },
	{ VK_GFP_DMA32_BITS, 0x4u, 0, Z_DMA32, 0 },
	{ VK_GFP_HIGHUSER_BITS, 0x100cc2u, 1, Z_NORMAL, 0 },
	{ VK_GFP_HIGHUSER_MOVABLE_BITS, 0x100ccau, 1, Z_MOVABLE, 1 },
	{ VK_GFP_TRANSHUGE_LIGHT_BITS, 0x1c20cau, 0, Z_MOVABLE, 1 },
	{ VK_GFP_TRANSHUGE_BITS, 0x1c24cau, 1, Z_MOVABLE, 1 },
};

/* Single bits of the pinned layout (reference §3.1, v5.10 column). */
static const uint32_t single_bits[][2] = {
	{ VK___GFP_DMA, 0x01u }, { VK___GFP_HIGHMEM, 0x02u }, { VK___GFP_DMA32, 0x04u },
	{ VK___GFP_MOVABLE, 0x08u }, { VK___GFP_RECLAIMABLE, 0x10u }, { VK___GFP_HIGH, 0x20u },
	{ VK___GFP_IO, 0x40u }, { VK___GFP_FS, 0x80u }, { VK___GFP_ZERO, 0x100u },
	{ VK___GFP_ATOMIC, 0x200u }, { VK___GFP_DIRECT_RECLAIM, 0x400u },
	{ VK___GFP_KSWAPD_RECLAIM, 0x800u }, { VK___GFP_WRITE, 0x1000u },
	{ VK___GFP_NOWARN, 0x2000u }, { VK___GFP_RETRY_MAYFAIL, 0x4000u },
	{ VK___GFP_NOFAIL, 0x8000u }, { VK___GFP_NORETRY, 0x10000u },
	{ VK___GFP_MEMALLOC, 0x20000u }, { VK___GFP_COMP, 0x40000u },
	{ VK___GFP_NOMEMALLOC, 0x80000u }, { VK___GFP_HARDWALL, 0x100000u },
	{ VK___GFP_THISNODE, 0x200000u }, { VK___GFP_ACCOUNT, 0x400000u },
	{ VK___GFP_ZEROTAGS, 0x800000u }, { VK___GFP_RECLAIM, 0xc00u },
	{ VK_GFP_ZONEMASK, 0xfu }, { VK_GFP_KNOWN_MASK, 0xffffffu },
	{ VK_GFP_SLAB_BUG_MASK, 0xf8000006u }, { VK_GFP_BITS_MASK, 0x07ffffffu },
};

/* gfp_zone for every low nibble: table 0x1320122, bad set 0xe8e8. */
static const int nibble_zone[16] = {
	Z_NORMAL, Z_DMA, Z_NORMAL, Z_BAD, Z_DMA32, Z_BAD, Z_BAD, Z_BAD,
	Z_NORMAL, Z_DMA, Z_MOVABLE, Z_BAD, Z_DMA32, Z_BAD, Z_BAD, Z_BAD,
};

/* High bits that must not change the zone. */
static const uint32_t zone_noise[] = { 0x0u, 0xcc0u, 0x10u, 0xfffffff0u, 0xff000000u };

struct flag_row {
	uint32_t flags;
	int want;
};

static const struct flag_row blocking_rows[] = {
	{ 0x0u, 0 }, { 0x400u, 1 }, { 0x800u, 0 }, { 0xc00u, 1 }, { 0xfffffbffu, 0 },
	{ 0xffffffffu, 1 }, { 0x8000u, 0 }, { 0x8400u, 1 },
};

static const struct flag_row migrate_rows[] = {
	{ 0x0u, 0 }, { 0x8u, 1 }, { 0x10u, 2 }, { 0x18u, 3 }, { 0xffffffe7u, 0 },
	{ 0xffffffffu, 3 }, { 0xcc8u, 1 }, { 0xcd0u, 2 }, { 0x7u, 0 },
};

struct scope_row {
	uint32_t flags;
	uint32_t scope;
	uint32_t want;
};

static const struct scope_row scope_rows[] = {
	{ 0xffffffffu, 0x0u, 0xffffffffu },
	{ 0xffffffffu, 0x1u, 0xffffff3fu }, /* NOIO: -IO -FS */
	{ 0xffffffffu, 0x2u, 0xffffff7fu }, /* NOFS: -FS */
	{ 0xffffffffu, 0x3u, 0xffffff3fu }, /* NOIO dominates NOFS */
	{ 0xffffffffu, 0x4u, 0xfffffff7u }, /* PIN: -MOVABLE */
	{ 0xffffffffu, 0x5u, 0xffffff37u },
	{ 0xffffffffu, 0x6u, 0xffffff77u },
	{ 0xffffffffu, 0x7u, 0xffffff37u },
	{ 0xffffffffu, 0x8u, 0xffffffffu }, /* bits outside the scope mask: ignored */
	{ 0xffffffffu, 0xfffffff8u, 0xffffffffu },
	{ 0xffffffffu, 0xfffffff9u, 0xffffff3fu },
	{ 0xcc0u, 0x1u, 0xc00u },           /* GFP_KERNEL under NOIO == GFP_NOIO */
	{ 0xcc0u, 0x2u, 0xc40u },           /* GFP_KERNEL under NOFS == GFP_NOFS */
	{ 0xcc0u, 0x4u, 0xcc0u },
	{ 0xc40u, 0x1u, 0xc00u },
	{ 0xa20u, 0x7u, 0xa20u },           /* GFP_ATOMIC has nothing to clear */
	{ 0x100ccau, 0x5u, 0x100c02u },
	{ 0x100ccau, 0x2u, 0x100c4au },
	{ 0x100ccau, 0x4u, 0x100cc2u },
	{ 0x0u, 0x7u, 0x0u },
};

struct problems_row {
	uint32_t flags;
	unsigned int order;
	int unknown, bad_zone, nofail_noreclaim, nofail_high, mov_recl, slab_strips;
};

static const struct problems_row problems_rows[] = {
	{ 0xcc0u, 0u, 0, 0, 0, 0, 0, 0 },
	{ 0x1u, 0u, 0, 0, 0, 0, 0, 0 },          /* GFP_DMA is fine for slab */
	{ 0x4u, 0u, 0, 0, 0, 0, 0, 1 },          /* GFP_DMA32 is in the bug mask */
	{ 0x100cc2u, 0u, 0, 0, 0, 0, 0, 1 },     /* HIGHMEM */
	{ 0x1000000u, 0u, 1, 0, 0, 0, 0, 0 },    /* bit 24: no meaning, but inside __GFP_BITS_MASK */
	{ 0x4000000u, 0u, 1, 0, 0, 0, 0, 0 },    /* bit 26: likewise */
	{ 0x8000000u, 0u, 1, 0, 0, 0, 0, 1 },    /* bit 27: outside, slab strips it */
	{ 0x80000000u, 0u, 1, 0, 0, 0, 0, 1 },
	{ 0x3u, 0u, 0, 1, 0, 0, 0, 1 },
	{ 0x5u, 0u, 0, 1, 0, 0, 0, 1 },
	{ 0x9u, 0u, 0, 0, 0, 0, 0, 0 },
	{ 0xbu, 0u, 0, 1, 0, 0, 0, 1 },
	{ 0x8000u, 0u, 0, 0, 1, 0, 0, 0 },
	{ 0x8cc0u, 1u, 0, 0, 0, 0, 0, 0 },
	{ 0x8cc0u, 2u, 0, 0, 0, 1, 0, 0 },
	{ 0x8cc0u, 0xffffffffu, 0, 0, 0, 1, 0, 0 },
	{ 0xcc0u, 10u, 0, 0, 0, 0, 0, 0 },
	{ 0x8a20u, 3u, 0, 0, 1, 1, 0, 0 },
	{ 0x18u, 0u, 0, 0, 0, 0, 1, 0 },
	{ 0xffffffffu, 2u, 1, 1, 0, 1, 1, 1 },
	{ 0xfffffbffu, 2u, 1, 1, 1, 1, 1, 1 },
	{ 0x0u, 0u, 0, 0, 0, 0, 0, 0 },
};

static const uint32_t slab_fix_rows[][2] = {
	{ 0xffffffffu, 0x07fffff9u }, { 0x100cc2u, 0x100cc0u }, { 0x4u, 0x0u },
	{ 0xcc0u, 0xcc0u }, { 0xf8000006u, 0x0u }, { 0x1u, 0x1u }, { 0x7000000u, 0x7000000u },
};

struct api_row {
	int api;
	uint32_t caller;
	int ok;
	uint32_t want;
};

static const struct api_row api_rows[] = {
	{ 0, 0xa20u, 1, 0xa20u },   /* kmalloc */
	{ 1, 0xa20u, 1, 0xb20u },   /* kzalloc */
	{ 2, 0xa20u, 1, 0xb20u },   /* kcalloc */
	{ 3, 0xa20u, 1, 0xa20u },   /* kmalloc_array */
	{ 4, 0xa20u, 1, 0xcc0u },   /* vmalloc: GFP_KERNEL */
	{ 5, 0xa20u, 1, 0xdc0u },   /* vzalloc: GFP_KERNEL | ZERO */
	{ 6, 0xc40u, 1, 0xc40u },   /* kvmalloc */
	{ 7, 0xc40u, 1, 0xd40u },   /* kvzalloc */
	{ 8, 0xc40u, 1, 0xd40u },   /* kvcalloc */
	{ 9, 0xc40u, 1, 0xc40u },   /* kvmalloc_array */
	{ 1, 0x100u, 1, 0x100u },   /* ZERO already set */
	{ 4, 0x0u, 1, 0xcc0u },
	{ 10, 0xc40u, 0, 0xc40u },  /* VK_API_COUNT: unknown */
	{ 99, 0x1234u, 0, 0x1234u },
	{ -1, 0xcc0u, 0, 0xcc0u },
};

static void test_literals(void)
{
	for (size_t i = 0; i < ROWS(single_bits); i++)
		CHECK_EQ(i, single_bits[i][0], single_bits[i][1]);
	CHECK_EQ(-1, VK_GFP_KERNEL.bits, 0xcc0u);
	CHECK_EQ(-1, VK_GFP_TRANSHUGE.bits, 0x1c24cau);
}

static void test_composites(void)
{
	for (size_t i = 0; i < ROWS(composites); i++) {
		const struct composite_row *r = &composites[i];
		vk_gfp_t f = VK_GFP(r->literal_bits);

		CHECK_EQ(i, r->macro_bits, r->literal_bits);
		CHECK_EQ(i, vk_gfp_allow_blocking(f), r->blocking);
		CHECK_EQ(i, vk_gfp_zone(f), r->zone);
		CHECK_EQ(i, vk_gfp_migratetype(f), r->migratetype);
	}
}

static void test_zone_nibbles(void)
{
	for (uint32_t nib = 0; nib < 16u; nib++)
		for (size_t j = 0; j < ROWS(zone_noise); j++)
			CHECK_EQ(nib, vk_gfp_zone(VK_GFP(nib | zone_noise[j])), nibble_zone[nib]);
}

static void test_blocking_and_migrate(void)
{
	for (size_t i = 0; i < ROWS(blocking_rows); i++)
		CHECK_EQ(i, vk_gfp_allow_blocking(VK_GFP(blocking_rows[i].flags)), blocking_rows[i].want);
	for (size_t i = 0; i < ROWS(migrate_rows); i++)
		CHECK_EQ(i, vk_gfp_migratetype(VK_GFP(migrate_rows[i].flags)), migrate_rows[i].want);
}

static void test_scope(void)
{
	for (size_t i = 0; i < ROWS(scope_rows); i++) {
		const struct scope_row *r = &scope_rows[i];

		CHECK_EQ(i, vk_gfp_scope(VK_GFP(r->flags), r->scope).bits, r->want);
	}
}

static void test_problems(void)
{
	for (size_t i = 0; i < ROWS(problems_rows); i++) {
		const struct problems_row *r = &problems_rows[i];
		struct vk_gfp_problems p = vk_gfp_problems(VK_GFP(r->flags), r->order);

		CHECK_EQ(i, p.unknown_bits, r->unknown);
		CHECK_EQ(i, p.bad_zone, r->bad_zone);
		CHECK_EQ(i, p.nofail_without_reclaim, r->nofail_noreclaim);
		CHECK_EQ(i, p.nofail_high_order, r->nofail_high);
		CHECK_EQ(i, p.movable_and_reclaimable, r->mov_recl);
		CHECK_EQ(i, p.slab_strips, r->slab_strips);
	}
	for (size_t i = 0; i < ROWS(slab_fix_rows); i++)
		CHECK_EQ(i, vk_gfp_slab_fix(VK_GFP(slab_fix_rows[i][0])).bits, slab_fix_rows[i][1]);
}

static void test_api_flags(void)
{
	for (size_t i = 0; i < ROWS(api_rows); i++) {
		const struct api_row *r = &api_rows[i];
		vk_gfp_t out = VK_GFP(0xdeadbeefu);
		bool ok = vk_api_flags((enum vk_api)r->api, VK_GFP(r->caller), &out);

		CHECK_EQ(i, ok, r->ok);
		CHECK_EQ(i, out.bits, r->want);
	}
}

/**
 * main - run every vk_gfp table.
 *
 * Return: 0 if every check passed, 1 otherwise.
 */
int main(void)
{
	test_literals();
	test_composites();
	test_zone_nibbles();
	test_blocking_and_migrate();
	test_scope();
	test_problems();
	test_api_flags();
	return vk_check_report("test_gfp");
}
