/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vkm_kmalloc.c - model of kmalloc routing: the SLUB bucket table scanned
 * linearly in size order, and page orders found by doubling a block.
 */
#include "spec/model/vk_model.h"

/**
 * struct vkm_bucket - one kmalloc slab cache.
 * @index: its kmalloc_index() value.
 * @bytes: its object size.
 */
struct vkm_bucket {
	unsigned int index;
	size_t bytes;
};

/* The kmalloc caches in increasing object size (96 and 192 between the powers of two). */
static const struct vkm_bucket vkm_buckets[] = {
	{ 3, 8 },     { 4, 16 },    { 5, 32 },    { 6, 64 },    { 1, 96 },
	{ 7, 128 },   { 2, 192 },   { 8, 256 },   { 9, 512 },   { 10, 1024 },
	{ 11, 2048 }, { 12, 4096 }, { 13, 8192 },
};

#define VKM_NBUCKETS (sizeof(vkm_buckets) / sizeof(vkm_buckets[0]))

/**
 * vkm_kmalloc_index - model of vk_kmalloc_index(): the first bucket that holds @size.
 * @size: requested bytes.
 *
 * Return: the bucket index, or 0 for 0 and sizes above 8 KiB.
 */
unsigned int vkm_kmalloc_index(size_t size)
{
	size_t i;

	if (size == 0)
		return 0;
	for (i = 0; i < VKM_NBUCKETS; i++)
		if (size <= vkm_buckets[i].bytes)
			return vkm_buckets[i].index;
	return 0;
}

/**
 * vkm_kmalloc_bucket_bytes - model of vk_kmalloc_bucket_bytes(): table lookup.
 * @index: a bucket index.
 *
 * Return: the object bytes, or 0 for an index with no bucket.
 */
size_t vkm_kmalloc_bucket_bytes(unsigned int index)
{
	size_t i;

	for (i = 0; i < VKM_NBUCKETS; i++)
		if (vkm_buckets[i].index == index)
			return vkm_buckets[i].bytes;
	return 0;
}

/**
 * vkm_get_order - model of vk_get_order(): double a block until it holds @size.
 * @size: requested bytes.
 *
 * Return: the order (0 for size 0), or 11 above KMALLOC_MAX_SIZE.
 */
unsigned int vkm_get_order(size_t size)
{
	unsigned int order = 0;
	uint64_t block_bytes = 4096;

	if (size > (size_t)4194304)
		return 11;
	while ((uint64_t)size > block_bytes) {
		block_bytes *= 2u;
		order++;
	}
	return order;
}

/**
 * vkm_order_bytes - model of vk_order_bytes().
 * @order: page order.
 *
 * Return: 4096 << order for orders 0..10, else 0.
 */
size_t vkm_order_bytes(unsigned int order)
{
	size_t bytes = 4096;
	unsigned int o;

	if (order > 10u)
		return 0;
	for (o = 0; o < order; o++)
		bytes *= 2u;
	return bytes;
}

/**
 * vkm_kmalloc_route - model of vk_kmalloc_route().
 * @size: requested bytes.
 *
 * Return: ZERO, SLAB (bucket), PAGES (order) or REFUSE.
 */
struct vk_kmalloc_route vkm_kmalloc_route(size_t size)
{
	struct vk_kmalloc_route r = { VK_KMALLOC_ZERO, 0, 0 };

	if (size == 0)
		return r;
	if (size <= (size_t)8192) {
		r.kind = VK_KMALLOC_SLAB;
		r.index = vkm_kmalloc_index(size);
		r.bytes = vkm_kmalloc_bucket_bytes(r.index);
		return r;
	}
	if (size <= (size_t)4194304) {
		r.kind = VK_KMALLOC_PAGES;
		r.index = vkm_get_order(size);
		r.bytes = vkm_order_bytes(r.index);
		return r;
	}
	r.kind = VK_KMALLOC_REFUSE;
	return r;
}
