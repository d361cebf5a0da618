#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR GPL-2.0-only
#
# planted_backend_test.sh - the user_vs_model fuzz target finds a bug planted in the
# userspace backend (-DVKU_PLANT_BUG: kzalloc and friends do not zero slab buckets above
# 1 KiB, which only shows when the object is reused after being written). libFuzzer
# (clang-14 -fsanitize=fuzzer) starting from an EMPTY corpus must report the zeroing
# divergence within $VK_PLANT_RUNS runs (default 100000; it takes under 1000) for each of three seeds; the same
# campaign on the unplanted build must find nothing, and the reproducer must replay.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if [[ -n ${TEST_TMPDIR:-} ]]; then
	tmp=$TEST_TMPDIR
else
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
fi
runs=${VK_PLANT_RUNS:-100000}
want='user_vs_model: zeroed memory is not zero'
dict=$repo/fuzz/user_vs_model/user_vs_model.dict
fail() { echo "FAIL: $*" >&2; exit 1; }

VK_FUZZ_CFLAGS=-DVKU_PLANT_BUG "$repo/fuzz/common/build.sh" user_vs_model libfuzzer-nosan "$tmp/plant" >/dev/null
"$repo/fuzz/common/build.sh" user_vs_model libfuzzer-nosan "$tmp/clean" >/dev/null
plant=$tmp/plant/user_vs_model.libfuzzer-nosan
clean=$tmp/clean/user_vs_model.libfuzzer-nosan

for seed in 1 2 3; do
	rm -rf "$tmp/empty" "$tmp/art"
	mkdir -p "$tmp/empty" "$tmp/art"
	set +e
	"$plant" -seed=$seed -runs="$runs" -max_len=384 -dict="$dict" -artifact_prefix="$tmp/art/" \
		"$tmp/empty" >"$tmp/plant.log" 2>&1
	rc=$?
	set -e
	[[ $rc -ne 0 ]] || fail "seed $seed: planted bug not found in $runs runs from an empty corpus"
	grep -q "$want" "$tmp/plant.log" || { tail -n 20 "$tmp/plant.log" >&2; fail "seed $seed: crash is not the planted divergence"; }
	crash=$(find "$tmp/art" -name 'crash-*' | head -n 1)
	[[ -n $crash ]] || fail "seed $seed: no crash artifact written"
	execs=$(grep -o '^#[0-9]*' "$tmp/plant.log" | tail -n 1 | tr -d '#')
	echo "seed $seed: planted bug found from an empty corpus after ~${execs:-?} runs"
	"$plant" "$crash" >"$tmp/repro.log" 2>&1 && fail "seed $seed: reproducer does not crash the planted build"
	"$clean" "$crash" >"$tmp/clean-repro.log" 2>&1 || fail "seed $seed: reproducer crashes the clean build"
done

# Control: the clean build survives a campaign of the same length.
rm -rf "$tmp/empty" && mkdir -p "$tmp/empty" "$tmp/art-clean"
"$clean" -seed=1 -runs="$runs" -max_len=384 -dict="$dict" -artifact_prefix="$tmp/art-clean/" "$tmp/empty" \
	>"$tmp/clean.log" 2>&1 || { tail -n 20 "$tmp/clean.log" >&2; fail "clean build crashed: backend and model disagree"; }
echo "clean build: no divergence in $runs runs"
echo PASS
