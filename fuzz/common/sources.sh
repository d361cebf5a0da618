# SPDX-License-Identifier: MIT OR GPL-2.0-only
#
# sources.sh - sourced by the fuzz scripts: which C files make up a fuzz target, and
# its libFuzzer options.
#
# vk_fuzz_sources REPO TARGET - print fuzz/TARGET/target.c and the files named in
# fuzz/TARGET/sources (one glob relative to REPO per line, # comments), one path per line;
# without a sources file: core/*.c and spec/model/*.c.
vk_fuzz_sources() {
	local repo=$1 tdir=$1/fuzz/$2 line f
	echo "$tdir/target.c"
	if [[ -f $tdir/sources ]]; then
		while IFS= read -r line; do
			line=${line%%#*}
			line=$(echo "$line" | tr -d '[:space:]')
			[[ -z $line ]] && continue
			for f in $repo/$line; do echo "$f"; done
		done <"$tdir/sources"
	else
		for f in "$repo"/core/*.c "$repo"/spec/model/*.c; do echo "$f"; done
	fi
}

# vk_fuzz_options REPO TARGET - print the [libfuzzer] section of fuzz/TARGET/TARGET.options
# (OSS-Fuzz format, e.g. max_len) as -key=value flags, one per line; dict is left out
# (callers pass -dict themselves).
vk_fuzz_options() {
	local file=$1/fuzz/$2/$2.options
	[[ -f $file ]] || return 0
	awk -F' *= *' '/^\[/ { sec = $0; next }
		sec == "[libfuzzer]" && NF == 2 && $1 !~ /^#/ && $1 != "dict" { print "-" $1 "=" $2 }' "$file"
}
