/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * target.c - kmod_vs_model: op sequences run by the vkalloc module inside a
 * real Linux 6.1 kernel (/sys/kernel/debug/vkalloc/seq), each result record
 * compared with a prediction from the reference model (spec/model, vkm_*)
 * plus oracles:
 *  - status (run, empty slot, skipped for size or a kernel WARN), bytes asked;
 *  - the pointer's class per the model, the core (in the harness and in the
 *    module) and the kernel's is_vmalloc_addr/virt_addr_valid;
 *  - what the core-driven kvmalloc called (kmalloc, its failure, the vmalloc
 *    fallback), including injected kmalloc failures;
 *  - ksize of direct-map memory is the routed bucket/order bytes;
 *  - zeroing requests read zero; patterns are intact at verify/free/reset;
 *  - no two live allocations overlap; live counts; a final reset frees
 *    everything (a leak is a divergence).
 * Where the real allocator may fail on its own (a kmalloc attempt above one
 * page), the harness accepts the failure the module reports and predicts the
 * rest (the kvmalloc fallback) from it.
 * Any difference: "kmod_vs_model: op <i> <field>: got <x>, want <y>" on
 * stderr, then __builtin_trap(). Only runs where the module is loaded (the
 * guest of tests/kernel/run.sh); the record format is backends/kmod/vk_kmod_ops.h.
 */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backends/kmod/vk_kmod_ops.h"
#include "core/vk_addr.h"
#include "spec/model/vk_model.h"

#define KVF_MAX_OPS 48u
#define KVF_SEQ_PATH "/sys/kernel/debug/vkalloc/seq"
#define KVF_LAYOUT_PATH "/sys/kernel/debug/vkalloc/layout"

/**
 * struct kvf_slot - what the harness expects a module slot to hold.
 * @addr: the pointer (0: empty). @req_bytes: bytes asked for.
 * @ksize_bytes: predicted ksize (direct map) or 0. @cls: class.
 */
struct kvf_slot {
	uint64_t addr;
	size_t req_bytes;
	uint64_t ksize_bytes;
	enum vk_addr_class cls;
};

static int kvf_fd = -1;
static struct vk_layout kvf_layout;
static struct kvf_slot kvf_slots[VK_OPS_SLOTS];
static unsigned long long kvf_real_failures;

static _Noreturn void fail(size_t op, const char *field, unsigned long long got,
			   unsigned long long want)
{
	fprintf(stderr, "kmod_vs_model: op %zu %s: got 0x%llx, want 0x%llx\n", op, field, got, want);
	__builtin_trap();
}

#define EXPECT(op, field, got, want)                                                   \
	do {                                                                           \
		unsigned long long g_ = (unsigned long long)(got);                     \
		unsigned long long w_ = (unsigned long long)(want);                    \
		if (g_ != w_)                                                          \
			fail(op, field, g_, w_);                                       \
	} while (0)

static bool has_memory(enum vk_addr_class cls)
{
	return cls == VK_ADDR_DIRECT || cls == VK_ADDR_VMALLOC;
}

static unsigned int live_slots(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < VK_OPS_SLOTS; i++)
		n += has_memory(kvf_slots[i].cls) ? 1u : 0u;
	return n;
}

static uint8_t kernel_bits_of(enum vk_addr_class cls)
{
	switch (cls) {
	case VK_ADDR_DIRECT:
		return VK_OPS_K_VIRT_VALID;
	case VK_ADDR_VMALLOC:
		return VK_OPS_K_IS_VMALLOC;
	default:
		return VK_OPS_K_ZERO_OR_NULL;
	}
}

/* The class, per every classifier, and the kernel's view of res->addr. */
static void check_class(size_t op, const struct vk_kmod_op_result *res, enum vk_addr_class want)
{
	EXPECT(op, "class (module core)", res->core_class, want);
	EXPECT(op, "class (model)", vkm_addr_classify(&kvf_layout, res->addr), want);
	EXPECT(op, "class (core)", vk_addr_classify(&kvf_layout, res->addr), want);
	EXPECT(op, "kernel is_vmalloc_addr/virt_addr_valid", res->kernel_bits, kernel_bits_of(want));
	if (want == VK_ADDR_NULL)
		EXPECT(op, "NULL pointer", res->addr, 0);
	if (want == VK_ADDR_ZERO_SIZE)
		EXPECT(op, "ZERO_SIZE_PTR", res->addr, VK_ZERO_SIZE_PTR_ADDR);
}

static void check_no_overlap(size_t op, unsigned int self)
{
	const struct kvf_slot *n = &kvf_slots[self];
	uint64_t a = n->addr, ae = a + (n->req_bytes ? n->req_bytes : 1u);
	unsigned int i;

	for (i = 0; i < VK_OPS_SLOTS; i++) {
		const struct kvf_slot *o = &kvf_slots[i];
		uint64_t b = o->addr, be = b + (o->req_bytes ? o->req_bytes : 1u);

		if (i != self && has_memory(o->cls) && a < be && b < ae)
			fail(op, "live allocations overlap", a, b);
	}
}

/**
 * struct kvf_pred - the predicted outcome of one alloc record.
 * @status: enum vk_ops_status. @req_bytes: bytes (SIZE_MAX on overflow).
 * @cls: class. @trace: VK_OPS_T_*. @zeroed: a zeroing request.
 * @ksize_bytes: routed bytes for direct-map memory.
 */
struct kvf_pred {
	enum vk_ops_status status;
	uint64_t req_bytes;
	enum vk_addr_class cls;
	uint8_t trace;
	bool zeroed;
	uint64_t ksize_bytes;
};

/* kmalloc of @bytes: ZERO_SIZE_PTR, NULL (refused) or direct-map memory. */
static enum vk_addr_class kmalloc_class(size_t bytes, uint64_t *ksize_bytes)
{
	struct vk_kmalloc_route route = vkm_kmalloc_route(bytes);

	*ksize_bytes = 0;
	if (route.kind == VK_KMALLOC_ZERO)
		return VK_ADDR_ZERO_SIZE;
	if (route.kind == VK_KMALLOC_REFUSE)
		return VK_ADDR_NULL;
	*ksize_bytes = route.bytes;
	return VK_ADDR_DIRECT;
}

/*
 * A real (not injected) failure of a kmalloc attempt the module reported,
 * accepted only where the page allocator may fail: above one page, and then
 * only without direct reclaim, with NORETRY or RETRY_MAYFAIL, or above
 * PAGE_ALLOC_COSTLY_ORDER (3); smaller blocking requests loop instead.
 */
static bool real_failure(size_t bytes, vk_gfp_t attempt, bool failed)
{
	bool may_fail = (attempt.bits & VK___GFP_DIRECT_RECLAIM) == 0u ||
			(attempt.bits & (VK___GFP_NORETRY | VK___GFP_RETRY_MAYFAIL)) != 0u ||
			vkm_get_order(bytes) > 3u;

	if (!failed || bytes <= VK_PAGE_SIZE || !may_fail)
		return false;
	kvf_real_failures++;
	if (kvf_real_failures <= 8u)
		fprintf(stderr, "kmod_vs_model: note: real allocation failure of %zu bytes accepted\n",
			bytes);
	return true;
}

static struct kvf_pred predict_alloc(const struct vk_ops_req *q, const struct vk_kmod_op_result *res)
{
	struct kvf_pred p = { VK_OPS_OK, 0, VK_ADDR_NULL, 0, false, 0 };
	size_t bytes = q->n;
	bool overflow = false;
	struct vk_kv_plan plan;
	vk_gfp_t f;

	if ((q->flags.bits & ~(uint32_t)VK_OPS_FLAGS_ALLOWED) != 0u || !vkm_api_flags(q->api, q->flags, &f)) {
		p.status = VK_OPS_BAD_FLAGS;
		return p;
	}
	if (vk_ops_api_is_array(q->api))
		overflow = !vkm_array_bytes(q->n, q->elem_bytes, &bytes);
	p.req_bytes = overflow ? (uint64_t)SIZE_MAX : (uint64_t)bytes;
	p.zeroed = (f.bits & VK___GFP_ZERO) != 0u;
	plan = vkm_kvmalloc_plan(VK_PROFILE_LINUX_6_1, bytes, f);
	if (overflow) { /* NULL; the kv family still says who served it */
		if (vk_ops_api_is_kv(q->api))
			p.trace = q->kernel_kv && !q->inject ? VK_OPS_T_KERNEL_KV : VK_OPS_T_CORE_KV;
		return p;
	}
	switch (q->api) {
	case VK_API_VMALLOC:
	case VK_API_VZALLOC:
		if (bytes == 0)
			p.status = VK_OPS_SKIP_WARN;
		else if (bytes > VK_OPS_CAP_BYTES)
			p.status = VK_OPS_SKIP_SIZE;
		p.cls = VK_ADDR_VMALLOC;
		return p;
	case VK_API_KMALLOC:
	case VK_API_KZALLOC:
	case VK_API_KCALLOC:
	case VK_API_KMALLOC_ARRAY:
		p.cls = kmalloc_class(bytes, &p.ksize_bytes);
		if (p.cls == VK_ADDR_DIRECT && real_failure(bytes, f, res->addr == 0))
			p.cls = VK_ADDR_NULL;
		return p;
	default:
		break;
	}
	if (bytes > VK_OPS_CAP_BYTES && plan.on_fail == VK_KV_FAIL_VMALLOC) {
		p.status = VK_OPS_SKIP_SIZE;
		return p;
	}
	if (q->kernel_kv && !q->inject) {
		p.trace = VK_OPS_T_KERNEL_KV;
		p.cls = kmalloc_class(bytes, &p.ksize_bytes);
		if (p.cls == VK_ADDR_DIRECT &&
		    real_failure(bytes, plan.kmalloc_flags, res->core_class != VK_ADDR_DIRECT))
			p.cls = VK_ADDR_NULL;
	} else {
		p.trace = VK_OPS_T_CORE_KV;
		if (q->inject && bytes != 0) {
			p.trace |= VK_OPS_T_INJECTED;
			p.cls = VK_ADDR_NULL;
		} else {
			p.trace |= VK_OPS_T_K_CALLED;
			p.cls = kmalloc_class(bytes, &p.ksize_bytes);
			if (p.cls == VK_ADDR_DIRECT &&
			    real_failure(bytes, plan.kmalloc_flags, (res->trace & VK_OPS_T_K_NULL) != 0u))
				p.cls = VK_ADDR_NULL;
		}
		if (p.cls == VK_ADDR_NULL)
			p.trace |= VK_OPS_T_K_NULL;
	}
	if (p.cls == VK_ADDR_NULL) {
		p.ksize_bytes = 0;
		if (plan.on_fail == VK_KV_FAIL_VMALLOC) {
			p.cls = VK_ADDR_VMALLOC;
			if (p.trace & VK_OPS_T_CORE_KV)
				p.trace |= VK_OPS_T_V_CALLED;
		}
	}
	return p;
}

static void op_alloc(size_t op, const struct vk_ops_req *q, const struct vk_kmod_op_result *res)
{
	struct kvf_slot *s = &kvf_slots[q->slot];
	struct kvf_pred p = predict_alloc(q, res);
	bool had = has_memory(s->cls);

	EXPECT(op, "status", res->status, p.status);
	if (p.status != VK_OPS_OK) {
		EXPECT(op, "skipped op freed", res->freed, 0);
		EXPECT(op, "skipped op address", res->addr, 0);
		return;
	}
	EXPECT(op, "bytes requested", res->req_bytes, p.req_bytes);
	EXPECT(op, "previous allocation freed", res->freed, had ? 1u : 0u);
	EXPECT(op, "pattern of the previous allocation", res->pattern_ok,
	       had ? VK_OPS_HELD : VK_OPS_NOT_CHECKED);
	memset(s, 0, sizeof(*s));
	EXPECT(op, "trace (kmalloc/vmalloc calls)", res->trace, p.trace);
	check_class(op, res, p.cls);
	EXPECT(op, "ksize", res->ksize_bytes, p.ksize_bytes);
	EXPECT(op, "zeroing", res->zero_ok,
	       p.zeroed && has_memory(p.cls) ? VK_OPS_HELD : VK_OPS_NOT_CHECKED);
	if (p.cls == VK_ADDR_NULL)
		return;
	s->addr = res->addr;
	s->req_bytes = (size_t)p.req_bytes;
	s->ksize_bytes = p.ksize_bytes;
	s->cls = p.cls;
	if (has_memory(p.cls))
		check_no_overlap(op, q->slot);
}

static void op_slot(size_t op, const struct vk_ops_req *q, const struct vk_kmod_op_result *res)
{
	struct kvf_slot *s = &kvf_slots[q->slot];
	bool mem = has_memory(s->cls);

	if (s->cls == VK_ADDR_NULL) {
		EXPECT(op, "status (empty slot)", res->status, VK_OPS_EMPTY);
		EXPECT(op, "empty slot address", res->addr, 0);
		return;
	}
	EXPECT(op, "status", res->status, VK_OPS_OK);
	EXPECT(op, "pattern", res->pattern_ok, mem ? VK_OPS_HELD : VK_OPS_NOT_CHECKED);
	if (q->kind == VK_OPS_FREE) {
		EXPECT(op, "freed", res->freed, mem ? 1u : 0u);
		EXPECT(op, "address after free", res->addr, 0);
		memset(s, 0, sizeof(*s));
		return;
	}
	EXPECT(op, "freed", res->freed, 0);
	EXPECT(op, "slot address", res->addr, s->addr);
	check_class(op, res, s->cls);
	EXPECT(op, "ksize of a live pointer", res->ksize_bytes, s->ksize_bytes);
}

static void op_reset(size_t op, const struct vk_kmod_op_result *res)
{
	unsigned int n = live_slots();

	EXPECT(op, "status", res->status, VK_OPS_OK);
	EXPECT(op, "reset freed", res->freed, n);
	EXPECT(op, "patterns at reset", res->pattern_ok, n ? VK_OPS_HELD : VK_OPS_NOT_CHECKED);
	memset(kvf_slots, 0, sizeof(kvf_slots));
}

static void open_module(void)
{
	unsigned long long v[6];
	FILE *lf;

	kvf_fd = open(KVF_SEQ_PATH, O_RDWR);
	lf = fopen(KVF_LAYOUT_PATH, "r");
	if (kvf_fd < 0 || !lf || fscanf(lf, "%llx %llx %llx %llx %llx %llx", &v[0], &v[1], &v[2],
					&v[3], &v[4], &v[5]) != 6) {
		fprintf(stderr, "kmod_vs_model: cannot use %s and %s: load vkalloc.ko "
				"(this target runs inside the guest of tests/kernel/run.sh)\n",
			KVF_SEQ_PATH, KVF_LAYOUT_PATH);
		exit(1);
	}
	fclose(lf);
	kvf_layout.direct.start = v[0];
	kvf_layout.direct.end = v[1];
	kvf_layout.vmalloc.start = v[2];
	kvf_layout.vmalloc.end = v[3];
	kvf_layout.modules.start = v[4];
	kvf_layout.modules.end = v[5];
	if (!vkm_layout_valid(&kvf_layout) || !vk_layout_valid(&kvf_layout)) {
		fprintf(stderr, "kmod_vs_model: the module's layout is invalid\n");
		exit(1);
	}
}

/**
 * LLVMFuzzerTestOneInput - run one op sequence in the module and compare.
 * @data: the input (8-byte records). @size_bytes: its length.
 *
 * Return: 0 (differences trap).
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size_bytes);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size_bytes)
{
	static uint8_t recs[(KVF_MAX_OPS + 1u) * VK_OPS_REC_BYTES];
	static struct vk_kmod_op_result res[KVF_MAX_OPS + 1u];
	size_t ops = size_bytes / VK_OPS_REC_BYTES, k, len;
	ssize_t got;

	if (kvf_fd < 0)
		open_module();
	if (ops > KVF_MAX_OPS)
		ops = KVF_MAX_OPS;
	if (ops)
		memcpy(recs, data, ops * VK_OPS_REC_BYTES);
	memset(recs + ops * VK_OPS_REC_BYTES, 0, VK_OPS_REC_BYTES);
	recs[ops * VK_OPS_REC_BYTES] = VK_OPS_RESET; /* free everything at the end */
	len = (ops + 1u) * VK_OPS_REC_BYTES;
	if (write(kvf_fd, recs, len) != (ssize_t)len)
		fail(ops, "write to the seq file", 0, len);
	got = pread(kvf_fd, res, (ops + 1u) * sizeof(res[0]), 0);
	if (got != (ssize_t)((ops + 1u) * sizeof(res[0])))
		fail(ops, "result bytes read", (unsigned long long)got, (ops + 1u) * sizeof(res[0]));
	memset(kvf_slots, 0, sizeof(kvf_slots));
	for (k = 0; k <= ops; k++) {
		struct vk_ops_req q = vk_ops_decode(recs + k * VK_OPS_REC_BYTES);

		EXPECT(k, "kind", res[k].kind, q.kind);
		EXPECT(k, "slot", res[k].slot, q.slot);
		if (q.kind == VK_OPS_ALLOC)
			op_alloc(k, &q, &res[k]);
		else if (q.kind == VK_OPS_RESET)
			op_reset(k, &res[k]);
		else
			op_slot(k, &q, &res[k]);
		EXPECT(k, "live allocations", res[k].live, live_slots());
	}
	return 0;
}
