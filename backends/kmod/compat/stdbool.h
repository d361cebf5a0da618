/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * compat/stdbool.h - <stdbool.h> (bool, true, false) for the kernel-module
 * build of the core, from the kernel's own headers.
 */
#ifndef VK_COMPAT_STDBOOL_H
#define VK_COMPAT_STDBOOL_H

#include <linux/types.h>
#include <linux/stddef.h>

#endif /* VK_COMPAT_STDBOOL_H */
