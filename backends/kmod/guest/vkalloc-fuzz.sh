#!/bin/sh
# SPDX-License-Identifier: MIT OR GPL-2.0-only
# In-guest fuzzing of the module against the reference model: runs the
# kmod_vs_model libFuzzer target (fuzz/kmod_vs_model) over the committed
# seeds for vkfuzz=<seconds> (kernel command line; 0 = replay the seeds
# only). Prints the final stats and the target's messages as
# "VKALLOC-FUZZ| ..." and every crashing input as hex between
# "VKALLOC-CRASH-BEGIN <name>" and "VKALLOC-CRASH-END" for the host.
# Exit status: the fuzzer's.
f=/fuzz/kmod_vs_model
secs=$(sed -n 's/.*vkfuzz=\([0-9][0-9]*\).*/\1/p' /proc/cmdline)
secs=${secs:-20}
mkdir -p /tmp/corpus /tmp/art
if [ "$secs" -gt 0 ]; then
	limit="-max_total_time=$secs"
else
	limit="-runs=0"
fi
echo "VKALLOC-FUZZ: start ${secs}s, $(ls /fuzz/seeds | wc -l) seeds"
"$f" "$limit" -timeout=20 -rss_limit_mb=0 -max_len=384 -dict=/fuzz/kmod_vs_model.dict \
	-artifact_prefix=/tmp/art/ -print_final_stats=1 /tmp/corpus /fuzz/seeds >/tmp/fuzz.log 2>&1
rc=$?
# A crashed input never reached its final reset record: free what it left.
printf '\007\000\000\000\000\000\000\000' >/sys/kernel/debug/vkalloc/seq
grep -E '^stat::|kmod_vs_model:|^Done |INITED|deadly signal|ERROR|Test unit written' /tmp/fuzz.log |
	head -n 60 | sed 's/^/VKALLOC-FUZZ| /'
for a in /tmp/art/*; do
	[ -f "$a" ] || continue
	echo "VKALLOC-CRASH-BEGIN ${a##*/}"
	od -An -v -tx1 "$a" | tr -d ' \n'
	echo
	echo "VKALLOC-CRASH-END"
done
echo "VKALLOC-FUZZ: corpus $(ls /tmp/corpus | wc -l) new inputs"
echo "VKALLOC-FUZZ: rc=$rc"
exit "$rc"
