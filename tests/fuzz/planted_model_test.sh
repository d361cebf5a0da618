#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR GPL-2.0-only
#
# planted_model_test.sh - the core_vs_model fuzz target earns its keep: with a bug planted in
# the model (-DVKM_PLANT_BUG: the linux-6.1 kvmalloc plan keeps __GFP_NOFAIL in the kmalloc
# attempt), libFuzzer starting from an EMPTY corpus must report that divergence within
# 2,000,000 runs; the same number of runs on the unplanted build must find nothing.
# Also reports (without asserting) whether the committed corpus alone already catches it.
# Needs clang-14 with libFuzzer (CI installs it; fuzz/common/build.sh installs it if missing).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if [[ -n ${TEST_TMPDIR:-} ]]; then
	tmp=$TEST_TMPDIR
else
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
fi
runs=${VK_PLANT_RUNS:-2000000}
want='core_vs_model: vk_kvmalloc_plan.kmalloc_flags.bits differs'
fail() { echo "FAIL: $*" >&2; exit 1; }

VK_FUZZ_CFLAGS=-DVKM_PLANT_BUG "$repo/fuzz/common/build.sh" core_vs_model libfuzzer "$tmp/plant" >/dev/null
"$repo/fuzz/common/build.sh" core_vs_model libfuzzer "$tmp/clean" >/dev/null
plant=$tmp/plant/core_vs_model.libfuzzer
clean=$tmp/clean/core_vs_model.libfuzzer

# 1. Planted build, empty corpus: must crash with the planted divergence.
mkdir -p "$tmp/empty" "$tmp/art" "$tmp/art-clean"
set +e
"$plant" -seed=1 -runs="$runs" -max_len=1024 -artifact_prefix="$tmp/art/" "$tmp/empty" >"$tmp/plant.log" 2>&1
rc=$?
set -e
[[ $rc -ne 0 ]] || fail "planted bug not found in $runs runs from an empty corpus"
grep -q "$want" "$tmp/plant.log" || { tail -n 20 "$tmp/plant.log" >&2; fail "crash is not the planted divergence"; }
crash=$(find "$tmp/art" -name 'crash-*' | head -n 1)
[[ -n $crash ]] || fail "no crash artifact written"
execs=$(grep -o '^#[0-9]*' "$tmp/plant.log" | tail -n 1 | tr -d '#')
echo "planted bug found from an empty corpus after ~${execs:-?} runs: $crash"

# 2. The reproducer replays: the planted build still traps on it, the clean build does not.
set +e
"$plant" "$crash" >"$tmp/repro.log" 2>&1
rc=$?
set -e
[[ $rc -ne 0 ]] || fail "reproducer does not crash the planted build"
"$clean" "$crash" >"$tmp/clean-repro.log" 2>&1 || fail "reproducer crashes the clean build (real divergence?)"

# 3. Control: the clean build survives the same campaign.
"$clean" -seed=1 -runs="$runs" -max_len=1024 -artifact_prefix="$tmp/art-clean/" "$tmp/empty" \
	>"$tmp/clean.log" 2>&1 || { tail -n 20 "$tmp/clean.log" >&2; fail "clean build crashed: core and model disagree"; }
echo "clean build: no divergence in $runs runs"

# 4. Informational: does the committed corpus alone catch the plant?
if "$plant" -runs=0 -artifact_prefix="$tmp/art-corpus-" "$repo/fuzz/core_vs_model/corpus" >"$tmp/corpus.log" 2>&1; then
	echo "note: the committed corpus alone does not catch the plant"
else
	grep -q "$want" "$tmp/corpus.log" && echo "the committed corpus alone catches the plant"
fi
echo PASS
