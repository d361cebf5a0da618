#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR GPL-2.0-only
#
# run.sh - instruction-count benchmark of the core against a kernel-style baseline.
# Builds core/*.c, bench/kernel_style.c and bench/bench_main.c as separate translation
# units with gcc -O2 (no LTO), runs the binary under callgrind, and prints per decision
# the instructions per call of vk_* and ks_* (inclusive count of the loop minus the
# empty loop, divided by the number of calls) and their ratio.
#
# Usage: bench/run.sh [calls-per-loop]   (default 200000)
# Works from a checkout and under `bazel test //bench:bench_smoke`.
set -euo pipefail

calls="${1:-200000}"

if [[ -n "${TEST_SRCDIR:-}" ]]; then
	root="$TEST_SRCDIR/${TEST_WORKSPACE:-vkalloc}"
else
	root="$(cd "$(dirname "$0")/.." && pwd)"
fi
if [[ -n "${TEST_TMPDIR:-}" ]]; then
	tmp="$TEST_TMPDIR"
else
	tmp="$(mktemp -d)"
	trap 'rm -rf "$tmp"' EXIT
fi

need_pkg() { # need_pkg <command> <debian package>
	command -v "$1" >/dev/null && return 0
	if [[ "$(id -u)" -ne 0 ]]; then
		echo "run.sh: $1 missing and not root; install package $2" >&2
		exit 1
	fi
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}
need_pkg gcc gcc
need_pkg valgrind valgrind
need_pkg callgrind_annotate valgrind

cd "$root"
flags=(-std=c11 -O2 -g -fno-lto -Wall -Wextra -Wconversion -Wsign-conversion -Werror -I.)
objs=()
for src in core/*.c bench/kernel_style.c bench/bench_main.c; do
	obj="$tmp/$(echo "$src" | tr / _).o"
	extra=()
	# Keep the per-decision empty loops apart (identical code folding would merge them).
	[[ "$src" == bench/bench_main.c ]] && extra=(-fno-ipa-icf)
	gcc "${flags[@]}" "${extra[@]}" -c "$src" -o "$obj"
	objs+=("$obj")
done
gcc -O2 -fno-lto "${objs[@]}" -o "$tmp/bench"

out="$tmp/callgrind.out"
valgrind --tool=callgrind --callgrind-out-file="$out" --toggle-collect='loop_*' \
	"$tmp/bench" "$calls" >"$tmp/bench.log" 2>"$tmp/valgrind.log" || {
	cat "$tmp/bench.log" "$tmp/valgrind.log" >&2
	echo "run.sh: benchmark failed" >&2
	exit 1
}
cat "$tmp/bench.log"
callgrind_annotate --inclusive=yes --threshold=100 "$out" >"$tmp/annotate.txt"

# Lines look like "  1,234,567 (12.34%)  bench/bench_main.c:loop_vk_size_mul [/tmp/bench]".
awk -v calls="$calls" '
	match($0, /loop_(vk_|ks_|empty)[a-z_0-9]*/) {
		n = $1; gsub(",", "", n)
		name = substr($0, RSTART, RLENGTH)
		ir[name] = n
	}
	END {
		split("gfp_zone gfp_allow_blocking gfp_migratetype gfp_scope gfp_problems " \
		      "size_mul size_add size_sub array_bytes struct_size kmalloc_index " \
		      "kmalloc_route kvmalloc_plan addr_classify free_route", fns, " ")
		printf "%-22s | %20s | %28s | %6s\n", "function", "core instr/call",
		       "kernel-style instr/call", "ratio"
		max = 0; missing = 0
		for (i = 1; i in fns; i++) {
			f = fns[i]
			v = "loop_vk_" f; k = "loop_ks_" f; e = "loop_empty_" f
			if (!(v in ir) || !(k in ir) || !(e in ir)) {
				printf "vk_%-19s | %20s | %28s | %6s\n", f, "missing", "missing", "n/a"
				missing++
				continue
			}
			vc = (ir[v] - ir[e]) / calls
			kc = (ir[k] - ir[e]) / calls
			ratio = kc > 0 ? vc / kc : 0
			if (ratio > max) { max = ratio; worst = f }
			printf "vk_%-19s | %20.2f | %28.2f | %6.2f\n", f, vc, kc, ratio
		}
		printf "max ratio: %.2f (vk_%s)\n", max, worst
		exit missing ? 1 : 0
	}
' "$tmp/annotate.txt"
