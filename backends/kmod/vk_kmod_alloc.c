/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vk_kmod_alloc.c - the core-driven allocator: the core plans kvmalloc and
 * routes kvfree, this file performs the plan with the real kmalloc/vmalloc
 * of the running kernel, under the address layout read from the host.
 */
#include <linux/atomic.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "vk_kmod.h"

static struct vk_layout vk_host_layout;
static atomic64_t vk_alloc_count = ATOMIC64_INIT(0);
static atomic64_t vk_free_count = ATOMIC64_INIT(0);

/**
 * vk_kmod_layout_init - read the address regions of the running kernel.
 *
 * Direct map: [PAGE_OFFSET, high_memory). vmalloc: [VMALLOC_START,
 * VMALLOC_END), the half-open range is_vmalloc_addr() tests. Modules:
 * [MODULES_VADDR, MODULES_END).
 */
void vk_kmod_layout_init(void)
{
	vk_host_layout.direct.start = (u64)PAGE_OFFSET;
	vk_host_layout.direct.end = (u64)(uintptr_t)high_memory;
	vk_host_layout.vmalloc.start = (u64)VMALLOC_START;
	vk_host_layout.vmalloc.end = (u64)VMALLOC_END;
	vk_host_layout.modules.start = (u64)MODULES_VADDR;
	vk_host_layout.modules.end = (u64)MODULES_END;
}

/**
 * vk_kmod_layout - the host layout read by vk_kmod_layout_init().
 *
 * Return: a pointer to the module's layout (valid for the module lifetime).
 */
const struct vk_layout *vk_kmod_layout(void)
{
	return &vk_host_layout;
}

/**
 * vk_kmod_gfp_zone - the zone the module reports for @flags (the core's).
 * @flags: allocation flags.
 *
 * With VK_KMOD_PLANT_MISMATCH the wrapper reports ZONE_NORMAL where the core
 * says ZONE_DMA32: a planted bug the gfp_zone check must catch.
 *
 * Return: the zone.
 */
enum vk_zone vk_kmod_gfp_zone(vk_gfp_t flags)
{
	enum vk_zone zone = vk_gfp_zone(flags);

#ifdef VK_KMOD_PLANT_MISMATCH
	if (zone == VK_ZONE_DMA32)
		zone = VK_ZONE_NORMAL;
#endif
	return zone;
}

static gfp_t vk_kmod_to_gfp(vk_gfp_t flags)
{
	return (__force gfp_t)flags.bits;
}

static void vk_kmod_count_alloc(const void *ptr)
{
	if (!ZERO_OR_NULL_PTR(ptr))
		atomic64_inc(&vk_alloc_count);
}

/**
 * vk_kmod_note_alloc - count an allocation made outside vk_kmod_kvmalloc()
 * that vk_kmod_kvfree() or vk_kmod_note_free() will release.
 * @ptr: the allocation; NULL and ZERO_SIZE_PTR are not counted.
 */
void vk_kmod_note_alloc(const void *ptr)
{
	vk_kmod_count_alloc(ptr);
}

/**
 * vk_kmod_note_free - count a release made outside vk_kmod_kvfree().
 */
void vk_kmod_note_free(void)
{
	atomic64_inc(&vk_free_count);
}

/**
 * vk_kmod_kvmalloc - kvmalloc as the core plans it, on the real allocators.
 * @size_bytes: requested size.
 * @flags: caller's allocation flags.
 * @inject_kmalloc_fail: make the kmalloc attempt fail without calling it
 *	(like failslab, a size-0 request is never failed).
 * @trace: filled with the plan and what was called; may be NULL.
 *
 * Return: the allocation, ZERO_SIZE_PTR for size 0, or NULL.
 */
void *vk_kmod_kvmalloc(size_t size_bytes, vk_gfp_t flags, bool inject_kmalloc_fail,
		       struct vk_kmod_trace *trace)
{
	struct vk_kmod_trace local;
	void *ptr = NULL;

	if (!trace)
		trace = &local;
	memset(trace, 0, sizeof(*trace));
	trace->plan = vk_kvmalloc_plan(VK_PROFILE_LINUX_6_1, size_bytes, flags);
	if (!trace->plan.try_kmalloc)
		return NULL;
	if (!inject_kmalloc_fail || size_bytes == 0) {
		trace->kmalloc_called = true;
		ptr = kmalloc(size_bytes, vk_kmod_to_gfp(trace->plan.kmalloc_flags));
	}
	if (ptr) {
		vk_kmod_count_alloc(ptr);
		return ptr;
	}
	trace->kmalloc_failed = true;
	if (trace->plan.on_fail != VK_KV_FAIL_VMALLOC)
		return NULL;
	trace->vmalloc_called = true;
	ptr = __vmalloc(size_bytes, vk_kmod_to_gfp(trace->plan.vmalloc_flags));
	vk_kmod_count_alloc(ptr);
	return ptr;
}

/**
 * vk_kmod_kvfree - free a pointer the way the core routes it.
 * @ptr: a pointer from vk_kmod_kvmalloc(), NULL or ZERO_SIZE_PTR.
 *
 * kfree only on a pointer the core puts in the direct map and the kernel
 * agrees is a linear-map address; vfree only on a vmalloc-range pointer the
 * kernel agrees on. Anything else is leaked and counted as a mismatch of
 * the kvfree_route check instead of being handed to the wrong allocator.
 */
void vk_kmod_kvfree(const void *ptr)
{
	u64 addr = (u64)(uintptr_t)ptr;
	enum vk_free_route route = vk_free_route(&vk_host_layout, addr);
	bool ok;

	switch (route) {
	case VK_FREE_NOOP:
		ok = ZERO_OR_NULL_PTR(ptr);
		break;
	case VK_FREE_KFREE:
		ok = !is_vmalloc_addr(ptr) && virt_addr_valid(ptr);
		if (ok) {
			kfree(ptr);
			atomic64_inc(&vk_free_count);
		}
		break;
	case VK_FREE_VFREE:
		ok = is_vmalloc_addr(ptr);
		if (ok) {
			vfree(ptr);
			atomic64_inc(&vk_free_count);
		}
		break;
	default:
		ok = false;
		break;
	}
	vk_kmod_check(VK_GRP_KVFREE_ROUTE, ok, "kvfree route", addr, (u64)route);
}

/**
 * vk_kmod_alloc_count - allocations handed out by vk_kmod_kvmalloc().
 *
 * Return: the number of non-NULL, non-ZERO_SIZE_PTR results so far.
 */
u64 vk_kmod_alloc_count(void)
{
	return (u64)atomic64_read(&vk_alloc_count);
}

/**
 * vk_kmod_free_count - allocations released by vk_kmod_kvfree().
 *
 * Return: the number of kfree/vfree calls made so far.
 */
u64 vk_kmod_free_count(void)
{
	return (u64)atomic64_read(&vk_free_count);
}

/**
 * vk_kmod_live_allocs - allocations not freed yet.
 *
 * Return: alloc count minus free count.
 */
u64 vk_kmod_live_allocs(void)
{
	return vk_kmod_alloc_count() - vk_kmod_free_count();
}

/**
 * vk_kmod_fill_and_verify - zero check, then write and re-read a pattern.
 * @ptr: the allocation (not NULL, not ZERO_SIZE_PTR).
 * @size_bytes: its requested size.
 * @expect_zero: the request had __GFP_ZERO: every byte must read zero.
 * @tag: pattern byte; the first and last bytes get its complement.
 *
 * Return: true when the zeroing (if expected) and the pattern both hold.
 */
bool vk_kmod_fill_and_verify(void *ptr, size_t size_bytes, bool expect_zero, u8 tag)
{
	u8 *bytes = ptr;
	u8 edge = (u8)~tag;

	if (size_bytes == 0)
		return true;
	if (expect_zero && memchr_inv(bytes, 0, size_bytes))
		return false;
	memset(bytes, tag, size_bytes);
	bytes[0] = edge;
	bytes[size_bytes - 1] = edge;
	if (bytes[0] != edge || bytes[size_bytes - 1] != edge)
		return false;
	if (size_bytes > 2 && memchr_inv(bytes + 1, tag, size_bytes - 2))
		return false;
	return true;
}
