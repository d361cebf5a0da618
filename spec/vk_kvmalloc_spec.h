/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vk_kvmalloc_spec.h - ACSL vocabulary for the kvmalloc_node decision:
 * the kmalloc-attempt flags of each profile.
 */
#ifndef VK_KVMALLOC_SPEC_H
#define VK_KVMALLOC_SPEC_H

#include "spec/vk_gfp_spec.h"
#include "spec/vk_kmalloc_spec.h"

/*
 * KV_ADD_BITS(f) - bits the kmalloc attempt adds for a size above
 * PAGE_SIZE: NOWARN (0x2000), and NORETRY (0x10000) unless the caller set
 * RETRY_MAYFAIL (0x4000).  A macro so that WP's simplifier sees the bit test.
 */
#define KV_ADD_BITS(f) (GFP_HAS(f, 0x4000) ? 0x2000 : 0x12000)

/*
 * KV_HAS_GFP_KERNEL(f) - seed profile: the caller's flags contain all of
 * GFP_KERNEL (0xcc0), the condition for any vmalloc fallback before v5.17.
 */
#define KV_HAS_GFP_KERNEL(f) (((f) & 0xcc0) == 0xcc0)

#endif /* VK_KVMALLOC_SPEC_H */
