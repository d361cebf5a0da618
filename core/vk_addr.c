/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vk_addr.c - address layouts, classification and free/page routing.
 * Contracts are in vk_addr.h.
 */
#include "core/vk_addr.h"

#define PAGE_BYTES 4096u

/*@ assigns \nothing;
    ensures \result == \true <==> range_ok(r.start, r.end);
*/
static bool range_ok_c(struct vk_range r)
{
	return r.start < r.end && r.start != 0u && r.start % PAGE_BYTES == 0u &&
	       (r.end % PAGE_BYTES == 0u || r.end % PAGE_BYTES == PAGE_BYTES - 1u);
}

/*@ assigns \nothing;
    ensures \result == \true <==> ranges_disjoint(a.start, a.end, b.start, b.end);
*/
static bool disjoint(struct vk_range a, struct vk_range b)
{
	return a.end <= b.start || b.end <= a.start;
}

/*@ requires \valid_read(r);
    assigns \nothing;
    ensures \result == \true <==> in_range(r->start, r->end, addr);
*/
static bool contains(const struct vk_range *r, uint64_t addr)
{
	if (addr < r->start)
		return false;
	return addr < r->end;
}

bool vk_layout_valid(const struct vk_layout *layout)
{
	return range_ok_c(layout->direct) && range_ok_c(layout->vmalloc) &&
	       range_ok_c(layout->modules) &&
	       disjoint(layout->direct, layout->vmalloc) &&
	       disjoint(layout->direct, layout->modules) &&
	       disjoint(layout->vmalloc, layout->modules);
}

enum vk_addr_class vk_addr_classify(const struct vk_layout *layout, uint64_t addr)
{
	/* One compare on the common path, as the kernel's ZERO_OR_NULL_PTR. */
	if (addr <= 16u)
		return addr == 0u ? VK_ADDR_NULL : VK_ADDR_ZERO_SIZE;
	if (contains(&layout->direct, addr))
		return VK_ADDR_DIRECT;
	if (contains(&layout->vmalloc, addr))
		return VK_ADDR_VMALLOC;
	if (contains(&layout->modules, addr))
		return VK_ADDR_MODULE;
	return VK_ADDR_UNKNOWN;
}

bool vk_is_vmalloc_addr(const struct vk_layout *layout, uint64_t addr)
{
	return contains(&layout->vmalloc, addr);
}

enum vk_free_route vk_free_route(const struct vk_layout *layout, uint64_t addr)
{
	if (addr <= 16u)
		return VK_FREE_NOOP;
	if (contains(&layout->direct, addr))
		return VK_FREE_KFREE;
	if (contains(&layout->vmalloc, addr))
		return VK_FREE_VFREE;
	return VK_FREE_REJECT;
}

enum vk_page_route vk_page_route(const struct vk_layout *layout, uint64_t addr)
{
	if (addr <= 16u)
		return VK_PAGE_NONE;
	if (contains(&layout->direct, addr))
		return VK_PAGE_VIRT_TO_PAGE;
	if (contains(&layout->vmalloc, addr) || contains(&layout->modules, addr))
		return VK_PAGE_VMALLOC_TO_PAGE;
	return VK_PAGE_NONE;
}

uint64_t vk_direct_pfn(const struct vk_layout *layout, uint64_t addr)
{
	if (addr <= 16u || !contains(&layout->direct, addr))
		return VK_PFN_INVALID;
	return (addr - layout->direct.start) / PAGE_BYTES;
}

/* Field by field: an initializer list may become a memset call at -O0. */
/*@ assigns \nothing;
    ensures \result.direct.start == direct_start && \result.direct.end == direct_end;
    ensures \result.vmalloc.start == vmalloc_start && \result.vmalloc.end == vmalloc_end;
    ensures \result.modules.start == 0xffffffffc0000000 &&
            \result.modules.end == 0xffffffffff000000;
*/
static struct vk_layout make_layout(uint64_t direct_start, uint64_t direct_end,
				    uint64_t vmalloc_start, uint64_t vmalloc_end)
{
	struct vk_layout l;

	l.direct.start = direct_start;
	l.direct.end = direct_end;
	l.vmalloc.start = vmalloc_start;
	l.vmalloc.end = vmalloc_end;
	/* MODULES_VADDR (KERNEL_IMAGE_SIZE 1 GiB) .. MODULES_END, both paging modes. */
	l.modules.start = 0xffffffffc0000000u;
	l.modules.end = 0xffffffffff000000u;
	return l;
}

struct vk_layout vk_layout_x86_64_4level(void)
{
	return make_layout(0xffff888000000000u, 0xffffc88000000000u,
			   0xffffc90000000000u, 0xffffe8ffffffffffu);
}

struct vk_layout vk_layout_x86_64_5level(void)
{
	return make_layout(0xff11000000000000u, 0xff91000000000000u,
			   0xffa0000000000000u, 0xffd1ffffffffffffu);
}
