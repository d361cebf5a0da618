/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vk_addr.h - address layouts, address classification (is_vmalloc_addr,
 * ZERO_OR_NULL_PTR), kvfree routing and page-lookup routing.
 */
#ifndef VK_ADDR_H
#define VK_ADDR_H

#include <stdbool.h>
#include <stdint.h>

#include "spec/vk_addr_spec.h"

/**
 * struct vk_range - a half-open address range [start, end).
 */
struct vk_range {
	uint64_t start;
	uint64_t end;
};

/**
 * struct vk_layout - the kernel virtual address regions the core knows.
 * @direct: the direct map (page_offset_base ...), served by kmalloc.
 * @vmalloc: [VMALLOC_START, VMALLOC_END) as is_vmalloc_addr() tests it.
 * @modules: [MODULES_VADDR, MODULES_END).
 */
struct vk_layout {
	struct vk_range direct;
	struct vk_range vmalloc;
	struct vk_range modules;
};

/**
 * enum vk_addr_class - the class of one address under a layout.
 */
enum vk_addr_class {
	VK_ADDR_NULL = 0,      /* 0 */
	VK_ADDR_ZERO_SIZE = 1, /* 1..16: ZERO_SIZE_PTR and below (ZERO_OR_NULL_PTR) */
	VK_ADDR_DIRECT = 2,    /* inside the direct map */
	VK_ADDR_VMALLOC = 3,   /* inside the vmalloc range */
	VK_ADDR_MODULE = 4,    /* inside the module range */
	VK_ADDR_UNKNOWN = 5,   /* anywhere else */
};

/**
 * enum vk_free_route - what kvfree() does with an address.
 */
enum vk_free_route {
	VK_FREE_NOOP = 0,   /* NULL or ZERO_SIZE_PTR: nothing */
	VK_FREE_KFREE = 1,  /* direct map: kfree */
	VK_FREE_VFREE = 2,  /* vmalloc range: vfree */
	VK_FREE_REJECT = 3, /* module or unknown: not from an allocator, an error */
};

/**
 * enum vk_page_route - how to find the struct page of an address.
 */
enum vk_page_route {
	VK_PAGE_NONE = 0,              /* no page: null, zero-size or unknown */
	VK_PAGE_VIRT_TO_PAGE = 1,      /* direct map */
	VK_PAGE_VMALLOC_TO_PAGE = 2,   /* vmalloc or module range */
};

#define VK_PFN_INVALID UINT64_MAX

/*@
  // The layout is valid: each range is page-aligned and non-empty (see
  // range_ok) and the three ranges are pairwise disjoint.  Then no range
  // holds 0..16, and the classes partition the address space.
  predicate layout_valid(struct vk_layout l) =
    range_ok(l.direct.start, l.direct.end) &&
    range_ok(l.vmalloc.start, l.vmalloc.end) &&
    range_ok(l.modules.start, l.modules.end) &&
    ranges_disjoint(l.direct.start, l.direct.end, l.vmalloc.start, l.vmalloc.end) &&
    ranges_disjoint(l.direct.start, l.direct.end, l.modules.start, l.modules.end) &&
    ranges_disjoint(l.vmalloc.start, l.vmalloc.end, l.modules.start, l.modules.end);

  predicate in_direct(struct vk_layout l, integer a) = in_range(l.direct.start, l.direct.end, a);
  predicate in_vmalloc(struct vk_layout l, integer a) = in_range(l.vmalloc.start, l.vmalloc.end, a);
  predicate in_modules(struct vk_layout l, integer a) = in_range(l.modules.start, l.modules.end, a);
*/

/**
 * vk_layout_valid - check a layout before trusting it.
 * @layout: the layout.
 *
 * Return: true iff every range is non-empty, starts on a page (and ends on
 * a page or one byte before one), and no two ranges overlap.
 */
/*@ requires \valid_read(layout);
    assigns \nothing;
    ensures \result == \true <==> layout_valid(*layout);
*/
bool vk_layout_valid(const struct vk_layout *layout);

/**
 * vk_addr_classify - the class of an address.
 * @layout: the address layout.
 * @addr: the address.
 *
 * Total for every layout (ranges are tested in the order direct, vmalloc,
 * modules); for a valid layout the classes partition the address space.
 * Return: NULL for 0, ZERO_SIZE for 1..16, the range holding @addr, or UNKNOWN.
 */
/*@ requires \valid_read(layout);
    assigns \nothing;
    behavior null:
      assumes addr == 0;
      ensures \result == VK_ADDR_NULL;
    behavior zero_size:
      assumes 1 <= addr <= 16;
      ensures \result == VK_ADDR_ZERO_SIZE;
    behavior direct:
      assumes addr > 16 && in_direct(*layout, addr);
      ensures \result == VK_ADDR_DIRECT;
    behavior vmalloc:
      assumes addr > 16 && !in_direct(*layout, addr) && in_vmalloc(*layout, addr);
      ensures \result == VK_ADDR_VMALLOC;
    behavior module:
      assumes addr > 16 && !in_direct(*layout, addr) && !in_vmalloc(*layout, addr) &&
              in_modules(*layout, addr);
      ensures \result == VK_ADDR_MODULE;
    behavior unknown:
      assumes addr > 16 && !in_direct(*layout, addr) && !in_vmalloc(*layout, addr) &&
              !in_modules(*layout, addr);
      ensures \result == VK_ADDR_UNKNOWN;
    complete behaviors;
    disjoint behaviors;
*/
enum vk_addr_class vk_addr_classify(const struct vk_layout *layout, uint64_t addr);

/**
 * vk_is_vmalloc_addr - is_vmalloc_addr() under a layout.
 * @layout: the address layout.
 * @addr: the address.
 *
 * Return: true iff @addr lies in [vmalloc.start, vmalloc.end).
 */
/*@ requires \valid_read(layout);
    assigns \nothing;
    ensures \result == \true <==> in_vmalloc(*layout, addr);
*/
bool vk_is_vmalloc_addr(const struct vk_layout *layout, uint64_t addr);

/**
 * vk_free_route - what kvfree() does with an address.
 * @layout: the address layout (must be valid for the partition guarantees).
 * @addr: the pointer being freed.
 *
 * Return: NOOP for NULL and ZERO_SIZE_PTR, VFREE for a vmalloc address,
 * KFREE for a direct-map address, REJECT for anything else (a module or
 * unknown address was never handed out by kmalloc or vmalloc).
 */
/*@ requires \valid_read(layout);
    assigns \nothing;
    ensures vmalloc_never_kfree: layout_valid(*layout) && in_vmalloc(*layout, addr) ==>
            \result == VK_FREE_VFREE;
    ensures kfree_only_direct: \result == VK_FREE_KFREE ==> addr > 16 && in_direct(*layout, addr);
    behavior noop:
      assumes addr <= 16;
      ensures \result == VK_FREE_NOOP;
    behavior kfree:
      assumes addr > 16 && in_direct(*layout, addr);
      ensures \result == VK_FREE_KFREE;
    behavior vfree:
      assumes addr > 16 && !in_direct(*layout, addr) && in_vmalloc(*layout, addr);
      ensures \result == VK_FREE_VFREE;
    behavior reject:
      assumes addr > 16 && !in_direct(*layout, addr) && !in_vmalloc(*layout, addr);
      ensures \result == VK_FREE_REJECT;
    complete behaviors;
    disjoint behaviors;
*/
enum vk_free_route vk_free_route(const struct vk_layout *layout, uint64_t addr);

/**
 * vk_page_route - how to find the struct page behind an address.
 * @layout: the address layout.
 * @addr: the address.
 *
 * Return: VIRT_TO_PAGE for the direct map, VMALLOC_TO_PAGE for the vmalloc
 * and module ranges, NONE otherwise.
 */
/*@ requires \valid_read(layout);
    assigns \nothing;
    behavior none_small:
      assumes addr <= 16;
      ensures \result == VK_PAGE_NONE;
    behavior virt:
      assumes addr > 16 && in_direct(*layout, addr);
      ensures \result == VK_PAGE_VIRT_TO_PAGE;
    behavior vmap:
      assumes addr > 16 && !in_direct(*layout, addr) &&
              (in_vmalloc(*layout, addr) || in_modules(*layout, addr));
      ensures \result == VK_PAGE_VMALLOC_TO_PAGE;
    behavior none_unknown:
      assumes addr > 16 && !in_direct(*layout, addr) &&
              !in_vmalloc(*layout, addr) && !in_modules(*layout, addr);
      ensures \result == VK_PAGE_NONE;
    complete behaviors;
    disjoint behaviors;
*/
enum vk_page_route vk_page_route(const struct vk_layout *layout, uint64_t addr);

/**
 * vk_direct_pfn - page-frame number of a direct-map address.
 * @layout: the address layout.
 * @addr: the address.
 *
 * Return: (addr - direct.start) / PAGE_SIZE for a direct-map address, which
 * is below the number of pages of the direct map; VK_PFN_INVALID otherwise.
 */
/*@ requires \valid_read(layout);
    assigns \nothing;
    behavior direct:
      assumes addr > 16 && in_direct(*layout, addr);
      ensures \result == (addr - layout->direct.start) / 4096;
      ensures \result * 4096 <= addr - layout->direct.start < (\result + 1) * 4096;
      ensures \result * 4096 < layout->direct.end - layout->direct.start;
    behavior other:
      assumes !(addr > 16 && in_direct(*layout, addr));
      ensures \result == VK_PFN_INVALID;
    complete behaviors;
    disjoint behaviors;
*/
uint64_t vk_direct_pfn(const struct vk_layout *layout, uint64_t addr);

/**
 * vk_layout_x86_64_4level - the x86_64 4-level paging layout (no KASLR offsets).
 *
 * Direct map at 0xffff888000000000 (64 TiB), vmalloc 0xffffc90000000000 up
 * to the inclusive VMALLOC_END 0xffffe8ffffffffff, modules from
 * 0xffffffffc0000000 (KERNEL_IMAGE_SIZE 1 GiB with RANDOMIZE_BASE) to
 * 0xffffffffff000000.
 * Return: the layout, which is valid.
 */
/*@ assigns \nothing;
    ensures layout_valid(\result);
*/
struct vk_layout vk_layout_x86_64_4level(void);

/**
 * vk_layout_x86_64_5level - the x86_64 5-level paging layout (no KASLR offsets).
 *
 * Direct map at 0xff11000000000000 (32 PiB), vmalloc 0xffa0000000000000 up
 * to the inclusive VMALLOC_END 0xffd1ffffffffffff, modules as in 4-level.
 * Return: the layout, which is valid.
 */
/*@ assigns \nothing;
    ensures layout_valid(\result);
*/
struct vk_layout vk_layout_x86_64_5level(void);

#endif /* VK_ADDR_H */
