#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR GPL-2.0-only
#
# run.sh - the kernel-module backend inside a real Linux 6.1 kernel under QEMU.
#
#   tests/kernel/run.sh [--plant] [--plant-ops] [--replay FILE] [--keep] [--timeout SECONDS]
#
# Builds backends/kmod (vkalloc.ko, the unchanged core inside) in a temporary
# directory, packs it with busybox, /init and the userspace driver into an
# initramfs, boots /boot/vmlinuz-6.1.0-<N>-amd64 under qemu-system-x86_64
# (TCG is enough) and reads the serial console. Passes only when
#   - the guest reached its end marker, insmod, the driver and rmmod succeeded,
#   - the module printed "VKALLOC-RESULT: PASS" (every check group ran, no
#     mismatch, every allocation freed at unload),
#   - no WARNING:, BUG:, Oops, Call Trace or panic appears anywhere in the log
#     (the guest dumps its whole kernel log, boot included),
#   - the in-guest fuzzer (fuzz/kmod_vs_model, clang-14 -fsanitize=fuzzer,
#     dynamically linked, its libraries copied from ldd) ran the committed
#     seeds and fuzzed for VK_KMOD_FUZZ_SECONDS (default 20; 0 = replay the
#     seeds only) without a divergence. A crashing input is written to
#     fuzz/kmod_vs_model/crashes/<name> (or VK_KMOD_CRASH_DIR) as a reproducer.
# --plant builds the planted-mismatch variant (this run must then fail; see
# plant_test.sh). --plant-ops (or VK_KMOD_PLANT_OPS=1) builds the module with a
# planted divergence in its op path only the fuzzer can see (plant_fuzz_test.sh).
# --replay FILE adds FILE (e.g. a reproducer from fuzz/kmod_vs_model/crashes/)
# to the seeds and only replays them (no fuzzing): the run fails while FILE
# still diverges. --keep keeps the work directory. QEMU uses TCG; set
# VK_QEMU_ACCEL=kvm to use KVM where it works (-cpu max trips some hosts' KVM). Missing packages are
# installed through ci/lib/deps.sh.
set -euo pipefail

start_s=$(date +%s)
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
root=$(cd "$here/../.." && pwd)
plant=""
plant_ops=""
[[ ${VK_KMOD_PLANT_OPS:-0} == 1 ]] && plant_ops=--plant-ops
keep=0
replay=()
fuzz_s=${VK_KMOD_FUZZ_SECONDS:-20}
[[ $fuzz_s =~ ^[0-9]+$ ]] || { echo "VK_KMOD_FUZZ_SECONDS must be a number" >&2; exit 2; }
timeout_s=$((150 + fuzz_s))
while (($#)); do
	case $1 in
	--plant) plant=--plant ;;
	--plant-ops) plant_ops=--plant-ops ;;
	--keep) keep=1 ;;
	--replay) replay+=("$(readlink -f "$2")"); fuzz_s=0; shift ;;
	--timeout) timeout_s=$2; shift ;;
	*) echo "usage: $0 [--plant] [--plant-ops] [--replay FILE] [--keep] [--timeout SECONDS]" >&2; exit 2 ;;
	esac
	shift
done
crash_dir=${VK_KMOD_CRASH_DIR:-$root/fuzz/kmod_vs_model/crashes}

# shellcheck source=../../ci/lib/deps.sh
. "$root/ci/lib/deps.sh"
vk_resolve_kernel_abi
abi=$VK_KERNEL_ABI
vk_need_pkgs "linux-headers-6.1.0-$abi-amd64" "linux-image-6.1.0-$abi-amd64" \
	qemu-system-x86 busybox-static cpio gcc make clang-14 libclang-rt-14-dev llvm-14 xxd
kernel=/boot/vmlinuz-6.1.0-$abi-amd64
busybox=$(command -v busybox || true)
[[ -r $kernel ]] || { echo "KERNEL-TEST: FAIL: $kernel not readable" >&2; exit 1; }
[[ -x $busybox ]] || { echo "KERNEL-TEST: FAIL: no busybox" >&2; exit 1; }

work=$(mktemp -d "${TEST_TMPDIR:-/tmp}/vkalloc-kernel.XXXXXX")
cleanup() {
	if ((keep)); then
		echo "KERNEL-TEST: work directory kept: $work"
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT

# 1. The module.
KDIR=/usr/src/linux-headers-6.1.0-$abi-amd64 "$root/backends/kmod/build.sh" "$work/build" $plant $plant_ops

# 1b. The fuzz target (libFuzzer, no sanitizer: the guest has 1 GiB).
fuzzer=$("$root/fuzz/common/build.sh" kmod_vs_model libfuzzer-nosan "$work/fuzz" | tail -n 1)
[[ -x $fuzzer ]] || { echo "KERNEL-TEST: FAIL: fuzz target did not build" >&2; exit 1; }

# 2. The initramfs. /dev/console comes from the kernel's built-in initramfs.
rootfs=$work/rootfs
mkdir -p "$rootfs"/{bin,proc,sys,dev,tmp}
cp "$busybox" "$rootfs/bin/busybox"
cp "$root/backends/kmod/guest/init" "$rootfs/init"
cp "$root/backends/kmod/guest/vkalloc-driver.sh" "$rootfs/bin/vkalloc-driver.sh"
cp "$work/build/vkalloc.ko" "$rootfs/vkalloc.ko"
cp "$root/backends/kmod/guest/vkalloc-fuzz.sh" "$rootfs/bin/vkalloc-fuzz.sh"
chmod 0755 "$rootfs/init" "$rootfs/bin/busybox" "$rootfs/bin/vkalloc-driver.sh" "$rootfs/bin/vkalloc-fuzz.sh"
mkdir -p "$rootfs/fuzz/seeds"
cp "$fuzzer" "$rootfs/fuzz/kmod_vs_model"
cp "$root/fuzz/kmod_vs_model/kmod_vs_model.dict" "$rootfs/fuzz/"
cp "$root"/fuzz/kmod_vs_model/corpus/* "$rootfs/fuzz/seeds/"
for f in ${replay[@]+"${replay[@]}"}; do
	[[ -f $f ]] || { echo "KERNEL-TEST: FAIL: no reproducer $f" >&2; exit 2; }
	cp "$f" "$rootfs/fuzz/seeds/replay-$(basename "$f")"
done
seeds=$(find "$rootfs/fuzz/seeds" -type f | wc -l)
# Every shared library ldd lists, at the path it lists (the loader included).
for lib in $(ldd "$fuzzer" | grep -o '/[^ ]*'); do
	mkdir -p "$rootfs$(dirname "$lib")"
	cp -L "$lib" "$rootfs$lib"
done
(cd "$rootfs" && find . | cpio -o -H newc --quiet) | gzip -1 >"$work/initrd.gz"

# 3. Boot.
log=$work/serial.log
boot_s=$(date +%s)
set +e
timeout --kill-after=10 "$timeout_s" qemu-system-x86_64 -machine "accel=${VK_QEMU_ACCEL:-tcg}" -m 1024 -smp 2 -cpu max \
	-display none -monitor none -serial "file:$log" -no-reboot \
	-kernel "$kernel" -initrd "$work/initrd.gz" \
	-append "console=ttyS0 panic=-1 quiet vkfuzz=$fuzz_s" </dev/null 2>"$work/qemu.stderr"
qemu_rc=$?
set -e
boot_wall_s=$(($(date +%s) - boot_s))

# 4. Verdict. Lines the guest console printed live vs. the dumped kernel log.
live=$(grep -av 'VKALLOC-DMESG|' "$log" | tr -d '\r' || true)
reasons=()
((qemu_rc == 0)) || reasons+=("qemu exit status $qemu_rc (124 = timeout after ${timeout_s}s)")
grep -q 'VKALLOC-END' <<<"$live" || reasons+=("no end marker VKALLOC-END")
grep -q 'VKALLOC-INIT: insmod ok' <<<"$live" || reasons+=("insmod failed")
grep -q 'VKALLOC-INIT: driver rc=0' <<<"$live" || reasons+=("driver failed")
grep -q 'VKALLOC-INIT: rmmod ok' <<<"$live" || reasons+=("module unload failed")
bad=$(grep -aE 'WARNING:|BUG:|Oops|Call Trace|Kernel panic|general protection' "$log" || true)
[[ -z $bad ]] || reasons+=("kernel reported: $(head -n 1 <<<"$bad")")
result=$(grep -ao 'VKALLOC-RESULT: .*' <<<"$live" | head -n 1 || true)
if [[ -z $result ]]; then
	result=$(grep -ao 'VKALLOC-RESULT: .*' "$log" | head -n 1 || true)
fi
grep -q 'VKALLOC-INIT: fuzz rc=0' <<<"$live" || reasons+=("in-guest fuzzer failed")
# Crashing inputs: hex between markers -> reproducer files on the host.
crashes=()
while read -r name hex; do
	[[ -n $name && $name =~ ^[A-Za-z0-9._-]+$ ]] || continue
	mkdir -p "$crash_dir"
	xxd -r -p <<<"$hex" >"$crash_dir/$name"
	crashes+=("$crash_dir/$name")
done < <(awk '/^VKALLOC-CRASH-BEGIN /{n=$2; getline h; print n, h}' <<<"$live")
divergence=$(grep -ao 'kmod_vs_model: op .*' <<<"$live" | head -n 1 || true)
if ((${#crashes[@]})); then
	reasons+=("in-guest fuzzer found a divergence: ${divergence:-see VKALLOC-FUZZ lines} (reproducer ${crashes[*]})")
fi
case $result in
"VKALLOC-RESULT: PASS"*) ;;
"") reasons+=("no VKALLOC-RESULT line") ;;
*) reasons+=("$result") ;;
esac

echo "KERNEL-TEST: kernel 6.1.0-$abi-amd64, module ${plant:-(normal)} ${plant_ops}, serial log $log"
grep -ao 'vkalloc: check .*' <<<"$live" | sed 's/^/  /' || true
grep -ao 'vkalloc: MISMATCH .*' "$log" | sort -u | head -n 20 | sed 's/^/  /' || true
[[ -z $bad ]] || sed 's/^/  kernel: /' <<<"$bad" | head -n 20
grep -a '^VKALLOC-FUZZ' <<<"$live" | grep -av 'note: real' | sed 's/^/  /' | head -n 40 || true
execs=$(grep -ao 'stat::number_of_executed_units: *[0-9]*' <<<"$live" | grep -o '[0-9]*$' | tail -n 1 || true)
real_fail=$(grep -ac 'kmod_vs_model: note: real' <<<"$live" || true)
eps=$(grep -ao 'stat::average_exec_per_sec: *[0-9]*' <<<"$live" | grep -o '[0-9]*$' | tail -n 1 || true)
echo "KERNEL-TEST: in-guest fuzzing: ${fuzz_s}s, ${execs:-?} executions, ${eps:-?} exec/s, $seeds seeds, ${real_fail:-0} real allocation failures accepted, module ${plant_ops:-(no planted op bug)}"
echo "KERNEL-TEST: ${result:-no result}"
echo "KERNEL-TEST: wall time $(($(date +%s) - start_s)) s (QEMU boot to power-off ${boot_wall_s} s)"
if ((${#reasons[@]})); then
	for r in "${reasons[@]}"; do
		echo "KERNEL-TEST: reason: $r"
	done
	echo "KERNEL-TEST: FAIL"
	if [[ -s $work/qemu.stderr ]]; then
		echo "---- qemu stderr ----"
		head -n 20 "$work/qemu.stderr"
	fi
	if ((!keep)); then
		echo "---- serial log (last 60 lines) ----"
		tail -n 60 "$log" || true
	fi
	exit 1
fi
echo "KERNEL-TEST: PASS"
