/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vk_size.h - the kmalloc_array multiplication-overflow decision and the
 * saturating size helpers of include/linux/overflow.h (SIZE_MAX on overflow).
 */
#ifndef VK_SIZE_H
#define VK_SIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "spec/vk_size_spec.h"

/**
 * vk_size_mul - multiply two sizes, saturating at SIZE_MAX (size_mul()).
 * @a: first factor in bytes or elements.
 * @b: second factor.
 *
 * Return: a * b, or SIZE_MAX when the product does not fit size_t.
 */
/*@ assigns \nothing;
    ensures \result == size_sat((integer)a * b);
    behavior fits:
      assumes !size_mul_overflows(a, b);
      ensures \result == (integer)a * b;
    behavior saturates:
      assumes size_mul_overflows(a, b);
      ensures \result == SIZE_MAX;
    complete behaviors;
    disjoint behaviors;
*/
size_t vk_size_mul(size_t a, size_t b);

/**
 * vk_size_add - add two sizes, saturating at SIZE_MAX (size_add()).
 * @a: first term in bytes.
 * @b: second term in bytes.
 *
 * Return: a + b, or SIZE_MAX when the sum does not fit size_t.
 */
/*@ assigns \nothing;
    ensures \result == size_sat((integer)a + b);
    behavior fits:
      assumes (integer)a + b <= SIZE_MAX;
      ensures \result == (integer)a + b;
    behavior saturates:
      assumes (integer)a + b > SIZE_MAX;
      ensures \result == SIZE_MAX;
    complete behaviors;
    disjoint behaviors;
*/
size_t vk_size_add(size_t a, size_t b);

/**
 * vk_size_sub - subtract sizes (size_sub()).
 * @minuend: bytes to subtract from.
 * @subtrahend: bytes to subtract.
 *
 * A saturated operand stays saturated, and an underflow saturates too.
 * Return: minuend - subtrahend, or SIZE_MAX if either operand is SIZE_MAX
 * or subtrahend > minuend.
 */
/*@ assigns \nothing;
    ensures \result == size_sub_of(minuend, subtrahend);
    behavior saturates:
      assumes minuend == SIZE_MAX || subtrahend == SIZE_MAX || minuend < subtrahend;
      ensures \result == SIZE_MAX;
    behavior fits:
      assumes minuend != SIZE_MAX && subtrahend != SIZE_MAX && minuend >= subtrahend;
      ensures \result == minuend - subtrahend;
    complete behaviors;
    disjoint behaviors;
*/
size_t vk_size_sub(size_t minuend, size_t subtrahend);

/**
 * vk_array_size - bytes of an array of @n elements (array_size()).
 * @n: element count.
 * @elem_bytes: bytes per element.
 *
 * Return: n * elem_bytes, saturated at SIZE_MAX.
 */
/*@ assigns \nothing;
    ensures \result == size_sat((integer)n * elem_bytes);
*/
size_t vk_array_size(size_t n, size_t elem_bytes);

/**
 * vk_array3_size - bytes of a 3-dimensional array (array3_size()).
 * @a: first dimension.
 * @b: second dimension.
 * @c: third dimension (or element bytes).
 *
 * Computed as size_mul(size_mul(a, b), c), like the kernel: a saturated
 * first product times 0 gives 0.
 * Return: the saturated product.
 */
/*@ assigns \nothing;
    ensures \result == size_sat(size_sat((integer)a * b) * c);
*/
size_t vk_array3_size(size_t a, size_t b, size_t c);

/**
 * vk_flex_array_size - bytes of a flexible array member (flex_array_size()).
 * @n: element count.
 * @elem_bytes: bytes per element.
 *
 * Return: n * elem_bytes, saturated at SIZE_MAX.
 */
/*@ assigns \nothing;
    ensures \result == size_sat((integer)n * elem_bytes);
*/
size_t vk_flex_array_size(size_t n, size_t elem_bytes);

/**
 * vk_struct_size - bytes of a struct with a trailing flexible array (struct_size()).
 * @header_bytes: sizeof the struct.
 * @n: element count of the flexible array.
 * @elem_bytes: bytes per element.
 *
 * Monotone in @n; saturates at SIZE_MAX, which any allocator refuses.
 * Return: header_bytes + n * elem_bytes, saturated.
 */
/*@ assigns \nothing;
    ensures \result == size_sat(header_bytes + size_sat((integer)n * elem_bytes));
*/
size_t vk_struct_size(size_t header_bytes, size_t n, size_t elem_bytes);

/**
 * vk_array_bytes - the kmalloc_array()/kcalloc()/kvmalloc_array() decision.
 * @n: element count.
 * @elem_bytes: bytes per element.
 * @bytes: where to store the byte count.
 *
 * Overflow means "return NULL without calling any allocator".
 * Return: true and *@bytes = n * elem_bytes when the product fits size_t;
 * false and *@bytes = 0 when it overflows.
 */
/*@ requires \valid(bytes);
    assigns *bytes;
    behavior call_allocator:
      assumes !size_mul_overflows(n, elem_bytes);
      ensures \result == \true;
      ensures *bytes == (integer)n * elem_bytes;
    behavior overflow:
      assumes size_mul_overflows(n, elem_bytes);
      ensures \result == \false;
      ensures *bytes == 0;
    complete behaviors;
    disjoint behaviors;
*/
bool vk_array_bytes(size_t n, size_t elem_bytes, size_t *bytes);

#endif /* VK_SIZE_H */
