/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * test_kvmalloc.c - table-driven unit tests of vk_kvmalloc_plan() (reference
 * §1.2): seed = v4.18-v5.13 (no fallback unless flags contain GFP_KERNEL;
 * size > PAGE_SIZE adds NOWARN, and NORETRY unless RETRY_MAYFAIL);
 * linux-6.1 = v6.1-v6.15 (same additions, NOFAIL stripped, NULL without
 * DIRECT_RECLAIM, NULL above INT_MAX with a WARN unless NOWARN).  vmalloc
 * always gets the caller's flags.  Expected flags are literals.
 */
#include <stdint.h>

#include "core/vk_kvmalloc.h"
#include "tests/core/check.h"

#define SMAX UINT64_C(0xffffffffffffffff)
#define INTMAX UINT64_C(0x7fffffff)
#define KMAX UINT64_C(0x400000)

/* Caller flags (pinned layout). */
#define KERNEL 0xcc0u
#define NOFS 0xc40u
#define NOIO 0xc00u
#define ATOMIC 0xa20u
#define NOWAIT 0x800u
#define K_NOFAIL 0x8cc0u
#define K_MAYFAIL 0x4cc0u
#define K_NORETRY 0x10cc0u
#define K_NOWARN 0x2cc0u
#define K_MAYFAIL_NORETRY 0x14cc0u
#define A_NOFAIL 0x8a20u
#define NOFS_NOWARN 0x2c40u

#define ANY_KF 0xffffffffffffffffu /* kmalloc flags not specified for this row */

enum { SEED = 0, V61 = 1 };
enum { F_NULL = 0, F_VMALLOC = 1 };
enum { R_NONE = 0, R_SMALL = 1, R_NOT_KERNEL = 2, R_NONBLOCK = 3, R_TOO_BIG = 4, R_BAD = 5 };

struct plan_row {
	int profile;
	uint64_t size;
	uint32_t flags;
	int try_kmalloc;
	uint64_t kmalloc_flags;
	int on_fail;
	int reason;
	int warn;
};

static const struct plan_row rows[] = {
	/* seed, GFP_KERNEL across sizes: slab only up to PAGE_SIZE, no INT_MAX cap */
	{ SEED, 0, KERNEL, 1, 0xcc0u, F_NULL, R_SMALL, 0 },
	{ SEED, 1, KERNEL, 1, 0xcc0u, F_NULL, R_SMALL, 0 },
	{ SEED, 4096, KERNEL, 1, 0xcc0u, F_NULL, R_SMALL, 0 },
	{ SEED, 4097, KERNEL, 1, 0x12cc0u, F_VMALLOC, R_NONE, 0 },
	{ SEED, KMAX, KERNEL, 1, 0x12cc0u, F_VMALLOC, R_NONE, 0 },
	{ SEED, KMAX + 1, KERNEL, 1, 0x12cc0u, F_VMALLOC, R_NONE, 0 },
	{ SEED, INTMAX, KERNEL, 1, 0x12cc0u, F_VMALLOC, R_NONE, 0 },
	{ SEED, INTMAX + 1, KERNEL, 1, 0x12cc0u, F_VMALLOC, R_NONE, 0 },
	{ SEED, SMAX, KERNEL, 1, 0x12cc0u, F_VMALLOC, R_NONE, 0 },
	/* seed, not a superset of GFP_KERNEL: kmalloc with the caller's flags only */
	{ SEED, 0, NOFS, 1, 0xc40u, F_NULL, R_NOT_KERNEL, 0 },
	{ SEED, 4097, NOFS, 1, 0xc40u, F_NULL, R_NOT_KERNEL, 0 },
	{ SEED, INTMAX + 1, NOFS, 1, 0xc40u, F_NULL, R_NOT_KERNEL, 0 },
	{ SEED, 4097, NOIO, 1, 0xc00u, F_NULL, R_NOT_KERNEL, 0 },
	{ SEED, 4097, ATOMIC, 1, 0xa20u, F_NULL, R_NOT_KERNEL, 0 },
	{ SEED, 4096, ATOMIC, 1, 0xa20u, F_NULL, R_NOT_KERNEL, 0 },
	{ SEED, 4097, NOWAIT, 1, 0x800u, F_NULL, R_NOT_KERNEL, 0 },
	{ SEED, SMAX, NOWAIT, 1, 0x800u, F_NULL, R_NOT_KERNEL, 0 },
	{ SEED, 4097, A_NOFAIL, 1, 0x8a20u, F_NULL, R_NOT_KERNEL, 0 },
	/* seed, modifiers: NOFAIL is not stripped before v5.17 */
	{ SEED, 4096, K_NOFAIL, 1, 0x8cc0u, F_NULL, R_SMALL, 0 },
	{ SEED, 4097, K_NOFAIL, 1, 0x1acc0u, F_VMALLOC, R_NONE, 0 },
	{ SEED, 4097, K_MAYFAIL, 1, 0x6cc0u, F_VMALLOC, R_NONE, 0 },
	{ SEED, 4097, K_NORETRY, 1, 0x12cc0u, F_VMALLOC, R_NONE, 0 },
	{ SEED, 4097, K_NOWARN, 1, 0x12cc0u, F_VMALLOC, R_NONE, 0 },
	{ SEED, 4097, K_MAYFAIL_NORETRY, 1, 0x16cc0u, F_VMALLOC, R_NONE, 0 },
	{ SEED, INTMAX + 1, K_NOWARN, 1, 0x12cc0u, F_VMALLOC, R_NONE, 0 },

	/* linux-6.1, GFP_KERNEL across sizes */
	{ V61, 0, KERNEL, 1, 0xcc0u, F_NULL, R_SMALL, 0 },
	{ V61, 1, KERNEL, 1, 0xcc0u, F_NULL, R_SMALL, 0 },
	{ V61, 4096, KERNEL, 1, 0xcc0u, F_NULL, R_SMALL, 0 },
	{ V61, 4097, KERNEL, 1, 0x12cc0u, F_VMALLOC, R_NONE, 0 },
	{ V61, KMAX, KERNEL, 1, 0x12cc0u, F_VMALLOC, R_NONE, 0 },
	{ V61, KMAX + 1, KERNEL, 1, 0x12cc0u, F_VMALLOC, R_NONE, 0 },
	{ V61, INTMAX, KERNEL, 1, 0x12cc0u, F_VMALLOC, R_NONE, 0 },
	{ V61, INTMAX + 1, KERNEL, 1, 0x12cc0u, F_NULL, R_TOO_BIG, 1 },
	{ V61, SMAX, KERNEL, 1, 0x12cc0u, F_NULL, R_TOO_BIG, 1 },
	/* linux-6.1: NOFS/NOIO may fall back (GFP_KERNEL check gone in v5.17) */
	{ V61, 4096, NOFS, 1, 0xc40u, F_NULL, R_SMALL, 0 },
	{ V61, 4097, NOFS, 1, 0x12c40u, F_VMALLOC, R_NONE, 0 },
	{ V61, INTMAX + 1, NOFS, 1, 0x12c40u, F_NULL, R_TOO_BIG, 1 },
	{ V61, INTMAX + 1, NOFS_NOWARN, 1, 0x12c40u, F_NULL, R_TOO_BIG, 0 },
	{ V61, 4097, NOIO, 1, 0x12c00u, F_VMALLOC, R_NONE, 0 },
	{ V61, INTMAX, NOIO, 1, 0x12c00u, F_VMALLOC, R_NONE, 0 },
	/* linux-6.1: non-blocking callers get no fallback, checked before INT_MAX */
	{ V61, 0, ATOMIC, 1, 0xa20u, F_NULL, R_SMALL, 0 },
	{ V61, 4096, ATOMIC, 1, 0xa20u, F_NULL, R_SMALL, 0 },
	{ V61, 4097, ATOMIC, 1, 0x12a20u, F_NULL, R_NONBLOCK, 0 },
	{ V61, INTMAX + 1, ATOMIC, 1, 0x12a20u, F_NULL, R_NONBLOCK, 0 },
	{ V61, SMAX, ATOMIC, 1, 0x12a20u, F_NULL, R_NONBLOCK, 0 },
	{ V61, 4097, NOWAIT, 1, 0x12800u, F_NULL, R_NONBLOCK, 0 },
	{ V61, 4097, A_NOFAIL, 1, 0x12a20u, F_NULL, R_NONBLOCK, 0 },
	/* linux-6.1, modifiers: NOFAIL stripped above PAGE_SIZE, kept below */
	{ V61, 4096, K_NOFAIL, 1, 0x8cc0u, F_NULL, R_SMALL, 0 },
	{ V61, 4097, K_NOFAIL, 1, 0x12cc0u, F_VMALLOC, R_NONE, 0 },
	{ V61, INTMAX + 1, K_NOFAIL, 1, 0x12cc0u, F_NULL, R_TOO_BIG, 1 },
	{ V61, 4097, K_MAYFAIL, 1, 0x6cc0u, F_VMALLOC, R_NONE, 0 },
	{ V61, 4097, K_NORETRY, 1, 0x12cc0u, F_VMALLOC, R_NONE, 0 },
	{ V61, 4097, K_NOWARN, 1, 0x12cc0u, F_VMALLOC, R_NONE, 0 },
	{ V61, INTMAX + 1, K_NOWARN, 1, 0x12cc0u, F_NULL, R_TOO_BIG, 0 },
	{ V61, SMAX, K_NOWARN, 1, 0x12cc0u, F_NULL, R_TOO_BIG, 0 },
	{ V61, 4097, K_MAYFAIL_NORETRY, 1, 0x16cc0u, F_VMALLOC, R_NONE, 0 },

	/* unknown profiles: nothing is called */
	{ 2, 0, KERNEL, 0, 0xcc0u, F_NULL, R_BAD, 0 },
	{ 2, 4096, ATOMIC, 0, 0xa20u, F_NULL, R_BAD, 0 },
	{ 2, 4097, KERNEL, 0, ANY_KF, F_NULL, R_BAD, 0 },
	{ 2, INTMAX + 1, KERNEL, 0, ANY_KF, F_NULL, R_BAD, 0 },
	{ 99, SMAX, NOFS, 0, ANY_KF, F_NULL, R_BAD, 0 },
	{ -1, 1, NOWAIT, 0, 0x800u, F_NULL, R_BAD, 0 },
	{ -1, 4097, K_NOFAIL, 0, ANY_KF, F_NULL, R_BAD, 0 },
};

static void test_enums(void)
{
	CHECK_EQ(-1, VK_PROFILE_SEED, SEED);
	CHECK_EQ(-1, VK_PROFILE_LINUX_6_1, V61);
	CHECK_EQ(-1, VK_KV_FAIL_VMALLOC, F_VMALLOC);
	CHECK_EQ(-1, VK_KV_REASON_NONE, R_NONE);
	CHECK_EQ(-1, VK_KV_REASON_SMALL, R_SMALL);
	CHECK_EQ(-1, VK_KV_REASON_NOT_GFP_KERNEL, R_NOT_KERNEL);
	CHECK_EQ(-1, VK_KV_REASON_NONBLOCKING, R_NONBLOCK);
	CHECK_EQ(-1, VK_KV_REASON_TOO_BIG, R_TOO_BIG);
	CHECK_EQ(-1, VK_KV_REASON_BAD_PROFILE, R_BAD);
}

static void test_plans(void)
{
	for (size_t i = 0; i < ROWS(rows); i++) {
		const struct plan_row *r = &rows[i];
		struct vk_kv_plan p = vk_kvmalloc_plan((enum vk_profile)r->profile, r->size,
						       VK_GFP(r->flags));

		CHECK_EQ(i, p.try_kmalloc, r->try_kmalloc);
		if (r->kmalloc_flags != ANY_KF)
			CHECK_EQ(i, p.kmalloc_flags.bits, r->kmalloc_flags);
		CHECK_EQ(i, p.on_fail, r->on_fail);
		CHECK_EQ(i, p.reason, r->reason);
		CHECK_EQ(i, p.vmalloc_flags.bits, r->flags);
		CHECK_EQ(i, p.warn, r->warn);
	}
}

/**
 * main - run every vk_kvmalloc table.
 *
 * Return: 0 if every check passed, 1 otherwise.
 */
int main(void)
{
	test_enums();
	test_plans();
	return vk_check_report("test_kvmalloc");
}
