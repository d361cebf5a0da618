#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR GPL-2.0-only
#
# plant_fuzz_test.sh - the in-guest fuzzer must find a divergence planted in
# the module's op path (VK_KMOD_PLANT_OPS: an injected core-driven kvmalloc
# of 64 KiB < size <= 1 MiB returns NULL instead of falling back to vmalloc).
# No seed triggers it and the module's own sweeps cannot see it, so only
# fuzzing can. Runs run.sh --plant-ops for VK_KMOD_PLANT_FUZZ_SECONDS
# (default 60; the fuzzer stops at the first crash) and passes only if that
# run failed because the fuzzer reported a divergence of the class or trace,
# wrote a reproducer, and nothing else went wrong (no kernel warning, the
# module's own checks passed).
set -uo pipefail

here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
crashes=$(mktemp -d "${TEST_TMPDIR:-/tmp}/vkalloc-plant-crashes.XXXXXX")
trap 'rm -rf "$crashes"' EXIT
out=$(VK_KMOD_CRASH_DIR=$crashes VK_KMOD_FUZZ_SECONDS=${VK_KMOD_PLANT_FUZZ_SECONDS:-60} \
	"$here/run.sh" --plant-ops 2>&1)
rc=$?
echo "$out"
fail() {
	echo "PLANT-FUZZ-TEST: FAIL: $*"
	exit 1
}
((rc != 0)) || fail "run.sh --plant-ops passed: the fuzzer did not find the planted op divergence"
grep -q '^KERNEL-TEST: reason: in-guest fuzzer found a divergence: kmod_vs_model: op [0-9]* \(class\|trace\)' <<<"$out" ||
	fail "the failure is not a class/trace divergence reported by the fuzzer"
n=$(find "$crashes" -type f -size +0 | wc -l)
((n >= 1)) || fail "no reproducer written"
for f in "$crashes"/*; do
	# the target reads whole 8-byte records and ignores a trailing partial one
	(($(stat -c %s "$f") >= 8)) || fail "reproducer $f holds no whole record"
done
others=$(grep '^KERNEL-TEST: reason: ' <<<"$out" | grep -v 'in-guest fuzzer' || true)
[[ -z $others ]] || fail "the run also failed for another reason: $others"
echo "PLANT-FUZZ-TEST: PASS (the in-guest fuzzer found the planted op divergence; $n reproducer(s))"
