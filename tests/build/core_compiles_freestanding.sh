#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR GPL-2.0-only
#
# core_compiles_freestanding.sh - acceptance check for core/: every core/*.c compiles
# warning-free with gcc and clang as freestanding C11 (-O0 and -O2), the objects reference
# no undefined symbol other than compiler-support helpers that libgcc defines (reported;
# there should be none), so nothing from libc, and the
# core includes no system header beyond <stddef.h> <stdint.h> <stdbool.h> <limits.h>.
# Runs under `bazel test //tests/build:core_compiles_freestanding` or directly from a checkout.
set -euo pipefail

if [[ -n "${TEST_SRCDIR:-}" ]]; then
	root="$TEST_SRCDIR/${TEST_WORKSPACE:-vkalloc}"
else
	root="$(cd "$(dirname "$0")/../.." && pwd)"
fi
if [[ -n "${TEST_TMPDIR:-}" ]]; then
	tmp="$TEST_TMPDIR"
else
	tmp="$(mktemp -d)"
	trap 'rm -rf "$tmp"' EXIT
fi
shopt -s nullglob
cd "$root" # short, repo-relative paths in compiler messages

srcs=(core/*.c)
if ((${#srcs[@]} == 0)); then
	echo "FAIL: no core/*.c under $root"
	exit 1
fi

flags=(-std=c11 -Wall -Wextra -Wconversion -Wsign-conversion -Werror
	-ffreestanding -nostdlib -c -I.)

compilers=(gcc)
if command -v clang-14 >/dev/null; then
	compilers+=(clang-14)
elif command -v clang >/dev/null; then
	compilers+=(clang)
else
	echo "FAIL: no clang found (install clang-14)"
	exit 1
fi

failures=0
libgcc_syms="$tmp/libgcc.syms"
nm -g --defined-only "$(gcc -print-libgcc-file-name)" 2>/dev/null | awk 'NF == 3 {print $3}' | sort -u >"$libgcc_syms"
if [[ ! -s "$libgcc_syms" ]]; then
	echo "FAIL: could not list the symbols libgcc defines"
	exit 1
fi

# undefined_symbols OBJ - print the symbols OBJ references but does not define.
undefined_symbols() {
	nm -u "$1" | awk '{print $NF}'
}

# Self-check: the nm probe must notice a libc call, or a pass below would mean nothing.
cat >"$tmp/probe.c" <<'PROBE'
#include <stddef.h>
void *memcpy(void *dst, const void *src, size_t size_bytes);
void vk_probe(char *dst, const char *src);
void vk_probe(char *dst, const char *src) { memcpy(dst, src, 3); }
PROBE
gcc "${flags[@]}" -O0 "$tmp/probe.c" -o "$tmp/probe.o"
if ! undefined_symbols "$tmp/probe.o" | grep -qx memcpy; then
	echo "FAIL: self-check: nm -u did not report memcpy in a probe that calls it"
	exit 1
fi

# Allowed system headers: the four freestanding ones the design permits.
for f in core/*.c core/*.h; do
	while IFS= read -r hdr; do
		case "$hdr" in
		stddef.h | stdint.h | stdbool.h | limits.h) ;;
		*)
			echo "FAIL: $f includes <$hdr> (only stddef/stdint/stdbool/limits allowed)"
			failures=$((failures + 1))
			;;
		esac
	done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*<\([^>]*\)>.*/\1/p' "$f")
done

objects=0
defined=0
for cc in "${compilers[@]}"; do
	for opt in -O0 -O2; do
		outdir="$tmp/$cc$opt"
		mkdir -p "$outdir"
		for src in "${srcs[@]}"; do
			name="$(basename "$src" .c)"
			obj="$outdir/$name.o"
			if ! "$cc" "${flags[@]}" "$opt" "$src" -o "$obj"; then
				echo "FAIL: $cc $opt: core/$name.c does not compile warning-free"
				failures=$((failures + 1))
				continue
			fi
			objects=$((objects + 1))
			defined=$((defined + $(nm -g --defined-only "$obj" | wc -l)))
			while IFS= read -r sym; do
				[[ -n "$sym" ]] || continue
				if grep -qxF -- "$sym" "$libgcc_syms"; then
					echo "NOTE: $cc $opt: core/$name.o needs libgcc helper '$sym'"
					continue
				fi
				echo "FAIL: $cc $opt: core/$name.o references undefined symbol '$sym'"
				failures=$((failures + 1))
			done < <(undefined_symbols "$obj")
		done
	done
done

if ((defined == 0)); then
	echo "FAIL: the core objects define no global symbol"
	failures=$((failures + 1))
fi

echo "core: ${#srcs[@]} source(s), ${#compilers[@]} compilers x 2 levels, $objects object(s), $defined global definition(s), $failures failure(s)"
((failures == 0))
