# SPDX-License-Identifier: MIT OR GPL-2.0-only
"""vk_fuzz_target: the Bazel side of a fuzz target directory fuzz/<name>/.

Load with: load("//fuzz/common:fuzz.bzl", "vk_fuzz_target")

Directory convention: fuzz/<name>/target.c (LLVMFuzzerTestOneInput), <name>.dict,
<name>.options, corpus/ (committed inputs), BUILD calling vk_fuzz_target(name = "<name>").
The libFuzzer and AFL++ builds need clang and live in fuzz/common/build.sh, not in Bazel.
"""

load("//bazel:copts.bzl", "VK_COPTS")

VK_FUZZ_SAN = [
    "-fsanitize=address,undefined",
    "-fno-sanitize-recover=all",
    "-fno-omit-frame-pointer",
]

def vk_fuzz_target(name, srcs = ["target.c"], deps = [], tags = []):
    """Creates <name>_replay: a cc_test replaying fuzz/<name>/corpus/ under ASan+UBSan (gcc).

    Args:
      name: the target name; must equal the directory name under fuzz/.
      srcs: the fuzz target sources (default ["target.c"]).
      deps: cc_library deps (e.g. //core, //spec/model).
      tags: extra test tags.
    """
    corpus_dir = native.package_name() + "/corpus"
    native.cc_test(
        name = name + "_replay",
        srcs = srcs + ["//fuzz/common:replay_main.c"],
        copts = VK_COPTS + VK_FUZZ_SAN,
        linkopts = VK_FUZZ_SAN,
        deps = deps,
        data = native.glob(["corpus/**"], allow_empty = True),
        args = [corpus_dir],
        tags = tags + ["fuzz_replay"],
        size = "small",
    )
