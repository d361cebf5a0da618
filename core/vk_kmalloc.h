/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vk_kmalloc.h - the kmalloc routing facts a backend needs (SLUB, x86_64,
 * 4 KiB pages): size 0 gives ZERO_SIZE_PTR, 1..KMALLOC_MAX_CACHE_SIZE a slab
 * bucket (kmalloc_index), up to KMALLOC_MAX_SIZE a page-allocator block of
 * get_order(size), anything larger is refused.
 */
#ifndef VK_KMALLOC_H
#define VK_KMALLOC_H

#include <stddef.h>
#include <stdint.h>

#include "spec/vk_kmalloc_spec.h"

#define VK_PAGE_SHIFT              12u
#define VK_PAGE_SIZE               ((size_t)4096)
#define VK_KMALLOC_MAX_CACHE_SIZE  ((size_t)8192)
#define VK_KMALLOC_MAX_SIZE        ((size_t)4194304)
#define VK_KMALLOC_MIN_SIZE        ((size_t)8)
#define VK_KMALLOC_MAX_ORDER       10u
#define VK_ZERO_SIZE_PTR_ADDR      ((uint64_t)16)
#define VK_INT_MAX_BYTES           ((size_t)2147483647)

/**
 * enum vk_kmalloc_kind - where kmalloc serves a request.
 */
enum vk_kmalloc_kind {
	VK_KMALLOC_ZERO = 0,   /* size 0: ZERO_SIZE_PTR, nothing allocated */
	VK_KMALLOC_SLAB = 1,   /* slab bucket kmalloc_index(size) */
	VK_KMALLOC_PAGES = 2,  /* page allocator, order get_order(size) */
	VK_KMALLOC_REFUSE = 3, /* above KMALLOC_MAX_SIZE: NULL */
};

/**
 * struct vk_kmalloc_route - kmalloc's routing of one size.
 * @kind: see enum vk_kmalloc_kind.
 * @index: slab bucket index (VK_KMALLOC_SLAB) or page order (VK_KMALLOC_PAGES); 0 otherwise.
 * @bytes: bytes the backing object really has (bucket size, or PAGE_SIZE << order); 0 otherwise.
 */
struct vk_kmalloc_route {
	enum vk_kmalloc_kind kind;
	unsigned int index;
	size_t bytes;
};

/**
 * vk_kmalloc_index - the slab bucket kmalloc uses for a size (kmalloc_index()).
 * @size: requested bytes.
 *
 * Return: 3..13 for the power-of-two buckets 8 B..8 KiB, 1 for the 96-byte
 * and 2 for the 192-byte bucket; 0 for size 0 or a size above
 * KMALLOC_MAX_CACHE_SIZE (no slab bucket).
 */
/*@ assigns \nothing;
    ensures \result == kmalloc_index_of(size);
    behavior bucket:
      assumes 1 <= size <= kmalloc_max_cache_bytes;
      ensures 1 <= \result <= 13;
      ensures size <= bucket_bytes_of(\result);
    behavior none:
      assumes size == 0 || size > kmalloc_max_cache_bytes;
      ensures \result == 0;
    complete behaviors;
    disjoint behaviors;
*/
unsigned int vk_kmalloc_index(size_t size);

/**
 * vk_kmalloc_bucket_bytes - object bytes of a slab bucket.
 * @index: a kmalloc_index() value.
 *
 * Return: 96 for index 1, 192 for index 2, 1 << index for 3..13, else 0.
 */
/*@ assigns \nothing;
    ensures \result == bucket_bytes_of(index);
*/
size_t vk_kmalloc_bucket_bytes(unsigned int index);

/**
 * vk_get_order - page order of a block that holds @size bytes (get_order()).
 * @size: requested bytes.
 *
 * Return: the smallest order whose block (PAGE_SIZE << order) holds @size,
 * for sizes up to KMALLOC_MAX_SIZE (0 for size 0); VK_KMALLOC_MAX_ORDER + 1
 * above it, an order the page allocator refuses.
 */
/*@ assigns \nothing;
    ensures \result == order_of(size);
    ensures \result <= VK_KMALLOC_MAX_ORDER + 1;
    ensures size <= kmalloc_max_bytes ==> size <= order_bytes_of(\result);
    ensures size <= kmalloc_max_bytes && \result > 0 ==> size > order_bytes_of(\result - 1);
*/
unsigned int vk_get_order(size_t size);

/**
 * vk_order_bytes - bytes of a page-allocator block (PAGE_SIZE << order).
 * @order: page order, 0..VK_KMALLOC_MAX_ORDER.
 *
 * Return: the block's bytes, or 0 for an order kmalloc never uses.
 */
/*@ assigns \nothing;
    ensures \result == order_bytes_of(order);
*/
size_t vk_order_bytes(unsigned int order);

/**
 * vk_kmalloc_route - where kmalloc serves a request of @size bytes.
 * @size: requested bytes.
 *
 * Return: ZERO for 0; SLAB with the bucket for 1..KMALLOC_MAX_CACHE_SIZE;
 * PAGES with the order up to KMALLOC_MAX_SIZE; REFUSE above it (NULL,
 * including SIZE_MAX).
 */
/*@ assigns \nothing;
    behavior zero:
      assumes size == 0;
      ensures \result.kind == VK_KMALLOC_ZERO && \result.index == 0 && \result.bytes == 0;
    behavior slab:
      assumes 1 <= size <= kmalloc_max_cache_bytes;
      ensures \result.kind == VK_KMALLOC_SLAB;
      ensures \result.index == kmalloc_index_of(size);
      ensures \result.bytes == bucket_bytes_of(\result.index);
      ensures size <= \result.bytes;
    behavior pages:
      assumes kmalloc_max_cache_bytes < size <= kmalloc_max_bytes;
      ensures \result.kind == VK_KMALLOC_PAGES;
      ensures \result.index == order_of(size);
      ensures 2 <= \result.index <= VK_KMALLOC_MAX_ORDER;
      ensures \result.bytes == order_bytes_of(\result.index);
      ensures size <= \result.bytes;
    behavior refuse:
      assumes size > kmalloc_max_bytes;
      ensures \result.kind == VK_KMALLOC_REFUSE && \result.index == 0 && \result.bytes == 0;
    complete behaviors;
    disjoint behaviors;
*/
struct vk_kmalloc_route vk_kmalloc_route(size_t size);

#endif /* VK_KMALLOC_H */
