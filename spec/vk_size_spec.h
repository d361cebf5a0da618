/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vk_size_spec.h - ACSL vocabulary for sizes: saturation at SIZE_MAX, the
 * way include/linux/overflow.h's size_mul/size_add/size_sub define it.
 */
#ifndef VK_SIZE_SPEC_H
#define VK_SIZE_SPEC_H

/*@
  logic integer size_max = 18446744073709551615;

  // A mathematical byte count clamped to SIZE_MAX.
  logic integer size_sat(integer x) = x > size_max ? size_max : x;

  // size_sub(): SIZE_MAX if either operand is SIZE_MAX or a < b.
  logic integer size_sub_of(integer a, integer b) =
    (a == size_max || b == size_max || a < b) ? size_max : a - b;

  // n * size does not fit size_t: kmalloc_array() returns NULL uncalled.
  predicate size_mul_overflows(integer n, integer s) = n * s > size_max;
*/

#endif /* VK_SIZE_SPEC_H */
