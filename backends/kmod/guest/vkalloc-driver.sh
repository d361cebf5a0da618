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
# A seeded pseudo-random op sequence (VKALLOC_OPS ops, seed VKALLOC_SEED):
# a base mask (GFP_KERNEL, NOFS, NOIO, ATOMIC, NOWAIT, USER, KERNEL_ACCOUNT)
# plus modifier bits (ZERO, NOWARN, RETRY_MAYFAIL, NORETRY, HIGH, NOFAIL
# when blocking), sizes around the slab, page and INT_MAX edges.
seed=${VKALLOC_SEED:-20260}
ops=${VKALLOC_OPS:-200}
next() { seed=$(((seed * 1103515245 + 12345) & 0x7fffffff)); r=$((seed >> 8)); }
i=0
opfail=0
while [ "$i" -lt "$ops" ]; do
	next; set -- cc0 c40 c00 a20 800 100cc0 400cc0; shift $((r % 7)); base=$((0x$1))
	next; mods=0
	[ $((r & 1)) -ne 0 ] && mods=$((mods | 0x100))
	[ $((r & 2)) -ne 0 ] && mods=$((mods | 0x2000))
	[ $((r & 4)) -ne 0 ] && mods=$((mods | 0x4000))
	[ $((r & 8)) -ne 0 ] && mods=$((mods | 0x10000))
	[ $((r & 16)) -ne 0 ] && mods=$((mods | 0x20))
	[ $((r & 32)) -ne 0 ] && [ $((base & 0x400)) -ne 0 ] && mods=$((mods | 0x8000))
	next
	case $((r % 6)) in
	0) size=$((r % 4097)) ;;
	1) size=$((4096 + r % 8193)) ;;
	2) size=$((r % 1048577)) ;;
	3) size=$(((4194304 - 64) + r % 129)) ;;
	4) set -- 0 1 4096 4097 8192 8193 65536 4194304 4194305 8388608; shift $((r % 10)); size=$1 ;;
	*) size=$((2147483647 + r % 3)); mods=$((mods | 0x2000)) ;;
	esac
	next
	op=$(printf 'kvmalloc %d %x %d' "$size" $((base | mods)) $((r & 1)))
	if ! echo "$op" > "$d/ops"; then
		echo "VKALLOC-DRIVER: op $op FAILED"
		opfail=$((opfail + 1))
	fi
	i=$((i + 1))
done
echo "VKALLOC-DRIVER: $ops seeded ops (seed ${VKALLOC_SEED:-20260}), $opfail refused"
fail=$((fail + opfail))
# A malformed op must be refused.
if echo "kvmalloc 1 ff000000 0" > "$d/ops" 2>/dev/null; then
	echo "VKALLOC-DRIVER: op with unknown gfp bits accepted: FAILED"
	fail=$((fail + 1))
fi
sed 's/^/VKALLOC-DRIVER: result /' "$d/result"
exit "$fail"
