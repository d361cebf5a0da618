/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vkm_addr.c - model of address layouts and classification: the three
 * ranges as a table scanned in priority order, bounds checked in 128 bits.
 */
#include "spec/model/vk_model.h"

__extension__ typedef unsigned __int128 vkm_u128;

#define VKM_NRANGES 3

/**
 * struct vkm_region - one layout range and the class it gives.
 * @range: the range.
 * @cls: the class of its addresses.
 */
struct vkm_region {
	struct vk_range range;
	enum vk_addr_class cls;
};

/**
 * vkm_regions - the layout as a table in classification priority order.
 * @layout: the layout.
 * @out: VKM_NRANGES entries to fill.
 */
static void vkm_regions(const struct vk_layout *layout, struct vkm_region out[VKM_NRANGES])
{
	out[0].range = layout->direct;
	out[0].cls = VK_ADDR_DIRECT;
	out[1].range = layout->vmalloc;
	out[1].cls = VK_ADDR_VMALLOC;
	out[2].range = layout->modules;
	out[2].cls = VK_ADDR_MODULE;
}

/**
 * vkm_in - half-open membership.
 * @r: the range.
 * @addr: the address.
 *
 * Return: true iff start <= addr < end.
 */
static bool vkm_in(struct vk_range r, uint64_t addr)
{
	return r.start <= addr && addr < r.end;
}

/**
 * vkm_range_ok - one range of a valid layout.
 * @r: the range.
 *
 * Return: true iff non-empty, start a non-zero page boundary, end on a page
 * boundary or one byte before one (computed in 128 bits: end + 1 may be 2^64).
 */
static bool vkm_range_ok(struct vk_range r)
{
	vkm_u128 end_plus_one = (vkm_u128)r.end + 1u;

	return r.start < r.end && r.start != 0 && r.start % 4096u == 0 &&
	       (r.end % 4096u == 0 || end_plus_one % 4096u == 0);
}

/**
 * vkm_layout_valid - model of vk_layout_valid().
 * @layout: the layout.
 *
 * Return: true iff every range is ok and every pair is disjoint.
 */
bool vkm_layout_valid(const struct vk_layout *layout)
{
	struct vkm_region t[VKM_NRANGES];
	int i, j;

	vkm_regions(layout, t);
	for (i = 0; i < VKM_NRANGES; i++)
		if (!vkm_range_ok(t[i].range))
			return false;
	for (i = 0; i < VKM_NRANGES; i++)
		for (j = i + 1; j < VKM_NRANGES; j++)
			if (!(t[i].range.end <= t[j].range.start || t[j].range.end <= t[i].range.start))
				return false;
	return true;
}

/**
 * vkm_addr_classify - model of vk_addr_classify().
 * @layout: the layout.
 * @addr: the address.
 *
 * Return: NULL, ZERO_SIZE, the first table range holding @addr, or UNKNOWN.
 */
enum vk_addr_class vkm_addr_classify(const struct vk_layout *layout, uint64_t addr)
{
	struct vkm_region t[VKM_NRANGES];
	int i;

	if (addr == 0)
		return VK_ADDR_NULL;
	if (addr <= 16u)
		return VK_ADDR_ZERO_SIZE;
	vkm_regions(layout, t);
	for (i = 0; i < VKM_NRANGES; i++)
		if (vkm_in(t[i].range, addr))
			return t[i].cls;
	return VK_ADDR_UNKNOWN;
}

/**
 * vkm_is_vmalloc_addr - model of vk_is_vmalloc_addr().
 * @layout: the layout.
 * @addr: the address.
 *
 * Return: true iff @addr is in the vmalloc range (whatever other range holds it).
 */
bool vkm_is_vmalloc_addr(const struct vk_layout *layout, uint64_t addr)
{
	return vkm_in(layout->vmalloc, addr);
}

/**
 * vkm_free_route - model of vk_free_route(), from the address class.
 * @layout: the layout.
 * @addr: the address.
 *
 * Return: NOOP, KFREE, VFREE or REJECT.
 */
enum vk_free_route vkm_free_route(const struct vk_layout *layout, uint64_t addr)
{
	switch (vkm_addr_classify(layout, addr)) {
	case VK_ADDR_NULL:
	case VK_ADDR_ZERO_SIZE:
		return VK_FREE_NOOP;
	case VK_ADDR_DIRECT:
		return VK_FREE_KFREE;
	case VK_ADDR_VMALLOC:
		return VK_FREE_VFREE;
	case VK_ADDR_MODULE:
	case VK_ADDR_UNKNOWN:
	default:
		return VK_FREE_REJECT;
	}
}

/**
 * vkm_page_route - model of vk_page_route(), from the address class.
 * @layout: the layout.
 * @addr: the address.
 *
 * Return: VIRT_TO_PAGE, VMALLOC_TO_PAGE or NONE.
 */
enum vk_page_route vkm_page_route(const struct vk_layout *layout, uint64_t addr)
{
	switch (vkm_addr_classify(layout, addr)) {
	case VK_ADDR_DIRECT:
		return VK_PAGE_VIRT_TO_PAGE;
	case VK_ADDR_VMALLOC:
	case VK_ADDR_MODULE:
		return VK_PAGE_VMALLOC_TO_PAGE;
	case VK_ADDR_NULL:
	case VK_ADDR_ZERO_SIZE:
	case VK_ADDR_UNKNOWN:
	default:
		return VK_PAGE_NONE;
	}
}

/**
 * vkm_direct_pfn - model of vk_direct_pfn().
 * @layout: the layout.
 * @addr: the address.
 *
 * Return: the page number inside the direct map, or VK_PFN_INVALID.
 */
uint64_t vkm_direct_pfn(const struct vk_layout *layout, uint64_t addr)
{
	if (addr <= 16u || !vkm_in(layout->direct, addr))
		return VK_PFN_INVALID;
	return (addr - layout->direct.start) >> 12;
}

/**
 * vkm_layout_x86_64_4level - model of the 4-level preset (mm.rst table).
 *
 * Return: direct map 64 TiB at 0xffff888000000000, vmalloc up to the
 * inclusive VMALLOC_END, modules from __START_KERNEL_map + 1 GiB.
 */
struct vk_layout vkm_layout_x86_64_4level(void)
{
	struct vk_layout l;

	l.direct.start = 0xffff888000000000u;
	l.direct.end = l.direct.start + (64ull << 40);
	l.vmalloc.start = 0xffffc90000000000u;
	l.vmalloc.end = 0xffffe8ffffffffffu;
	l.modules.start = 0xffffffff80000000u + (1ull << 30);
	l.modules.end = 0xffffffffff000000u;
	return l;
}

/**
 * vkm_layout_x86_64_5level - model of the 5-level preset.
 *
 * Return: direct map 32 PiB at 0xff11000000000000, vmalloc up to the
 * inclusive VMALLOC_END, modules as in 4-level.
 */
struct vk_layout vkm_layout_x86_64_5level(void)
{
	struct vk_layout l = vkm_layout_x86_64_4level();

	l.direct.start = 0xff11000000000000u;
	l.direct.end = l.direct.start + (32ull << 50);
	l.vmalloc.start = 0xffa0000000000000u;
	l.vmalloc.end = 0xffd1ffffffffffffu;
	return l;
}
