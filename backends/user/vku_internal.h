/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vku_internal.h - heap state shared by the userspace backend's files.
 * Every function here expects the heap lock to be held.
 */
#ifndef VKU_INTERNAL_H
#define VKU_INTERNAL_H

#include <pthread.h>
#include <stdint.h>

#include "backends/user/vku.h"

#define VKU_SLAB_CHUNK_BYTES ((size_t)65536) /* one slab refill */
#define VKU_MODULES_BYTES    ((size_t)65536) /* reserved dummy module range */
#define VKU_DEFAULT_REGION_BYTES ((size_t)1 << 30)
#define VKU_NUM_BUCKETS 14u   /* kmalloc_index 1..13 */
#define VKU_NUM_ORDERS 11u    /* page orders 0..10 */
#define VKU_ROUTE_CACHE_MAX_BYTES ((size_t)8192) /* sizes the per-heap route cache answers */
#define VKU_ROUTE_GRANULE_BYTES 8u                /* the cache holds one route per 8 bytes */
#define VKU_TAB_INITIAL_SLOTS 32u                 /* address table size of a new heap (power of 2) */
#define VKU_ZERO_DROP_BYTES ((size_t)16 << 20)    /* zeroing this much drops the pages instead */
#define VKU_RESET_KEEP_BYTES ((size_t)32 << 20)   /* direct map / vmalloc pages a reset keeps */

enum vku_entry_state {
	VKU_ENTRY_EMPTY = 0,
	VKU_ENTRY_LIVE = 1,
	VKU_ENTRY_FREED = 2,
};

/**
 * struct vku_entry - one address the heap handed out (live or freed).
 * @addr: start address (0 in an empty slot).
 * @req_bytes: bytes the caller asked for.
 * @backing_bytes: bytes reserved (bucket, block, or pages without guard).
 * @cls: enum vku_class.
 * @index: slab bucket index or page order; unused for vmalloc.
 * @state: enum vku_entry_state.
 */
struct vku_entry {
	uint64_t addr;
	size_t req_bytes;
	size_t backing_bytes;
	uint8_t cls;
	uint8_t index;
	uint8_t state;
};

/** struct vku_extent - a free run of vmalloc pages. @start: address. @pages: length. */
struct vku_extent {
	uint64_t start;
	size_t pages;
};

/** struct vku_fault_state - fault configuration plus its counters. */
struct vku_fault_state {
	struct vku_fault cfg;
	uint64_t attempts;
	uint64_t rng;
};

struct vku_heap {
	pthread_mutex_t lock;
	uint32_t opt_flags;
	enum vk_profile profile;
	uint8_t *map_base;
	size_t map_bytes;
	enum vk_profile initial_profile;
	uint8_t *direct_base;
	size_t direct_bytes;
	size_t direct_used;
	size_t direct_committed;
	uint8_t *vm_base;
	size_t vm_bytes;
	size_t vm_top;
	size_t vm_peak;
	uint8_t *mod_base;
	void *slab_free[VKU_NUM_BUCKETS];
	uint8_t *slab_cur[VKU_NUM_BUCKETS];
	uint8_t *slab_end[VKU_NUM_BUCKETS];
	bool route_cache_ok;
	uint8_t route_index[VKU_ROUTE_CACHE_MAX_BYTES / VKU_ROUTE_GRANULE_BYTES + 1u];
	uint32_t bucket_bytes[VKU_NUM_BUCKETS];
	void *page_free[VKU_NUM_ORDERS];
	struct vku_extent *vm_free;
	size_t vm_free_n;
	size_t vm_free_cap;
	struct vku_entry *tab;
	size_t tab_cap;
	size_t tab_used;
	struct vku_fault_state fault[VKU_SITE_COUNT];
	struct vku_stats st;
	enum vku_err last_err;
};

/**
 * vku_tab_find - the entry of an address, or NULL.
 * @heap: heap (locked).
 * @addr: the address.
 * Return: the live or freed entry, NULL if the address was never handed out.
 */
struct vku_entry *vku_tab_find(struct vku_heap *heap, uint64_t addr);

/**
 * vku_tab_reserve - make room for one more entry.
 * @heap: heap (locked).
 * Return: true when an insert will succeed.
 */
bool vku_tab_reserve(struct vku_heap *heap);

/**
 * vku_tab_record - mark an address live and account it.
 * @heap: heap (locked; vku_tab_reserve() succeeded).
 * @addr: start address. @req_bytes: requested. @backing_bytes: reserved.
 * @cls: class. @index: bucket or order.
 */
void vku_tab_record(struct vku_heap *heap, uint64_t addr, size_t req_bytes,
		    size_t backing_bytes, enum vku_class cls, unsigned int index);

/**
 * vku_tab_release - mark a live entry freed and unaccount it.
 * @heap: heap (locked). @e: the live entry.
 */
void vku_tab_release(struct vku_heap *heap, struct vku_entry *e);

/**
 * vku_should_fail - fault injection decision for one attempt.
 * @heap: heap (locked). @site: kmalloc or vmalloc. @flags: attempt flags.
 * Return: true when the attempt must fail; never for __GFP_NOFAIL.
 */
bool vku_should_fail(struct vku_heap *heap, enum vku_fault_site site, vk_gfp_t flags);

/**
 * vku_zero_pages - make whole pages of a heap region read zero: memset, or for
 * VKU_ZERO_DROP_BYTES and more, MADV_DONTNEED (private anonymous pages then
 * read zero without being touched now).
 * @p: page-aligned start (readable and writable). @bytes: page multiple.
 */
void vku_zero_pages(void *p, size_t bytes);

/**
 * vku_bad_free - report a bad free; aborts unless the heap returns errors.
 * @heap: heap (locked). @fn: the free function's name. @p: the pointer. @err: why.
 * Return: -@err.
 */
int vku_bad_free(struct vku_heap *heap, const char *fn, const void *p, enum vku_err err);

/**
 * vku_classify_missing - why an address has no live entry.
 * @heap: heap (locked). @addr: the address.
 * Return: DOUBLE_FREE, NOT_ALLOCATED (inside a region) or FOREIGN.
 */
enum vku_err vku_classify_missing(struct vku_heap *heap, uint64_t addr);

#endif /* VKU_INTERNAL_H */
