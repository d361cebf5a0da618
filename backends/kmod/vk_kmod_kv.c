/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vk_kmod_kv.c - kvmalloc: the kernel's own kvmalloc/kvfree and the
 * core-driven allocator on the same requests, each result checked against
 * the class the core's plan allows; then the core-driven allocator with an
 * injected kmalloc failure, which must take the vmalloc fallback exactly
 * when the plan says so.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "core/vk_kmalloc.h"
#include "core/vk_size.h"
#include "vk_kmod.h"

static const size_t vk_kmod_kv_sizes[] = {
	0, 1, 100, PAGE_SIZE, PAGE_SIZE + 1, 3 * PAGE_SIZE, 64 << 10, 1 << 20,
	4 << 20, (4 << 20) + 1, 8 << 20, (size_t)INT_MAX + 1, SIZE_MAX,
};

static const unsigned int vk_kmod_kv_flags[] = {
	VK_GFP_KERNEL_BITS,
	VK_GFP_NOFS_BITS,
	VK_GFP_NOIO_BITS,
	VK_GFP_ATOMIC_BITS,
	VK_GFP_NOWAIT_BITS,
	VK_GFP_KERNEL_BITS | VK___GFP_NOWARN,
	VK_GFP_KERNEL_BITS | VK___GFP_ZERO,
	VK_GFP_NOFS_BITS | VK___GFP_ZERO,
	VK_GFP_ATOMIC_BITS | VK___GFP_ZERO,
	VK_GFP_KERNEL_BITS | VK___GFP_RETRY_MAYFAIL,
	VK_GFP_KERNEL_BITS | VK___GFP_NORETRY,
	VK_GFP_KERNEL_BITS | VK___GFP_NOFAIL,
	VK_GFP_KERNEL_ACCOUNT_BITS | VK___GFP_ZERO,
	VK_GFP_USER_BITS,
};

static size_t vk_kmod_opaque(size_t value)
{
	OPTIMIZER_HIDE_VAR(value);
	return value;
}

/*
 * A request is exercised on the real allocators only if it cannot make the
 * kernel warn by design: a blocking request above INT_MAX warns unless NOWARN
 * (the core's plan must say so; a non-blocking one returns NULL before the
 * check), and NOFAIL without direct reclaim is itself a warned combination.
 */
static bool vk_kmod_request_safe(size_t size_bytes, unsigned int bits,
				 const struct vk_kv_plan *plan)
{
	bool nowarn = (bits & VK___GFP_NOWARN) != 0;
	bool blocking = (bits & VK___GFP_DIRECT_RECLAIM) != 0;
	bool warns = size_bytes > (size_t)INT_MAX && blocking && !nowarn;

	vk_kmod_check(VK_GRP_KVMALLOC_CORE, plan->warn == warns, "plan.warn", size_bytes, bits);
	if (warns)
		return false;
	return !(bits & VK___GFP_NOFAIL) || blocking;
}

/* The class the plan predicts when the kmalloc attempt fails. */
static enum vk_addr_class vk_kmod_fail_class(const struct vk_kv_plan *plan)
{
	return plan->on_fail == VK_KV_FAIL_VMALLOC ? VK_ADDR_VMALLOC : VK_ADDR_NULL;
}

/*
 * Is @got a class kvmalloc may return for this request?  Size 0 gives
 * ZERO_SIZE_PTR. Otherwise a kmalloc success is a direct-map pointer (only
 * possible if kmalloc serves the size at all), a kmalloc failure is what
 * the plan decides. Slab-sized requests do not fail on an idle machine.
 */
static bool vk_kmod_class_allowed(size_t size_bytes, const struct vk_kv_plan *plan,
				  enum vk_addr_class got)
{
	struct vk_kmalloc_route route = vk_kmalloc_route(size_bytes);

	if (size_bytes == 0)
		return got == VK_ADDR_ZERO_SIZE;
	if (route.kind == VK_KMALLOC_REFUSE)
		return got == vk_kmod_fail_class(plan);
	if (got == VK_ADDR_DIRECT)
		return true;
	return route.kind == VK_KMALLOC_PAGES && got == vk_kmod_fail_class(plan);
}

static void vk_kmod_kv_kernel_vs_core(size_t size_bytes, unsigned int bits, u8 tag)
{
	const struct vk_layout *layout = vk_kmod_layout();
	struct vk_kv_plan plan = vk_kvmalloc_plan(VK_PROFILE_LINUX_6_1, size_bytes, VK_GFP(bits));
	struct vk_kmod_trace trace;
	enum vk_addr_class kernel_class, core_class;
	bool zero = (bits & VK___GFP_ZERO) != 0;
	void *kernel_ptr, *core_ptr;

	vk_kmod_check(VK_GRP_KVMALLOC_CORE, plan.try_kmalloc && plan.vmalloc_flags.bits == bits,
		      "plan: kmalloc attempt and caller's flags for vmalloc", size_bytes, bits);
	if (!vk_kmod_request_safe(size_bytes, bits, &plan))
		return;

	kernel_ptr = kvmalloc(vk_kmod_opaque(size_bytes), (__force gfp_t)bits);
	kernel_class = vk_addr_classify(layout, (u64)(uintptr_t)kernel_ptr);
	vk_kmod_check(VK_GRP_KVMALLOC_KERNEL, vk_kmod_class_allowed(size_bytes, &plan, kernel_class),
		      "kernel kvmalloc class not allowed by plan", size_bytes,
		      ((u64)bits << 8) | (u64)kernel_class);
	if (!ZERO_OR_NULL_PTR(kernel_ptr))
		vk_kmod_check(VK_GRP_KVMALLOC_KERNEL,
			      vk_kmod_fill_and_verify(kernel_ptr, size_bytes, zero, tag),
			      "kernel kvmalloc zero/pattern", size_bytes, bits);
	kvfree(kernel_ptr);

	core_ptr = vk_kmod_kvmalloc(size_bytes, VK_GFP(bits), false, &trace);
	core_class = vk_addr_classify(layout, (u64)(uintptr_t)core_ptr);
	vk_kmod_check(VK_GRP_KVMALLOC_CORE, vk_kmod_class_allowed(size_bytes, &plan, core_class),
		      "core kvmalloc class not allowed by plan", size_bytes,
		      ((u64)bits << 8) | (u64)core_class);
	vk_kmod_check(VK_GRP_KVMALLOC_CORE,
		      !trace.kmalloc_failed || core_class == vk_kmod_fail_class(&plan),
		      "core kvmalloc after kmalloc failure", size_bytes, (u64)core_class);
	vk_kmod_check(VK_GRP_KVMALLOC_CORE, is_vmalloc_addr(core_ptr) == (core_class == VK_ADDR_VMALLOC),
		      "core kvmalloc class != is_vmalloc_addr", size_bytes, (u64)core_class);
	if (!ZERO_OR_NULL_PTR(core_ptr))
		vk_kmod_check(VK_GRP_KVMALLOC_CORE,
			      vk_kmod_fill_and_verify(core_ptr, size_bytes, zero, (u8)~tag),
			      "core kvmalloc zero/pattern", size_bytes, bits);
	vk_kmod_kvfree(core_ptr);
}

static const size_t vk_kmod_array_edges[] = {
	0, 1, 3, 8, 24, PAGE_SIZE, PAGE_SIZE + 1, 1 << 20, (size_t)INT_MAX + 1,
	SIZE_MAX / 2, SIZE_MAX / 2 + 1, SIZE_MAX,
};

/*
 * kmalloc_array/kcalloc and kvmalloc_array/kvcalloc of the kernel on one
 * (n, size) pair: NULL without an allocation iff vk_array_bytes() says the
 * product overflows; otherwise the kmalloc route, or the class the kvmalloc
 * plan allows, of the product. kcalloc/kvcalloc memory must read zero.
 * Products above 8 MiB but within INT_MAX are not tried (vmalloc would fail
 * for lack of memory, which is not a decision of the core).
 */
static void vk_kmod_array_pair(size_t n, size_t elem_bytes)
{
	const gfp_t gfp = GFP_KERNEL | __GFP_NOWARN;
	const unsigned int bits = (__force unsigned int)gfp;
	size_t bytes = 0;
	bool fits = vk_array_bytes(n, elem_bytes, &bytes);
	struct vk_kmalloc_route route = vk_kmalloc_route(bytes);
	struct vk_kv_plan plan = vk_kvmalloc_plan(VK_PROFILE_LINUX_6_1, bytes, VK_GFP(bits));
	void *k, *z, *kv, *kvz;
	enum vk_addr_class kv_class, kvz_class;
	bool ok_k, ok_kv;

	if (fits && bytes > (8 << 20) && bytes <= (size_t)INT_MAX)
		return;
	k = kmalloc_array(vk_kmod_opaque(n), vk_kmod_opaque(elem_bytes), gfp);
	z = kcalloc(vk_kmod_opaque(n), vk_kmod_opaque(elem_bytes), gfp);
	if (!fits || route.kind == VK_KMALLOC_REFUSE)
		ok_k = !k && !z;
	else if (route.kind == VK_KMALLOC_ZERO)
		ok_k = k == ZERO_SIZE_PTR && z == ZERO_SIZE_PTR;
	else
		ok_k = !ZERO_OR_NULL_PTR(k) && ksize(k) == route.bytes &&
		       !ZERO_OR_NULL_PTR(z) && ksize(z) == route.bytes &&
		       !memchr_inv(z, 0, bytes);
	vk_kmod_check(VK_GRP_ARRAY_ALLOC, ok_k, "kmalloc_array/kcalloc vs core", n, elem_bytes);
	kfree(k);
	kfree(z);

	kv = kvmalloc_array(vk_kmod_opaque(n), vk_kmod_opaque(elem_bytes), gfp);
	kvz = kvcalloc(vk_kmod_opaque(n), vk_kmod_opaque(elem_bytes), gfp);
	kv_class = vk_addr_classify(vk_kmod_layout(), (u64)(uintptr_t)kv);
	kvz_class = vk_addr_classify(vk_kmod_layout(), (u64)(uintptr_t)kvz);
	if (!fits)
		ok_kv = !kv && !kvz;
	else
		ok_kv = vk_kmod_class_allowed(bytes, &plan, kv_class) &&
			vk_kmod_class_allowed(bytes, &plan, kvz_class) &&
			(ZERO_OR_NULL_PTR(kvz) || !memchr_inv(kvz, 0, bytes));
	vk_kmod_check(VK_GRP_ARRAY_ALLOC, ok_kv, "kvmalloc_array/kvcalloc vs core", n, elem_bytes);
	kvfree(kv);
	kvfree(kvz);
}

static void vk_kmod_sweep_array_alloc(void)
{
	size_t i, j;

	for (i = 0; i < ARRAY_SIZE(vk_kmod_array_edges); i++)
		for (j = 0; j < ARRAY_SIZE(vk_kmod_array_edges); j++)
			vk_kmod_array_pair(vk_kmod_array_edges[i], vk_kmod_array_edges[j]);
}

/**
 * vk_kmod_sweep_kvmalloc - the kernel's kvmalloc and the core-driven one
 * on every (size, flags) pair of the table; both results must be in a class
 * the core's plan allows, zeroed under __GFP_ZERO and hold a pattern.
 */
void vk_kmod_sweep_kvmalloc(void)
{
	size_t i, j;

	for (i = 0; i < ARRAY_SIZE(vk_kmod_kv_sizes); i++)
		for (j = 0; j < ARRAY_SIZE(vk_kmod_kv_flags); j++)
			vk_kmod_kv_kernel_vs_core(vk_kmod_kv_sizes[i], vk_kmod_kv_flags[j],
						  (u8)(0x11 * (i + j) + 1));
	vk_kmod_sweep_array_alloc();
	vk_kmod_group_report(VK_GRP_KVMALLOC_KERNEL);
	vk_kmod_group_report(VK_GRP_KVMALLOC_CORE);
	vk_kmod_group_report(VK_GRP_ARRAY_ALLOC);
	vk_kmod_group_report(VK_GRP_KVFREE_ROUTE);
}

static void vk_kmod_inject_one(enum vk_kmod_group_id group, size_t size_bytes,
			       unsigned int bits, u8 tag)
{
	struct vk_kv_plan plan = vk_kvmalloc_plan(VK_PROFILE_LINUX_6_1, size_bytes, VK_GFP(bits));
	struct vk_kmod_trace trace;
	enum vk_addr_class got, want;
	void *ptr;

	if (!vk_kmod_request_safe(size_bytes, bits, &plan))
		return;
	ptr = vk_kmod_kvmalloc(size_bytes, VK_GFP(bits), true, &trace);
	got = vk_addr_classify(vk_kmod_layout(), (u64)(uintptr_t)ptr);
	want = size_bytes == 0 ? VK_ADDR_ZERO_SIZE : vk_kmod_fail_class(&plan);
	vk_kmod_check(group, got == want && is_vmalloc_addr(ptr) == (want == VK_ADDR_VMALLOC),
		      "injected kmalloc failure: result class", size_bytes,
		      ((u64)bits << 8) | (u64)got);
	vk_kmod_check(group, trace.vmalloc_called == (plan.on_fail == VK_KV_FAIL_VMALLOC &&
						      size_bytes != 0),
		      "injected kmalloc failure: vmalloc called iff planned", size_bytes, bits);
	if (!ZERO_OR_NULL_PTR(ptr))
		vk_kmod_check(group, vk_kmod_fill_and_verify(ptr, size_bytes,
							     (bits & VK___GFP_ZERO) != 0, tag),
			      "injected kmalloc failure: zero/pattern", size_bytes, bits);
	vk_kmod_kvfree(ptr);
}

/**
 * vk_kmod_sweep_inject - the core-driven kvmalloc with the kmalloc attempt
 * failed by injection: the result is a vmalloc address exactly when the
 * plan says VK_KV_FAIL_VMALLOC (NULL otherwise), zeroed under __GFP_ZERO.
 */
void vk_kmod_sweep_inject(void)
{
	size_t i, j;

	for (i = 0; i < ARRAY_SIZE(vk_kmod_kv_sizes); i++)
		for (j = 0; j < ARRAY_SIZE(vk_kmod_kv_flags); j++)
			vk_kmod_inject_one(VK_GRP_KVMALLOC_INJECT, vk_kmod_kv_sizes[i],
					   vk_kmod_kv_flags[j], (u8)(0x25 * (i + j) + 3));
	vk_kmod_group_report(VK_GRP_KVMALLOC_INJECT);
}

/**
 * vk_kmod_op_kvmalloc - one core-driven kvmalloc/free from the ops file.
 * @size_bytes: requested size.
 * @gfp_bits: caller's flags as a gfp_t value.
 * @inject_kmalloc_fail: fail the kmalloc attempt by injection.
 *
 * Requests outside the pinned flag layout are refused.
 *
 * Return: 0, or -EINVAL for flags outside VK_GFP_KNOWN_MASK.
 */
int vk_kmod_op_kvmalloc(size_t size_bytes, u32 gfp_bits, bool inject_kmalloc_fail)
{
	if (gfp_bits & ~VK_GFP_KNOWN_MASK)
		return -EINVAL;
	if (inject_kmalloc_fail)
		vk_kmod_inject_one(VK_GRP_OPS, size_bytes, gfp_bits, 0x6b);
	else
		vk_kmod_kv_kernel_vs_core(size_bytes, gfp_bits, 0x6b);
	return 0;
}
