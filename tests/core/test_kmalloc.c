/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * test_kmalloc.c - table-driven unit tests of core/vk_kmalloc.h (reference
 * §2.1-2.2, SLUB x86_64 4 KiB pages: KMALLOC_MAX_CACHE_SIZE 8 KiB,
 * KMALLOC_MAX_SIZE 4 MiB, kmalloc_index 1..8 -> 3, 65..96 -> 1,
 * 129..192 -> 2, else ceil(log2); 0 -> ZERO_SIZE_PTR; above 4 MiB -> NULL).
 */
#include <stdint.h>

#include "core/vk_kmalloc.h"
#include "tests/core/check.h"

#define SMAX UINT64_C(0xffffffffffffffff)
#define INTMAX UINT64_C(0x7fffffff)
#define KMAX UINT64_C(0x400000)

struct index_row {
	uint64_t size;
	unsigned int index;
	unsigned int order;
};

static const struct index_row index_rows[] = {
	{ 0, 0, 0 },     { 1, 3, 0 },      { 8, 3, 0 },      { 9, 4, 0 },
	{ 16, 4, 0 },    { 17, 5, 0 },     { 32, 5, 0 },     { 33, 6, 0 },
	{ 64, 6, 0 },    { 65, 1, 0 },     { 96, 1, 0 },     { 97, 7, 0 },
	{ 128, 7, 0 },   { 129, 2, 0 },    { 192, 2, 0 },    { 193, 8, 0 },
	{ 256, 8, 0 },   { 257, 9, 0 },    { 512, 9, 0 },    { 513, 10, 0 },
	{ 1024, 10, 0 }, { 1025, 11, 0 },  { 2048, 11, 0 },  { 2049, 12, 0 },
	{ 4096, 12, 0 }, { 4097, 13, 1 },  { 8192, 13, 1 },  { 8193, 0, 2 },
	{ 16384, 0, 2 }, { 16385, 0, 3 },  { 32768, 0, 3 },  { 32769, 0, 4 },
	{ 65536, 0, 4 }, { 65537, 0, 5 },  { 131072, 0, 5 }, { 131073, 0, 6 },
	{ 262144, 0, 6 }, { 262145, 0, 7 }, { 524288, 0, 7 }, { 524289, 0, 8 },
	{ 1048576, 0, 8 }, { 1048577, 0, 9 }, { 2097152, 0, 9 }, { 2097153, 0, 10 },
	{ KMAX, 0, 10 }, { KMAX + 1, 0, 11 }, { INTMAX, 0, 11 }, { INTMAX + 1, 0, 11 },
	{ SMAX, 0, 11 },
};

static const uint64_t bucket_bytes[][2] = {
	{ 0, 0 },     { 1, 96 },    { 2, 192 },   { 3, 8 },      { 4, 16 },
	{ 5, 32 },    { 6, 64 },    { 7, 128 },   { 8, 256 },    { 9, 512 },
	{ 10, 1024 }, { 11, 2048 }, { 12, 4096 }, { 13, 8192 },  { 14, 0 },
	{ 21, 0 },    { 0xffffffffu, 0 },
};

static const uint64_t order_bytes[][2] = {
	{ 0, 4096 },     { 1, 8192 },     { 2, 16384 },   { 3, 32768 },
	{ 4, 65536 },    { 5, 131072 },   { 6, 262144 },  { 7, 524288 },
	{ 8, 1048576 },  { 9, 2097152 },  { 10, 4194304 }, { 11, 0 },
	{ 52, 0 },       { 0xffffffffu, 0 },
};

/* kind: 0 ZERO, 1 SLAB, 2 PAGES, 3 REFUSE */
struct route_row {
	uint64_t size;
	int kind;
	unsigned int index;
	uint64_t bytes;
};

static const struct route_row route_rows[] = {
	{ 0, 0, 0, 0 },
	{ 1, 1, 3, 8 },
	{ 16, 1, 4, 16 },
	{ 17, 1, 5, 32 },
	{ 96, 1, 1, 96 },
	{ 100, 1, 7, 128 },
	{ 150, 1, 2, 192 },
	{ 4096, 1, 12, 4096 },
	{ 4097, 1, 13, 8192 },
	{ 8192, 1, 13, 8192 },
	{ 8193, 2, 2, 16384 },
	{ 16384, 2, 2, 16384 },
	{ 16385, 2, 3, 32768 },
	{ 2097153, 2, 10, 4194304 },
	{ KMAX, 2, 10, 4194304 },
	{ KMAX + 1, 3, 0, 0 },
	{ INTMAX, 3, 0, 0 },
	{ INTMAX + 1, 3, 0, 0 },
	{ SMAX, 3, 0, 0 },
};

static void test_constants(void)
{
	CHECK_EQ(-1, VK_PAGE_SIZE, 4096);
	CHECK_EQ(-1, VK_PAGE_SHIFT, 12);
	CHECK_EQ(-1, VK_KMALLOC_MAX_CACHE_SIZE, 8192);
	CHECK_EQ(-1, VK_KMALLOC_MAX_SIZE, 4194304);
	CHECK_EQ(-1, VK_KMALLOC_MIN_SIZE, 8);
	CHECK_EQ(-1, VK_KMALLOC_MAX_ORDER, 10);
	CHECK_EQ(-1, VK_ZERO_SIZE_PTR_ADDR, 16);
	CHECK_EQ(-1, VK_INT_MAX_BYTES, 2147483647);
	CHECK_EQ(-1, VK_KMALLOC_ZERO, 0);
	CHECK_EQ(-1, VK_KMALLOC_SLAB, 1);
	CHECK_EQ(-1, VK_KMALLOC_PAGES, 2);
	CHECK_EQ(-1, VK_KMALLOC_REFUSE, 3);
}

static void test_index_order(void)
{
	for (size_t i = 0; i < ROWS(index_rows); i++) {
		CHECK_EQ(i, vk_kmalloc_index(index_rows[i].size), index_rows[i].index);
		CHECK_EQ(i, vk_get_order(index_rows[i].size), index_rows[i].order);
	}
	for (size_t i = 0; i < ROWS(bucket_bytes); i++)
		CHECK_EQ(i, vk_kmalloc_bucket_bytes((unsigned int)bucket_bytes[i][0]), bucket_bytes[i][1]);
	for (size_t i = 0; i < ROWS(order_bytes); i++)
		CHECK_EQ(i, vk_order_bytes((unsigned int)order_bytes[i][0]), order_bytes[i][1]);
}

static void test_route(void)
{
	for (size_t i = 0; i < ROWS(route_rows); i++) {
		const struct route_row *r = &route_rows[i];
		struct vk_kmalloc_route got = vk_kmalloc_route(r->size);

		CHECK_EQ(i, got.kind, r->kind);
		CHECK_EQ(i, got.index, r->index);
		CHECK_EQ(i, got.bytes, r->bytes);
	}
}

/**
 * main - run every vk_kmalloc table.
 *
 * Return: 0 if every check passed, 1 otherwise.
 */
int main(void)
{
	test_constants();
	test_index_order();
	test_route();
	return vk_check_report("test_kmalloc");
}
