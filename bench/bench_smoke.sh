#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR GPL-2.0-only
#
# bench_smoke.sh - run bench/run.sh with a small call count and check that it prints a
# numeric ratio for every decision and a max-ratio line. Asserts nothing about the numbers.
set -euo pipefail

if [[ -n "${TEST_SRCDIR:-}" ]]; then
	root="$TEST_SRCDIR/${TEST_WORKSPACE:-vkalloc}"
else
	root="$(cd "$(dirname "$0")/.." && pwd)"
fi

out="$(bash "$root/bench/run.sh" 2000)"
echo "$out"
fail=0
for f in gfp_zone gfp_allow_blocking gfp_migratetype gfp_scope gfp_problems size_mul size_add \
	size_sub array_bytes struct_size kmalloc_index kmalloc_route kvmalloc_plan addr_classify \
	free_route; do
	if ! grep -Eq "^vk_${f} +\| +[0-9.]+ +\| +[0-9.]+ +\| +[0-9.]+\$" <<<"$out"; then
		echo "FAIL: no ratio for vk_${f}"
		fail=1
	fi
done
grep -Eq '^max ratio: [0-9.]+ ' <<<"$out" || { echo "FAIL: no max ratio line"; fail=1; }
exit "$fail"
