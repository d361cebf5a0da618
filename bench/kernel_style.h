/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * kernel_style.h - the benchmark baseline: each core decision written the
 * way the kernel writes it (bit tables, shifts, __builtin_*_overflow,
 * if-chains), with the core's signature and a ks_ prefix.
 */
#ifndef VK_BENCH_KERNEL_STYLE_H
#define VK_BENCH_KERNEL_STYLE_H

#include "core/vk_addr.h"
#include "core/vk_gfp.h"
#include "core/vk_kmalloc.h"
#include "core/vk_kvmalloc.h"
#include "core/vk_size.h"

/** ks_gfp_allow_blocking - gfpflags_allow_blocking(). @flags: flags. Return: may block. */
bool ks_gfp_allow_blocking(vk_gfp_t flags);
/** ks_gfp_zone - gfp_zone() via GFP_ZONE_TABLE, bad nibbles via GFP_ZONE_BAD. @flags: flags. Return: zone. */
enum vk_zone ks_gfp_zone(vk_gfp_t flags);
/** ks_gfp_migratetype - gfp_migratetype(). @flags: flags. Return: migrate type. */
enum vk_migratetype ks_gfp_migratetype(vk_gfp_t flags);
/** ks_gfp_scope - current_gfp_context(). @flags: flags. @scope: scope bits. Return: flags. */
vk_gfp_t ks_gfp_scope(vk_gfp_t flags, uint32_t scope);
/** ks_gfp_problems - warned combinations. @flags: flags. @order: order. Return: problems. */
struct vk_gfp_problems ks_gfp_problems(vk_gfp_t flags, unsigned int order);
/** ks_size_mul - size_mul(). @a: factor. @b: factor. Return: saturated product. */
size_t ks_size_mul(size_t a, size_t b);
/** ks_size_add - size_add(). @a: term. @b: term. Return: saturated sum. */
size_t ks_size_add(size_t a, size_t b);
/** ks_size_sub - size_sub(). @minuend: bytes. @subtrahend: bytes. Return: saturated difference. */
size_t ks_size_sub(size_t minuend, size_t subtrahend);
/** ks_array_bytes - kmalloc_array() check. @n: count. @elem_bytes: size. @bytes: out. Return: fits. */
bool ks_array_bytes(size_t n, size_t elem_bytes, size_t *bytes);
/** ks_struct_size - struct_size(). @header_bytes: header. @n: count. @elem_bytes: size. Return: bytes. */
size_t ks_struct_size(size_t header_bytes, size_t n, size_t elem_bytes);
/** ks_kmalloc_index - kmalloc_index() if-chain. @size: bytes. Return: index. */
unsigned int ks_kmalloc_index(size_t size);
/** ks_kmalloc_route - kmalloc routing. @size: bytes. Return: route. */
struct vk_kmalloc_route ks_kmalloc_route(size_t size);
/** ks_kvmalloc_plan - kvmalloc_node() decision. @profile: profile. @size: bytes. @flags: flags. Return: plan. */
struct vk_kv_plan ks_kvmalloc_plan(enum vk_profile profile, size_t size, vk_gfp_t flags);
/** ks_addr_classify - address class. @layout: layout. @addr: address. Return: class. */
enum vk_addr_class ks_addr_classify(const struct vk_layout *layout, uint64_t addr);
/** ks_free_route - kvfree() routing. @layout: layout. @addr: address. Return: route. */
enum vk_free_route ks_free_route(const struct vk_layout *layout, uint64_t addr);

#endif /* VK_BENCH_KERNEL_STYLE_H */
