/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vk_gfp_spec.h - ACSL vocabulary for GFP flags: bit membership, zone
 * selection of the low nibble, mobility class and memalloc scopes.
 * Pure logic (mathematical integers); no C code.
 */
#ifndef VK_GFP_SPEC_H
#define VK_GFP_SPEC_H

/*
 * GFP_HAS(x, m) - flag set x contains (some bit of) mask m.  A macro rather
 * than an ACSL predicate so that WP's simplifier sees the bit test itself
 * (it rewrites single-bit tests to bit_test(), which the provers cannot
 * relate to an opaque predicate).
 */
#define GFP_HAS(x, m) (((x) & (m)) != 0)

/*@

  // The 8 low-nibble values that GFP_ZONE_BAD (0xe8e8) marks: two or more of
  // DMA, HIGHMEM, DMA32, or MOVABLE together with such a pair.
  predicate gfp_zone_bad(integer nib) =
    nib == 3 || nib == 5 || nib == 6 || nib == 7 ||
    nib == 11 || nib == 13 || nib == 14 || nib == 15;

  // gfp_zone() on x86_64 (no HIGHMEM zone: OPT_HIGHMEM is NORMAL);
  // -1 for the bad combinations. MOVABLE (8) counts only with HIGHMEM (2).
  logic integer gfp_zone_of(integer nib) =
    (nib == 1 || nib == 9) ? 0 :
    (nib == 4 || nib == 12) ? 1 :
    (nib == 0 || nib == 2 || nib == 8) ? 2 :
    nib == 10 ? 3 : -1;

*/

#endif /* VK_GFP_SPEC_H */
