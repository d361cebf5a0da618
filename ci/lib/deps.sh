# SPDX-License-Identifier: MIT OR GPL-2.0-only
# shellcheck shell=bash
#
# ci/lib/deps.sh - Debian package helpers for vkalloc CI. Source it from bash:
#
#   . "$(dirname "$0")/lib/deps.sh"      # or: . ci/lib/deps.sh from the repo root
#   vk_need_pkgs clang-14 z3              # install only what is missing
#   vk_need_all_pkgs                      # everything CI uses, kernel test included
#   abi=$(vk_kernel_abi)                  # N of linux-headers-6.1.0-N-amd64
#   vk_kernel_pkgs                        # headers, image, qemu, busybox, cpio
#   vk_why3_config                        # ~/.why3.conf via `why3 config detect`
#
# The package lists live here and nowhere else. Only Debian packages are fetched.

# Tools for build, tests, proofs and fuzzing.
VK_PKGS_TOOLS=(
	bazel-bootstrap default-jdk-headless
	gcc make binutils python3 zip
	clang-14 libclang-rt-14-dev llvm-14 afl++
	frama-c-base why3 z3 cvc4
	valgrind
)

# Extra packages for the kernel-module test under QEMU (plus the kernel of vk_kernel_pkgs).
VK_PKGS_KERNEL_TOOLS=(qemu-system-x86 busybox-static cpio)

VK_APT_UPDATED=${VK_APT_UPDATED:-0}

# _vk_as_root - run a command as root (directly, or through sudo when not root).
_vk_as_root() {
	if [[ $(id -u) -eq 0 ]]; then
		"$@"
	else
		sudo "$@"
	fi
}

# _vk_apt_update_once - `apt-get update`, at most once per shell.
_vk_apt_update_once() {
	if [[ $VK_APT_UPDATED -eq 0 ]]; then
		echo "deps: apt-get update" >&2
		_vk_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
		VK_APT_UPDATED=1
	fi
}

# vk_pkg_installed - succeed when package $1 is installed (dpkg-query).
vk_pkg_installed() {
	[[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]
}

# vk_need_pkgs - install the given packages that are not installed yet.
# Runs `apt-get update` first, once, and only if something is missing.
vk_need_pkgs() {
	local pkg missing=()
	for pkg in "$@"; do
		vk_pkg_installed "$pkg" || missing+=("$pkg")
	done
	((${#missing[@]} == 0)) && return 0
	_vk_apt_update_once
	echo "deps: installing ${missing[*]}" >&2
	_vk_as_root env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# vk_resolve_kernel_abi - set VK_KERNEL_ABI to N of linux-headers-6.1.0-N-amd64.
# Prefers the newest N whose headers and image are both installed (no network needed);
# otherwise asks apt which ABI the linux-headers-amd64 meta-package depends on (running
# `apt-get update` first if apt knows nothing yet). Call it directly, not in $(...), so the
# "updated once" state stays in this shell.
vk_resolve_kernel_abi() {
	local abi n
	abi=""
	for n in $(dpkg-query -W -f='${Package} ${Status}\n' 'linux-headers-6.1.0-*-amd64' 2>/dev/null |
		sed -n 's/^linux-headers-6\.1\.0-\([0-9][0-9]*\)-amd64 install ok installed$/\1/p' | sort -n); do
		if vk_pkg_installed "linux-image-6.1.0-$n-amd64"; then
			abi=$n
		fi
	done
	[[ -n $abi ]] || abi=$(_vk_apt_kernel_abi)
	if [[ -z $abi ]]; then
		_vk_apt_update_once
		abi=$(_vk_apt_kernel_abi)
	fi
	if [[ -z $abi ]]; then
		echo "deps: cannot resolve the 6.1.0-N-amd64 kernel ABI" >&2
		return 1
	fi
	VK_KERNEL_ABI=$abi
}

# _vk_apt_kernel_abi - print the ABI linux-headers-amd64 depends on, per apt (may be empty).
_vk_apt_kernel_abi() {
	apt-cache depends linux-headers-amd64 2>/dev/null |
		sed -n 's/.*Depends: linux-headers-6\.1\.0-\([0-9][0-9]*\)-amd64$/\1/p' | head -n 1
}

# vk_kernel_abi - print N of linux-headers-6.1.0-N-amd64 (see vk_resolve_kernel_abi).
vk_kernel_abi() {
	vk_resolve_kernel_abi && echo "$VK_KERNEL_ABI"
}

# vk_kernel_pkgs - print the packages the kernel-module test needs.
vk_kernel_pkgs() {
	vk_resolve_kernel_abi || return 1
	echo "linux-headers-6.1.0-$VK_KERNEL_ABI-amd64 linux-image-6.1.0-$VK_KERNEL_ABI-amd64 ${VK_PKGS_KERNEL_TOOLS[*]}"
}

# vk_all_pkgs - print every package CI needs.
vk_all_pkgs() {
	local kernel
	kernel=$(vk_kernel_pkgs) || return 1
	echo "${VK_PKGS_TOOLS[*]} $kernel"
}

# vk_need_all_pkgs - install every package CI needs that is missing (one apt-get update at most).
vk_need_all_pkgs() {
	vk_resolve_kernel_abi || return 1
	vk_need_pkgs "${VK_PKGS_TOOLS[@]}" "${VK_PKGS_KERNEL_TOOLS[@]}" \
		"linux-headers-6.1.0-$VK_KERNEL_ABI-amd64" "linux-image-6.1.0-$VK_KERNEL_ABI-amd64"
}

# vk_why3_config - write the Why3 prover config with `why3 config detect` if it is missing.
# @1: config file (default: $WHY3CONFIG, else ~/.why3.conf). Fails if cvc4 or z3 is not found.
vk_why3_config() {
	local conf=${1:-${WHY3CONFIG:-$HOME/.why3.conf}}
	if [[ ! -s $conf ]]; then
		echo "deps: why3 config detect -> $conf" >&2
		if ! why3 --config="$conf" config detect >/dev/null 2>&1; then
			echo "deps: why3 config detect failed" >&2
			return 1
		fi
	fi
	local provers
	provers=$(why3 --config="$conf" config list-provers)
	if ! grep -q '^CVC4 ' <<<"$provers" || ! grep -q '^Z3 ' <<<"$provers"; then
		echo "deps: $conf lacks CVC4 or Z3" >&2
		return 1
	fi
}
