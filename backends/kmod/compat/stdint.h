/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * compat/stdint.h - <stdint.h> for the kernel-module build of the core.
 * Kbuild compiles with -nostdinc, so the fixed-width types and their limits
 * come from the kernel's own headers.
 */
#ifndef VK_COMPAT_STDINT_H
#define VK_COMPAT_STDINT_H

#include <linux/types.h>
#include <linux/limits.h>

#ifndef UINT8_MAX
#define UINT8_MAX U8_MAX
#endif
#ifndef UINT16_MAX
#define UINT16_MAX U16_MAX
#endif
#ifndef UINT32_MAX
#define UINT32_MAX U32_MAX
#endif
#ifndef UINT64_MAX
#define UINT64_MAX U64_MAX
#endif
#ifndef INT32_MAX
#define INT32_MAX S32_MAX
#endif
#ifndef INT64_MAX
#define INT64_MAX S64_MAX
#endif
#ifndef UINTPTR_MAX
#define UINTPTR_MAX ULONG_MAX
#endif

#endif /* VK_COMPAT_STDINT_H */
