/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * test_size.c - table-driven unit tests of core/vk_size.h: the saturating
 * helpers of include/linux/overflow.h (reference §2.4: size_mul/size_add
 * saturate at SIZE_MAX; size_sub is SIZE_MAX when either input is SIZE_MAX
 * or it underflows; array3_size = size_mul(size_mul(a, b), c);
 * struct_size = size_add(header, size_mul(n, elem))) and the
 * kmalloc_array overflow decision (§2.3: check_mul_overflow => NULL).
 */
#include <stdint.h>

#include "core/vk_size.h"
#include "tests/core/check.h"

#define SMAX UINT64_C(0xffffffffffffffff)
#define INTMAX UINT64_C(0x7fffffff)
#define KMAX UINT64_C(0x400000)

struct mul_row {
	uint64_t a, b, want;
	int overflows;
};

static const struct mul_row mul_rows[] = {
	{ 0, 0, 0, 0 },
	{ 0, SMAX, 0, 0 },
	{ 1, 1, 1, 0 },
	{ 1, SMAX, SMAX, 0 },
	{ 2, SMAX, SMAX, 1 },
	{ 4096, 4096, UINT64_C(0x1000000), 0 },
	{ 4097, 4096, UINT64_C(0x1001000), 0 },
	{ INTMAX, 2, UINT64_C(0xfffffffe), 0 },
	{ INTMAX + 1, INTMAX + 1, UINT64_C(0x4000000000000000), 0 },
	{ KMAX, KMAX, UINT64_C(0x100000000000), 0 },
	{ KMAX + 1, 4096, UINT64_C(0x400001000), 0 },
	{ UINT64_C(0x100000000), UINT64_C(0x100000000), SMAX, 1 },
	{ UINT64_C(0x100000000), UINT64_C(0xffffffff), UINT64_C(0xffffffff00000000), 0 },
	{ UINT64_C(0x7fffffffffffffff), 2, UINT64_C(0xfffffffffffffffe), 0 },
	{ UINT64_C(0x8000000000000000), 2, SMAX, 1 },
	{ 3, UINT64_C(0x5555555555555555), SMAX, 0 }, /* exactly SIZE_MAX: fits */
	{ 3, UINT64_C(0x5555555555555556), SMAX, 1 },
	{ SMAX, SMAX, SMAX, 1 },
};

struct add_row {
	uint64_t a, b, want;
};

static const struct add_row add_rows[] = {
	{ 0, 0, 0 },
	{ 0, 1, 1 },
	{ 4096, 4097, 8193 },
	{ INTMAX, 1, UINT64_C(0x80000000) },
	{ KMAX, KMAX + 1, UINT64_C(0x800001) },
	{ SMAX, 0, SMAX },
	{ SMAX - 1, 1, SMAX },
	{ SMAX - 1, 2, SMAX },
	{ 1, SMAX, SMAX },
	{ UINT64_C(0x8000000000000000), UINT64_C(0x7fffffffffffffff), SMAX },
	{ UINT64_C(0x8000000000000000), UINT64_C(0x8000000000000000), SMAX },
	{ SMAX, SMAX, SMAX },
};

static const struct add_row sub_rows[] = {
	{ 0, 0, 0 },
	{ 1, 0, 1 },
	{ 0, 1, SMAX },
	{ 4097, 4096, 1 },
	{ 4096, 4097, SMAX },
	{ INTMAX + 1, 1, INTMAX },
	{ KMAX + 1, KMAX, 1 },
	{ SMAX, 0, SMAX },
	{ SMAX, 1, SMAX },
	{ SMAX, SMAX, SMAX },
	{ 0, SMAX, SMAX },
	{ SMAX - 1, SMAX - 1, 0 },
	{ SMAX - 1, 1, UINT64_C(0xfffffffffffffffd) },
};

struct mul3_row {
	uint64_t a, b, c, want;
};

static const struct mul3_row array3_rows[] = {
	{ 2, 3, 4, 24 },
	{ 0, SMAX, SMAX, 0 },
	{ SMAX, 2, 0, 0 },                 /* saturated first product times 0 */
	{ UINT64_C(0x100000000), UINT64_C(0x100000000), 0, 0 },
	{ UINT64_C(0x100000000), UINT64_C(0x100000000), 1, SMAX },
	{ 4096, 4096, 256, UINT64_C(0x100000000) },
	{ UINT64_C(0x200000), UINT64_C(0x200000), UINT64_C(0x200000), UINT64_C(0x8000000000000000) },
	{ UINT64_C(0x200000), UINT64_C(0x200000), UINT64_C(0x400000), SMAX },
	{ 1, 1, SMAX, SMAX },
};

static const struct mul3_row struct_rows[] = {
	/* header, n, elem, want */
	{ 16, 0, 8, 16 },
	{ 16, 4, 8, 48 },
	{ 0, 0, 0, 0 },
	{ 24, INTMAX, 1, UINT64_C(0x80000017) },
	{ 64, 4032, 1, 4096 },
	{ 64, 4033, 1, 4097 },
	{ 16, SMAX, 1, SMAX },
	{ 16, UINT64_C(0x2000000000000000), 8, SMAX },
	{ 16, UINT64_C(0x1000000000000000), 8, UINT64_C(0x8000000000000010) },
	{ SMAX, 0, 0, SMAX },
	{ SMAX - 8, 1, 8, SMAX },
	{ SMAX - 8, 1, 9, SMAX },
	{ SMAX - 9, 1, 8, SMAX - 1 },
};

static void test_mul_family(void)
{
	for (size_t i = 0; i < ROWS(mul_rows); i++) {
		const struct mul_row *r = &mul_rows[i];
		size_t bytes = 12345;
		bool ok;

		CHECK_EQ(i, vk_size_mul(r->a, r->b), r->want);
		CHECK_EQ(i, vk_size_mul(r->b, r->a), r->want);
		CHECK_EQ(i, vk_array_size(r->a, r->b), r->want);
		CHECK_EQ(i, vk_flex_array_size(r->a, r->b), r->want);
		ok = vk_array_bytes(r->a, r->b, &bytes);
		CHECK_EQ(i, ok, !r->overflows);
		CHECK_EQ(i, bytes, r->overflows ? 0 : r->want);
		bytes = 12345;
		ok = vk_array_bytes(r->b, r->a, &bytes);
		CHECK_EQ(i, ok, !r->overflows);
		CHECK_EQ(i, bytes, r->overflows ? 0 : r->want);
	}
}

static void test_add_sub(void)
{
	for (size_t i = 0; i < ROWS(add_rows); i++) {
		CHECK_EQ(i, vk_size_add(add_rows[i].a, add_rows[i].b), add_rows[i].want);
		CHECK_EQ(i, vk_size_add(add_rows[i].b, add_rows[i].a), add_rows[i].want);
	}
	for (size_t i = 0; i < ROWS(sub_rows); i++)
		CHECK_EQ(i, vk_size_sub(sub_rows[i].a, sub_rows[i].b), sub_rows[i].want);
}

static void test_array3_struct(void)
{
	for (size_t i = 0; i < ROWS(array3_rows); i++) {
		const struct mul3_row *r = &array3_rows[i];

		CHECK_EQ(i, vk_array3_size(r->a, r->b, r->c), r->want);
	}
	for (size_t i = 0; i < ROWS(struct_rows); i++) {
		const struct mul3_row *r = &struct_rows[i];

		CHECK_EQ(i, vk_struct_size(r->a, r->b, r->c), r->want);
	}
}

/**
 * main - run every vk_size table.
 *
 * Return: 0 if every check passed, 1 otherwise.
 */
int main(void)
{
	test_mul_family();
	test_add_sub();
	test_array3_struct();
	return vk_check_report("test_size");
}
