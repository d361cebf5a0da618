/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * linux_compat.h - kernel allocation names on a process-wide default heap,
 * for code written against the kernel API.  Flags are plain gfp_t values.
 */
#ifndef VKALLOC_LINUX_COMPAT_H
#define VKALLOC_LINUX_COMPAT_H

#include "backends/user/vku.h"

typedef uint32_t gfp_t;

/**
 * vku_default_heap - the process-wide heap behind the kernel names.
 *
 * Created on first use (defaults: linux-6.1 profile, bad frees abort).
 * Return: the heap (aborts if it cannot be created).
 */
struct vku_heap *vku_default_heap(void);

#define ZERO_SIZE_PTR ((void *)16)
#define ZERO_OR_NULL_PTR(x) ((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)
#define NUMA_NO_NODE (-1)
#define KMALLOC_MAX_SIZE VK_KMALLOC_MAX_SIZE

#define __GFP_ZERO           VK___GFP_ZERO
#define __GFP_NOWARN         VK___GFP_NOWARN
#define __GFP_NOFAIL         VK___GFP_NOFAIL
#define __GFP_NORETRY        VK___GFP_NORETRY
#define __GFP_RETRY_MAYFAIL  VK___GFP_RETRY_MAYFAIL
#define __GFP_ACCOUNT        VK___GFP_ACCOUNT
#define GFP_KERNEL           VK_GFP_KERNEL_BITS
#define GFP_KERNEL_ACCOUNT   VK_GFP_KERNEL_ACCOUNT_BITS
#define GFP_ATOMIC           VK_GFP_ATOMIC_BITS
#define GFP_NOWAIT           VK_GFP_NOWAIT_BITS
#define GFP_NOIO             VK_GFP_NOIO_BITS
#define GFP_NOFS             VK_GFP_NOFS_BITS
#define GFP_USER             VK_GFP_USER_BITS

#define kmalloc(s, f)            vku_kmalloc(vku_default_heap(), (s), VK_GFP(f))
#define kzalloc(s, f)            vku_kzalloc(vku_default_heap(), (s), VK_GFP(f))
#define kcalloc(n, s, f)         vku_kcalloc(vku_default_heap(), (n), (s), VK_GFP(f))
#define kmalloc_array(n, s, f)   vku_kmalloc_array(vku_default_heap(), (n), (s), VK_GFP(f))
#define krealloc(p, s, f)        vku_krealloc(vku_default_heap(), (p), (s), VK_GFP(f))
#define kfree(p)                 ((void)vku_kfree(vku_default_heap(), (p)))
#define ksize(p)                 vku_ksize(vku_default_heap(), (p))
#define vmalloc(s)               vku_vmalloc(vku_default_heap(), (s))
#define vzalloc(s)               vku_vzalloc(vku_default_heap(), (s))
#define vfree(p)                 ((void)vku_vfree(vku_default_heap(), (p)))
#define kvmalloc(s, f)           vku_kvmalloc(vku_default_heap(), (s), VK_GFP(f))
#define kvmalloc_node(s, f, n)   vku_kvmalloc_node(vku_default_heap(), (s), VK_GFP(f), (n))
#define kvzalloc(s, f)           vku_kvzalloc(vku_default_heap(), (s), VK_GFP(f))
#define kvcalloc(n, s, f)        vku_kvcalloc(vku_default_heap(), (n), (s), VK_GFP(f))
#define kvmalloc_array(n, s, f)  vku_kvmalloc_array(vku_default_heap(), (n), (s), VK_GFP(f))
#define kvrealloc(p, o, s, f)    vku_kvrealloc(vku_default_heap(), (p), (o), (s), VK_GFP(f))
#define kvfree(p)                ((void)vku_kvfree(vku_default_heap(), (p)))
#define kvfree_sensitive(p, l)   ((void)vku_kvfree_sensitive(vku_default_heap(), (p), (l)))

#endif /* VKALLOC_LINUX_COMPAT_H */
