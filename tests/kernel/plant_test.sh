#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR GPL-2.0-only
#
# plant_test.sh - the kernel test must catch the planted mismatch.
#
# Runs run.sh --plant (the module's zone wrapper reports ZONE_NORMAL where
# the core says ZONE_DMA32) and passes only if that run fails, its
# VKALLOC-RESULT names the gfp_zone check and nothing else went wrong (the
# guest booted, ran and shut down cleanly, no kernel warning).
set -uo pipefail

here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
out=$("$here/run.sh" --plant 2>&1)
rc=$?
echo "$out"
fail() {
	echo "PLANT-TEST: FAIL: $*"
	exit 1
}
((rc != 0)) || fail "run.sh --plant passed: the planted gfp_zone mismatch went unnoticed"
grep -q '^KERNEL-TEST: reason: VKALLOC-RESULT: FAIL .*failed=gfp_zone$' <<<"$out" ||
	fail "the failure does not name exactly the gfp_zone check"
grep -q 'vkalloc: MISMATCH gfp_zone: vk_gfp_zone != gfp_zone' <<<"$out" ||
	fail "no gfp_zone mismatch report"
others=$(grep '^KERNEL-TEST: reason: ' <<<"$out" | grep -v 'VKALLOC-RESULT: FAIL' || true)
[[ -z $others ]] || fail "the run also failed for another reason: $others"
echo "PLANT-TEST: PASS (run.sh --plant failed on the gfp_zone check only)"
