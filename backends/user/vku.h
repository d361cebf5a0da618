/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vku.h - userspace backend of the kernel allocation API, driven by the
 * verified core (core/).  Every function takes a struct vku_heap; there is no
 * global state.
 *
 * Memory comes from regions the heap reserves with mmap (PROT_NONE, made
 * readable and writable as it is used): a "direct map" for kmalloc (slab
 * buckets and page-order blocks), a "vmalloc" region (page-granular areas
 * with a guard page after each) and a small reserved "modules" range that is
 * never handed out.  vku_heap_layout() returns these as a struct vk_layout, so
 * vk_addr_classify() and vk_free_route() on real pointers are exact.
 *
 * Defined results for bad input (documented policy of this backend):
 *  - size 0 for the kmalloc family returns ZERO_SIZE_PTR ((void *)16);
 *  - sizes above KMALLOC_MAX_SIZE for kmalloc, and SIZE_MAX, return NULL
 *    with VKU_ERR_TOO_BIG;
 *  - vmalloc(0) returns NULL with VKU_ERR_ZERO_VMALLOC (as the kernel does);
 *  - array overflow returns NULL with VKU_ERR_OVERFLOW, no allocator called;
 *  - flag bits outside VK_GFP_KNOWN_MASK: NULL with VKU_ERR_FLAGS, nothing
 *    is allocated (the kernel would strip them with a warning);
 *  - an unknown profile: NULL with VKU_ERR_PROFILE (the plan calls nothing).
 * Bad frees (pointer never handed out, already freed, or freed with the
 * wrong function) print a message to stderr and abort(), unless the heap was
 * created with VKU_ON_BAD_FREE_RETURN: then the free returns a negative
 * error code and nothing is changed.
 */
#ifndef VKU_H
#define VKU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/vk_addr.h"
#include "core/vk_gfp.h"
#include "core/vk_kvmalloc.h"

struct vku_heap;

/* Heap option bits (struct vku_options.flags). */
#define VKU_ON_BAD_FREE_RETURN 0x1u /* bad frees return an error instead of aborting */
#define VKU_QUIET              0x2u /* with RETURN: do not print bad-free messages */
/*
 * vfree leaves the area readable and writable (no mprotect per free; the
 * guard page after each area is still set): a use after vfree is not caught.
 * For harnesses that allocate and free vmalloc areas at a high rate.
 */
#define VKU_FAST_VFREE         0x4u
/*
 * The requested bytes of memory allocated without __GFP_ZERO are filled with
 * VKU_POISON_BYTE (the slack up to ksize/the page end is not), so their
 * contents never depend on what earlier (possibly reset) use left there: a
 * fuzz input behaves the same in a long-running process and replayed alone.
 */
#define VKU_POISON_ALLOC       0x8u
#define VKU_POISON_BYTE        0x6b

/**
 * enum vku_err - error codes; the free family returns -code, allocation
 * failures leave the code in vku_last_error().
 */
enum vku_err {
	VKU_OK = 0,
	VKU_ERR_FOREIGN = 1,      /* free of a pointer outside every heap region */
	VKU_ERR_NOT_ALLOCATED = 2,/* inside a region but never the start of an allocation */
	VKU_ERR_DOUBLE_FREE = 3,  /* the allocation was already freed */
	VKU_ERR_WRONG_FREE = 4,   /* kfree of a vmalloc pointer or vfree of a kmalloc one */
	VKU_ERR_FLAGS = 5,        /* unknown gfp bits: rejected */
	VKU_ERR_OVERFLOW = 6,     /* n * elem_bytes overflows */
	VKU_ERR_TOO_BIG = 7,      /* above what the allocator serves */
	VKU_ERR_INJECTED = 8,     /* fault injection failed the allocation */
	VKU_ERR_NOMEM = 9,        /* a region is exhausted */
	VKU_ERR_ZERO_VMALLOC = 10,/* vmalloc of 0 bytes */
	VKU_ERR_PROFILE = 11,     /* unknown kvmalloc profile */
	VKU_ERR_NO_FALLBACK = 12, /* kvmalloc: kmalloc failed and the plan has no fallback */
	VKU_ERR_COUNT = 13,
};

/**
 * enum vku_fault_mode - failslab/fail_page_alloc style fault injection.
 * @VKU_FAULT_OFF: never fail.
 * @VKU_FAULT_NTH: fail the @param-th attempt after configuration (1-based), once.
 * @VKU_FAULT_EVERY: fail every @param-th attempt.
 * @VKU_FAULT_PROB: fail each attempt with probability @param / 1000000.
 */
enum vku_fault_mode {
	VKU_FAULT_OFF = 0,
	VKU_FAULT_NTH = 1,
	VKU_FAULT_EVERY = 2,
	VKU_FAULT_PROB = 3,
};

/** enum vku_fault_site - which allocator a fault configuration applies to. */
enum vku_fault_site {
	VKU_SITE_KMALLOC = 0, /* slab buckets and page blocks */
	VKU_SITE_VMALLOC = 1,
	VKU_SITE_COUNT = 2,
};

/**
 * struct vku_fault - one fault-injection configuration.
 * @mode: see enum vku_fault_mode.
 * @param: k (NTH), n (EVERY) or probability per million (PROB).
 * @seed: xorshift seed for PROB (0 is replaced by a fixed non-zero value).
 */
struct vku_fault {
	enum vku_fault_mode mode;
	uint64_t param;
	uint64_t seed;
};

/** enum vku_class - statistics classes of live memory. */
enum vku_class {
	VKU_CLASS_SLAB = 0,
	VKU_CLASS_PAGES = 1,
	VKU_CLASS_VMALLOC = 2,
	VKU_CLASS_COUNT = 3,
};

/**
 * struct vku_stats - a snapshot of a heap's counters.
 * @live_count: live allocations per class.
 * @live_bytes: requested bytes of the live allocations per class.
 * @live_backing_bytes: bytes really reserved for them (bucket, block, pages).
 * @injected: failures injected per site.
 * @attempts: allocation attempts per site that fault injection saw.
 * @kv_fallbacks: kvmalloc calls that fell back to vmalloc.
 * @bad_frees: bad frees reported (in RETURN mode).
 */
struct vku_stats {
	uint64_t live_count[VKU_CLASS_COUNT];
	uint64_t live_bytes[VKU_CLASS_COUNT];
	uint64_t live_backing_bytes[VKU_CLASS_COUNT];
	uint64_t injected[VKU_SITE_COUNT];
	uint64_t attempts[VKU_SITE_COUNT];
	uint64_t kv_fallbacks;
	uint64_t bad_frees;
};

/**
 * struct vku_options - heap creation options (zero-initialised = defaults).
 * @flags: VKU_ON_BAD_FREE_RETURN, VKU_QUIET, VKU_FAST_VFREE, VKU_POISON_ALLOC.
 * @profile: kvmalloc profile (VK_PROFILE_LINUX_6_1 when @profile_set is false).
 * @profile_set: use @profile.
 * @direct_bytes: direct-map reservation (default 1 GiB), rounded to pages.
 * @vmalloc_bytes: vmalloc reservation (default 1 GiB), rounded to pages.
 */
struct vku_options {
	uint32_t flags;
	enum vk_profile profile;
	bool profile_set;
	size_t direct_bytes;
	size_t vmalloc_bytes;
};

/**
 * vku_heap_create - reserve the regions of a new heap.
 * @opts: options, or NULL for the defaults.
 *
 * Return: the heap, or NULL when the reservation fails.
 */
struct vku_heap *vku_heap_create(const struct vku_options *opts);

/**
 * vku_heap_destroy - unmap every region of a heap (live allocations die too).
 * @heap: the heap, or NULL.
 */
void vku_heap_destroy(struct vku_heap *heap);

/**
 * vku_heap_reset - return a heap with no live allocation to its state just
 * after creation, without unmapping it (for harnesses that run many short
 * sequences: the direct map stays committed, so reuse does not fault).
 * @heap: the heap.
 *
 * Forgets every freed address (later frees of them are FOREIGN or
 * NOT_ALLOCATED, not DOUBLE_FREE), zeroes every counter, turns fault
 * injection off and restores the creation profile.  Memory handed out
 * afterwards is not zero unless asked for (__GFP_ZERO).
 * Return: 0, or -VKU_ERR_NOT_ALLOCATED (nothing changed) when allocations are live.
 */
int vku_heap_reset(struct vku_heap *heap);

/**
 * vku_heap_layout - the address layout of a heap's regions.
 * @heap: the heap.
 *
 * Return: a valid layout (direct, vmalloc, modules = the reserved dummy).
 */
struct vk_layout vku_heap_layout(const struct vku_heap *heap);

/**
 * vku_set_profile - choose the kvmalloc profile.
 * @heap: the heap.
 * @profile: the profile (an unknown one makes kvmalloc fail).
 */
void vku_set_profile(struct vku_heap *heap, enum vk_profile profile);

/**
 * vku_set_fault - configure fault injection for one site (resets its counter).
 * @heap: the heap.
 * @site: kmalloc or vmalloc.
 * @fault: the configuration; mode VKU_FAULT_OFF turns it off.
 */
void vku_set_fault(struct vku_heap *heap, enum vku_fault_site site, const struct vku_fault *fault);

/**
 * vku_get_stats - copy a heap's counters.
 * @heap: the heap.
 * @out: where to store them.
 */
void vku_get_stats(struct vku_heap *heap, struct vku_stats *out);

/**
 * vku_last_error - why the last failed call of this heap failed.
 * @heap: the heap.
 *
 * Return: the enum vku_err code of the most recent failure (VKU_OK after a
 * success).
 */
enum vku_err vku_last_error(struct vku_heap *heap);

/**
 * vku_err_name - a short name of an error code.
 * @err: the code.
 *
 * Return: a static string.
 */
const char *vku_err_name(enum vku_err err);

/* Allocation API: sizes in bytes, flags as gfp_t. */

/** vku_kmalloc - kmalloc(). @heap: heap. @size: bytes. @flags: gfp. Return: object, ZERO_SIZE_PTR or NULL. */
void *vku_kmalloc(struct vku_heap *heap, size_t size, vk_gfp_t flags);
/** vku_kzalloc - kzalloc(), zeroed. @heap: heap. @size: bytes. @flags: gfp. Return: as kmalloc. */
void *vku_kzalloc(struct vku_heap *heap, size_t size, vk_gfp_t flags);
/** vku_kcalloc - kcalloc(). @heap: heap. @n: count. @elem_bytes: bytes each. @flags: gfp. Return: zeroed object or NULL. */
void *vku_kcalloc(struct vku_heap *heap, size_t n, size_t elem_bytes, vk_gfp_t flags);
/** vku_kmalloc_array - kmalloc_array(). @heap: heap. @n: count. @elem_bytes: bytes each. @flags: gfp. Return: object or NULL. */
void *vku_kmalloc_array(struct vku_heap *heap, size_t n, size_t elem_bytes, vk_gfp_t flags);
/**
 * vku_krealloc - krealloc().
 * @heap: heap. @p: old object (NULL/ZERO_SIZE_PTR: like kmalloc). @new_size: bytes. @flags: gfp.
 * Return: new object (old one freed), @p if it already fits, ZERO_SIZE_PTR for 0 (p freed), NULL on failure (p kept).
 */
void *vku_krealloc(struct vku_heap *heap, void *p, size_t new_size, vk_gfp_t flags);
/** vku_kfree - kfree(). @heap: heap. @p: object, NULL or ZERO_SIZE_PTR. Return: 0 or -enum vku_err. */
int vku_kfree(struct vku_heap *heap, const void *p);
/** vku_ksize - ksize(). @heap: heap. @p: kmalloc object. Return: usable bytes, 0 for NULL/ZERO_SIZE_PTR/others. */
size_t vku_ksize(struct vku_heap *heap, const void *p);
/** vku_vmalloc - vmalloc() (GFP_KERNEL). @heap: heap. @size: bytes. Return: area or NULL. */
void *vku_vmalloc(struct vku_heap *heap, size_t size);
/** vku_vzalloc - vzalloc(). @heap: heap. @size: bytes. Return: zeroed area or NULL. */
void *vku_vzalloc(struct vku_heap *heap, size_t size);
/** vku_vfree - vfree(). @heap: heap. @p: area or NULL. Return: 0 or -enum vku_err. */
int vku_vfree(struct vku_heap *heap, const void *p);
/** vku_kvmalloc - kvmalloc(). @heap: heap. @size: bytes. @flags: gfp. Return: memory or NULL. */
void *vku_kvmalloc(struct vku_heap *heap, size_t size, vk_gfp_t flags);
/** vku_kvmalloc_node - kvmalloc_node(). @heap: heap. @size: bytes. @flags: gfp. @node: NUMA node (ignored). Return: memory or NULL. */
void *vku_kvmalloc_node(struct vku_heap *heap, size_t size, vk_gfp_t flags, int node);
/** vku_kvzalloc - kvzalloc(). @heap: heap. @size: bytes. @flags: gfp. Return: zeroed memory or NULL. */
void *vku_kvzalloc(struct vku_heap *heap, size_t size, vk_gfp_t flags);
/** vku_kvcalloc - kvcalloc(). @heap: heap. @n: count. @elem_bytes: bytes each. @flags: gfp. Return: zeroed memory or NULL. */
void *vku_kvcalloc(struct vku_heap *heap, size_t n, size_t elem_bytes, vk_gfp_t flags);
/** vku_kvmalloc_array - kvmalloc_array(). @heap: heap. @n: count. @elem_bytes: bytes each. @flags: gfp. Return: memory or NULL. */
void *vku_kvmalloc_array(struct vku_heap *heap, size_t n, size_t elem_bytes, vk_gfp_t flags);
/**
 * vku_kvrealloc - kvrealloc() of v5.15-v6.11.
 * @heap: heap. @p: old memory. @old_size: its bytes. @new_size: bytes. @flags: gfp.
 * Return: @p when old_size >= new_size, else new memory (old copied and freed), NULL on failure (p kept).
 */
void *vku_kvrealloc(struct vku_heap *heap, void *p, size_t old_size, size_t new_size, vk_gfp_t flags);
/** vku_kvfree - kvfree(): route by address (core vk_free_route). @heap: heap. @p: memory. Return: 0 or -enum vku_err. */
int vku_kvfree(struct vku_heap *heap, const void *p);
/** vku_kvfree_sensitive - zero @len bytes then kvfree. @heap: heap. @p: memory. @len: bytes. Return: 0 or -enum vku_err. */
int vku_kvfree_sensitive(struct vku_heap *heap, const void *p, size_t len);

/**
 * vku_alloc_api - allocate through any core entry point (used by fuzzers and tests).
 * @heap: heap. @api: the entry point. @n: element count (bytes for non-array APIs).
 * @elem_bytes: bytes per element (ignored for non-array APIs). @flags: caller gfp.
 * Return: what that entry point returns; NULL with VKU_ERR_FLAGS for an unknown @api.
 */
void *vku_alloc_api(struct vku_heap *heap, enum vk_api api, size_t n, size_t elem_bytes, vk_gfp_t flags);

#endif /* VKU_H */
