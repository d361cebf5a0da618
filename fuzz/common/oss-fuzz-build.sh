#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR GPL-2.0-only
#
# oss-fuzz-build.sh - OSS-Fuzz / ClusterFuzzLite build script (their build.sh).
# For every fuzz/<T>/ with a target.c: $CC $CFLAGS ... $LIB_FUZZING_ENGINE -o $OUT/<T>,
# and copies <T>.dict, <T>.options and <T>_seed_corpus.zip (zipped corpus/) to $OUT.
# Sources per target as in fuzz/common/build.sh (fuzz/<T>/sources or core + model).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
: "${CC:=clang}" "${CFLAGS:=}" "${LIB_FUZZING_ENGINE:=-fsanitize=fuzzer}" "${OUT:=$repo/out/oss-fuzz}"
mkdir -p "$OUT"

# shellcheck source=fuzz/common/sources.sh
. "$repo/fuzz/common/sources.sh"
for tdir in "$repo"/fuzz/*/; do
	tdir=${tdir%/}
	t=$(basename "$tdir")
	[[ -f $tdir/target.c ]] || continue
	[[ ! -e $tdir/GUEST_ONLY ]] || continue # needs the kernel module: fuzzed in the guest
	mapfile -t srcs < <(vk_fuzz_sources "$repo" "$t")
	objs=()
	for s in "${srcs[@]}"; do
		o=$OUT/$t.$(basename "$s").o
		# shellcheck disable=SC2086
		$CC $CFLAGS -std=c11 -I"$repo" -c "$s" -o "$o"
		objs+=("$o")
	done
	# shellcheck disable=SC2086
	${CXX:-$CC} $CFLAGS ${CXXFLAGS:-} "${objs[@]}" $LIB_FUZZING_ENGINE -o "$OUT/$t"
	rm -f "${objs[@]}"
	[[ -f $tdir/$t.dict ]] && cp "$tdir/$t.dict" "$OUT/"
	[[ -f $tdir/$t.options ]] && cp "$tdir/$t.options" "$OUT/"
	if [[ -d $tdir/corpus ]] && [[ -n $(ls -A "$tdir/corpus") ]]; then
		rm -f "$OUT/${t}_seed_corpus.zip"
		(cd "$tdir/corpus" && zip -q -j "$OUT/${t}_seed_corpus.zip" ./*)
	fi
	echo "oss-fuzz-build: $OUT/$t"
done
