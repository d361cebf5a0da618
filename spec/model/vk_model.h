/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vk_model.h - an executable reference model of every core/ decision,
 * written from the semantic reference (linux-alloc-semantics.md) and the
 * header contracts, not from the core sources.  It favours a different formulation
 * from the core: wide (128-bit) arithmetic for overflow, explicit tables
 * scanned linearly, the kernel's GFP_ZONE_TABLE constant decoded with shifts.
 * The fuzz target fuzz/core_vs_model compares the two on every input.
 *
 * Build with -DVKM_PLANT_BUG to plant a known divergence (the linux-6.1
 * kvmalloc plan keeps __GFP_NOFAIL in the kmalloc attempt); the planted-bug
 * test shows the fuzzer finds it.
 */
#ifndef VK_MODEL_H
#define VK_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/vk_addr.h"
#include "core/vk_gfp.h"
#include "core/vk_kmalloc.h"
#include "core/vk_kvmalloc.h"
#include "core/vk_size.h"

/* GFP flags (model of vk_gfp.h). */
bool vkm_gfp_allow_blocking(vk_gfp_t flags);
enum vk_zone vkm_gfp_zone(vk_gfp_t flags);
enum vk_migratetype vkm_gfp_migratetype(vk_gfp_t flags);
vk_gfp_t vkm_gfp_scope(vk_gfp_t flags, uint32_t scope);
struct vk_gfp_problems vkm_gfp_problems(vk_gfp_t flags, unsigned int order);
vk_gfp_t vkm_gfp_slab_fix(vk_gfp_t flags);
bool vkm_api_flags(enum vk_api api, vk_gfp_t caller, vk_gfp_t *out);

/* Sizes (model of vk_size.h). */
size_t vkm_size_mul(size_t a, size_t b);
size_t vkm_size_add(size_t a, size_t b);
size_t vkm_size_sub(size_t minuend, size_t subtrahend);
size_t vkm_array_size(size_t n, size_t elem_bytes);
size_t vkm_array3_size(size_t a, size_t b, size_t c);
size_t vkm_flex_array_size(size_t n, size_t elem_bytes);
size_t vkm_struct_size(size_t header_bytes, size_t n, size_t elem_bytes);
bool vkm_array_bytes(size_t n, size_t elem_bytes, size_t *bytes);

/* kmalloc routing (model of vk_kmalloc.h). */
unsigned int vkm_kmalloc_index(size_t size);
size_t vkm_kmalloc_bucket_bytes(unsigned int index);
unsigned int vkm_get_order(size_t size);
size_t vkm_order_bytes(unsigned int order);
struct vk_kmalloc_route vkm_kmalloc_route(size_t size);

/* kvmalloc_node decision (model of vk_kvmalloc.h). */
struct vk_kv_plan vkm_kvmalloc_plan(enum vk_profile profile, size_t size, vk_gfp_t flags);

/* Address layouts (model of vk_addr.h). */
bool vkm_layout_valid(const struct vk_layout *layout);
enum vk_addr_class vkm_addr_classify(const struct vk_layout *layout, uint64_t addr);
bool vkm_is_vmalloc_addr(const struct vk_layout *layout, uint64_t addr);
enum vk_free_route vkm_free_route(const struct vk_layout *layout, uint64_t addr);
enum vk_page_route vkm_page_route(const struct vk_layout *layout, uint64_t addr);
uint64_t vkm_direct_pfn(const struct vk_layout *layout, uint64_t addr);
struct vk_layout vkm_layout_x86_64_4level(void);
struct vk_layout vkm_layout_x86_64_5level(void);

#endif /* VK_MODEL_H */
