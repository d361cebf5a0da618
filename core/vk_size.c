/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vk_size.c - saturating size arithmetic and the kmalloc_array decision.
 * Contracts are in vk_size.h.  The overflow checks use the compiler's
 * checked-arithmetic builtins (mul; jo on x86_64), whose Frama-C contracts
 * are part of the trusted base (proofs/TRUSTED.md).
 */
#include "core/vk_size.h"

#include <limits.h>

#ifdef __FRAMAC__
/* Frama-C's declarations and contracts for the GCC overflow builtins. */
#include "__fc_gcc_builtins.h"
#endif

/* The builtins below take unsigned long; size_t must be that type. */
_Static_assert(sizeof(size_t) == sizeof(unsigned long), "size_t is unsigned long");
_Static_assert((size_t)-1 == ULONG_MAX, "size_t is unsigned long");

size_t vk_size_mul(size_t a, size_t b)
{
	unsigned long product;

	if (__builtin_umull_overflow(a, b, &product))
		return SIZE_MAX;
	return product;
}

size_t vk_size_add(size_t a, size_t b)
{
	unsigned long sum;

	if (__builtin_uaddl_overflow(a, b, &sum))
		return SIZE_MAX;
	return sum;
}

size_t vk_size_sub(size_t minuend, size_t subtrahend)
{
	unsigned long difference;

	if (minuend == SIZE_MAX || subtrahend == SIZE_MAX ||
	    __builtin_usubl_overflow(minuend, subtrahend, &difference))
		return SIZE_MAX;
	return difference;
}

size_t vk_array_size(size_t n, size_t elem_bytes)
{
	return vk_size_mul(n, elem_bytes);
}

size_t vk_array3_size(size_t a, size_t b, size_t c)
{
	return vk_size_mul(vk_size_mul(a, b), c);
}

size_t vk_flex_array_size(size_t n, size_t elem_bytes)
{
	return vk_size_mul(n, elem_bytes);
}

size_t vk_struct_size(size_t header_bytes, size_t n, size_t elem_bytes)
{
	return vk_size_add(header_bytes, vk_size_mul(n, elem_bytes));
}

bool vk_array_bytes(size_t n, size_t elem_bytes, size_t *bytes)
{
	unsigned long product;

	if (__builtin_umull_overflow(n, elem_bytes, &product)) {
		*bytes = 0;
		return false;
	}
	*bytes = product;
	return true;
}
