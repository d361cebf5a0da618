/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * compat/limits.h - <limits.h> (INT_MAX, SIZE_MAX, ...) for the
 * kernel-module build of the core, from the kernel's own headers.
 */
#ifndef VK_COMPAT_LIMITS_H
#define VK_COMPAT_LIMITS_H

#include <linux/limits.h>

#endif /* VK_COMPAT_LIMITS_H */
