/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vk_kvmalloc_spec.h - ACSL vocabulary for the kvmalloc_node decision:
 * the kmalloc-attempt flags of each profile.
 */
#ifndef VK_KVMALLOC_SPEC_H
#define VK_KVMALLOC_SPEC_H

#include "spec/vk_gfp_spec.h"
#include "spec/vk_kmalloc_spec.h"

/*@
  // Seed profile (v4.18-v5.13): caller flags contain all of GFP_KERNEL.
  predicate kv_has_gfp_kernel(integer f) = (f & 0xcc0) == 0xcc0;

  // Bits the kmalloc attempt adds for a size above PAGE_SIZE: NOWARN, and
  // NORETRY unless RETRY_MAYFAIL.
  logic integer kv_add_bits(integer f) =
    ((f & 0x4000) != 0) ? 0x2000 : 0x12000;
*/

#endif /* VK_KVMALLOC_SPEC_H */
