/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vk_kmalloc_spec.h - ACSL vocabulary for kmalloc routing: slab bucket
 * index (kmalloc_index) and page order (get_order) on x86_64, 4 KiB pages.
 */
#ifndef VK_KMALLOC_SPEC_H
#define VK_KMALLOC_SPEC_H

/*@
  logic integer page_bytes = 4096;
  logic integer kmalloc_max_cache_bytes = 8192;
  logic integer kmalloc_max_bytes = 4194304;
  logic integer int_max_bytes = 2147483647;

  // kmalloc_index() for 1..8192: the two odd buckets 96 (index 1) and
  // 192 (index 2), otherwise the power of two that holds the size.
  logic integer kmalloc_index_of(integer s) =
    s <= 0 ? 0 :
    s <= 8 ? 3 :
    s <= 16 ? 4 :
    s <= 32 ? 5 :
    s <= 64 ? 6 :
    s <= 96 ? 1 :
    s <= 128 ? 7 :
    s <= 192 ? 2 :
    s <= 256 ? 8 :
    s <= 512 ? 9 :
    s <= 1024 ? 10 :
    s <= 2048 ? 11 :
    s <= 4096 ? 12 :
    s <= 8192 ? 13 : 0;

  // Object bytes of a slab bucket.
  logic integer bucket_bytes_of(integer i) =
    i == 1 ? 96 : i == 2 ? 192 : i == 3 ? 8 : i == 4 ? 16 : i == 5 ? 32 :
    i == 6 ? 64 : i == 7 ? 128 : i == 8 ? 256 : i == 9 ? 512 :
    i == 10 ? 1024 : i == 11 ? 2048 : i == 12 ? 4096 : i == 13 ? 8192 : 0;

  // Bytes of a page-allocator block of the given order (PAGE_SIZE << order),
  // for the orders kmalloc uses; 0 otherwise.
  logic integer order_bytes_of(integer order) =
    order == 0 ? 4096 : order == 1 ? 8192 : order == 2 ? 16384 :
    order == 3 ? 32768 : order == 4 ? 65536 : order == 5 ? 131072 :
    order == 6 ? 262144 : order == 7 ? 524288 : order == 8 ? 1048576 :
    order == 9 ? 2097152 : order == 10 ? 4194304 : 0;

  // get_order() for sizes up to KMALLOC_MAX_SIZE; 11 above it.
  logic integer order_of(integer s) =
    s <= 4096 ? 0 :
    s <= 8192 ? 1 :
    s <= 16384 ? 2 :
    s <= 32768 ? 3 :
    s <= 65536 ? 4 :
    s <= 131072 ? 5 :
    s <= 262144 ? 6 :
    s <= 524288 ? 7 :
    s <= 1048576 ? 8 :
    s <= 2097152 ? 9 :
    s <= 4194304 ? 10 : 11;
*/

#endif /* VK_KMALLOC_SPEC_H */
