#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR GPL-2.0-only
#
# bench.sh - exec/s of every host fuzz target under each engine, measured in one run.
#
#   fuzz/common/bench.sh [--seconds S] [target...]
#
# For each target (default: every fuzz/<T>/ with a target.c, except GUEST_ONLY ones) and each
# engine (libFuzzer with ASan+UBSan, libFuzzer without sanitizers, AFL++), fuzzes for S seconds
# (default 20) on one core from a scratch copy of the committed corpus (nothing is merged back)
# and prints a table: target | engine | execs | exec/s, plus each row's ratio to the
# target's sanitizer-free libFuzzer rate. A benchmark: it prints figures, it asserts none.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=fuzz/common/sources.sh
. "$repo/fuzz/common/sources.sh"
seconds=20
targets=()
while [[ $# -gt 0 ]]; do
	case $1 in
	--seconds) seconds=$2; shift 2 ;;
	-h | --help) sed -n '3,12p' "$0"; exit 0 ;;
	*) targets+=("$1"); shift ;;
	esac
done
if [[ ${#targets[@]} -eq 0 ]]; then
	for t in "$repo"/fuzz/*/target.c; do
		[[ -e $(dirname "$t")/GUEST_ONLY ]] && continue
		targets+=("$(basename "$(dirname "$t")")")
	done
fi

out=$repo/out/fuzz
scratch=$(mktemp -d "$out/bench.XXXXXX" 2>/dev/null || { mkdir -p "$out"; mktemp -d "$out/bench.XXXXXX"; })
trap 'rm -rf "$scratch"' EXIT

# libfuzzer_rate BIN TARGET - "execs rate" of one libFuzzer run.
libfuzzer_rate() {
	local bin=$1 t=$2 work=$scratch/$2.lf opts
	rm -rf "$work"; mkdir -p "$work"
	cp -a "$repo/fuzz/$t/corpus"/. "$work"/ 2>/dev/null || true
	mapfile -t opts < <(vk_fuzz_options "$repo" "$t")
	"$bin" "${opts[@]}" -max_total_time="$seconds" -print_final_stats=1 \
		-artifact_prefix="$scratch/" "$work" >"$scratch/$t.lf.log" 2>&1 || true
	awk '/^stat::number_of_executed_units:/ { n = $2 }
		/^stat::average_exec_per_sec:/ { r = $2 } END { print n + 0, r + 0 }' "$scratch/$t.lf.log"
}

# afl_rate BIN TARGET - "execs rate" of one AFL++ run.
afl_rate() {
	local bin=$1 t=$2 aout=$scratch/$2.afl seeds=$repo/fuzz/$2/corpus
	rm -rf "$aout"
	AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1 \
		AFL_SKIP_CRASHES=1 AFL_QUIET=1 timeout -k 10 $((seconds + 60)) \
		afl-fuzz -V "$seconds" -i "$seeds" -o "$aout" -- "$bin" >"$scratch/$t.afl.log" 2>&1 || true
	awk -F' *: *' '/^execs_done/ { n = $2 } /^execs_per_sec/ { r = $2 } END { print n + 0, r + 0 }' \
		"$aout"/default/fuzzer_stats 2>/dev/null || echo "0 0"
}

printf '%-16s | %-22s | %12s | %10s | %s\n' target engine execs exec/s "vs nosan"
for t in "${targets[@]}"; do
	nosan_rate=0
	for engine in libfuzzer-nosan libfuzzer afl; do
		bin=$("$repo/fuzz/common/build.sh" "$t" "$engine" "$out" | tail -n 1)
		if [[ $engine == afl ]]; then read -r n r < <(afl_rate "$bin" "$t")
		else read -r n r < <(libfuzzer_rate "$bin" "$t"); fi
		[[ $engine != libfuzzer-nosan ]] || nosan_rate=$r
		ratio=$(awk -v a="$r" -v b="$nosan_rate" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }')
		printf '%-16s | %-22s | %12s | %10s | %s\n' "$t" "$engine" "$n" "$r" "$ratio"
	done
done
