/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vku_heap.c - heap creation, the address table, fault injection, errors
 * and statistics of the userspace backend.
 */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "backends/user/vku_internal.h"
#include "core/vk_kmalloc.h"

static size_t round_pages(size_t bytes)
{
	size_t mask = VK_PAGE_SIZE - 1u;

	if (bytes == 0)
		return VKU_DEFAULT_REGION_BYTES;
	if (bytes > SIZE_MAX / 4u)
		bytes = SIZE_MAX / 4u;
	return (bytes + mask) & ~mask;
}

/*
 * Cache the core's slab routes (bucket index per 8-byte granule, bucket
 * bytes per index) so the fast path does not call vk_kmalloc_route().  The
 * cache is used only if it reproduces the core's answer for every size it covers.
 */
static void route_cache_build(struct vku_heap *heap)
{
	struct vk_kmalloc_route r;
	size_t size, g;

	heap->route_cache_ok = false;
	for (g = 1; g <= VKU_ROUTE_CACHE_MAX_BYTES / VKU_ROUTE_GRANULE_BYTES; g++) {
		r = vk_kmalloc_route(g * VKU_ROUTE_GRANULE_BYTES);
		if (r.kind != VK_KMALLOC_SLAB || r.index >= VKU_NUM_BUCKETS || r.bytes > UINT32_MAX)
			return;
		heap->route_index[g] = (uint8_t)r.index;
		heap->bucket_bytes[r.index] = (uint32_t)r.bytes;
	}
	for (size = 1; size <= VKU_ROUTE_CACHE_MAX_BYTES; size++) {
		r = vk_kmalloc_route(size);
		g = (size + VKU_ROUTE_GRANULE_BYTES - 1u) / VKU_ROUTE_GRANULE_BYTES;
		if (r.kind != VK_KMALLOC_SLAB || r.index != heap->route_index[g] ||
		    r.bytes != heap->bucket_bytes[r.index])
			return;
	}
	heap->route_cache_ok = true;
}

struct vku_heap *vku_heap_create(const struct vku_options *opts)
{
	struct vku_options o = { 0 };
	struct vku_heap *heap;
	void *map;

	if (opts)
		o = *opts;
	heap = calloc(1, sizeof(*heap));
	if (!heap)
		return NULL;
	heap->opt_flags = o.flags;
	heap->profile = o.profile_set ? o.profile : VK_PROFILE_LINUX_6_1;
	heap->initial_profile = heap->profile;
	route_cache_build(heap);
	heap->direct_bytes = round_pages(o.direct_bytes);
	heap->vm_bytes = round_pages(o.vmalloc_bytes);
	/* [direct][gap page][vmalloc][gap page][modules] */
	heap->map_bytes = heap->direct_bytes + heap->vm_bytes + VKU_MODULES_BYTES + 2u * VK_PAGE_SIZE;
	map = mmap(NULL, heap->map_bytes, PROT_NONE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (map == MAP_FAILED) {
		free(heap);
		return NULL;
	}
	heap->map_base = map;
	heap->direct_base = heap->map_base;
	heap->vm_base = heap->direct_base + heap->direct_bytes + VK_PAGE_SIZE;
	heap->mod_base = heap->vm_base + heap->vm_bytes + VK_PAGE_SIZE;
	heap->tab_cap = VKU_TAB_INITIAL_SLOTS;
	heap->tab = calloc(heap->tab_cap, sizeof(*heap->tab));
	if (!heap->tab || pthread_mutex_init(&heap->lock, NULL) != 0) {
		free(heap->tab);
		munmap(map, heap->map_bytes);
		free(heap);
		return NULL;
	}
	return heap;
}

void vku_heap_destroy(struct vku_heap *heap)
{
	if (!heap)
		return;
	munmap(heap->map_base, heap->map_bytes);
	pthread_mutex_destroy(&heap->lock);
	free(heap->tab);
	free(heap->vm_free);
	free(heap);
}

int vku_heap_reset(struct vku_heap *heap)
{
	struct vku_entry *tab;
	unsigned int c;
	size_t keep_bytes;

	pthread_mutex_lock(&heap->lock);
	for (c = 0; c < VKU_CLASS_COUNT; c++) {
		if (heap->st.live_count[c] != 0u) {
			pthread_mutex_unlock(&heap->lock);
			return -(int)VKU_ERR_NOT_ALLOCATED;
		}
	}
	/* Every allocation is free: forget them all and carve from the start again. */
	memset(heap->slab_free, 0, sizeof(heap->slab_free));
	memset(heap->slab_cur, 0, sizeof(heap->slab_cur));
	memset(heap->slab_end, 0, sizeof(heap->slab_end));
	memset(heap->page_free, 0, sizeof(heap->page_free));
	heap->direct_used = 0;
	/* Pages stay committed (no faults on reuse) up to a bound; above it they go back. */
	keep_bytes = VKU_RESET_KEEP_BYTES < heap->direct_bytes ? VKU_RESET_KEEP_BYTES : heap->direct_bytes;
	if (heap->direct_committed > keep_bytes) {
		uint8_t *p = heap->direct_base + keep_bytes;
		size_t bytes = heap->direct_committed - keep_bytes;

		if (mmap(p, bytes, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED,
			 -1, 0) != MAP_FAILED)
			heap->direct_committed = keep_bytes;
	}
	/* Every vmalloc area is free; pages above the bound go back (they read zero again). */
	if (heap->vm_peak > keep_bytes &&
	    madvise(heap->vm_base + keep_bytes, heap->vm_peak - keep_bytes, MADV_DONTNEED) == 0)
		heap->vm_peak = keep_bytes;
	heap->vm_top = 0;
	heap->vm_free_n = 0;
	/* Back to the initial table (a grown one is dropped), so a reset heap behaves as a new one. */
	tab = heap->tab_cap > VKU_TAB_INITIAL_SLOTS ? calloc(VKU_TAB_INITIAL_SLOTS, sizeof(*tab)) : NULL;
	if (tab) {
		free(heap->tab);
		heap->tab = tab;
		heap->tab_cap = VKU_TAB_INITIAL_SLOTS;
	} else if (heap->tab_used != 0u) {
		memset(heap->tab, 0, heap->tab_cap * sizeof(*heap->tab));
	}
	heap->tab_used = 0;
	memset(heap->fault, 0, sizeof(heap->fault));
	memset(&heap->st, 0, sizeof(heap->st));
	heap->profile = heap->initial_profile;
	heap->last_err = VKU_OK;
	pthread_mutex_unlock(&heap->lock);
	return 0;
}

struct vk_layout vku_heap_layout(const struct vku_heap *heap)
{
	struct vk_layout l;

	l.direct.start = (uint64_t)(uintptr_t)heap->direct_base;
	l.direct.end = l.direct.start + heap->direct_bytes;
	l.vmalloc.start = (uint64_t)(uintptr_t)heap->vm_base;
	l.vmalloc.end = l.vmalloc.start + heap->vm_bytes;
	l.modules.start = (uint64_t)(uintptr_t)heap->mod_base;
	l.modules.end = l.modules.start + VKU_MODULES_BYTES;
	return l;
}

void vku_set_profile(struct vku_heap *heap, enum vk_profile profile)
{
	pthread_mutex_lock(&heap->lock);
	heap->profile = profile;
	pthread_mutex_unlock(&heap->lock);
}

void vku_set_fault(struct vku_heap *heap, enum vku_fault_site site, const struct vku_fault *fault)
{
	struct vku_fault_state *fs;

	if ((unsigned int)site >= VKU_SITE_COUNT)
		return;
	pthread_mutex_lock(&heap->lock);
	fs = &heap->fault[site];
	fs->cfg = *fault;
	fs->attempts = 0;
	fs->rng = fault->seed ? fault->seed : 0x9e3779b97f4a7c15ull;
	pthread_mutex_unlock(&heap->lock);
}

void vku_get_stats(struct vku_heap *heap, struct vku_stats *out)
{
	pthread_mutex_lock(&heap->lock);
	*out = heap->st;
	pthread_mutex_unlock(&heap->lock);
}

enum vku_err vku_last_error(struct vku_heap *heap)
{
	enum vku_err e;

	pthread_mutex_lock(&heap->lock);
	e = heap->last_err;
	pthread_mutex_unlock(&heap->lock);
	return e;
}

const char *vku_err_name(enum vku_err err)
{
	static const char *const names[VKU_ERR_COUNT] = {
		"ok", "pointer not from this heap", "not the start of an allocation",
		"double free", "wrong free function for this pointer", "unknown gfp bits",
		"array size overflow", "size too big", "injected failure", "out of memory",
		"vmalloc of 0 bytes", "unknown kvmalloc profile", "kmalloc failed and no vmalloc fallback",
	};

	if ((unsigned int)err >= VKU_ERR_COUNT)
		return "unknown error";
	return names[err];
}

static size_t tab_slot(const struct vku_heap *heap, uint64_t addr)
{
	uint64_t h = (addr >> 3) * 0x9e3779b97f4a7c15ull;

	return (size_t)(h >> 17) & (heap->tab_cap - 1u);
}

struct vku_entry *vku_tab_find(struct vku_heap *heap, uint64_t addr)
{
	size_t i = tab_slot(heap, addr);

	while (heap->tab[i].state != VKU_ENTRY_EMPTY) {
		if (heap->tab[i].addr == addr)
			return &heap->tab[i];
		i = (i + 1u) & (heap->tab_cap - 1u);
	}
	return NULL;
}

static struct vku_entry *tab_slot_for(struct vku_heap *heap, uint64_t addr)
{
	size_t i = tab_slot(heap, addr);

	while (heap->tab[i].state != VKU_ENTRY_EMPTY && heap->tab[i].addr != addr)
		i = (i + 1u) & (heap->tab_cap - 1u);
	return &heap->tab[i];
}

bool vku_tab_reserve(struct vku_heap *heap)
{
	struct vku_entry *old = heap->tab;
	size_t old_cap = heap->tab_cap;
	size_t i;

	if ((heap->tab_used + 1u) * 10u <= heap->tab_cap * 7u)
		return true;
	if (old_cap > SIZE_MAX / 2u / sizeof(*old))
		return false;
	heap->tab = calloc(old_cap * 2u, sizeof(*old));
	if (!heap->tab) {
		heap->tab = old;
		return false;
	}
	heap->tab_cap = old_cap * 2u;
	for (i = 0; i < old_cap; i++)
		if (old[i].state != VKU_ENTRY_EMPTY)
			*tab_slot_for(heap, old[i].addr) = old[i];
	free(old);
	return true;
}

void vku_tab_record(struct vku_heap *heap, uint64_t addr, size_t req_bytes,
		    size_t backing_bytes, enum vku_class cls, unsigned int index)
{
	struct vku_entry *e = tab_slot_for(heap, addr);

	if (e->state == VKU_ENTRY_EMPTY)
		heap->tab_used++;
	e->addr = addr;
	e->req_bytes = req_bytes;
	e->backing_bytes = backing_bytes;
	e->cls = (uint8_t)cls;
	e->index = (uint8_t)index;
	e->state = VKU_ENTRY_LIVE;
	heap->st.live_count[cls]++;
	heap->st.live_bytes[cls] += req_bytes;
	heap->st.live_backing_bytes[cls] += backing_bytes;
}

void vku_tab_release(struct vku_heap *heap, struct vku_entry *e)
{
	heap->st.live_count[e->cls]--;
	heap->st.live_bytes[e->cls] -= e->req_bytes;
	heap->st.live_backing_bytes[e->cls] -= e->backing_bytes;
	e->state = VKU_ENTRY_FREED;
}

static uint64_t xorshift64(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*s = x;
	return x;
}

bool vku_should_fail(struct vku_heap *heap, enum vku_fault_site site, vk_gfp_t flags)
{
	struct vku_fault_state *fs = &heap->fault[site];
	bool fail = false;

	heap->st.attempts[site]++;
	if ((flags.bits & VK___GFP_NOFAIL) != 0u || fs->cfg.mode == VKU_FAULT_OFF)
		return false;
	fs->attempts++;
	switch (fs->cfg.mode) {
	case VKU_FAULT_NTH:
		fail = fs->attempts == fs->cfg.param;
		break;
	case VKU_FAULT_EVERY:
		fail = fs->cfg.param != 0u && fs->attempts % fs->cfg.param == 0u;
		break;
	case VKU_FAULT_PROB:
		fail = xorshift64(&fs->rng) % 1000000u < fs->cfg.param;
		break;
	default:
		break;
	}
	if (fail) {
		heap->st.injected[site]++;
		heap->last_err = VKU_ERR_INJECTED;
	}
	return fail;
}

enum vku_err vku_classify_missing(struct vku_heap *heap, uint64_t addr)
{
	struct vku_entry *e = vku_tab_find(heap, addr);
	uint64_t base = (uint64_t)(uintptr_t)heap->map_base;

	if (e && e->state == VKU_ENTRY_FREED)
		return VKU_ERR_DOUBLE_FREE;
	if (addr >= base && addr - base < heap->map_bytes)
		return VKU_ERR_NOT_ALLOCATED;
	return VKU_ERR_FOREIGN;
}

int vku_bad_free(struct vku_heap *heap, const char *fn, const void *p, enum vku_err err)
{
	heap->st.bad_frees++;
	heap->last_err = err;
	if (!(heap->opt_flags & VKU_QUIET) || !(heap->opt_flags & VKU_ON_BAD_FREE_RETURN))
		fprintf(stderr, "vku: %s(%p): bad free: %s\n", fn, p, vku_err_name(err));
	if (!(heap->opt_flags & VKU_ON_BAD_FREE_RETURN))
		abort();
	return -(int)err;
}
