#!/bin/sh
# SPDX-License-Identifier: MIT OR GPL-2.0-only
# Userspace driver of the vkalloc module: run every sweep through debugfs,
# then a few single core-driven operations, then print the running totals.
# Exit status: number of failed writes (a refused sweep is a failure).
d=/sys/kernel/debug/vkalloc
fail=0
for sweep in gfp size kmalloc addr kvmalloc inject; do
	if echo "$sweep" > "$d/sweep"; then
		echo "VKALLOC-DRIVER: sweep $sweep ok"
	else
		echo "VKALLOC-DRIVER: sweep $sweep FAILED"
		fail=$((fail + 1))
	fi
done
# kvmalloc <size> <gfp hex> <inject>: GFP_KERNEL|__GFP_ZERO 12 KiB with and
# without injected kmalloc failure, GFP_ATOMIC 64 KiB injected (must be NULL).
for op in "kvmalloc 12288 dc0 1" "kvmalloc 12288 dc0 0" "kvmalloc 65536 a20 1" \
	"kvmalloc 0 cc0 1" "kvmalloc 5000000 cc0 1"; do
	if echo "$op" > "$d/ops"; then
		echo "VKALLOC-DRIVER: op $op ok"
	else
		echo "VKALLOC-DRIVER: op $op FAILED"
		fail=$((fail + 1))
	fi
done
# A malformed op must be refused.
if echo "kvmalloc 1 ff000000 0" > "$d/ops" 2>/dev/null; then
	echo "VKALLOC-DRIVER: op with unknown gfp bits accepted: FAILED"
	fail=$((fail + 1))
fi
sed 's/^/VKALLOC-DRIVER: result /' "$d/result"
exit "$fail"
