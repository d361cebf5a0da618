#!/bin/sh
# SPDX-License-Identifier: MIT OR GPL-2.0-only
echo "vkalloc: bazel coverage is not supported offline (stub @remote_coverage_tools)" >&2
exit 1
