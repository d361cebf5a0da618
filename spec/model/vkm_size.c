/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vkm_size.c - model of the saturating size helpers: every sum and product
 * computed exactly in 128 bits, then clamped to SIZE_MAX.
 */
#include "spec/model/vk_model.h"

__extension__ typedef unsigned __int128 vkm_u128;

/**
 * vkm_sat - clamp an exact value to SIZE_MAX.
 * @v: the exact value.
 *
 * Return: @v, or SIZE_MAX if it does not fit size_t.
 */
static size_t vkm_sat(vkm_u128 v)
{
	return v > (vkm_u128)SIZE_MAX ? SIZE_MAX : (size_t)v;
}

/**
 * vkm_size_mul - model of vk_size_mul().
 * @a: first factor.
 * @b: second factor.
 *
 * Return: the saturated product.
 */
size_t vkm_size_mul(size_t a, size_t b)
{
	return vkm_sat((vkm_u128)a * (vkm_u128)b);
}

/**
 * vkm_size_add - model of vk_size_add().
 * @a: first term.
 * @b: second term.
 *
 * Return: the saturated sum.
 */
size_t vkm_size_add(size_t a, size_t b)
{
	return vkm_sat((vkm_u128)a + (vkm_u128)b);
}

/**
 * vkm_size_sub - model of vk_size_sub().
 * @minuend: bytes to subtract from.
 * @subtrahend: bytes to subtract.
 *
 * Return: the difference, or SIZE_MAX on a saturated operand or underflow.
 */
size_t vkm_size_sub(size_t minuend, size_t subtrahend)
{
	if (minuend == SIZE_MAX || subtrahend == SIZE_MAX || subtrahend > minuend)
		return SIZE_MAX;
	return minuend - subtrahend;
}

/**
 * vkm_array_size - model of vk_array_size().
 * @n: element count.
 * @elem_bytes: bytes per element.
 *
 * Return: the saturated product.
 */
size_t vkm_array_size(size_t n, size_t elem_bytes)
{
	return vkm_sat((vkm_u128)n * (vkm_u128)elem_bytes);
}

/**
 * vkm_array3_size - model of vk_array3_size(): the first product saturates first.
 * @a: first dimension.
 * @b: second dimension.
 * @c: third dimension.
 *
 * Return: size_mul(size_mul(a, b), c).
 */
size_t vkm_array3_size(size_t a, size_t b, size_t c)
{
	size_t ab = vkm_sat((vkm_u128)a * (vkm_u128)b);

	return vkm_sat((vkm_u128)ab * (vkm_u128)c);
}

/**
 * vkm_flex_array_size - model of vk_flex_array_size().
 * @n: element count.
 * @elem_bytes: bytes per element.
 *
 * Return: the saturated product.
 */
size_t vkm_flex_array_size(size_t n, size_t elem_bytes)
{
	return vkm_sat((vkm_u128)n * (vkm_u128)elem_bytes);
}

/**
 * vkm_struct_size - model of vk_struct_size().
 * @header_bytes: sizeof the struct.
 * @n: element count.
 * @elem_bytes: bytes per element.
 *
 * Return: size_add(header, size_mul(n, elem)).
 */
size_t vkm_struct_size(size_t header_bytes, size_t n, size_t elem_bytes)
{
	size_t flex = vkm_sat((vkm_u128)n * (vkm_u128)elem_bytes);

	return vkm_sat((vkm_u128)header_bytes + (vkm_u128)flex);
}

/**
 * vkm_array_bytes - model of vk_array_bytes() (check_mul_overflow).
 * @n: element count.
 * @elem_bytes: bytes per element.
 * @bytes: where to store the product (0 on overflow).
 *
 * Return: true iff the exact product fits size_t.
 */
bool vkm_array_bytes(size_t n, size_t elem_bytes, size_t *bytes)
{
	vkm_u128 p = (vkm_u128)n * (vkm_u128)elem_bytes;

	if (p > (vkm_u128)SIZE_MAX) {
		*bytes = 0;
		return false;
	}
	*bytes = (size_t)p;
	return true;
}
