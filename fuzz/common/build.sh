#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR GPL-2.0-only
#
# build.sh - build one fuzz target outside Bazel.
#
#   fuzz/common/build.sh <target> <engine> [out dir]
#
# engine: libfuzzer        clang-14 -fsanitize=fuzzer,address,undefined
#         libfuzzer-nosan  clang-14 -fsanitize=fuzzer
#         afl              afl-clang-fast -fsanitize=fuzzer (AFL_CC=clang-14)
#         replay           gcc -fsanitize=address,undefined + fuzz/common/replay_main.c
# Output: <out dir>/<target>.<engine> (default out dir: <repo>/out/fuzz). Prints the path.
#
# Sources: fuzz/<target>/target.c plus the lines of fuzz/<target>/sources (repo-relative
# globs, one per line, '#' comments), or core/*.c spec/model/*.c when that file is absent.
set -euo pipefail

usage() { echo "usage: $0 <target> <libfuzzer|libfuzzer-nosan|afl|replay> [out dir]" >&2; exit 2; }
[[ $# -ge 2 ]] || usage
target=$1
engine=$2
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=${3:-$repo/out/fuzz}
tdir=$repo/fuzz/$target
[[ -f $tdir/target.c ]] || { echo "build.sh: no $tdir/target.c" >&2; exit 2; }

# Install what the engine needs, only if missing (fresh CI machines).
need() {
	if [[ -f $repo/ci/lib/deps.sh ]]; then
		# shellcheck source=/dev/null
		. "$repo/ci/lib/deps.sh"
		vk_need_pkgs "$@"
	fi
}
case $engine in
libfuzzer | libfuzzer-nosan) command -v clang-14 >/dev/null || need clang-14 libclang-rt-14-dev llvm-14 ;;
afl) command -v afl-clang-fast >/dev/null || need afl++ clang-14 libclang-rt-14-dev llvm-14 ;;
replay) command -v gcc >/dev/null || need gcc ;;
*) usage ;;
esac

# shellcheck source=fuzz/common/sources.sh
. "$repo/fuzz/common/sources.sh"
mapfile -t srcs < <(vk_fuzz_sources "$repo" "$target")

warn=(-std=c11 -Wall -Wextra -Wconversion -Wsign-conversion -Werror)
# shellcheck disable=SC2206 # VK_FUZZ_CFLAGS is a space-separated flag list (e.g. -DVKM_PLANT_BUG)
common=(-O1 -g -fno-omit-frame-pointer -I"$repo" ${VK_FUZZ_CFLAGS:-})
mkdir -p "$out"
bin=$out/$target.$engine
case $engine in
libfuzzer)
	clang-14 "${warn[@]}" "${common[@]}" -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=all "${srcs[@]}" -o "$bin" ;;
libfuzzer-nosan)
	clang-14 "${warn[@]}" "${common[@]}" -O2 -fsanitize=fuzzer "${srcs[@]}" -o "$bin" ;;
afl)
	AFL_CC=${AFL_CC:-clang-14} AFL_QUIET=1 afl-clang-fast "${warn[@]}" "${common[@]}" -O2 \
		-fsanitize=fuzzer "${srcs[@]}" -o "$bin" ;;
replay)
	gcc "${warn[@]}" "${common[@]}" -fsanitize=address,undefined -fno-sanitize-recover=all \
		"${srcs[@]}" "$repo/fuzz/common/replay_main.c" -o "$bin" ;;
esac
echo "$bin"
