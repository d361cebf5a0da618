/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * bench_main.c - instruction-count benchmark: for each core decision, one
 * noinline loop calling vk_* (the core, its own translation unit), one
 * calling the kernel-style ks_* baseline, and one empty loop that reads the
 * same inputs without calling; all over the same fixed pseudo-random inputs.
 * run.sh runs it under callgrind and turns the loops' inclusive instruction
 * counts into instructions per call.  Build this file with -fno-ipa-icf, so
 * the empty loops that read the same inputs are not folded into one symbol.  Before any loop runs, every input is
 * checked to give the same result from vk_* and ks_*.
 *
 * Usage: bench [calls-per-loop]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench/kernel_style.h"

#define NIN 4096u /* inputs; a power of two */

struct input {
	uint64_t a, b, c;
	uint32_t flags, scope;
	int profile;
};

static struct input inputs[NIN];
static struct vk_layout layout;
static volatile uint64_t sink;

/* xorshift64: a fixed sequence, so every run sees the same inputs. */
static uint64_t rng_state = UINT64_C(0x9e3779b97f4a7c15);

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static const uint32_t flag_pool[] = {
	0xcc0u, 0x400cc0u, 0xa20u, 0x800u, 0xc00u, 0xc40u, 0x100cc0u, 0x1u, 0x4u,
	0x100cc2u, 0x100ccau, 0x1c20cau, 0x1c24cau, 0x8cc0u, 0x4cc0u, 0x10cc0u, 0x2cc0u,
};

static const uint64_t size_pool[] = {
	0, 1, 8, 9, 64, 65, 96, 97, 128, 129, 192, 193, 4095, 4096, 4097, 8192, 8193,
	0x400000, 0x400001, 0x7fffffff, 0x80000000, UINT64_MAX,
};

static uint64_t pick_size(void)
{
	uint64_t r = rng();

	if ((r & 3u) == 0u)
		return size_pool[(r >> 8) % (sizeof(size_pool) / sizeof(size_pool[0]))];
	return rng() >> (r % 64u); /* every magnitude */
}

static uint64_t pick_addr(void)
{
	uint64_t r = rng();
	uint64_t off = rng();
	const struct vk_range *ranges[3] = { &layout.direct, &layout.vmalloc, &layout.modules };
	const struct vk_range *rg;

	switch (r % 6u) {
	case 0:
		return off % 24u; /* NULL, ZERO_SIZE_PTR, just above */
	case 1:
		return off; /* anywhere */
	default:
		rg = ranges[(r >> 8) % 3u];
		if ((r >> 16) % 4u == 0u) /* boundaries */
			return rg->start + (rg->end - rg->start) * ((r >> 20) % 2u) - ((r >> 24) % 2u);
		return rg->start + off % (rg->end - rg->start);
	}
}

static void make_inputs(void)
{
	layout = vk_layout_x86_64_4level();
	for (unsigned int i = 0; i < NIN; i++) {
		struct input *in = &inputs[i];
		uint64_t r = rng();

		in->flags = flag_pool[r % (sizeof(flag_pool) / sizeof(flag_pool[0]))];
		if ((r >> 8) % 4u == 0u)
			in->flags ^= (uint32_t)rng();
		in->scope = (uint32_t)(r >> 16) % 8u;
		in->profile = (r >> 24) % 16u == 0u ? 2 : (int)((r >> 28) % 2u);
		if ((r >> 32) % 2u) {
			in->a = pick_size();
			in->b = pick_size();
			in->c = pick_size();
		} else {
			in->a = pick_addr();
			in->b = rng() % 64u;
			in->c = rng() % 4096u;
		}
	}
}

static uint64_t fold_problems(struct vk_gfp_problems p)
{
	return (uint64_t)p.unknown_bits | (uint64_t)p.bad_zone << 1 |
	       (uint64_t)p.nofail_without_reclaim << 2 | (uint64_t)p.nofail_high_order << 3 |
	       (uint64_t)p.movable_and_reclaimable << 4 | (uint64_t)p.slab_strips << 5;
}

static uint64_t fold_route(struct vk_kmalloc_route r)
{
	return (uint64_t)r.kind ^ (uint64_t)r.index << 8 ^ r.bytes << 16;
}

static uint64_t fold_plan(struct vk_kv_plan p)
{
	return (uint64_t)p.try_kmalloc ^ (uint64_t)p.kmalloc_flags.bits << 1 ^
	       (uint64_t)p.on_fail << 33 ^ (uint64_t)p.reason << 35 ^
	       (uint64_t)p.vmalloc_flags.bits << 24 ^ (uint64_t)p.warn << 63;
}

/* One expression per decision; P is the prefix vk_ or ks_. */
#define CALL_gfp_zone(P) ((uint64_t)(int64_t)P##gfp_zone(VK_GFP(in->flags)))
#define CALL_gfp_allow_blocking(P) ((uint64_t)P##gfp_allow_blocking(VK_GFP(in->flags)))
#define CALL_gfp_migratetype(P) ((uint64_t)P##gfp_migratetype(VK_GFP(in->flags)))
#define CALL_gfp_scope(P) ((uint64_t)P##gfp_scope(VK_GFP(in->flags), in->scope).bits)
#define CALL_gfp_problems(P) fold_problems(P##gfp_problems(VK_GFP(in->flags), (unsigned int)in->b))
#define CALL_size_mul(P) ((uint64_t)P##size_mul(in->a, in->b))
#define CALL_size_add(P) ((uint64_t)P##size_add(in->a, in->b))
#define CALL_size_sub(P) ((uint64_t)P##size_sub(in->a, in->b))
#define CALL_array_bytes(P) (P##array_bytes(in->a, in->b, &bytes) ? bytes : UINT64_C(1))
#define CALL_struct_size(P) ((uint64_t)P##struct_size(in->c, in->a, in->b))
#define CALL_kmalloc_index(P) ((uint64_t)P##kmalloc_index(in->a))
#define CALL_kmalloc_route(P) fold_route(P##kmalloc_route(in->a))
#define CALL_kvmalloc_plan(P) \
	fold_plan(P##kvmalloc_plan((enum vk_profile)in->profile, in->a, VK_GFP(in->flags)))
#define CALL_addr_classify(P) ((uint64_t)P##addr_classify(&layout, in->a))
#define CALL_free_route(P) ((uint64_t)P##free_route(&layout, in->a))

/* The loop overhead of each decision: the same inputs read and sunk, no call. */
#define EMPTY_gfp_zone ((uint64_t)in->flags)
#define EMPTY_gfp_allow_blocking ((uint64_t)in->flags)
#define EMPTY_gfp_migratetype ((uint64_t)in->flags)
#define EMPTY_gfp_scope ((uint64_t)(in->flags ^ in->scope))
#define EMPTY_gfp_problems ((uint64_t)in->flags ^ in->b)
#define EMPTY_size_mul (in->a ^ in->b)
#define EMPTY_size_add (in->a ^ in->b)
#define EMPTY_size_sub (in->a ^ in->b)
#define EMPTY_array_bytes (in->a ^ in->b)
#define EMPTY_struct_size (in->a ^ in->b ^ in->c)
#define EMPTY_kmalloc_index (in->a)
#define EMPTY_kmalloc_route (in->a)
#define EMPTY_kvmalloc_plan ((uint64_t)in->profile ^ in->a ^ in->flags)
#define EMPTY_addr_classify (in->a ^ (uint64_t)(uintptr_t)&layout)
#define EMPTY_free_route (in->a ^ (uint64_t)(uintptr_t)&layout)

#define BENCH(name)                                                                 \
	static __attribute__((noinline)) void loop_vk_##name(size_t calls)          \
	{                                                                           \
		size_t bytes = 0;                                                   \
		for (size_t i = 0; i < calls; i++) {                                \
			const struct input *in = &inputs[i & (NIN - 1u)];           \
			sink = CALL_##name(vk_);                                    \
		}                                                                   \
		(void)bytes;                                                        \
	}                                                                           \
	static __attribute__((noinline)) void loop_ks_##name(size_t calls)          \
	{                                                                           \
		size_t bytes = 0;                                                   \
		for (size_t i = 0; i < calls; i++) {                                \
			const struct input *in = &inputs[i & (NIN - 1u)];           \
			sink = CALL_##name(ks_);                                    \
		}                                                                   \
		(void)bytes;                                                        \
	}                                                                           \
	static __attribute__((noinline)) void loop_empty_##name(size_t calls)       \
	{                                                                           \
		for (size_t i = 0; i < calls; i++) {                                \
			const struct input *in = &inputs[i & (NIN - 1u)];           \
			sink = EMPTY_##name;                                        \
		}                                                                   \
	}                                                                           \
	static unsigned long same_##name(void)                                      \
	{                                                                           \
		size_t bytes = 0;                                                   \
		unsigned long diff = 0;                                             \
		for (size_t i = 0; i < NIN; i++) {                                  \
			const struct input *in = &inputs[i];                        \
			uint64_t want = CALL_##name(vk_);                           \
			if (CALL_##name(ks_) != want) {                             \
				if (diff++ == 0)                                    \
					fprintf(stderr, "%s differs on input %zu\n", \
						#name, i);                          \
			}                                                           \
		}                                                                   \
		(void)bytes;                                                        \
		return diff;                                                        \
	}                                                                           \
	static void run_##name(size_t calls)                                        \
	{                                                                           \
		loop_empty_##name(calls);                                           \
		loop_vk_##name(calls);                                              \
		loop_ks_##name(calls);                                              \
	}

BENCH(gfp_zone)
BENCH(gfp_allow_blocking)
BENCH(gfp_migratetype)
BENCH(gfp_scope)
BENCH(gfp_problems)
BENCH(size_mul)
BENCH(size_add)
BENCH(size_sub)
BENCH(array_bytes)
BENCH(struct_size)
BENCH(kmalloc_index)
BENCH(kmalloc_route)
BENCH(kvmalloc_plan)
BENCH(addr_classify)
BENCH(free_route)

#define EACH(X)                                                                   \
	X(gfp_zone) X(gfp_allow_blocking) X(gfp_migratetype) X(gfp_scope)           \
	X(gfp_problems) X(size_mul) X(size_add) X(size_sub) X(array_bytes)          \
	X(struct_size) X(kmalloc_index) X(kmalloc_route) X(kvmalloc_plan)           \
	X(addr_classify) X(free_route)

/**
 * main - check vk_* and ks_* agree on every input, then run every loop.
 * @argc: argument count.
 * @argv: argv[1] is the number of calls per loop (default 1000000).
 *
 * Return: 0, or 2 if some decision differs between the core and the baseline.
 */
int main(int argc, char **argv)
{
	size_t calls = argc > 1 ? (size_t)strtoull(argv[1], NULL, 10) : (size_t)1000000;
	unsigned long diff = 0;

	make_inputs();
#define SAME(name) diff += same_##name();
	EACH(SAME)
	if (diff != 0) {
		fprintf(stderr, "bench: %lu differences between vk_* and ks_*\n", diff);
		return 2;
	}
#define RUN(name) run_##name(calls);
	EACH(RUN)
	printf("bench: %zu calls per loop, vk_* and ks_* agree on %u inputs\n", calls, NIN);
	return 0;
}
