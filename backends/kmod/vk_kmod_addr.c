/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vk_kmod_addr.c - kmalloc routing (bucket and page order, via ksize) and
 * address classification, free routing and page lookup of the core against
 * is_vmalloc_addr(), virt_addr_valid(), virt_to_page() and vmalloc_to_page()
 * of the running kernel, on pointers of every provenance.
 */
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "core/vk_kmalloc.h"
#include "vk_kmod.h"

#define VK_KMOD_GFP_PROBE (GFP_KERNEL | __GFP_NOWARN)

static size_t vk_kmod_opaque(size_t value)
{
	OPTIMIZER_HIDE_VAR(value);
	return value;
}

static void vk_kmod_route_one(size_t size_bytes)
{
	struct vk_kmalloc_route route = vk_kmalloc_route(size_bytes);
	void *ptr = kmalloc(vk_kmod_opaque(size_bytes), VK_KMOD_GFP_PROBE);
	bool ok;

	switch (route.kind) {
	case VK_KMALLOC_ZERO:
		ok = ptr == ZERO_SIZE_PTR;
		break;
	case VK_KMALLOC_REFUSE:
		ok = ptr == NULL;
		break;
	case VK_KMALLOC_SLAB:
	case VK_KMALLOC_PAGES:
		ok = !ZERO_OR_NULL_PTR(ptr) && ksize(ptr) == route.bytes;
		break;
	default:
		ok = false;
		break;
	}
	vk_kmod_check(VK_GRP_KMALLOC_ROUTE, ok, "vk_kmalloc_route != kmalloc/ksize",
		      size_bytes, ZERO_OR_NULL_PTR(ptr) ? (u64)(uintptr_t)ptr : ksize(ptr));
	kfree(ptr);
}

static const size_t vk_kmod_large_sizes[] = {
	12288, 16384, 16385, 32768, 65536, 65537, 1 << 20, 2 << 20, (2 << 20) + 1,
	(4 << 20) - 1, 4 << 20, (4 << 20) + 1, 8 << 20, (size_t)INT_MAX,
	(size_t)INT_MAX + 1, SIZE_MAX,
};

/**
 * vk_kmod_sweep_kmalloc - every size 0..2*PAGE_SIZE+1 and the large edges:
 * kmalloc's result (ZERO_SIZE_PTR, NULL, or the real object size from
 * ksize()) against vk_kmalloc_route().
 */
void vk_kmod_sweep_kmalloc(void)
{
	size_t size_bytes, i;

	for (size_bytes = 0; size_bytes <= VK_KMALLOC_MAX_CACHE_SIZE + 1; size_bytes++)
		vk_kmod_route_one(size_bytes);
	for (i = 0; i < ARRAY_SIZE(vk_kmod_large_sizes); i++)
		vk_kmod_route_one(vk_kmod_large_sizes[i]);
	vk_kmod_group_report(VK_GRP_KMALLOC_ROUTE);
}

/* Module data: lives in the module mapping. */
static u64 vk_kmod_module_datum = 0x5a5a5a5a;

/* One probe: a pointer, how it was made and the class the core must give. */
struct vk_kmod_probe {
	const char *what;
	const void *ptr;
	enum vk_addr_class expect;
};

static void vk_kmod_probe_pages(const struct vk_kmod_probe *probe)
{
	const struct vk_layout *layout = vk_kmod_layout();
	u64 addr = (u64)(uintptr_t)probe->ptr;
	enum vk_page_route route = vk_page_route(layout, addr);
	bool ok;

	switch (probe->expect) {
	case VK_ADDR_DIRECT:
		ok = route == VK_PAGE_VIRT_TO_PAGE &&
		     vk_direct_pfn(layout, addr) == (u64)page_to_pfn(virt_to_page(probe->ptr)) &&
		     vk_direct_pfn(layout, addr) == (u64)(__pa(probe->ptr) >> PAGE_SHIFT);
		break;
	case VK_ADDR_VMALLOC:
	case VK_ADDR_MODULE:
		ok = route == VK_PAGE_VMALLOC_TO_PAGE && vmalloc_to_page(probe->ptr) != NULL;
		break;
	default:
		ok = route == VK_PAGE_NONE;
		break;
	}
	vk_kmod_check(VK_GRP_PAGE_ROUTE, ok, probe->what, addr, (u64)route);
}

static void vk_kmod_probe_one(const struct vk_kmod_probe *probe)
{
	const struct vk_layout *layout = vk_kmod_layout();
	u64 addr = (u64)(uintptr_t)probe->ptr;
	enum vk_addr_class core = vk_addr_classify(layout, addr);
	enum vk_free_route route = vk_free_route(layout, addr);
	bool vmalloc_addr = is_vmalloc_addr(probe->ptr);
	bool linear = virt_addr_valid(probe->ptr);
	bool kernel_ok;
	enum vk_free_route want_route;

	switch (probe->expect) {
	case VK_ADDR_NULL:
	case VK_ADDR_ZERO_SIZE:
		kernel_ok = ZERO_OR_NULL_PTR(probe->ptr) && !vmalloc_addr;
		want_route = VK_FREE_NOOP;
		break;
	case VK_ADDR_DIRECT:
		kernel_ok = !ZERO_OR_NULL_PTR(probe->ptr) && linear && !vmalloc_addr;
		want_route = VK_FREE_KFREE;
		break;
	case VK_ADDR_VMALLOC:
		kernel_ok = vmalloc_addr && !linear;
		want_route = VK_FREE_VFREE;
		break;
	default:
		/* module or elsewhere: kvfree would kfree it; the core rejects it. */
		kernel_ok = !vmalloc_addr && !ZERO_OR_NULL_PTR(probe->ptr);
		want_route = VK_FREE_REJECT;
		break;
	}
	vk_kmod_check(VK_GRP_ADDR_CLASS, core == probe->expect && kernel_ok, probe->what,
		      addr, (u64)core);
	vk_kmod_check(VK_GRP_ADDR_CLASS,
		      vk_is_vmalloc_addr(layout, addr) == vmalloc_addr,
		      "vk_is_vmalloc_addr != is_vmalloc_addr", addr, vmalloc_addr);
	vk_kmod_check(VK_GRP_KVFREE_ROUTE, route == want_route, probe->what, addr, (u64)route);
	vk_kmod_probe_pages(probe);
}

static void vk_kmod_boundary(u64 addr)
{
	const struct vk_layout *layout = vk_kmod_layout();
	bool kernel = is_vmalloc_addr((const void *)(uintptr_t)addr);

	vk_kmod_check(VK_GRP_ADDR_BOUNDARY, vk_is_vmalloc_addr(layout, addr) == kernel,
		      "vk_is_vmalloc_addr != is_vmalloc_addr", addr, kernel);
	vk_kmod_check(VK_GRP_ADDR_BOUNDARY,
		      (vk_addr_classify(layout, addr) == VK_ADDR_VMALLOC) == kernel,
		      "vk_addr_classify vmalloc != is_vmalloc_addr", addr, kernel);
}

static void vk_kmod_direct_boundary(u64 addr)
{
	const struct vk_layout *layout = vk_kmod_layout();
	bool kernel = virt_addr_valid((const void *)(uintptr_t)addr);

	vk_kmod_check(VK_GRP_ADDR_BOUNDARY,
		      (vk_addr_classify(layout, addr) == VK_ADDR_DIRECT) == kernel,
		      "vk_addr_classify direct != virt_addr_valid", addr, kernel);
}

static void vk_kmod_sweep_boundaries(void)
{
	u64 vstart = (u64)VMALLOC_START, vend = (u64)VMALLOC_END;
	u64 dstart = (u64)PAGE_OFFSET, dend = (u64)(uintptr_t)high_memory;

	vk_kmod_boundary(vstart - 1);
	vk_kmod_boundary(vstart);
	vk_kmod_boundary(vstart + PAGE_SIZE);
	vk_kmod_boundary(vend - PAGE_SIZE);
	vk_kmod_boundary(vend - 1);
	vk_kmod_boundary(vend);
	vk_kmod_boundary(vend + 1);
	vk_kmod_boundary((u64)MODULES_VADDR);
	vk_kmod_boundary(dstart);
	vk_kmod_boundary(0);
	vk_kmod_boundary(U64_MAX);
	vk_kmod_direct_boundary(dstart - 1);
	vk_kmod_direct_boundary(dstart);
	vk_kmod_direct_boundary(dstart + PAGE_SIZE);
	vk_kmod_direct_boundary(dend - 1);
	vk_kmod_direct_boundary(vstart);
	vk_kmod_group_report(VK_GRP_ADDR_BOUNDARY);
}

static const size_t vk_kmod_kmalloc_probe_sizes[] = { 8, 100, 4096, 8192, 16384, 1 << 20 };
static const size_t vk_kmod_vmalloc_probe_sizes[] = { 1, 3 * 4096, 1 << 20 };

/**
 * vk_kmod_sweep_addr - the host layout is valid for the core, and every
 * probe pointer (kmalloc, vmalloc, kvmalloc, stack, module data and text,
 * kernel data, struct page, user address, NULL, ZERO_SIZE_PTR) is classified,
 * free-routed and page-routed the way the kernel treats it.
 */
void vk_kmod_sweep_addr(void)
{
	struct vk_kmod_probe probe;
	u64 on_stack = 1;
	void *ptr;
	size_t i;

	vk_kmod_check(VK_GRP_ADDR_LAYOUT, vk_layout_valid(vk_kmod_layout()),
		      "host layout rejected by vk_layout_valid",
		      vk_kmod_layout()->vmalloc.start, vk_kmod_layout()->vmalloc.end);
	vk_kmod_group_report(VK_GRP_ADDR_LAYOUT);

	for (i = 0; i < ARRAY_SIZE(vk_kmod_kmalloc_probe_sizes); i++) {
		ptr = kmalloc(vk_kmod_opaque(vk_kmod_kmalloc_probe_sizes[i]), GFP_KERNEL);
		probe = (struct vk_kmod_probe){ "kmalloc pointer", ptr, VK_ADDR_DIRECT };
		vk_kmod_probe_one(&probe);
		kfree(ptr);
	}
	for (i = 0; i < ARRAY_SIZE(vk_kmod_vmalloc_probe_sizes); i++) {
		ptr = vmalloc(vk_kmod_vmalloc_probe_sizes[i]);
		probe = (struct vk_kmod_probe){ "vmalloc pointer", ptr, VK_ADDR_VMALLOC };
		vk_kmod_probe_one(&probe);
		vfree(ptr);
	}
	ptr = kvmalloc(vk_kmod_opaque(200), GFP_KERNEL);
	probe = (struct vk_kmod_probe){ "kvmalloc small pointer", ptr, VK_ADDR_DIRECT };
	vk_kmod_probe_one(&probe);
	kvfree(ptr);
	ptr = kvmalloc(vk_kmod_opaque(8 << 20), GFP_KERNEL);
	probe = (struct vk_kmod_probe){ "kvmalloc 8 MiB pointer", ptr, VK_ADDR_VMALLOC };
	vk_kmod_probe_one(&probe);
	kvfree(ptr);

	probe = (struct vk_kmod_probe){ "stack variable", &on_stack,
		IS_ENABLED(CONFIG_VMAP_STACK) ? VK_ADDR_VMALLOC : VK_ADDR_DIRECT };
	vk_kmod_probe_one(&probe);
	probe = (struct vk_kmod_probe){ "module data", &vk_kmod_module_datum, VK_ADDR_MODULE };
	vk_kmod_probe_one(&probe);
	probe = (struct vk_kmod_probe){ "module text", (const void *)vk_kmod_sweep_addr,
		VK_ADDR_MODULE };
	vk_kmod_probe_one(&probe);
	probe = (struct vk_kmod_probe){ "kernel data (jiffies)", (const void *)&jiffies,
		VK_ADDR_UNKNOWN };
	vk_kmod_probe_one(&probe);
	ptr = kmalloc(vk_kmod_opaque(64), GFP_KERNEL);
	probe = (struct vk_kmod_probe){ "struct page (vmemmap)",
		ptr ? (const void *)virt_to_page(ptr) : NULL,
		ptr ? VK_ADDR_UNKNOWN : VK_ADDR_NULL };
	vk_kmod_probe_one(&probe);
	kfree(ptr);
	probe = (struct vk_kmod_probe){ "user address", (const void *)0x400000ul, VK_ADDR_UNKNOWN };
	vk_kmod_probe_one(&probe);
	probe = (struct vk_kmod_probe){ "NULL", NULL, VK_ADDR_NULL };
	vk_kmod_probe_one(&probe);
	probe = (struct vk_kmod_probe){ "ZERO_SIZE_PTR", ZERO_SIZE_PTR, VK_ADDR_ZERO_SIZE };
	vk_kmod_probe_one(&probe);
	probe = (struct vk_kmod_probe){ "pointer 8", (const void *)8ul, VK_ADDR_ZERO_SIZE };
	vk_kmod_probe_one(&probe);
	probe = (struct vk_kmod_probe){ "pointer 17", (const void *)17ul, VK_ADDR_UNKNOWN };
	vk_kmod_probe_one(&probe);
	vk_kmod_group_report(VK_GRP_ADDR_CLASS);
	vk_kmod_group_report(VK_GRP_PAGE_ROUTE);
	vk_kmod_sweep_boundaries();
}
