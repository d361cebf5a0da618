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

bool vk_layout_valid(const struct vk_layout *layout);
enum vk_addr_class vk_addr_classify(const struct vk_layout *layout, uint64_t addr);
bool vk_is_vmalloc_addr(const struct vk_layout *layout, uint64_t addr);
enum vk_free_route vk_free_route(const struct vk_layout *layout, uint64_t addr);
enum vk_page_route vk_page_route(const struct vk_layout *layout, uint64_t addr);
uint64_t vk_direct_pfn(const struct vk_layout *layout, uint64_t addr);
struct vk_layout vk_layout_x86_64_4level(void);
struct vk_layout vk_layout_x86_64_5level(void);

#endif /* VK_ADDR_H */
