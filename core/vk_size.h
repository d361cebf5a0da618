/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vk_size.h - the kmalloc_array multiplication-overflow decision and the
 * saturating size helpers of include/linux/overflow.h (SIZE_MAX on overflow).
 */
#ifndef VK_SIZE_H
#define VK_SIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "spec/vk_size_spec.h"

size_t vk_size_mul(size_t a, size_t b);
size_t vk_size_add(size_t a, size_t b);
size_t vk_size_sub(size_t minuend, size_t subtrahend);
size_t vk_array_size(size_t n, size_t elem_bytes);
size_t vk_array3_size(size_t a, size_t b, size_t c);
size_t vk_flex_array_size(size_t n, size_t elem_bytes);
size_t vk_struct_size(size_t header_bytes, size_t n, size_t elem_bytes);
bool vk_array_bytes(size_t n, size_t elem_bytes, size_t *bytes);

#endif /* VK_SIZE_H */
