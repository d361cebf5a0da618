#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR GPL-2.0-only
#
# coverage.sh - source-based line and branch coverage of the committed fuzz corpora.
#
#   fuzz/common/coverage.sh [--fail-under-lines P] [--fail-under-branches P] [target...]
#
# For each target (default: every fuzz/<T>/ holding a target.c, except those marked GUEST_ONLY,
# which replay only inside the QEMU guest where vkalloc.ko is loaded (tests/kernel/run.sh),
# and those named in $VK_COVERAGE_SKIP; naming a target explicitly still runs it) it builds the replay runner
# (fuzz/common/replay_main.c + the target's sources) with clang-14
# -fprofile-instr-generate -fcoverage-mapping, replays fuzz/<T>/corpus/ once, merges the raw
# profiles with llvm-profdata-14 and prints llvm-cov-14's per-file report (lines, branches)
# for core/*.c and backends/user/*.c, with spec/model/*.c for information, then totals per
# directory.  A last "union" report counts all the given targets' corpora together.
# --fail-under-lines / --fail-under-branches: exit 1 when the union's core/ total is below P %.
# Output files: out/coverage/<T>/ and out/coverage/union/ (profdata, report.txt).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=$repo/out/coverage
fail_lines="" fail_branches=""
targets=()
while [[ $# -gt 0 ]]; do
	case $1 in
	--fail-under-lines) fail_lines=$2; shift 2 ;;
	--fail-under-branches) fail_branches=$2; shift 2 ;;
	-h | --help) sed -n '4,19p' "${BASH_SOURCE[0]}"; exit 0 ;;
	-*) echo "coverage.sh: unknown option $1" >&2; exit 2 ;;
	*) targets+=("$1"); shift ;;
	esac
done
if [[ ${#targets[@]} -eq 0 ]]; then
	skip=" ${VK_COVERAGE_SKIP-} "
	for t in "$repo"/fuzz/*/target.c; do
		[[ -f $t ]] || continue
		[[ -e $(dirname "$t")/GUEST_ONLY ]] && continue # runs only in the QEMU guest
		t=$(basename "$(dirname "$t")")
		[[ $skip == *" $t "* ]] && { echo "coverage.sh: skipping $t (VK_COVERAGE_SKIP)" >&2; continue; }
		targets+=("$t")
	done
fi
[[ ${#targets[@]} -gt 0 ]] || { echo "coverage.sh: no fuzz targets found" >&2; exit 2; }

# Install the toolchain only if missing (fresh CI machines).
if ! command -v clang-14 >/dev/null || ! command -v llvm-profdata-14 >/dev/null ||
	! command -v llvm-cov-14 >/dev/null; then
	# shellcheck source=/dev/null
	. "$repo/ci/lib/deps.sh"
	vk_need_pkgs clang-14 llvm-14
fi

# shellcheck source=fuzz/common/sources.sh
. "$repo/fuzz/common/sources.sh"
# target_sources T - print the target's source files, one per line (same rule as build.sh).
target_sources() { vk_fuzz_sources "$repo" "$1"; }

# report_files SRC... - the reported files among SRC: core/, backends/user/, spec/model/.
report_files() {
	local f
	for f in "$@"; do
		case ${f#"$repo"/} in
		core/*.c | backends/user/*.c | spec/model/*.c) echo "$f" ;;
		esac
	done | sort -u
}

# summarize REPORT - per-directory line and branch totals from an llvm-cov report table.
# Columns: file, regions, missed, %, functions, missed, %, lines, missed, %, branches, missed, %.
summarize() {
	awk -v repo="$repo/" '
	NF == 13 && $1 ~ /\.c$/ {
		f = $1; sub("^" repo, "", f)
		d = f; sub("/[^/]*$", "/", d)
		l[d] += $8; lm[d] += $9; b[d] += $11; bm[d] += $12
		if (!(d in seen)) { seen[d] = 1; order[n++] = d }
	}
	END {
		printf "%-16s %14s %8s %16s %8s\n", "directory", "lines hit/all", "lines%", "branches hit/all", "branch%"
		for (i = 0; i < n; i++) {
			d = order[i]
			printf "%-16s %6d/%-7d %7.2f%% %7d/%-8d %7.2f%%\n", d, l[d] - lm[d], l[d],
				l[d] ? 100 * (l[d] - lm[d]) / l[d] : 100, b[d] - bm[d], b[d],
				b[d] ? 100 * (b[d] - bm[d]) / b[d] : 100
		}
	}' "$1"
}

flags=(-std=c11 -Wall -Wextra -Wconversion -Wsign-conversion -Werror -O0 -g
	-fprofile-instr-generate -fcoverage-mapping -I"$repo")
bins=() profraws=() all_srcs=()
mkdir -p "$out"
for t in "${targets[@]}"; do
	corpus=$repo/fuzz/$t/corpus
	[[ -f $repo/fuzz/$t/target.c ]] || { echo "coverage.sh: no fuzz/$t/target.c" >&2; exit 2; }
	[[ -d $corpus ]] || { echo "coverage.sh: no $corpus" >&2; exit 2; }
	dir=$out/$t
	rm -rf "$dir"
	mkdir -p "$dir"
	mapfile -t srcs < <(target_sources "$t")
	bin=$dir/$t.cov
	clang-14 "${flags[@]}" "${srcs[@]}" "$repo/fuzz/common/replay_main.c" -o "$bin"
	LLVM_PROFILE_FILE=$dir/replay-%p.profraw "$bin" "$corpus" 2>"$dir/replay.log" || {
		echo "coverage.sh: replay of $t failed (a corpus input crashes?), see $dir/replay.log" >&2
		tail -n 5 "$dir/replay.log" >&2
		exit 1
	}
	llvm-profdata-14 merge -sparse "$dir"/replay-*.profraw -o "$dir/$t.profdata"
	mapfile -t files < <(report_files "${srcs[@]}")
	llvm-cov-14 report "$bin" -instr-profile="$dir/$t.profdata" -show-branch-summary \
		"${files[@]}" >"$dir/report.txt"
	echo "== $t: $(grep -c . "$dir/replay.log" >/dev/null && tail -n 1 "$dir/replay.log") from fuzz/$t/corpus"
	cat "$dir/report.txt"
	summarize "$dir/report.txt"
	echo
	bins+=("$bin")
	profraws+=("$dir"/replay-*.profraw)
	all_srcs+=("${files[@]}")
done

# The union: every target's corpus counted together (shared files such as core/*.c merge).
dir=$out/union
rm -rf "$dir"
mkdir -p "$dir"
llvm-profdata-14 merge -sparse "${profraws[@]}" -o "$dir/union.profdata"
objects=()
for b in "${bins[@]:1}"; do objects+=(-object "$b"); done
mapfile -t files < <(printf '%s\n' "${all_srcs[@]}" | sort -u)
llvm-cov-14 report "${bins[0]}" "${objects[@]}" -instr-profile="$dir/union.profdata" \
	-show-branch-summary "${files[@]}" >"$dir/report.txt"
echo "== union of: ${targets[*]}"
cat "$dir/report.txt"
summarize "$dir/report.txt" | tee "$dir/totals.txt"

status=0
core_line=$(awk '$1 == "core/"' "$dir/totals.txt")
if [[ -n $fail_lines || -n $fail_branches ]]; then
	[[ -n $core_line ]] || { echo "coverage.sh: no core/ files in the report" >&2; exit 1; }
	lines_pct=$(echo "$core_line" | awk '{ sub("%", "", $3); print $3 }')
	branch_pct=$(echo "$core_line" | awk '{ sub("%", "", $5); print $5 }')
	if [[ -n $fail_lines ]] && awk -v a="$lines_pct" -v b="$fail_lines" 'BEGIN { exit !(a < b) }'; then
		echo "coverage.sh: core/ lines $lines_pct% < $fail_lines%" >&2
		status=1
	fi
	if [[ -n $fail_branches ]] && awk -v a="$branch_pct" -v b="$fail_branches" 'BEGIN { exit !(a < b) }'; then
		echo "coverage.sh: core/ branches $branch_pct% < $fail_branches%" >&2
		status=1
	fi
fi
exit "$status"
