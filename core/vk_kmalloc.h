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

unsigned int vk_kmalloc_index(size_t size);
size_t vk_kmalloc_bucket_bytes(unsigned int index);
unsigned int vk_get_order(size_t size);
struct vk_kmalloc_route vk_kmalloc_route(size_t size);

#endif /* VK_KMALLOC_H */
