#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR GPL-2.0-only
#
# campaign.sh - run a time-boxed fuzzing campaign on one target and fold the results back.
#
#   fuzz/common/campaign.sh --target T --engine libfuzzer|afl --seconds S [--jobs J]
#
# libfuzzer: J parallel jobs for S seconds from a copy of fuzz/T/corpus; artifacts in
#            out/fuzz/crashes/T/; new inputs merged (-merge=1) into fuzz/T/corpus.
# afl:       AFL++ main + (J-1) secondaries (-M main -S secN) for S seconds, output in
#            out/fuzz/afl/T (never the system temp dir); queue entries merged into
#            fuzz/T/corpus with the libFuzzer binary.
# Crashes are copied to fuzz/T/crashes/ as reproducers; the exit status is 1 if any.
# Last line: fuzz T ENGINE: <execs> execs, <exec/s> exec/s, corpus <n>, crashes <k>
set -euo pipefail

target="" engine="" seconds=60 jobs=1
while [[ $# -gt 0 ]]; do
	case $1 in
	--target) target=$2; shift 2 ;;
	--engine) engine=$2; shift 2 ;;
	--seconds) seconds=$2; shift 2 ;;
	--jobs) jobs=$2; shift 2 ;;
	*) echo "campaign.sh: unknown argument $1" >&2; exit 2 ;;
	esac
done
[[ -n $target && ( $engine == libfuzzer || $engine == afl ) ]] || {
	echo "usage: $0 --target T --engine libfuzzer|afl --seconds S [--jobs J]" >&2; exit 2; }
[[ $seconds =~ ^[0-9]+$ && $jobs =~ ^[1-9][0-9]*$ ]] || { echo "campaign.sh: bad --seconds/--jobs" >&2; exit 2; }

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
tdir=$repo/fuzz/$target
out=$repo/out/fuzz
corpus=$tdir/corpus
crashdir=$tdir/crashes
dict=$tdir/$target.dict
mkdir -p "$corpus" "$out"

lf_bin=$("$repo/fuzz/common/build.sh" "$target" libfuzzer "$out" | tail -n 1)
dict_arg=()
[[ -f $dict ]] && dict_arg=(-dict="$dict")
# The [libfuzzer] options of the target (e.g. max_len).
# shellcheck source=fuzz/common/sources.sh
. "$repo/fuzz/common/sources.sh"
mapfile -t opt_args < <(vk_fuzz_options "$repo" "$target")

# count_files DIR - number of regular files directly in DIR.
count_files() { find "$1" -maxdepth 1 -type f | wc -l | tr -d ' '; }

# Merge on edge coverage only by default, so committed corpora stay small;
# VK_FUZZ_MERGE_FLAGS overrides (e.g. "" for libFuzzer's default feature merge).
read -r -a merge_flags <<<"${VK_FUZZ_MERGE_FLAGS--use_counters=0}"
execs=0
crashes=0
found=$(mktemp -d "$out/found.XXXXXX")
trap 'rm -rf "$found"' EXIT

if [[ $engine == libfuzzer ]]; then
	art=$out/crashes/$target
	work=$out/work/$target
	logs=$out/logs/$target
	# A fresh artifact directory: crashes of earlier runs are already reproducers
	# in fuzz/T/crashes/ and must not count as this run's.
	rm -rf "$work" "$logs" "$art"
	mkdir -p "$art" "$work" "$logs"
	cp -a "$corpus"/. "$work"/ 2>/dev/null || true
	set +e
	(cd "$logs" && "$lf_bin" "${dict_arg[@]}" "${opt_args[@]}" -max_total_time="$seconds" \
		-jobs="$jobs" -workers="$jobs" -print_final_stats=1 \
		-artifact_prefix="$art/" "$work" >"$logs/driver.log" 2>&1)
	set -e
	for f in "$logs"/fuzz-*.log; do
		[[ -f $f ]] || continue
		n=$(sed -n 's/^stat::number_of_executed_units: *//p' "$f" | tail -n 1)
		execs=$((execs + ${n:-0}))
	done
	for f in "$art"/crash-* "$art"/leak-* "$art"/timeout-* "$art"/oom-*; do
		[[ -f $f ]] && cp "$f" "$found/"
	done
	"$lf_bin" -merge=1 "${merge_flags[@]}" "$corpus" "$work" >"$logs/merge.log" 2>&1 || {
		echo "campaign.sh: merge failed, see $logs/merge.log" >&2; exit 1; }
else
	afl_bin=$("$repo/fuzz/common/build.sh" "$target" afl "$out" | tail -n 1)
	aout=$out/afl/$target
	rm -rf "$aout"
	mkdir -p "$aout"
	seeds=$corpus
	if [[ $(count_files "$corpus") -eq 0 ]]; then
		seeds=$out/afl-seed-$target
		mkdir -p "$seeds"
		printf '\0' >"$seeds/zero"
	fi
	afl_dict=()
	[[ -f $dict ]] && afl_dict=(-x "$dict")
	export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 \
		AFL_NO_AFFINITY=1 AFL_SKIP_CRASHES=1 AFL_QUIET=1
	pids=()
	for ((i = 0; i < jobs; i++)); do
		if ((i == 0)); then role=(-M main); else role=(-S "sec$i"); fi
		timeout -k 10 $((seconds + 60)) afl-fuzz "${role[@]}" -V "$seconds" -i "$seeds" -o "$aout" \
			"${afl_dict[@]}" -- "$afl_bin" >"$aout/afl-$i.log" 2>&1 &
		pids+=($!)
	done
	for p in "${pids[@]}"; do wait "$p" || true; done
	for s in "$aout"/*/fuzzer_stats; do
		[[ -f $s ]] || continue
		n=$(sed -n 's/^execs_done *: *//p' "$s")
		execs=$((execs + ${n:-0}))
	done
	[[ $execs -gt 0 ]] || { echo "campaign.sh: afl-fuzz did not run, see $aout/afl-0.log" >&2; tail -n 20 "$aout/afl-0.log" >&2; exit 1; }
	queue=$out/afl-queue-$target
	rm -rf "$queue"
	mkdir -p "$queue"
	i=0
	for f in "$aout"/*/queue/id:*; do
		[[ -f $f ]] || continue
		cp "$f" "$queue/q$i"; i=$((i + 1))
	done
	for f in "$aout"/*/crashes/id:*; do
		[[ -f $f ]] || continue
		cp "$f" "$found/afl-$(basename "$(dirname "$(dirname "$f")")")-$(sha1sum "$f" | cut -c1-16)"
	done
	"$lf_bin" -merge=1 "${merge_flags[@]}" "$corpus" "$queue" >"$aout/merge.log" 2>&1 || {
		echo "campaign.sh: merge failed, see $aout/merge.log" >&2; exit 1; }
fi

for f in "$found"/*; do
	[[ -f $f ]] || continue
	mkdir -p "$crashdir"
	cp "$f" "$crashdir/"
	crashes=$((crashes + 1))
	echo "campaign.sh: reproducer $crashdir/$(basename "$f")" >&2
done
rate=$((seconds > 0 ? execs / seconds : execs))
echo "fuzz $target $engine: $execs execs, $rate exec/s, corpus $(count_files "$corpus"), crashes $crashes"
[[ $crashes -eq 0 ]]
