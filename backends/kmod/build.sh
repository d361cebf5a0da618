#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR GPL-2.0-only
#
# build.sh - build vkalloc.ko out of tree in a staging directory.
#
#   backends/kmod/build.sh <outdir> [--plant] [--plant-ops]
#
# <outdir> gets the module sources, symlinks to the repository's core/*.c,
# core/*.h and spec/*.h, and the build products (<outdir>/vkalloc.ko).
# --plant builds with VK_KMOD_PLANT_MISMATCH (the planted gfp_zone bug);
# --plant-ops with VK_KMOD_PLANT_OPS (a planted divergence of the op
# interface only the in-guest fuzzer can see, vk_kmod_seq.c).
# KDIR selects the kernel build tree; by default the installed
# /usr/src/linux-headers-6.1.0-<N>-amd64 (N from ci/lib/deps.sh).
# The compiler's warnings are an error for our sources.
set -euo pipefail

here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:?usage: build.sh <outdir> [--plant] [--plant-ops]}
shift
plant=0
plant_ops=0
for arg in "$@"; do
	case $arg in
	--plant) plant=1 ;;
	--plant-ops) plant_ops=1 ;;
	*) echo "usage: build.sh <outdir> [--plant] [--plant-ops]" >&2; exit 2 ;;
	esac
done

if [[ -z ${KDIR:-} ]]; then
	# shellcheck source=../../ci/lib/deps.sh
	. "$root/ci/lib/deps.sh"
	vk_resolve_kernel_abi
	KDIR=/usr/src/linux-headers-6.1.0-$VK_KERNEL_ABI-amd64
	vk_need_pkgs "linux-headers-6.1.0-$VK_KERNEL_ABI-amd64" gcc make
fi
[[ -d $KDIR ]] || { echo "build.sh: no kernel build tree at $KDIR" >&2; exit 1; }

mkdir -p "$out/core" "$out/spec" "$out/compat"
out=$(cd "$out" && pwd)
cp "$here/Kbuild" "$here"/vk_kmod*.c "$here"/vk_kmod*.h "$out/"
cp "$here"/compat/*.h "$out/compat/"
ls "$root"/core/*.c >/dev/null 2>&1 || echo "build.sh: note: core/*.c missing, headers only" >&2
for f in "$root"/core/*.c "$root"/core/*.h; do
	[[ -e $f ]] && ln -sf "$f" "$out/core/"
done
for f in "$root"/spec/*.h; do
	[[ -e $f ]] && ln -sf "$f" "$out/spec/"
done

log=$out/build.log
if ! make -C "$KDIR" M="$out" VK_PLANT=$plant VK_PLANT_OPS=$plant_ops modules >"$log" 2>&1; then
	cat "$log" >&2
	echo "build.sh: module build failed" >&2
	exit 1
fi
if grep -E 'warning:|error:' "$log" >&2; then
	echo "build.sh: compiler warnings in the module build (see above)" >&2
	exit 1
fi
[[ -f $out/vkalloc.ko ]] || { echo "build.sh: no vkalloc.ko" >&2; exit 1; }
echo "build.sh: $out/vkalloc.ko (plant=$plant, plant_ops=$plant_ops, KDIR=$KDIR)"
