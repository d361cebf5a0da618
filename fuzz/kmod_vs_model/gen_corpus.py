# SPDX-License-Identifier: MIT OR GPL-2.0-only
"""gen_corpus.py - write the kmod_vs_model seed corpus (corpus/<name>).

Record layout: backends/kmod/vk_kmod_ops.h. Usage: python3 gen_corpus.py
(from any directory; rewrites corpus/ next to this file).
"""
import os

KMALLOC, KZALLOC, KCALLOC, KMALLOC_ARRAY, VMALLOC, VZALLOC, KVMALLOC, KVZALLOC, KVCALLOC, \
    KVMALLOC_ARRAY = range(10)
KERNEL, NOFS, NOIO, ATOMIC, NOWAIT = range(5)
ZERO, NOWARN, RETRY, NORETRY = 0x08, 0x10, 0x20, 0x40
INJECT = 0x40
KERNEL_KV = 0x40
KERNEL_FREE = 0x08


def tbl(i):
    """Size from the table (index i)."""
    return (0, i)


def kib(n):
    """n KiB (1..8192)."""
    raw = n - 1
    return (5 | ((raw >> 8) << 3), raw & 0xFF)


def b(n):
    """n bytes (1..8192)."""
    raw = n - 1
    return (2 | ((raw >> 8) << 3), raw & 0xFF)


def alloc(slot, api, size, flags=KERNEL, elem=0, b1=0, b5=0, tag=0x5A):
    """An alloc record."""
    return bytes([0, slot | b1, api, size[0], size[1], elem | b5, flags, tag])


def free(slot, kernel=False):
    return bytes([3, slot, 0, 0, 0, KERNEL_FREE if kernel else 0, 0, 0])


def verify(slot):
    return bytes([4, slot, 0, 0, 0, 0, 0, 0])


def write(slot, tag):
    return bytes([5, slot, 0, 0, 0, 0, 0, tag])


def classify(slot):
    return bytes([6, slot, 0, 0, 0, 0, 0, 0])


def reset():
    return bytes([7, 0, 0, 0, 0, 0, 0, 0])


SEEDS = {
    "kmalloc_buckets": [alloc(i, KMALLOC, tbl(i)) for i in range(15)],
    "kzalloc_sizes": [alloc(0, KZALLOC, b(100)), alloc(1, KZALLOC, b(3000)),
                      alloc(2, KZALLOC, kib(8)), alloc(3, KZALLOC, kib(64)), classify(3)],
    "kmalloc_large": [alloc(0, KMALLOC, tbl(15), KERNEL | NOWARN), alloc(1, KMALLOC, tbl(16)),
                      alloc(2, KMALLOC, tbl(19)), alloc(3, KMALLOC, kib(1024), ATOMIC)],
    "kmalloc_flags": [alloc(i, KMALLOC, b(700 + i), f) for i, f in
                      enumerate([KERNEL, NOFS, NOIO, ATOMIC, NOWAIT, KERNEL | ZERO,
                                 NOIO | NORETRY, NOFS | RETRY, ATOMIC | ZERO | NOWARN])],
    "kcalloc": [alloc(0, KCALLOC, b(100), elem=3), alloc(1, KCALLOC, b(8), elem=4),
                alloc(2, KCALLOC, tbl(19), elem=5), alloc(3, KCALLOC, b(1), elem=6),
                alloc(4, KCALLOC, b(5), elem=7)],
    "kmalloc_array": [alloc(0, KMALLOC_ARRAY, b(64), elem=2), alloc(1, KMALLOC_ARRAY, b(2), elem=4),
                      alloc(2, KMALLOC_ARRAY, tbl(18), elem=6), verify(0), free(1)],
    "vmalloc": [alloc(0, VMALLOC, b(1)), alloc(1, VMALLOC, kib(100)), alloc(2, VZALLOC, kib(3)),
                alloc(3, VZALLOC, tbl(0)), alloc(4, VMALLOC, tbl(22)), alloc(5, VMALLOC, tbl(21)),
                free(1), free(2, True)],
    "kvmalloc_small": [alloc(0, KVMALLOC, b(4096)), alloc(1, KVZALLOC, b(4000), NOFS),
                       alloc(2, KVMALLOC, tbl(0)), classify(0)],
    "kvmalloc_big": [alloc(0, KVMALLOC, kib(1024)), alloc(1, KVZALLOC, kib(12), NOIO),
                     alloc(2, KVMALLOC, tbl(22)), alloc(3, KVMALLOC, tbl(15))],
    "kvmalloc_inject": [alloc(0, KVMALLOC, tbl(14), b1=INJECT), alloc(1, KVZALLOC, kib(12), b1=INJECT),
                        alloc(2, KVMALLOC, tbl(0), b1=INJECT), alloc(3, KVMALLOC, b(100), b1=INJECT),
                        alloc(4, KVMALLOC, kib(1024), ATOMIC, b1=INJECT),
                        alloc(5, KVMALLOC, kib(2048), NOFS | RETRY, b1=INJECT)],
    "kvmalloc_inject_one": [alloc(0, KVMALLOC, kib(12), b1=INJECT)],
    "kvmalloc_atomic": [alloc(0, KVMALLOC, kib(128), ATOMIC), alloc(1, KVMALLOC, tbl(16), NOWAIT),
                        alloc(2, KVZALLOC, kib(9), NOWAIT | ZERO)],
    "kvmalloc_too_big": [alloc(0, KVMALLOC, tbl(18)), alloc(1, KVMALLOC, tbl(18), ATOMIC | NOWARN),
                         alloc(2, KVMALLOC, tbl(19), NOWARN), alloc(3, KVMALLOC, tbl(21), ATOMIC)],
    "kernel_kvmalloc": [alloc(0, KVMALLOC, kib(12), b5=KERNEL_KV), alloc(1, KVZALLOC, kib(6000), b5=KERNEL_KV),
                        alloc(2, KVCALLOC, b(10), elem=4, b5=KERNEL_KV),
                        alloc(3, KVMALLOC_ARRAY, b(2), elem=6, b5=KERNEL_KV),
                        alloc(4, KVMALLOC, tbl(18), NOWARN, b5=KERNEL_KV),
                        alloc(5, KVMALLOC, b(50), ATOMIC, b5=KERNEL_KV), free(0, True)],
    "kvcalloc": [alloc(0, KVCALLOC, kib(1), elem=4), alloc(1, KVCALLOC, b(3), elem=5),
                 alloc(2, KVMALLOC_ARRAY, kib(64), elem=3), alloc(3, KVMALLOC_ARRAY, b(9), elem=6,
                                                              b1=INJECT)],
    "free_kinds": [alloc(0, KMALLOC, b(64)), alloc(1, VMALLOC, kib(8)), alloc(2, KVMALLOC, kib(40)),
                   free(0), free(1, True), free(2, True), free(3), verify(0)],
    "write_verify": [alloc(0, KMALLOC, b(300)), write(0, 0x11), verify(0), alloc(1, VZALLOC, kib(20)),
                     write(1, 0xEE), classify(1), verify(1), write(2, 1)],
    "realloc_slot": [alloc(0, KMALLOC, b(10)), alloc(0, KVMALLOC, kib(300)), alloc(0, VMALLOC, kib(4)),
                     alloc(0, KZALLOC, tbl(0)), alloc(0, KCALLOC, b(7), elem=2), classify(0)],
    "reset_mid": [alloc(0, KMALLOC, b(64)), alloc(1, VMALLOC, kib(16)), reset(), alloc(2, KZALLOC, b(9)),
                  verify(2), reset(), verify(1)],
    "all_slots": [alloc(i, [KMALLOC, KVMALLOC, VZALLOC, KCALLOC][i % 4], kib(i + 1), elem=1)
                  for i in range(16)],
    "big_mix": [alloc(0, KVMALLOC, kib(8192)), alloc(1, VZALLOC, kib(8192)),
                alloc(2, KMALLOC, kib(4096), NOWARN | RETRY), alloc(3, KVZALLOC, kib(3000), NOIO)],
    "zero_sizes": [alloc(0, KMALLOC, tbl(0)), alloc(1, KVZALLOC, tbl(0), ATOMIC), alloc(2, KCALLOC, tbl(0), elem=3),
                   alloc(3, VMALLOC, tbl(0)), free(0), classify(1), write(1, 3)],
    "empty": [],
}


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")
    os.makedirs(out, exist_ok=True)
    for name in os.listdir(out):
        os.unlink(os.path.join(out, name))
    for name, recs in SEEDS.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(b"".join(recs))


if __name__ == "__main__":
    main()
