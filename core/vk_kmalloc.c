/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vk_kmalloc.c - kmalloc routing: slab bucket, page order, or refuse.
 * Contracts are in vk_kmalloc.h.  Comparison chains, no loops: gcc turns
 * them into a handful of compares, and each case proves on its own.
 */
#include "core/vk_kmalloc.h"

/*
 * The chains live in static helpers that vk_kmalloc_route() inlines: a call
 * to the public function from the route costs more than the compares.
 */
#if defined(__GNUC__) && !defined(__FRAMAC__)
#define VK_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define VK_ALWAYS_INLINE inline
#endif

/*@ assigns \nothing;
    ensures \result == kmalloc_index_of(size);
*/
static VK_ALWAYS_INLINE unsigned int bucket_index(size_t size)
{
	if (size == 0u || size > VK_KMALLOC_MAX_CACHE_SIZE)
		return 0u;
	if (size <= 8u)
		return 3u;
	if (size <= 16u)
		return 4u;
	if (size <= 32u)
		return 5u;
	if (size <= 64u)
		return 6u;
	if (size <= 96u)
		return 1u;
	if (size <= 128u)
		return 7u;
	if (size <= 192u)
		return 2u;
	if (size <= 256u)
		return 8u;
	if (size <= 512u)
		return 9u;
	if (size <= 1024u)
		return 10u;
	if (size <= 2048u)
		return 11u;
	if (size <= 4096u)
		return 12u;
	return 13u;
}

unsigned int vk_kmalloc_index(size_t size)
{
	return bucket_index(size);
}

size_t vk_kmalloc_bucket_bytes(unsigned int index)
{
	switch (index) {
	case 1u:
		return 96u;
	case 2u:
		return 192u;
	case 3u:
		return 8u;
	case 4u:
		return 16u;
	case 5u:
		return 32u;
	case 6u:
		return 64u;
	case 7u:
		return 128u;
	case 8u:
		return 256u;
	case 9u:
		return 512u;
	case 10u:
		return 1024u;
	case 11u:
		return 2048u;
	case 12u:
		return 4096u;
	case 13u:
		return 8192u;
	default:
		return 0u;
	}
}

/*@ assigns \nothing;
    ensures \result == order_of(size);
*/
static VK_ALWAYS_INLINE unsigned int page_order(size_t size)
{
	if (size <= 4096u)
		return 0u;
	if (size <= 8192u)
		return 1u;
	if (size <= 16384u)
		return 2u;
	if (size <= 32768u)
		return 3u;
	if (size <= 65536u)
		return 4u;
	if (size <= 131072u)
		return 5u;
	if (size <= 262144u)
		return 6u;
	if (size <= 524288u)
		return 7u;
	if (size <= 1048576u)
		return 8u;
	if (size <= 2097152u)
		return 9u;
	if (size <= 4194304u)
		return 10u;
	return VK_KMALLOC_MAX_ORDER + 1u;
}

unsigned int vk_get_order(size_t size)
{
	return page_order(size);
}

size_t vk_order_bytes(unsigned int order)
{
	switch (order) {
	case 0u: return 4096u;
	case 1u: return 8192u;
	case 2u: return 16384u;
	case 3u: return 32768u;
	case 4u: return 65536u;
	case 5u: return 131072u;
	case 6u: return 262144u;
	case 7u: return 524288u;
	case 8u: return 1048576u;
	case 9u: return 2097152u;
	case 10u: return 4194304u;
	default: return 0u;
	}
}

struct vk_kmalloc_route vk_kmalloc_route(size_t size)
{
	struct vk_kmalloc_route route = { VK_KMALLOC_REFUSE, 0u, 0u };

	if (size == 0u) {
		route.kind = VK_KMALLOC_ZERO;
	} else if (size <= VK_KMALLOC_MAX_CACHE_SIZE) {
		route.kind = VK_KMALLOC_SLAB;
		route.index = bucket_index(size);
		route.bytes = vk_kmalloc_bucket_bytes(route.index);
	} else if (size <= VK_KMALLOC_MAX_SIZE) {
		route.kind = VK_KMALLOC_PAGES;
		route.index = page_order(size);
		route.bytes = vk_order_bytes(route.index);
	}
	return route;
}
