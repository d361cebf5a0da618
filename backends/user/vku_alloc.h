/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vku_alloc.h - locked-context allocation primitives shared between the
 * kmalloc, vmalloc and kvmalloc files.  Callers hold heap->lock.
 */
#ifndef VKU_ALLOC_H
#define VKU_ALLOC_H

#include "backends/user/vku_internal.h"

/**
 * vku_kmalloc_locked - kmalloc with flags already final (z-forms carry __GFP_ZERO).
 * @heap: heap (locked). @size: bytes. @flags: gfp.
 * Return: object, ZERO_SIZE_PTR for 0, NULL with heap->last_err set.
 */
void *vku_kmalloc_locked(struct vku_heap *heap, size_t size, vk_gfp_t flags);

/**
 * vku_vmalloc_locked - __vmalloc with @flags.
 * @heap: heap (locked). @size: bytes. @flags: gfp.
 * Return: area or NULL with heap->last_err set.
 */
void *vku_vmalloc_locked(struct vku_heap *heap, size_t size, vk_gfp_t flags);

/**
 * vku_kvmalloc_locked - kvmalloc following vk_kvmalloc_plan().
 * @heap: heap (locked). @size: bytes. @flags: gfp.
 * Return: memory or NULL with heap->last_err set.
 */
void *vku_kvmalloc_locked(struct vku_heap *heap, size_t size, vk_gfp_t flags);

/**
 * vku_kfree_entry - give a live kmalloc entry back.
 * @heap: heap (locked). @e: live slab or pages entry.
 */
void vku_kfree_entry(struct vku_heap *heap, struct vku_entry *e);

/**
 * vku_kfree_locked - checked kfree.
 * @heap: heap (locked). @p: pointer. @fn: name for messages.
 * Return: 0 or -enum vku_err.
 */
int vku_kfree_locked(struct vku_heap *heap, const void *p, const char *fn);

/**
 * vku_vfree_locked - checked vfree.
 * @heap: heap (locked). @p: pointer. @fn: name for messages.
 * Return: 0 or -enum vku_err.
 */
int vku_vfree_locked(struct vku_heap *heap, const void *p, const char *fn);

#endif /* VKU_ALLOC_H */
