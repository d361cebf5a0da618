/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vku_vmalloc.c - the vmalloc region: page-granular areas, each followed by
 * an inaccessible guard page; freed areas are made inaccessible again (their
 * pages stay committed, so reuse does not fault) and kept in a sorted,
 * coalescing list of free extents.  __GFP_ZERO areas are zeroed on allocation.
 */
#define _DEFAULT_SOURCE
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "backends/user/vku_alloc.h"
#include "core/vk_kmalloc.h"

void vku_zero_pages(void *p, size_t bytes)
{
	if (bytes < VKU_ZERO_DROP_BYTES || madvise(p, bytes, MADV_DONTNEED) != 0)
		memset(p, 0, bytes);
}

/* Find @pages free pages: first fit in the free list, else bump. */
static uint64_t area_get(struct vku_heap *heap, size_t pages)
{
	uint64_t start;
	size_t i, bytes = pages * VK_PAGE_SIZE;

	for (i = 0; i < heap->vm_free_n; i++) {
		struct vku_extent *x = &heap->vm_free[i];

		if (x->pages < pages)
			continue;
		start = x->start;
		x->start += bytes;
		x->pages -= pages;
		if (x->pages == 0) {
			memmove(x, x + 1, (heap->vm_free_n - i - 1u) * sizeof(*x));
			heap->vm_free_n--;
		}
		return start;
	}
	if (pages > (heap->vm_bytes - heap->vm_top) / VK_PAGE_SIZE)
		return 0;
	start = (uint64_t)(uintptr_t)heap->vm_base + heap->vm_top;
	heap->vm_top += bytes;
	if (heap->vm_top > heap->vm_peak)
		heap->vm_peak = heap->vm_top;
	return start;
}

/* Return @pages at @start to the free list (sorted by address, coalesced). */
static void area_put(struct vku_heap *heap, uint64_t start, size_t pages)
{
	uint64_t top = (uint64_t)(uintptr_t)heap->vm_base + heap->vm_top;
	size_t i = 0, n;
	struct vku_extent *v;

	while (i < heap->vm_free_n && heap->vm_free[i].start < start)
		i++;
	v = heap->vm_free;
	if (i > 0 && v[i - 1u].start + v[i - 1u].pages * VK_PAGE_SIZE == start) {
		v[i - 1u].pages += pages;
		i--;
	} else {
		if (heap->vm_free_n == heap->vm_free_cap) {
			n = heap->vm_free_cap ? heap->vm_free_cap * 2u : 64u;
			v = realloc(heap->vm_free, n * sizeof(*v));
			if (!v)
				return; /* the pages stay reserved: lost, never reused */
			heap->vm_free = v;
			heap->vm_free_cap = n;
		}
		memmove(v + i + 1, v + i, (heap->vm_free_n - i) * sizeof(*v));
		v[i].start = start;
		v[i].pages = pages;
		heap->vm_free_n++;
	}
	if (i + 1u < heap->vm_free_n && v[i].start + v[i].pages * VK_PAGE_SIZE == v[i + 1u].start) {
		v[i].pages += v[i + 1u].pages;
		memmove(v + i + 1, v + i + 2, (heap->vm_free_n - i - 2u) * sizeof(*v));
		heap->vm_free_n--;
	}
	if (v[i].start + v[i].pages * VK_PAGE_SIZE == top) {
		heap->vm_top -= v[i].pages * VK_PAGE_SIZE;
		heap->vm_free_n--;
	}
}

void *vku_vmalloc_locked(struct vku_heap *heap, size_t size, vk_gfp_t flags)
{
	size_t pages;
	uint64_t start;

	if ((flags.bits & ~VK_GFP_KNOWN_MASK) != 0u) {
		heap->last_err = VKU_ERR_FLAGS;
		return NULL;
	}
	if (size == 0) {
		heap->last_err = VKU_ERR_ZERO_VMALLOC;
		return NULL;
	}
	if (size > heap->vm_bytes - VK_PAGE_SIZE) {
		heap->last_err = VKU_ERR_TOO_BIG;
		return NULL;
	}
	if (!vku_tab_reserve(heap)) {
		heap->last_err = VKU_ERR_NOMEM;
		return NULL;
	}
	if (vku_should_fail(heap, VKU_SITE_VMALLOC, flags))
		return NULL;
	pages = (size + VK_PAGE_SIZE - 1u) / VK_PAGE_SIZE;
	start = area_get(heap, pages + 1u); /* + guard page */
	if (start == 0) {
		heap->last_err = VKU_ERR_NOMEM;
		return NULL;
	}
	/* With VKU_FAST_VFREE a freed area stays accessible: the guard page is set here. */
	if (mprotect((void *)(uintptr_t)start, pages * VK_PAGE_SIZE, PROT_READ | PROT_WRITE) != 0 ||
	    ((heap->opt_flags & VKU_FAST_VFREE) &&
	     mprotect((void *)(uintptr_t)(start + pages * VK_PAGE_SIZE), VK_PAGE_SIZE, PROT_NONE) != 0)) {
		area_put(heap, start, pages + 1u);
		heap->last_err = VKU_ERR_NOMEM;
		return NULL;
	}
	/* A reused area holds old contents: zero it when asked (large areas: drop the pages). */
	if ((flags.bits & VK___GFP_ZERO) != 0u)
		vku_zero_pages((void *)(uintptr_t)start, pages * VK_PAGE_SIZE);
	else if (heap->opt_flags & VKU_POISON_ALLOC)
		memset((void *)(uintptr_t)start, VKU_POISON_BYTE, size);
	vku_tab_record(heap, start, size, pages * VK_PAGE_SIZE, VKU_CLASS_VMALLOC, 0);
	heap->last_err = VKU_OK;
	return (void *)(uintptr_t)start;
}

int vku_vfree_locked(struct vku_heap *heap, const void *p, const char *fn)
{
	uint64_t addr = (uint64_t)(uintptr_t)p;
	struct vku_entry *e;
	size_t bytes;

	if (!p)
		return 0;
	e = vku_tab_find(heap, addr);
	if (!e || e->state != VKU_ENTRY_LIVE)
		return vku_bad_free(heap, fn, p, vku_classify_missing(heap, addr));
	if (e->cls != VKU_CLASS_VMALLOC)
		return vku_bad_free(heap, fn, p, VKU_ERR_WRONG_FREE);
	bytes = e->backing_bytes;
	/* Inaccessible again (a use after free faults) unless VKU_FAST_VFREE; pages stay for reuse. */
	if (!(heap->opt_flags & VKU_FAST_VFREE))
		mprotect((void *)(uintptr_t)addr, bytes, PROT_NONE);
	vku_tab_release(heap, e);
	area_put(heap, addr, bytes / VK_PAGE_SIZE + 1u);
	return 0;
}

int vku_vfree(struct vku_heap *heap, const void *p)
{
	int rc;

	pthread_mutex_lock(&heap->lock);
	rc = vku_vfree_locked(heap, p, "vfree");
	pthread_mutex_unlock(&heap->lock);
	return rc;
}
