/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * test_addr.c - table-driven unit tests of core/vk_addr.h (reference §4:
 * x86_64 4-level and 5-level layouts, is_vmalloc_addr = START <= x < END
 * with the inclusive VMALLOC_END, ZERO_OR_NULL_PTR = x <= 16, kvfree =
 * vfree for vmalloc addresses else kfree, page lookup via vmalloc_to_page
 * or virt_to_page).  Addresses and page-frame numbers are literals.
 */
#include <stdint.h>

#include "core/vk_addr.h"
#include "tests/core/check.h"

#define U64MAX UINT64_C(0xffffffffffffffff)
#define NOPFN U64MAX

enum { C_NULL, C_ZERO, C_DIRECT, C_VMALLOC, C_MODULE, C_UNKNOWN };
enum { FR_NOOP, FR_KFREE, FR_VFREE, FR_REJECT };
enum { PG_NONE, PG_VIRT, PG_VMALLOC };

struct addr_row {
	uint64_t addr;
	int cls;
	int is_vmalloc;
	int free_route;
	int page_route;
	uint64_t pfn;
};

/* x86_64 4-level: direct 0xffff888000000000 +64 TiB, vmalloc to 0xffffe8ffffffffff. */
static const struct addr_row rows_4level[] = {
	{ 0, C_NULL, 0, FR_NOOP, PG_NONE, NOPFN },
	{ 1, C_ZERO, 0, FR_NOOP, PG_NONE, NOPFN },
	{ 16, C_ZERO, 0, FR_NOOP, PG_NONE, NOPFN },
	{ 17, C_UNKNOWN, 0, FR_REJECT, PG_NONE, NOPFN },
	{ UINT64_C(0x00007fffffffffff), C_UNKNOWN, 0, FR_REJECT, PG_NONE, NOPFN },
	{ UINT64_C(0xffff887fffffffff), C_UNKNOWN, 0, FR_REJECT, PG_NONE, NOPFN },
	{ UINT64_C(0xffff888000000000), C_DIRECT, 0, FR_KFREE, PG_VIRT, 0 },
	{ UINT64_C(0xffff888000000fff), C_DIRECT, 0, FR_KFREE, PG_VIRT, 0 },
	{ UINT64_C(0xffff888000001000), C_DIRECT, 0, FR_KFREE, PG_VIRT, 1 },
	{ UINT64_C(0xffffc87fffffffff), C_DIRECT, 0, FR_KFREE, PG_VIRT, UINT64_C(0x3ffffffff) },
	{ UINT64_C(0xffffc88000000000), C_UNKNOWN, 0, FR_REJECT, PG_NONE, NOPFN },
	{ UINT64_C(0xffffc8ffffffffff), C_UNKNOWN, 0, FR_REJECT, PG_NONE, NOPFN },
	{ UINT64_C(0xffffc90000000000), C_VMALLOC, 1, FR_VFREE, PG_VMALLOC, NOPFN },
	{ UINT64_C(0xffffe8fffffffffe), C_VMALLOC, 1, FR_VFREE, PG_VMALLOC, NOPFN },
	{ UINT64_C(0xffffe8ffffffffff), C_UNKNOWN, 0, FR_REJECT, PG_NONE, NOPFN },
	{ UINT64_C(0xffffea0000000000), C_UNKNOWN, 0, FR_REJECT, PG_NONE, NOPFN },
	{ UINT64_C(0xffffffffbfffffff), C_UNKNOWN, 0, FR_REJECT, PG_NONE, NOPFN },
	{ UINT64_C(0xffffffffc0000000), C_MODULE, 0, FR_REJECT, PG_VMALLOC, NOPFN },
	{ UINT64_C(0xfffffffffeffffff), C_MODULE, 0, FR_REJECT, PG_VMALLOC, NOPFN },
	{ UINT64_C(0xffffffffff000000), C_UNKNOWN, 0, FR_REJECT, PG_NONE, NOPFN },
	{ U64MAX, C_UNKNOWN, 0, FR_REJECT, PG_NONE, NOPFN },
};

/* x86_64 5-level: direct 0xff11000000000000 +32 PiB, vmalloc to 0xffd1ffffffffffff. */
static const struct addr_row rows_5level[] = {
	{ 0, C_NULL, 0, FR_NOOP, PG_NONE, NOPFN },
	{ 1, C_ZERO, 0, FR_NOOP, PG_NONE, NOPFN },
	{ 16, C_ZERO, 0, FR_NOOP, PG_NONE, NOPFN },
	{ 17, C_UNKNOWN, 0, FR_REJECT, PG_NONE, NOPFN },
	{ UINT64_C(0x00ffffffffffffff), C_UNKNOWN, 0, FR_REJECT, PG_NONE, NOPFN },
	{ UINT64_C(0xff10ffffffffffff), C_UNKNOWN, 0, FR_REJECT, PG_NONE, NOPFN },
	{ UINT64_C(0xff11000000000000), C_DIRECT, 0, FR_KFREE, PG_VIRT, 0 },
	{ UINT64_C(0xff11000000002000), C_DIRECT, 0, FR_KFREE, PG_VIRT, 2 },
	{ UINT64_C(0xff90ffffffffffff), C_DIRECT, 0, FR_KFREE, PG_VIRT, UINT64_C(0x7ffffffffff) },
	{ UINT64_C(0xff91000000000000), C_UNKNOWN, 0, FR_REJECT, PG_NONE, NOPFN },
	{ UINT64_C(0xff9fffffffffffff), C_UNKNOWN, 0, FR_REJECT, PG_NONE, NOPFN },
	{ UINT64_C(0xffa0000000000000), C_VMALLOC, 1, FR_VFREE, PG_VMALLOC, NOPFN },
	{ UINT64_C(0xffd1fffffffffffe), C_VMALLOC, 1, FR_VFREE, PG_VMALLOC, NOPFN },
	{ UINT64_C(0xffd1ffffffffffff), C_UNKNOWN, 0, FR_REJECT, PG_NONE, NOPFN },
	{ UINT64_C(0xffffc90000000000), C_UNKNOWN, 0, FR_REJECT, PG_NONE, NOPFN },
	{ UINT64_C(0xffffffffbfffffff), C_UNKNOWN, 0, FR_REJECT, PG_NONE, NOPFN },
	{ UINT64_C(0xffffffffc0000000), C_MODULE, 0, FR_REJECT, PG_VMALLOC, NOPFN },
	{ UINT64_C(0xfffffffffeffffff), C_MODULE, 0, FR_REJECT, PG_VMALLOC, NOPFN },
	{ UINT64_C(0xffffffffff000000), C_UNKNOWN, 0, FR_REJECT, PG_NONE, NOPFN },
	{ U64MAX, C_UNKNOWN, 0, FR_REJECT, PG_NONE, NOPFN },
};

/*
 * An invalid, overlapping layout: direct [0x10000, 0x30000), vmalloc
 * [0x20000, 0x40000), modules [0x38000, 0x50000).  Classification is still
 * total, testing direct, then vmalloc, then modules.
 */
static const struct addr_row rows_overlap[] = {
	{ 0, C_NULL, 0, FR_NOOP, PG_NONE, NOPFN },
	{ 16, C_ZERO, 0, FR_NOOP, PG_NONE, NOPFN },
	{ 0xffff, C_UNKNOWN, 0, FR_REJECT, PG_NONE, NOPFN },
	{ 0x10000, C_DIRECT, 0, FR_KFREE, PG_VIRT, 0 },
	{ 0x20000, C_DIRECT, 1, FR_KFREE, PG_VIRT, 0x10 },
	{ 0x2ffff, C_DIRECT, 1, FR_KFREE, PG_VIRT, 0x1f },
	{ 0x30000, C_VMALLOC, 1, FR_VFREE, PG_VMALLOC, NOPFN },
	{ 0x38000, C_VMALLOC, 1, FR_VFREE, PG_VMALLOC, NOPFN },
	{ 0x40000, C_MODULE, 0, FR_REJECT, PG_VMALLOC, NOPFN },
	{ 0x4ffff, C_MODULE, 0, FR_REJECT, PG_VMALLOC, NOPFN },
	{ 0x50000, C_UNKNOWN, 0, FR_REJECT, PG_NONE, NOPFN },
};

/* A direct map starting at 0 (invalid): 0..16 keep their NULL/ZERO class. */
static const struct addr_row rows_low_direct[] = {
	{ 0, C_NULL, 0, FR_NOOP, PG_NONE, NOPFN },
	{ 1, C_ZERO, 0, FR_NOOP, PG_NONE, NOPFN },
	{ 16, C_ZERO, 0, FR_NOOP, PG_NONE, NOPFN },
	{ 17, C_DIRECT, 0, FR_KFREE, PG_VIRT, 0 },
	{ 0xfff, C_DIRECT, 0, FR_KFREE, PG_VIRT, 0 },
	{ 0x1000, C_UNKNOWN, 0, FR_REJECT, PG_NONE, NOPFN },
};

/* An all-empty layout: nothing is in any range. */
static const struct addr_row rows_empty[] = {
	{ 0, C_NULL, 0, FR_NOOP, PG_NONE, NOPFN },
	{ 16, C_ZERO, 0, FR_NOOP, PG_NONE, NOPFN },
	{ 17, C_UNKNOWN, 0, FR_REJECT, PG_NONE, NOPFN },
	{ U64MAX, C_UNKNOWN, 0, FR_REJECT, PG_NONE, NOPFN },
};

struct layout_row {
	struct vk_layout layout;
	int valid;
};

static const struct layout_row layout_rows[] = {
	/* a small valid layout */
	{ { { 0x10000, 0x20000 }, { 0x20000, 0x30000 }, { 0x40000, 0x41000 } }, 1 },
	/* ends one byte before a page (inclusive VMALLOC_END style) */
	{ { { 0x10000, 0x20000 }, { 0x20000, 0x2ffff }, { 0x40000, 0x41000 } }, 1 },
	/* overlapping direct/vmalloc */
	{ { { 0x10000, 0x30000 }, { 0x20000, 0x40000 }, { 0x50000, 0x60000 } }, 0 },
	/* overlapping vmalloc/modules */
	{ { { 0x10000, 0x20000 }, { 0x20000, 0x40000 }, { 0x38000, 0x50000 } }, 0 },
	/* overlapping direct/modules */
	{ { { 0x10000, 0x20000 }, { 0x30000, 0x40000 }, { 0x1f000, 0x21000 } }, 0 },
	/* unaligned start */
	{ { { 0x10001, 0x20000 }, { 0x20000, 0x30000 }, { 0x40000, 0x41000 } }, 0 },
	/* unaligned end (neither a page nor one before) */
	{ { { 0x10000, 0x20000 }, { 0x20000, 0x2fffe }, { 0x40000, 0x41000 } }, 0 },
	/* empty range */
	{ { { 0x10000, 0x20000 }, { 0x30000, 0x30000 }, { 0x40000, 0x41000 } }, 0 },
	/* reversed range */
	{ { { 0x20000, 0x10000 }, { 0x30000, 0x40000 }, { 0x40000, 0x41000 } }, 0 },
	/* starts at 0 (would hold NULL and ZERO_SIZE_PTR) */
	{ { { 0x0, 0x1000 }, { 0x20000, 0x30000 }, { 0x40000, 0x41000 } }, 0 },
	/* all zero */
	{ { { 0, 0 }, { 0, 0 }, { 0, 0 } }, 0 },
};

static void check_rows(const struct vk_layout *l, const struct addr_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct addr_row *r = &rows[i];

		CHECK_EQ(i, vk_addr_classify(l, r->addr), r->cls);
		CHECK_EQ(i, vk_is_vmalloc_addr(l, r->addr), r->is_vmalloc);
		CHECK_EQ(i, vk_free_route(l, r->addr), r->free_route);
		CHECK_EQ(i, vk_page_route(l, r->addr), r->page_route);
		CHECK_EQ(i, vk_direct_pfn(l, r->addr), r->pfn);
	}
}

static void test_presets(void)
{
	struct vk_layout l4 = vk_layout_x86_64_4level();
	struct vk_layout l5 = vk_layout_x86_64_5level();

	CHECK_EQ(-1, l4.direct.start, UINT64_C(0xffff888000000000));
	CHECK_EQ(-1, l4.direct.end, UINT64_C(0xffffc88000000000));
	CHECK_EQ(-1, l4.vmalloc.start, UINT64_C(0xffffc90000000000));
	CHECK_EQ(-1, l4.vmalloc.end, UINT64_C(0xffffe8ffffffffff));
	CHECK_EQ(-1, l4.modules.start, UINT64_C(0xffffffffc0000000));
	CHECK_EQ(-1, l4.modules.end, UINT64_C(0xffffffffff000000));
	CHECK_EQ(-1, l5.direct.start, UINT64_C(0xff11000000000000));
	CHECK_EQ(-1, l5.direct.end, UINT64_C(0xff91000000000000));
	CHECK_EQ(-1, l5.vmalloc.start, UINT64_C(0xffa0000000000000));
	CHECK_EQ(-1, l5.vmalloc.end, UINT64_C(0xffd1ffffffffffff));
	CHECK_EQ(-1, l5.modules.start, UINT64_C(0xffffffffc0000000));
	CHECK_EQ(-1, l5.modules.end, UINT64_C(0xffffffffff000000));
	CHECK_EQ(-1, vk_layout_valid(&l4), 1);
	CHECK_EQ(-1, vk_layout_valid(&l5), 1);
	CHECK_EQ(-1, VK_PFN_INVALID, U64MAX);
	check_rows(&l4, rows_4level, ROWS(rows_4level));
	check_rows(&l5, rows_5level, ROWS(rows_5level));
}

static void test_layouts(void)
{
	const struct vk_layout overlap = { { 0x10000, 0x30000 }, { 0x20000, 0x40000 },
					   { 0x38000, 0x50000 } };
	const struct vk_layout low = { { 0x0, 0x1000 }, { 0x20000, 0x30000 },
				       { 0x40000, 0x41000 } };
	const struct vk_layout empty = { { 0, 0 }, { 0, 0 }, { 0, 0 } };

	for (size_t i = 0; i < ROWS(layout_rows); i++)
		CHECK_EQ(i, vk_layout_valid(&layout_rows[i].layout), layout_rows[i].valid);
	CHECK_EQ(-1, vk_layout_valid(&overlap), 0);
	CHECK_EQ(-1, vk_layout_valid(&low), 0);
	CHECK_EQ(-1, vk_layout_valid(&empty), 0);
	check_rows(&overlap, rows_overlap, ROWS(rows_overlap));
	check_rows(&low, rows_low_direct, ROWS(rows_low_direct));
	check_rows(&empty, rows_empty, ROWS(rows_empty));
}

/**
 * main - run every vk_addr table.
 *
 * Return: 0 if every check passed, 1 otherwise.
 */
int main(void)
{
	test_presets();
	test_layouts();
	return vk_check_report("test_addr");
}
