/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vku_kmalloc.c - the direct-map allocator: slab buckets (per-bucket free
 * lists, objects carved lazily from 64 KiB chunks) and page-order blocks
 * (per-order free lists), routed by the core's vk_kmalloc_route() (slab
 * sizes through the heap's cache of its answers).
 */
#define _DEFAULT_SOURCE
#include <string.h>
#include <sys/mman.h>

#include "backends/user/vku_alloc.h"
#include "core/vk_kmalloc.h"

/* Take @bytes (page multiple) from the direct map and make them usable. */
static void *direct_bump(struct vku_heap *heap, size_t bytes)
{
	uint8_t *p;

	if (bytes > heap->direct_bytes - heap->direct_used)
		return NULL;
	p = heap->direct_base + heap->direct_used;
	/* Pages below direct_committed are already usable (kept by vku_heap_reset). */
	if (heap->direct_used + bytes > heap->direct_committed) {
		uint8_t *c = heap->direct_base + heap->direct_committed;
		size_t more = heap->direct_used + bytes - heap->direct_committed;

		if (mprotect(c, more, PROT_READ | PROT_WRITE) != 0)
			return NULL;
		heap->direct_committed += more;
	}
	heap->direct_used += bytes;
	return p;
}

static void *pop(void **head)
{
	void *p = *head;

	if (p)
		memcpy(head, p, sizeof(void *));
	return p;
}

static void push(void **head, void *p)
{
	memcpy(p, head, sizeof(void *));
	*head = p;
}

/* Freed objects first, then the next uncarved object of the bucket's chunk. */
static void *slab_get(struct vku_heap *heap, unsigned int index, size_t bucket_bytes)
{
	uint8_t *p;

	if (heap->slab_free[index])
		return pop(&heap->slab_free[index]);
	if ((size_t)(heap->slab_end[index] - heap->slab_cur[index]) < bucket_bytes) {
		p = direct_bump(heap, VKU_SLAB_CHUNK_BYTES);
		if (!p)
			return NULL;
		heap->slab_cur[index] = p;
		heap->slab_end[index] = p + VKU_SLAB_CHUNK_BYTES;
	}
	p = heap->slab_cur[index];
	heap->slab_cur[index] = p + bucket_bytes;
	return p;
}

/* The core's route of @size, from the heap's cache for slab sizes. */
static struct vk_kmalloc_route route_of(const struct vku_heap *heap, size_t size)
{
	struct vk_kmalloc_route r;

	if (size == 0 || size > VKU_ROUTE_CACHE_MAX_BYTES || !heap->route_cache_ok)
		return vk_kmalloc_route(size);
	r.kind = VK_KMALLOC_SLAB;
	r.index = heap->route_index[(size + VKU_ROUTE_GRANULE_BYTES - 1u) / VKU_ROUTE_GRANULE_BYTES];
	r.bytes = heap->bucket_bytes[r.index];
	return r;
}

static void *pages_get(struct vku_heap *heap, unsigned int order, size_t block_bytes)
{
	void *p = pop(&heap->page_free[order]);

	return p ? p : direct_bump(heap, block_bytes);
}

void *vku_kmalloc_locked(struct vku_heap *heap, size_t size, vk_gfp_t flags)
{
	struct vk_kmalloc_route r;
	void *p;
	bool zero;

	if ((flags.bits & ~VK_GFP_KNOWN_MASK) != 0u) {
		heap->last_err = VKU_ERR_FLAGS;
		return NULL;
	}
	r = route_of(heap, size);
	if (r.kind == VK_KMALLOC_ZERO) {
		heap->last_err = VKU_OK;
		return (void *)(uintptr_t)VK_ZERO_SIZE_PTR_ADDR;
	}
	if (r.kind != VK_KMALLOC_SLAB && r.kind != VK_KMALLOC_PAGES) {
		heap->last_err = VKU_ERR_TOO_BIG;
		return NULL;
	}
	if (!vku_tab_reserve(heap)) {
		heap->last_err = VKU_ERR_NOMEM;
		return NULL;
	}
	if (vku_should_fail(heap, VKU_SITE_KMALLOC, flags))
		return NULL;
	p = r.kind == VK_KMALLOC_SLAB ? slab_get(heap, r.index, r.bytes)
				      : pages_get(heap, r.index, r.bytes);
	if (!p) {
		heap->last_err = VKU_ERR_NOMEM;
		return NULL;
	}
	zero = (flags.bits & VK___GFP_ZERO) != 0u;
#ifdef VKU_PLANT_BUG
	/* Planted bug: buckets above 1 KiB are not zeroed. */
	if (r.kind == VK_KMALLOC_SLAB && r.bytes > 1024u)
		zero = false;
#endif
	if (zero && r.kind == VK_KMALLOC_PAGES)
		vku_zero_pages(p, r.bytes);
	else if (zero)
		memset(p, 0, r.bytes);
	else if (heap->opt_flags & VKU_POISON_ALLOC)
		memset(p, VKU_POISON_BYTE, size);
	vku_tab_record(heap, (uint64_t)(uintptr_t)p, size, r.bytes,
		       r.kind == VK_KMALLOC_SLAB ? VKU_CLASS_SLAB : VKU_CLASS_PAGES, r.index);
	heap->last_err = VKU_OK;
	return p;
}

void vku_kfree_entry(struct vku_heap *heap, struct vku_entry *e)
{
	void *p = (void *)(uintptr_t)e->addr;

	if (e->cls == VKU_CLASS_SLAB)
		push(&heap->slab_free[e->index], p);
	else
		push(&heap->page_free[e->index], p);
	vku_tab_release(heap, e);
}

int vku_kfree_locked(struct vku_heap *heap, const void *p, const char *fn)
{
	uint64_t addr = (uint64_t)(uintptr_t)p;
	struct vku_entry *e;

	if (addr <= VK_ZERO_SIZE_PTR_ADDR)
		return 0;
	e = vku_tab_find(heap, addr);
	if (!e || e->state != VKU_ENTRY_LIVE)
		return vku_bad_free(heap, fn, p, vku_classify_missing(heap, addr));
	if (e->cls == VKU_CLASS_VMALLOC)
		return vku_bad_free(heap, fn, p, VKU_ERR_WRONG_FREE);
	vku_kfree_entry(heap, e);
	return 0;
}

int vku_kfree(struct vku_heap *heap, const void *p)
{
	int rc;

	pthread_mutex_lock(&heap->lock);
	rc = vku_kfree_locked(heap, p, "kfree");
	pthread_mutex_unlock(&heap->lock);
	return rc;
}

size_t vku_ksize(struct vku_heap *heap, const void *p)
{
	struct vku_entry *e;
	size_t bytes = 0;

	pthread_mutex_lock(&heap->lock);
	e = vku_tab_find(heap, (uint64_t)(uintptr_t)p);
	if (e && e->state == VKU_ENTRY_LIVE && e->cls != VKU_CLASS_VMALLOC)
		bytes = e->backing_bytes;
	pthread_mutex_unlock(&heap->lock);
	return bytes;
}

void *vku_krealloc(struct vku_heap *heap, void *p, size_t new_size, vk_gfp_t flags)
{
	uint64_t addr = (uint64_t)(uintptr_t)p;
	struct vku_entry *e;
	void *q = NULL;
	size_t old_backing;

	pthread_mutex_lock(&heap->lock);
	if ((flags.bits & ~VK_GFP_KNOWN_MASK) != 0u) {
		heap->last_err = VKU_ERR_FLAGS;
		goto out;
	}
	if (addr <= VK_ZERO_SIZE_PTR_ADDR) {
		q = vku_kmalloc_locked(heap, new_size, flags);
		goto out;
	}
	e = vku_tab_find(heap, addr);
	if (!e || e->state != VKU_ENTRY_LIVE || e->cls == VKU_CLASS_VMALLOC) {
		vku_bad_free(heap, "krealloc", p,
			     e && e->state == VKU_ENTRY_LIVE ? VKU_ERR_WRONG_FREE
							     : vku_classify_missing(heap, addr));
		goto out;
	}
	if (new_size == 0) {
		vku_kfree_entry(heap, e);
		heap->last_err = VKU_OK;
		q = (void *)(uintptr_t)VK_ZERO_SIZE_PTR_ADDR;
		goto out;
	}
	if (e->backing_bytes >= new_size) {
		heap->st.live_bytes[e->cls] = heap->st.live_bytes[e->cls] - e->req_bytes + new_size;
		e->req_bytes = new_size;
		heap->last_err = VKU_OK;
		q = p;
		goto out;
	}
	old_backing = e->backing_bytes;
	q = vku_kmalloc_locked(heap, new_size, flags);
	if (q && q != (void *)(uintptr_t)VK_ZERO_SIZE_PTR_ADDR) {
		memcpy(q, p, old_backing);
		/* the table may have grown: look the old entry up again */
		vku_kfree_entry(heap, vku_tab_find(heap, addr));
	}
out:
	pthread_mutex_unlock(&heap->lock);
	return q;
}
