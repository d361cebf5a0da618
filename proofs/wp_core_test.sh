#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR GPL-2.0-only
#
# wp_core_test.sh - Bazel entry point of //proofs:wp_core: prove every core/*.c and
# gate the result (proofs/run_wp.sh writes a Why3 config under $TEST_TMPDIR, since
# HOME is empty in Bazel tests). Every function must have a floor in floors.json
# (--require-floors), so a new function cannot slip in unfloored. Extra arguments
# go to run_wp.sh.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
exec "$here/run_wp.sh" --session "${TEST_TMPDIR:-/tmp}/wp-session" --gate-require-floors "$@"
