/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * compat/stddef.h - <stddef.h> (size_t, NULL, offsetof) for the
 * kernel-module build of the core, from the kernel's own headers.
 */
#ifndef VK_COMPAT_STDDEF_H
#define VK_COMPAT_STDDEF_H

#include <linux/types.h>
#include <linux/stddef.h>

#endif /* VK_COMPAT_STDDEF_H */
