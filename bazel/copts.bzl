# SPDX-License-Identifier: MIT OR GPL-2.0-only
"""Shared compiler flags for C targets in vkalloc.

Load with: load("//bazel:copts.bzl", "VK_COPTS")
"""

# The project-wide rule: C11, warning-free under gcc and clang, warnings are errors.
VK_COPTS = [
    "-std=c11",
    "-Wall",
    "-Wextra",
    "-Wconversion",
    "-Wsign-conversion",
    "-Werror",
]

# Extra checks for the freestanding core: every non-static function has a prototype
# in a header, no shadowed names, no old-style declarations.
VK_CORE_COPTS = VK_COPTS + [
    "-Wshadow",
    "-Wstrict-prototypes",
    "-Wmissing-prototypes",
]
