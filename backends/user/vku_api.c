/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vku_api.c - the public entry points: flags from vk_api_flags(), array
 * sizes from vk_array_bytes(), kvmalloc from vk_kvmalloc_plan(), kvfree from
 * vk_free_route().
 */
#include <string.h>

#include "backends/user/vku_alloc.h"
#include "core/vk_size.h"

void *vku_kvmalloc_locked(struct vku_heap *heap, size_t size, vk_gfp_t flags)
{
	struct vk_kv_plan plan;
	void *p;

	if ((flags.bits & ~VK_GFP_KNOWN_MASK) != 0u) {
		heap->last_err = VKU_ERR_FLAGS;
		return NULL;
	}
	plan = vk_kvmalloc_plan(heap->profile, size, flags);
	if (!plan.try_kmalloc) {
		heap->last_err = VKU_ERR_PROFILE;
		return NULL;
	}
	p = vku_kmalloc_locked(heap, size, plan.kmalloc_flags);
	if (p || plan.on_fail != VK_KV_FAIL_VMALLOC)
		return p;
	heap->st.kv_fallbacks++;
	return vku_vmalloc_locked(heap, size, plan.vmalloc_flags);
}

static bool api_is_array(enum vk_api api)
{
	return api == VK_API_KCALLOC || api == VK_API_KMALLOC_ARRAY ||
	       api == VK_API_KVCALLOC || api == VK_API_KVMALLOC_ARRAY;
}

void *vku_alloc_api(struct vku_heap *heap, enum vk_api api, size_t n, size_t elem_bytes, vk_gfp_t flags)
{
	size_t bytes = n;
	vk_gfp_t f;
	void *p = NULL;

	pthread_mutex_lock(&heap->lock);
	if (!vk_api_flags(api, flags, &f)) {
		heap->last_err = VKU_ERR_FLAGS;
		goto out;
	}
	if (api_is_array(api) && !vk_array_bytes(n, elem_bytes, &bytes)) {
		heap->last_err = VKU_ERR_OVERFLOW;
		goto out;
	}
	switch (api) {
	case VK_API_KMALLOC:
	case VK_API_KZALLOC:
	case VK_API_KCALLOC:
	case VK_API_KMALLOC_ARRAY:
		p = vku_kmalloc_locked(heap, bytes, f);
		break;
	case VK_API_VMALLOC:
	case VK_API_VZALLOC:
		p = vku_vmalloc_locked(heap, bytes, f);
		break;
	default:
		p = vku_kvmalloc_locked(heap, bytes, f);
		break;
	}
out:
	pthread_mutex_unlock(&heap->lock);
	return p;
}

void *vku_kmalloc(struct vku_heap *heap, size_t size, vk_gfp_t flags)
{
	return vku_alloc_api(heap, VK_API_KMALLOC, size, 1, flags);
}

void *vku_kzalloc(struct vku_heap *heap, size_t size, vk_gfp_t flags)
{
	return vku_alloc_api(heap, VK_API_KZALLOC, size, 1, flags);
}

void *vku_kcalloc(struct vku_heap *heap, size_t n, size_t elem_bytes, vk_gfp_t flags)
{
	return vku_alloc_api(heap, VK_API_KCALLOC, n, elem_bytes, flags);
}

void *vku_kmalloc_array(struct vku_heap *heap, size_t n, size_t elem_bytes, vk_gfp_t flags)
{
	return vku_alloc_api(heap, VK_API_KMALLOC_ARRAY, n, elem_bytes, flags);
}

void *vku_vmalloc(struct vku_heap *heap, size_t size)
{
	return vku_alloc_api(heap, VK_API_VMALLOC, size, 1, VK_GFP_KERNEL);
}

void *vku_vzalloc(struct vku_heap *heap, size_t size)
{
	return vku_alloc_api(heap, VK_API_VZALLOC, size, 1, VK_GFP_KERNEL);
}

void *vku_kvmalloc(struct vku_heap *heap, size_t size, vk_gfp_t flags)
{
	return vku_alloc_api(heap, VK_API_KVMALLOC, size, 1, flags);
}

void *vku_kvmalloc_node(struct vku_heap *heap, size_t size, vk_gfp_t flags, int node)
{
	(void)node; /* one node in userspace */
	return vku_alloc_api(heap, VK_API_KVMALLOC, size, 1, flags);
}

void *vku_kvzalloc(struct vku_heap *heap, size_t size, vk_gfp_t flags)
{
	return vku_alloc_api(heap, VK_API_KVZALLOC, size, 1, flags);
}

void *vku_kvcalloc(struct vku_heap *heap, size_t n, size_t elem_bytes, vk_gfp_t flags)
{
	return vku_alloc_api(heap, VK_API_KVCALLOC, n, elem_bytes, flags);
}

void *vku_kvmalloc_array(struct vku_heap *heap, size_t n, size_t elem_bytes, vk_gfp_t flags)
{
	return vku_alloc_api(heap, VK_API_KVMALLOC_ARRAY, n, elem_bytes, flags);
}

static int kvfree_locked(struct vku_heap *heap, const void *p, const char *fn)
{
	struct vk_layout l = vku_heap_layout(heap);

	switch (vk_free_route(&l, (uint64_t)(uintptr_t)p)) {
	case VK_FREE_NOOP:
		return 0;
	case VK_FREE_KFREE:
		return vku_kfree_locked(heap, p, fn);
	case VK_FREE_VFREE:
		return vku_vfree_locked(heap, p, fn);
	default:
		return vku_bad_free(heap, fn, p, vku_classify_missing(heap, (uint64_t)(uintptr_t)p));
	}
}

int vku_kvfree(struct vku_heap *heap, const void *p)
{
	int rc;

	pthread_mutex_lock(&heap->lock);
	rc = kvfree_locked(heap, p, "kvfree");
	pthread_mutex_unlock(&heap->lock);
	return rc;
}

int vku_kvfree_sensitive(struct vku_heap *heap, const void *p, size_t len)
{
	uint64_t addr = (uint64_t)(uintptr_t)p;
	struct vku_entry *e;
	void *b;
	int rc;

	pthread_mutex_lock(&heap->lock);
	if (addr > VK_ZERO_SIZE_PTR_ADDR) {
		e = vku_tab_find(heap, addr);
		/*
		 * memzero_explicit: the empty asm that may read the memory keeps the
		 * memset from being elided (freed pages are kept for reuse, so the
		 * bytes would otherwise reach the next owner).
		 */
		if (e && e->state == VKU_ENTRY_LIVE) {
			b = (void *)(uintptr_t)addr;
			memset(b, 0, len < e->backing_bytes ? len : e->backing_bytes);
			__asm__ __volatile__("" : : "r"(b) : "memory");
		}
	}
	rc = kvfree_locked(heap, p, "kvfree_sensitive");
	pthread_mutex_unlock(&heap->lock);
	return rc;
}

void *vku_kvrealloc(struct vku_heap *heap, void *p, size_t old_size, size_t new_size, vk_gfp_t flags)
{
	uint64_t addr = (uint64_t)(uintptr_t)p;
	struct vku_entry *e = NULL;
	size_t copy_bytes = 0;
	void *q = NULL;

	if (old_size >= new_size)
		return p;
	pthread_mutex_lock(&heap->lock);
	if (addr > VK_ZERO_SIZE_PTR_ADDR) {
		e = vku_tab_find(heap, addr);
		if (!e || e->state != VKU_ENTRY_LIVE) {
			vku_bad_free(heap, "kvrealloc", p, vku_classify_missing(heap, addr));
			goto out;
		}
		copy_bytes = old_size < e->backing_bytes ? old_size : e->backing_bytes;
	}
	q = vku_kvmalloc_locked(heap, new_size, flags);
	if (!q || q == (void *)(uintptr_t)VK_ZERO_SIZE_PTR_ADDR)
		goto out;
	if (copy_bytes)
		memcpy(q, p, copy_bytes);
	if (addr > VK_ZERO_SIZE_PTR_ADDR)
		kvfree_locked(heap, p, "kvrealloc");
out:
	pthread_mutex_unlock(&heap->lock);
	return q;
}
