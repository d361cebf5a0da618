#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR GPL-2.0-only
#
# run_wp.sh - run Frama-C/WP (C11 mode: -c11) over the core sources, one frama-c run per .c file,
# then run proofs/gate.py on the logs and JSON reports (Frama-C exits 0 even with
# unproved goals and failed smoke tests, so the gate decides).
#
# Usage: proofs/run_wp.sh [options] [file.c ...]      (default files: core/*.c)
#   -o, --out DIR          where logs, JSON reports and report.{json,md} go
#                          (default: <root>/out/proofs, or $TEST_UNDECLARED_OUTPUTS_DIR
#                          under Bazel)
#   -r, --root DIR         repository root, passed as -I to the preprocessor
#                          (default: the directory above this script)
#   -t, --timeout SEC      -wp-timeout for each goal (default: 10, or $WP_TIMEOUT)
#       --smoke-timeout S  -wp-smoke-timeout (default: 1 s)
#   -p, --par N            -wp-par (default: 8, measured fastest on 2 cores). It bounds prover processes
#                          AND Qed tasks (WP polls them): -p 8 is ~2.5x faster here
#                          with the same results, but more provers than cores can
#                          turn slow proofs into timeouts.
#       --session DIR      WP session directory (default: <out>/session); the WP cache
#                          lives in it unless --cache-dir is given
#       --cache MODE       -wp-cache mode: none|update|replay|offline|rebuild|cleanup
#                          (default: update; $FRAMAC_WP_CACHE is ignored). "offline"
#                          never runs a prover and the gate fails on any miss (a missed
#                          smoke test would be reported Passed unchecked); WP does not
#                          cache a prover it killed, so offline misses even after a
#                          clean run: use update or replay.
#       --cache-dir DIR    global cache directory (-wp-cache-dir)
#       --fc-arg ARG       one more frama-c argument (repeatable)
#       --no-gate          only run Frama-C; do not run the gate
#   Every other option starting with "--gate-" is passed on to gate.py without the
#   "gate-" prefix, e.g. --gate-floors=FILE, --gate-headers=GLOB, --gate-update-floors.
#
# Exit status: the gate's (0 pass, 1 fail), or 2 on a usage/tool error.
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$script_dir/.." && pwd)
out=""
timeout_s=${WP_TIMEOUT:-10}
smoke_timeout_s=1
par=8
session=""
cache_mode=update
cache_dir=""
run_gate=1
gate_args=()
fc_args=()
files=()

die() { echo "run_wp.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
	case "$1" in
	-o|--out) out=$2; shift 2 ;;
	-r|--root) root=$(cd "$2" && pwd); shift 2 ;;
	-t|--timeout) timeout_s=$2; shift 2 ;;
	--smoke-timeout) smoke_timeout_s=$2; shift 2 ;;
	-p|--par) par=$2; shift 2 ;;
	--session) session=$2; shift 2 ;;
	--cache) cache_mode=$2; shift 2 ;;
	--cache-dir) cache_dir=$2; shift 2 ;;
	--fc-arg) fc_args+=("$2"); shift 2 ;;
	--no-gate) run_gate=0; shift ;;
	--gate-*) gate_args+=("--${1#--gate-}"); shift ;;
	-h|--help) sed -n '3,/^set -euo/p' "$0" | grep '^#'; exit 0 ;;
	-*) die "unknown option $1" ;;
	*) files+=("$1"); shift ;;
	esac
done

if [ ${#files[@]} -eq 0 ]; then
	shopt -s nullglob
	files=("$root"/core/*.c)
	shopt -u nullglob
	[ ${#files[@]} -gt 0 ] || die "no core/*.c under $root"
fi

# Tools: install on a fresh machine (root, outside Bazel only); inside a Bazel
# test we must not touch the system, so report what is missing instead.
need_pkgs=()
command -v frama-c >/dev/null 2>&1 || need_pkgs+=(frama-c-base)
command -v why3 >/dev/null 2>&1 || need_pkgs+=(why3)
command -v z3 >/dev/null 2>&1 || need_pkgs+=(z3)
command -v cvc4 >/dev/null 2>&1 || need_pkgs+=(cvc4)
command -v python3 >/dev/null 2>&1 || need_pkgs+=(python3)
if [ ${#need_pkgs[@]} -gt 0 ]; then
	if [ -z "${TEST_TMPDIR:-}" ] && [ -f "$root/ci/lib/deps.sh" ]; then
		# shellcheck source=/dev/null
		. "$root/ci/lib/deps.sh"
		vk_need_pkgs "${need_pkgs[@]}" >&2
	elif [ -z "${TEST_TMPDIR:-}" ] && [ "$(id -u)" = 0 ]; then
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_pkgs[@]}" >&2
	else
		die "missing tools: ${need_pkgs[*]} (apt-get install -y ${need_pkgs[*]})"
	fi
fi

if [ -z "$out" ]; then
	if [ -n "${TEST_UNDECLARED_OUTPUTS_DIR:-}" ]; then
		out=$TEST_UNDECLARED_OUTPUTS_DIR/proofs
	else
		out=$root/out/proofs
	fi
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)
[ -n "$session" ] || session=$out/session
mkdir -p "$session"

# Why3 needs a prover configuration. Bazel tests have an empty HOME, so make one
# in a scratch directory when neither $WHY3CONFIG nor ~/.why3.conf exists.
if [ -z "${WHY3CONFIG:-}" ] || [ ! -f "${WHY3CONFIG}" ]; then
	if [ -n "${HOME:-}" ] && [ -f "$HOME/.why3.conf" ] && [ -z "${TEST_TMPDIR:-}" ]; then
		export WHY3CONFIG=$HOME/.why3.conf
	else
		conf_home=${TEST_TMPDIR:-$out}/why3-home
		mkdir -p "$conf_home"
		if [ ! -f "$conf_home/.why3.conf" ]; then
			HOME=$conf_home why3 config detect >"$out/why3-detect.log" 2>&1 ||
				die "why3 config detect failed (see $out/why3-detect.log)"
		fi
		export WHY3CONFIG=$conf_home/.why3.conf
	fi
fi
# Cache mode comes from the command line only, never from the environment.
unset FRAMAC_WP_CACHE FRAMAC_WP_CACHEDIR

cache_args=(-wp-cache "$cache_mode")
[ -z "$cache_dir" ] || { mkdir -p "$cache_dir"; cache_args+=(-wp-cache-dir "$(cd "$cache_dir" && pwd)"); }
smoke_args=(-wp-smoke-tests)
[ -z "$smoke_timeout_s" ] || smoke_args+=(-wp-smoke-timeout "$smoke_timeout_s")

# Stale results must never be read by the gate.
rm -f "$out"/*.log "$out"/*.wp.json "$out"/*.rc "$out"/*.src "$out"/*.time "$out"/report.json "$out"/report.md

# Two Frama-C passes per file (measured: 32 s + 63 s for the whole core, against
# 160 s for one pass doing both):
#  - "prove": every goal, with cvc4 and z3, no smoke tests;
#  - "smoke": the smoke tests, with cvc4 only. A smoke test passes when no prover
#    derives false, so each one that passes costs a full timeout per prover, and
#    z3 adds that cost without refuting anything cvc4 does not. The gate reads only
#    the smoke tests from this pass (its goal verdicts come from "prove").
run_pass() { # run_pass <file> <base> <label> <frama-c args...>
	local f=$1 base=$2 label=$3
	shift 3
	local log=$out/$base.log json=$out/$base.wp.json t0 t1 rc
	echo "run_wp.sh: frama-c/wp ($label) on $f" >&2
	t0=$(date +%s.%N)
	set +e
	frama-c -c11 -machdep x86_64 -wp -wp-rte -warn-unsigned-overflow -warn-unsigned-downcast \
		-wp-model Typed -wp-timeout "$timeout_s" -wp-par "$par" "$@" "${cache_args[@]}" \
		-wp-session "$session/$base" -wp-report-json "$json" \
		-cpp-extra-args="-I$root" "${fc_args[@]}" "$f" >"$log" 2>&1
	rc=$?
	set -e
	t1=$(date +%s.%N)
	echo "$rc" >"$out/$base.rc"
	echo "$f" >"$out/$base.src"
	python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}')" "$t0" "$t1" >"$out/$base.time"
	grep -E '^\[wp\] Proved goals' "$log" >&2 || echo "run_wp.sh: frama-c exited $rc without a summary" >&2
}

run_start=$(date +%s.%N)
for f in "${files[@]}"; do
	[ -f "$f" ] || die "no such file: $f"
	base=$(basename "$f" .c)
	run_pass "$f" "$base" prove -wp-prover cvc4,z3
	run_pass "$f" "$base.smoke" smoke -wp-prover cvc4 "${smoke_args[@]}"
done
run_end=$(date +%s.%N)
python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}')" "$run_start" "$run_end" >"$out/wall.time"

[ "$run_gate" = 1 ] || exit 0
exec python3 "$script_dir/gate.py" --log-dir "$out" --root "$root" --out "$out" "${gate_args[@]}"
