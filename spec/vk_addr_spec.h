/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vk_addr_spec.h - ACSL vocabulary for address layouts: range membership,
 * layout validity, and the class partition.
 */
#ifndef VK_ADDR_SPEC_H
#define VK_ADDR_SPEC_H

/*@
  predicate in_range(integer start, integer end, integer a) = start <= a < end;

  // A range is non-empty and starts on a page; it ends on a page or one
  // byte before one (x86_64's VMALLOC_END is an inclusive bound, so
  // is_vmalloc_addr() is false on the last byte).
  predicate range_ok(integer start, integer end) =
    start < end && start % 4096 == 0 && start != 0 &&
    (end % 4096 == 0 || (end + 1) % 4096 == 0);

  predicate ranges_disjoint(integer s1, integer e1, integer s2, integer e2) =
    e1 <= s2 || e2 <= s1;

  // ZERO_OR_NULL_PTR(): 0..16 (ZERO_SIZE_PTR is 16).
  predicate zero_or_null(integer a) = a <= 16;
*/

#endif /* VK_ADDR_SPEC_H */
