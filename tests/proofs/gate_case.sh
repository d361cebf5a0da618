#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR GPL-2.0-only
#
# gate_case.sh - show that proofs/gate.py catches planted proof bugs.
#
# Usage: tests/proofs/gate_case.sh CASE
#   good             correct fixture: the gate passes, every goal proved
#   wrong_contract   an ensures the code violates: the gate fails naming the goal
#   false_smoke      an inconsistent requires: the smoke test fails, the gate fails
#   floor            floors above the goal count / for a missing function: gate fails
#   missing_contract public functions without (full) contracts: gate fails
#   admit            an `admit` annotation in a scanned file: gate fails
#   unsound_message  an unsoundness warning in an otherwise clean log: gate fails
#   bad_exit         frama-c exited non-zero (syntax error): gate fails
#   offline_miss     -wp-cache offline with an empty cache (smoke tests then "pass"
#                    unchecked): gate fails
#
# Each case runs Frama-C on a small fixture (a few seconds) and checks the exit
# status and the message that names the culprit. Runs under Bazel or directly.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
fixtures=$here/fixtures
case_name=${1:?usage: gate_case.sh CASE}
work=${TEST_TMPDIR:-$(mktemp -d)}/gate_$case_name
rm -rf "$work"
mkdir -p "$work"

fail() { echo "FAIL [$case_name]: $*" >&2; exit 1; }

# run_gate FIXTURE EXPECTED_RC [extra run_wp.sh args...] - output in $work/out.txt
run_gate() {
	local fixture=$1 want=$2
	shift 2
	local rc=0
	"$root/proofs/run_wp.sh" -o "$work/out" -r "$fixtures" -t 3 --smoke-timeout 2 \
		--gate-headers="$fixture.h" --gate-scan="$fixture.[ch]" "$@" \
		"$fixtures/$fixture.c" >"$work/out.txt" 2>&1 || rc=$?
	cat "$work/out.txt"
	[ "$rc" = "$want" ] || fail "gate exited $rc, expected $want"
}

# expect TEXT - the gate's output names TEXT
expect() {
	grep -qF -- "$1" "$work/out.txt" || fail "output lacks: $1"
}

# report_field EXPR - evaluate a Python expression on report.json as r
report_field() {
	python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' \
		"$work/out/report.json" "$1"
}

case "$case_name" in
good)
	run_gate fx_good 0 --gate-floors="$fixtures/fx_good.floors.json"
	expect "gate: PASS"
	[ "$(report_field 'r["status"]')" = pass ] || fail "report.json status is not pass"
	total=$(report_field 'r["total"]')
	proved=$(report_field 'r["proved"]')
	if [ "$total" -le 0 ] || [ "$total" != "$proved" ]; then
		fail "proved $proved of $total"
	fi
	tail -n 1 "$work/out.txt" | grep -qx "proofs: $proved/$total goals proved" ||
		fail "last line is not 'proofs: $proved/$total goals proved'"
	# Every fixture function is in the report with its floor met and a smoke test run.
	for fn in fx_div_bytes fx_max_pages fx_mul_bytes; do
		[ "$(report_field "r['functions']['$fn']['status']")" = ok ] || fail "$fn not ok"
		[ "$(report_field "r['functions']['$fn']['smoke_passed'] > 0")" = True ] ||
			fail "$fn ran no smoke test"
	done
	[ "$(report_field 'r["smoke_tests"]["failed"]')" = 0 ] || fail "smoke tests failed"
	grep -q '^| fx_mul_bytes | ' "$work/out/report.md" || fail "report.md lacks the table row"
	;;
wrong_contract)
	cp "$fixtures/empty.floors.json" "$work/floors.json"
	run_gate fx_wrong_contract 1 --gate-floors="$work/floors.json" --gate-update-floors
	expect "unproved goal in fx_round_up_pages: typed_fx_round_up_pages_ensures"
	expect "refusing to update floors"
	cmp -s "$fixtures/empty.floors.json" "$work/floors.json" || fail "floors written from a failing run"
	[ "$(report_field 'r["functions"]["fx_round_up_pages"]["status"]')" = FAIL ] ||
		fail "report.json does not mark fx_round_up_pages as FAIL"
	;;
false_smoke)
	run_gate fx_false_smoke 1 --gate-floors="$fixtures/empty.floors.json"
	expect "smoke test failed in fx_vacuous_order: typed_fx_vacuous_order_wp_smoke_default_requires"
	[ "$(report_field 'r["smoke_tests"]["failed"] >= 1')" = True ] || fail "no failed smoke test in report.json"
	# The vacuous ensures is "proved": only the smoke test tells.
	[ "$(report_field 'r["functions"]["fx_vacuous_order"]["proved"] == r["functions"]["fx_vacuous_order"]["goals"]')" = True ] ||
		fail "expected the vacuous goals to be proved (the point of the smoke test)"
	;;
floor)
	run_gate fx_good 1 --gate-floors="$fixtures/fx_floor_violation.floors.json"
	expect "fx_max_pages: 4 goals proved, below its floor of 99"
	expect "fx_gone_bytes is listed in fx_floor_violation.floors.json (floor 2) but produced no goals"
	;;
missing_contract)
	run_gate fx_missing_contract 1 --gate-floors="$fixtures/empty.floors.json"
	expect "public function fx_no_spec_pages (fx_missing_contract.h) produced no goals"
	expect "public function fx_requires_only_pages (fx_missing_contract.h) has no contract"
	if grep -F "public function fx_spec_ok_pages" "$work/out.txt"; then
		fail "the function with a contract was reported"
	fi
	;;
admit)
	run_gate fx_good 1 --gate-floors="$fixtures/fx_good.floors.json" --gate-scan=fx_admit.h
	expect "fx_admit.h:16: forbidden \`admit\` in an ACSL annotation"
	;;
unsound_message)
	run_gate fx_good 0 --gate-floors="$fixtures/fx_good.floors.json"
	echo "[wp] fx_good.c:10: Warning: Memory model hypotheses for function 'fx_max_pages'" >>"$work/out/fx_good.log"
	rc=0
	python3 "$root/proofs/gate.py" --log-dir "$work/out" --root "$fixtures" --headers fx_good.h \
		--floors "$fixtures/fx_good.floors.json" >"$work/out.txt" 2>&1 || rc=$?
	cat "$work/out.txt"
	[ "$rc" = 1 ] || fail "gate exited $rc on a log with an unsoundness message"
	expect "gated message: [wp] fx_good.c:10: Warning: Memory model hypotheses for function"
	;;
bad_exit)
	printf '/* SPDX-License-Identifier: MIT OR GPL-2.0-only */\nint fx_broken(int x) { return x +; }\n' \
		>"$work/fx_broken.c"
	rc=0
	"$root/proofs/run_wp.sh" -o "$work/out" -r "$fixtures" -t 3 --gate-headers=none.h \
		--gate-scan=none.c --gate-floors="$fixtures/empty.floors.json" \
		"$work/fx_broken.c" >"$work/out.txt" 2>&1 || rc=$?
	cat "$work/out.txt"
	[ "$rc" = 1 ] || fail "gate exited $rc on a frama-c syntax error"
	expect "fx_broken.c: frama-c exited 1"
	;;
offline_miss)
	run_gate fx_good 1 --gate-floors="$fixtures/fx_good.floors.json" --cache offline \
		--session "$work/empty-session"
	expect "WP cache misses in offline mode, results not computed"
	;;
*)
	fail "unknown case"
	;;
esac
echo "PASS [$case_name]"
