/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * target.c - user_vs_model: operation sequences on the userspace backend
 * (backends/user), each outcome compared with a prediction made from the
 * reference model (spec/model, vkm_*) plus memory oracles:
 *  - the result (NULL, ZERO_SIZE_PTR, direct map, vmalloc) is the predicted one,
 *    including failures injected on the kmalloc and vmalloc sites;
 *  - zeroed memory reads zero; the pattern written is intact at free/realloc;
 *  - no two live allocations overlap; ksize is the routed bucket/block;
 *  - the core's and the model's classification and free route of every pointer
 *    agree with the prediction; bad frees return the predicted error and change nothing;
 *  - after freeing everything, every live counter of the heap is zero.
 * Any difference: a message on stderr, then __builtin_trap().
 *
 * Input: 8-byte records (at most VKF_MAX_OPS):
 *   b0 op(0-2)|kmalloc fault mode(3,4)|vmalloc fault mode(5,6)
 *   b1 slot(0-3)|profile(4,5)|inject k(6)|inject v(7)
 *   b2 api (255: unknown api)   b3,b4 size (kind = b3 % 8, raw = b4 | (b3 >> 3) << 8)
 *   b5 elem(0-2)|free kind(3,4)|named entry point(5)|kvrealloc(6)|flag noise(7)
 *   b6 flags (bit 7 in a bad-free op: bad krealloc/kvrealloc)   b7 pattern / noise bit
 */
#include <stdio.h>
#include <string.h>

#include "backends/user/vku.h"
#include "spec/model/vk_model.h"

#define VKF_SLOTS 16u
#define VKF_MAX_OPS 48u
#define VKF_REC_BYTES 8u
#define VKF_DIRECT_BYTES ((size_t)512 << 20)
#define VKF_REGION_BYTES ((size_t)1 << 30) /* vmalloc region */
#define VKF_SAFE_BYTES ((size_t)16 << 20) /* 48 ops of this size fit the regions: no real ENOMEM */
#define VKF_FULL_BYTES ((size_t)16384) /* every byte below this offset is touched */
#define VKF_ZP ((void *)(uintptr_t)VK_ZERO_SIZE_PTR_ADDR)

/**
 * struct vkf_slot - one live allocation the harness tracks.
 * @p: the pointer (NULL: empty slot; ZERO_SIZE_PTR is tracked too).
 * @req_bytes: bytes asked for.
 * @backing_bytes: predicted ksize for kmalloc memory (0 for vmalloc).
 * @cls: predicted class.
 * @pattern: pattern seed; the pattern covers @pattern_bytes bytes.
 * @pattern_bytes: bytes holding the pattern.
 */
struct vkf_slot {
	void *p;
	size_t req_bytes;
	size_t backing_bytes;
	enum vk_addr_class cls;
	uint8_t pattern;
	size_t pattern_bytes;
};

/**
 * struct vkf_state - the harness state of one input.
 * @heap: the backend heap. @layout: its layout. @slots: live allocations.
 * @profile: the heap's current profile. @bad_frees: bad frees predicted.
 * @injected: injected failures predicted per site. @last_freed: a freed pointer.
 */
struct vkf_state {
	struct vku_heap *heap;
	struct vk_layout layout;
	struct vkf_slot slots[VKF_SLOTS];
	enum vk_profile profile;
	uint64_t bad_frees;
	uint64_t injected[VKU_SITE_COUNT];
	void *last_freed;
};

/**
 * struct vkf_pred - a predicted allocation outcome.
 * @cls: VK_ADDR_NULL, VK_ADDR_ZERO_SIZE, VK_ADDR_DIRECT or VK_ADDR_VMALLOC.
 * @zeroed: the memory must read zero.
 * @backing_bytes: ksize for direct-map memory.
 * @inj_k: a kmalloc failure is injected. @inj_v: a vmalloc failure is injected.
 */
struct vkf_pred {
	enum vk_addr_class cls;
	bool zeroed;
	size_t backing_bytes;
	bool inj_k;
	bool inj_v;
};

static _Noreturn void fail(const char *what, unsigned long long a, unsigned long long b)
{
	fprintf(stderr, "user_vs_model: %s (%llu, %llu)\n", what, a, b);
	__builtin_trap();
}

static bool flags_known(vk_gfp_t f)
{
	return (f.bits & ~VK_GFP_KNOWN_MASK) == 0u;
}

/* kmalloc(size, f) with a possibly armed kmalloc injection. */
static struct vkf_pred predict_kmalloc(size_t size, vk_gfp_t f, bool inject)
{
	struct vkf_pred r = { VK_ADDR_NULL, false, 0, false, false };
	struct vk_kmalloc_route route;

	if (!flags_known(f))
		return r;
	route = vkm_kmalloc_route(size);
	if (route.kind == VK_KMALLOC_ZERO) {
		r.cls = VK_ADDR_ZERO_SIZE;
		return r;
	}
	if (route.kind == VK_KMALLOC_REFUSE)
		return r;
	if (inject && (f.bits & VK___GFP_NOFAIL) == 0u) {
		r.inj_k = true;
		return r;
	}
	r.cls = VK_ADDR_DIRECT;
	r.zeroed = (f.bits & VK___GFP_ZERO) != 0u;
	r.backing_bytes = route.bytes;
	return r;
}

static struct vkf_pred predict_vmalloc(size_t size, vk_gfp_t f, bool inject)
{
	struct vkf_pred r = { VK_ADDR_NULL, false, 0, false, false };

	if (!flags_known(f) || size == 0 || size > VKF_REGION_BYTES - VK_PAGE_SIZE)
		return r;
	if (inject && (f.bits & VK___GFP_NOFAIL) == 0u) {
		r.inj_v = true;
		return r;
	}
	r.cls = VK_ADDR_VMALLOC;
	r.zeroed = (f.bits & VK___GFP_ZERO) != 0u;
	return r;
}

static struct vkf_pred predict_kvmalloc(enum vk_profile profile, size_t size, vk_gfp_t f,
					 bool inj_k, bool inj_v)
{
	struct vkf_pred none = { VK_ADDR_NULL, false, 0, false, false };
	struct vkf_pred k, v;
	struct vk_kv_plan plan;

	if (!flags_known(f))
		return none;
	plan = vkm_kvmalloc_plan(profile, size, f);
	if (!plan.try_kmalloc)
		return none;
	k = predict_kmalloc(size, plan.kmalloc_flags, inj_k);
	if (k.cls != VK_ADDR_NULL || plan.on_fail != VK_KV_FAIL_VMALLOC)
		return k;
	v = predict_vmalloc(size, plan.vmalloc_flags, inj_v);
	v.inj_k = k.inj_k;
	return v;
}

static bool api_is_array(enum vk_api api)
{
	return api == VK_API_KCALLOC || api == VK_API_KMALLOC_ARRAY ||
	       api == VK_API_KVCALLOC || api == VK_API_KVMALLOC_ARRAY;
}

static struct vkf_pred predict_api(enum vk_profile profile, enum vk_api api, size_t n,
				   size_t elem, vk_gfp_t caller, bool inj_k, bool inj_v)
{
	struct vkf_pred none = { VK_ADDR_NULL, false, 0, false, false };
	size_t bytes = n;
	vk_gfp_t f;

	if (!vkm_api_flags(api, caller, &f))
		return none;
	if (api_is_array(api) && !vkm_array_bytes(n, elem, &bytes))
		return none;
	switch (api) {
	case VK_API_KMALLOC:
	case VK_API_KZALLOC:
	case VK_API_KCALLOC:
	case VK_API_KMALLOC_ARRAY:
		return predict_kmalloc(bytes, f, inj_k);
	case VK_API_VMALLOC:
	case VK_API_VZALLOC:
		return predict_vmalloc(bytes, f, inj_v);
	default:
		return predict_kvmalloc(profile, bytes, f, inj_k, inj_v);
	}
}

/*
 * Offsets the harness touches: all below VKF_FULL_BYTES, then the first and
 * last byte of every 64 KiB up to VKF_SPARSE_BYTES, then of every 1 MiB
 * (touching every page of multi-MiB areas costs page faults that dominate
 * the run time: large zeroed areas get fresh pages).
 */
#define VKF_SPARSE_BYTES ((size_t)1 << 20)
static size_t next_offset(size_t i)
{
	size_t j = i + 1u;
	size_t mask = j < VKF_SPARSE_BYTES ? 65535u : VKF_SPARSE_BYTES - 1u;

	if (j < VKF_FULL_BYTES || (j & mask) == 0u || (j & mask) == mask)
		return j;
	return j | mask;
}

static uint8_t pattern_at(uint8_t seed, size_t i)
{
	return (uint8_t)((seed ^ (uint8_t)(i * 131u) ^ (uint8_t)(i >> 8) ^ 0x5au) | 1u);
}

/*
 * The pattern of the first @bytes (<= VKF_FULL_BYTES) for one seed, cached per
 * seed and computed only as far as asked (memcpy/memcmp keep the harness fast).
 */
static const uint8_t *pattern_head(uint8_t seed, size_t bytes)
{
	static uint8_t head[256][VKF_FULL_BYTES];
	static size_t cached_bytes[256];
	size_t i;

	for (i = cached_bytes[seed]; i < bytes; i++)
		head[seed][i] = pattern_at(seed, i);
	if (bytes > cached_bytes[seed])
		cached_bytes[seed] = bytes;
	return head[seed];
}

static size_t min_size(size_t a, size_t b)
{
	return a < b ? a : b;
}

static void write_pattern(struct vkf_slot *s, uint8_t seed)
{
	uint8_t *b = s->p;
	size_t i;

	if (s->cls != VK_ADDR_DIRECT && s->cls != VK_ADDR_VMALLOC)
		return;
	memcpy(b, pattern_head(seed, min_size(s->req_bytes, VKF_FULL_BYTES)),
	       min_size(s->req_bytes, VKF_FULL_BYTES));
	for (i = next_offset(VKF_FULL_BYTES - 1u); i < s->req_bytes; i = next_offset(i))
		b[i] = pattern_at(seed, i);
	s->pattern = seed;
	s->pattern_bytes = s->req_bytes;
}

static void check_pattern(const struct vkf_slot *s)
{
	const uint8_t *b = s->p;
	size_t i;

	if (s->cls != VK_ADDR_DIRECT && s->cls != VK_ADDR_VMALLOC)
		return;
	if (memcmp(b, pattern_head(s->pattern, min_size(s->pattern_bytes, VKF_FULL_BYTES)),
		   min_size(s->pattern_bytes, VKF_FULL_BYTES)) != 0)
		fail("pattern corrupted in the head (size, pattern bytes)", s->req_bytes, s->pattern_bytes);
	for (i = next_offset(VKF_FULL_BYTES - 1u); i < s->pattern_bytes; i = next_offset(i))
		if (b[i] != pattern_at(s->pattern, i))
			fail("pattern corrupted at offset/size", i, s->req_bytes);
}

static void check_zero(const void *p, size_t bytes)
{
	static const uint8_t zeros[VKF_FULL_BYTES];
	const uint8_t *b = p;
	size_t i;

	if (memcmp(b, zeros, min_size(bytes, VKF_FULL_BYTES)) != 0)
		fail("zeroed memory is not zero in the head (size)", bytes, 0);
	for (i = next_offset(VKF_FULL_BYTES - 1u); i < bytes; i = next_offset(i))
		if (b[i] != 0)
			fail("zeroed memory is not zero at offset/size", i, bytes);
}

static void check_class(struct vkf_state *st, const void *p, enum vk_addr_class want)
{
	uint64_t a = (uint64_t)(uintptr_t)p;
	enum vk_addr_class core = vk_addr_classify(&st->layout, a);
	enum vk_addr_class model = vkm_addr_classify(&st->layout, a);
	enum vk_free_route route = vkm_free_route(&st->layout, a);
	enum vk_free_route want_route = want == VK_ADDR_DIRECT ? VK_FREE_KFREE
				      : want == VK_ADDR_VMALLOC ? VK_FREE_VFREE : VK_FREE_NOOP;

	if (core != want || model != want)
		fail("class (core, model) differs from prediction", (unsigned long long)core * 10u + model, want);
	if (route != want_route || vk_free_route(&st->layout, a) != want_route)
		fail("free route differs from prediction", route, want_route);
}

static void check_no_overlap(struct vkf_state *st, const struct vkf_slot *n, unsigned int self)
{
	uint64_t a = (uint64_t)(uintptr_t)n->p, ae = a + (n->req_bytes ? n->req_bytes : 1u);
	unsigned int i;

	if (n->cls != VK_ADDR_DIRECT && n->cls != VK_ADDR_VMALLOC)
		return;
	for (i = 0; i < VKF_SLOTS; i++) {
		const struct vkf_slot *o = &st->slots[i];
		uint64_t b = (uint64_t)(uintptr_t)o->p, be = b + (o->req_bytes ? o->req_bytes : 1u);

		if (i == self || (o->cls != VK_ADDR_DIRECT && o->cls != VK_ADDR_VMALLOC))
			continue;
		if (a < be && b < ae)
			fail("live allocations overlap", a, b);
	}
}

static void free_slot(struct vkf_state *st, struct vkf_slot *s, unsigned int kind)
{
	int rc;

	if (!s->p)
		return;
	check_pattern(s);
	if (kind == 1u && s->cls == VK_ADDR_DIRECT)
		rc = vku_kfree(st->heap, s->p);
	else if (kind == 1u && s->cls == VK_ADDR_VMALLOC)
		rc = vku_vfree(st->heap, s->p);
	else if (kind == 2u)
		rc = vku_kvfree_sensitive(st->heap, s->p, s->req_bytes);
	else
		rc = vku_kvfree(st->heap, s->p);
	if (rc != 0)
		fail("valid free returned an error", (unsigned long long)-rc, s->cls);
	if (s->cls == VK_ADDR_DIRECT || s->cls == VK_ADDR_VMALLOC)
		st->last_freed = s->p;
	memset(s, 0, sizeof(*s));
}

static size_t decode_size(uint8_t b3, uint8_t b4)
{
	static const size_t table[] = {
		0, 1, 8, 9, 96, 97, 192, 193, 1024, 1025, 2048, 4096, 4097, 8192, 8193,
		VK_KMALLOC_MAX_SIZE, VK_KMALLOC_MAX_SIZE + 1u, VK_INT_MAX_BYTES, VK_INT_MAX_BYTES + 1u,
		SIZE_MAX, SIZE_MAX / 2u + 1u, VKF_REGION_BYTES, ((size_t)2 << 20) + 1u, 3000,
	};
	size_t raw = (size_t)b4 | ((size_t)(b3 >> 3) << 8);

	switch (b3 % 8u) {
	case 0:
		return table[raw % (sizeof(table) / sizeof(table[0]))];
	case 1:
		return raw % 256u + 1u;
	case 2:
		return raw + 1u;
	case 3:
		return (raw + 1u) * 8u;
	case 4: /* up to 256 KiB: slab and page orders 0..6 */
		return (raw % 512u + 1u) * 512u;
	case 5: /* page multiples up to 256 KiB (order 6); larger sizes come from the table */
		return (raw % 64u + 1u) * 4096u;
	default:
		return raw;
	}
}

static vk_gfp_t decode_flags(uint8_t b5, uint8_t b6, uint8_t b7)
{
	static const uint32_t table[] = {
		VK_GFP_KERNEL_BITS, VK_GFP_ATOMIC_BITS, VK_GFP_NOWAIT_BITS, VK_GFP_NOIO_BITS,
		VK_GFP_NOFS_BITS, VK_GFP_USER_BITS, VK_GFP_KERNEL_ACCOUNT_BITS,
		VK_GFP_KERNEL_BITS | VK___GFP_NOFAIL, VK_GFP_KERNEL_BITS | VK___GFP_RETRY_MAYFAIL,
		VK_GFP_KERNEL_BITS | VK___GFP_NORETRY, VK_GFP_KERNEL_BITS | VK___GFP_NOWARN,
		VK_GFP_KERNEL_BITS | VK___GFP_DMA, 0, VK_GFP_KERNEL_BITS | 0x01000000u,
		VK___GFP_NOFAIL, VK_GFP_KERNEL_BITS | VK___GFP_ZERO,
	};
	uint32_t f = table[b6 % (sizeof(table) / sizeof(table[0]))];

	if (b5 & 0x80u)
		f ^= 1u << (b7 & 31u);
	return VK_GFP(f);
}

/* Sizes the regions could serve only if little else is live: not predictable, skipped. */
static bool size_unpredictable(size_t bytes)
{
	return bytes > VKF_SAFE_BYTES && bytes <= VKF_REGION_BYTES - VK_PAGE_SIZE;
}

static void check_result(struct vkf_state *st, unsigned int idx, void *p, size_t req,
			 const struct vkf_pred *pr, uint8_t seed, bool write)
{
	struct vkf_slot *s = &st->slots[idx];

	check_class(st, p, pr->cls);
	st->injected[VKU_SITE_KMALLOC] += pr->inj_k;
	st->injected[VKU_SITE_VMALLOC] += pr->inj_v;
	if (!p)
		return;
	s->p = p;
	s->req_bytes = req;
	s->cls = pr->cls;
	s->backing_bytes = pr->backing_bytes;
	s->pattern_bytes = 0;
	if (pr->cls == VK_ADDR_DIRECT && vku_ksize(st->heap, p) != pr->backing_bytes)
		fail("ksize differs from the routed bytes", vku_ksize(st->heap, p), pr->backing_bytes);
	check_no_overlap(st, s, idx);
	if (pr->zeroed)
		check_zero(p, req);
	if (write)
		write_pattern(s, seed);
}

/* The named entry point of @api when there is one for @f (b5 bit 5), else vku_alloc_api(). */
static void *call_api(struct vku_heap *h, enum vk_api api, size_t n, size_t elem, vk_gfp_t f,
		      const uint8_t *r)
{
	bool kernel = f.bits == VK_GFP_KERNEL_BITS;

	if (!(r[5] & 0x20u))
		return vku_alloc_api(h, api, n, elem, f);
	switch (api) {
	case VK_API_KMALLOC:
		return vku_kmalloc(h, n, f);
	case VK_API_KZALLOC:
		return vku_kzalloc(h, n, f);
	case VK_API_KCALLOC:
		return vku_kcalloc(h, n, elem, f);
	case VK_API_KMALLOC_ARRAY:
		return vku_kmalloc_array(h, n, elem, f);
	case VK_API_VMALLOC:
		return kernel ? vku_vmalloc(h, n) : vku_alloc_api(h, api, n, elem, f);
	case VK_API_VZALLOC:
		return kernel ? vku_vzalloc(h, n) : vku_alloc_api(h, api, n, elem, f);
	case VK_API_KVMALLOC:
		return (r[7] & 0x80u) ? vku_kvmalloc_node(h, n, f, 0) : vku_kvmalloc(h, n, f);
	case VK_API_KVZALLOC:
		return vku_kvzalloc(h, n, f);
	case VK_API_KVCALLOC:
		return vku_kvcalloc(h, n, elem, f);
	case VK_API_KVMALLOC_ARRAY:
		return vku_kvmalloc_array(h, n, elem, f);
	default:
		return vku_alloc_api(h, api, n, elem, f);
	}
}

/* A NULL result leaves an error code, a non-NULL one VKU_OK; every code has a name. */
static void check_last_error(struct vkf_state *st, const void *p)
{
	enum vku_err e = vku_last_error(st->heap);

	if ((p == NULL) != (e != VKU_OK))
		fail("last error does not match the result (error, got NULL)", e, p == NULL);
	if (strcmp(vku_err_name(e), vku_err_name(VKU_ERR_COUNT)) == 0)
		fail("error code without a name", e, 0);
}

static void op_alloc(struct vkf_state *st, const uint8_t *r, bool inj_k, bool inj_v)
{
	unsigned int idx = r[1] & (VKF_SLOTS - 1u);
	/* b2 == 255: an api number the core does not know (NULL, nothing allocated) */
	enum vk_api api = r[2] == 255u ? VK_API_COUNT : (enum vk_api)(r[2] % VK_API_COUNT);
	size_t n = decode_size(r[3], r[4]);
	static const size_t elems[] = { 1, 2, 8, 24, 4096, SIZE_MAX / 2u + 1u, SIZE_MAX, 0 };
	size_t elem = elems[r[5] & 7u];
	vk_gfp_t f = decode_flags(r[5], r[6], r[7]);
	struct vkf_pred pr = predict_api(st->profile, api, n, elem, f, inj_k, inj_v);
	size_t req = api_is_array(api) ? vkm_array_size(n, elem) : n;
	void *p;

	if (size_unpredictable(req))
		return;
	free_slot(st, &st->slots[idx], 0);
	p = call_api(st->heap, api, n, elem, f, r);
	check_last_error(st, p);
	check_result(st, idx, p, req, &pr, r[7], true);
}

static void op_realloc(struct vkf_state *st, const uint8_t *r, bool inj_k, bool inj_v)
{
	struct vkf_slot *s = &st->slots[r[1] & (VKF_SLOTS - 1u)];
	struct vkf_slot old = *s;
	size_t new_bytes = decode_size(r[3], r[4]);
	vk_gfp_t f = decode_flags(r[5], r[6], r[7]);
	struct vkf_pred pr;
	void *q;

	if (size_unpredictable(new_bytes))
		return;
	check_pattern(s);
	if (s->cls == VK_ADDR_VMALLOC || (r[5] & 0x40u)) {
		/* kvrealloc (v5.15-v6.11): old >= new keeps p; else kvmalloc, copy, kvfree */
		if (old.req_bytes >= new_bytes) {
			if (vku_kvrealloc(st->heap, s->p, old.req_bytes, new_bytes, f) != s->p)
				fail("kvrealloc shrink moved", old.req_bytes, new_bytes);
			return;
		}
		pr = predict_kvmalloc(st->profile, new_bytes, f, inj_k, inj_v);
		q = vku_kvrealloc(st->heap, s->p, old.req_bytes, new_bytes, f);
	} else {
		if (!flags_known(f)) {
			pr = predict_kmalloc(new_bytes, f, inj_k);
		} else if (old.cls == VK_ADDR_DIRECT && new_bytes == 0) {
			pr.cls = VK_ADDR_ZERO_SIZE;
			pr.inj_k = pr.inj_v = pr.zeroed = false;
			pr.backing_bytes = 0;
		} else if (old.cls == VK_ADDR_DIRECT && old.backing_bytes >= new_bytes) {
			if (vku_krealloc(st->heap, s->p, new_bytes, f) != s->p)
				fail("krealloc within ksize moved", old.backing_bytes, new_bytes);
			s->req_bytes = new_bytes;
			if (s->pattern_bytes > new_bytes)
				s->pattern_bytes = new_bytes;
			return;
		} else {
			pr = predict_kmalloc(new_bytes, f, inj_k);
		}
		q = vku_krealloc(st->heap, s->p, new_bytes, f);
	}
	if (!q && pr.cls == VK_ADDR_NULL) {
		check_class(st, q, VK_ADDR_NULL);
		st->injected[VKU_SITE_KMALLOC] += pr.inj_k;
		st->injected[VKU_SITE_VMALLOC] += pr.inj_v;
		check_pattern(s); /* old memory kept */
		return;
	}
	if (old.p && old.p != VKF_ZP && q != old.p)
		st->last_freed = old.p;
	memset(s, 0, sizeof(*s));
	pr.zeroed = false; /* the copied head is not zero; only the class and ksize are checked */
	check_result(st, (unsigned int)(s - st->slots), q, new_bytes, &pr, old.pattern, false);
	/* the copied head still holds the old pattern */
	if (q && q != VKF_ZP && old.pattern_bytes) {
		s->pattern = old.pattern;
		s->pattern_bytes = old.pattern_bytes < new_bytes ? old.pattern_bytes : new_bytes;
		check_pattern(s);
	}
	write_pattern(s, old.pattern);
}

/* No live allocation changed since @before. */
static void check_unchanged(struct vkf_state *st, const struct vku_stats *before)
{
	struct vku_stats after;
	unsigned int i;

	vku_get_stats(st->heap, &after);
	for (i = 0; i < VKU_CLASS_COUNT; i++)
		if (after.live_count[i] != before->live_count[i] || after.live_bytes[i] != before->live_bytes[i])
			fail("a bad free changed the heap", i, after.live_count[i]);
}

/*
 * krealloc/kvrealloc of a pointer that is not a live allocation of the right
 * kind: NULL, a bad free reported, nothing changed.
 */
static void op_bad_realloc(struct vkf_state *st, const uint8_t *r, const struct vkf_slot *s,
			   const struct vku_stats *before)
{
	void *q;
	unsigned int i;

	if (r[5] & 1u) { /* krealloc of a vmalloc area: the wrong function */
		if (s->cls != VK_ADDR_VMALLOC)
			return;
		q = vku_krealloc(st->heap, s->p, s->req_bytes + 1u, VK_GFP_KERNEL);
	} else { /* krealloc or kvrealloc of a freed pointer no slot holds */
		if (!st->last_freed)
			return;
		for (i = 0; i < VKF_SLOTS; i++)
			if (st->slots[i].p == st->last_freed)
				return;
		q = (r[5] & 2u) ? vku_kvrealloc(st->heap, st->last_freed, 1, 64, VK_GFP_KERNEL)
				: vku_krealloc(st->heap, st->last_freed, 64, VK_GFP_KERNEL);
	}
	if (q)
		fail("realloc of a bad pointer returned memory", (unsigned long long)(uintptr_t)q, 0);
	st->bad_frees++;
	check_unchanged(st, before);
	check_pattern(s);
}

static void op_bad_free(struct vkf_state *st, const uint8_t *r)
{
	struct vkf_slot *s = &st->slots[r[1] & (VKF_SLOTS - 1u)];
	struct vku_stats before;
	uint8_t local = 0;
	int rc, want;
	unsigned int i;

	vku_get_stats(st->heap, &before);
	if (r[6] & 0x80u) {
		op_bad_realloc(st, r, s, &before);
		return;
	}
	switch (r[5] % 6u) {
	case 0: /* double free of a pointer no slot holds now */
		if (!st->last_freed)
			return;
		for (i = 0; i < VKF_SLOTS; i++)
			if (st->slots[i].p == st->last_freed)
				return;
		rc = vku_kvfree(st->heap, st->last_freed);
		want = -VKU_ERR_DOUBLE_FREE;
		break;
	case 1:
		rc = vku_kfree(st->heap, &local);
		want = -VKU_ERR_FOREIGN;
		break;
	case 2: /* interior pointer: never an allocation start for objects of 16+ bytes */
		if (!((s->cls == VK_ADDR_DIRECT && s->backing_bytes >= 16u) || s->cls == VK_ADDR_VMALLOC))
			return;
		rc = vku_kvfree(st->heap, (uint8_t *)s->p + 8);
		want = -VKU_ERR_NOT_ALLOCATED;
		break;
	case 3: /* the wrong free function */
		if (s->cls == VK_ADDR_DIRECT)
			rc = vku_vfree(st->heap, s->p);
		else if (s->cls == VK_ADDR_VMALLOC)
			rc = vku_kfree(st->heap, s->p);
		else
			return;
		want = -VKU_ERR_WRONG_FREE;
		break;
	case 4:
		rc = vku_kvfree(st->heap, (void *)(uintptr_t)st->layout.modules.start);
		want = -VKU_ERR_NOT_ALLOCATED;
		break;
	default:
		rc = vku_vfree(st->heap, VKF_ZP);
		want = -VKU_ERR_FOREIGN;
		break;
	}
	if (rc != want)
		fail("bad free returned the wrong code", (unsigned long long)-rc, (unsigned long long)-want);
	st->bad_frees++;
	check_unchanged(st, &before);
	check_pattern(s);
}

static void op_classify(struct vkf_state *st, const uint8_t *r)
{
	struct vkf_slot *s = &st->slots[r[1] & (VKF_SLOTS - 1u)];
	struct vku_stats before;
	size_t want_ksize;

	if (!s->p) {
		/* freeing NULL or ZERO_SIZE_PTR is a no-op, not a bad free */
		vku_get_stats(st->heap, &before);
		if (vku_kfree(st->heap, NULL) || vku_kfree(st->heap, VKF_ZP) || vku_vfree(st->heap, NULL) ||
		    vku_kvfree(st->heap, NULL) || vku_kvfree(st->heap, VKF_ZP))
			fail("free of NULL or ZERO_SIZE_PTR returned an error", 0, 0);
		check_unchanged(st, &before);
		return;
	}
	/* a heap with live allocations refuses a reset and stays as it is */
	if (s->p != VKF_ZP) {
		vku_get_stats(st->heap, &before);
		if (vku_heap_reset(st->heap) != -VKU_ERR_NOT_ALLOCATED)
			fail("reset accepted with live allocations", 0, 0);
		check_unchanged(st, &before);
	}
	check_class(st, s->p, s->cls);
	check_pattern(s);
	want_ksize = s->cls == VK_ADDR_DIRECT ? s->backing_bytes : 0u;
	if (vku_ksize(st->heap, s->p) != want_ksize)
		fail("ksize of a live pointer", vku_ksize(st->heap, s->p), want_ksize);
}

/*
 * Arm one site to fail its next attempt (no operation makes more than one
 * attempt per site): NTH 1, EVERY 1 or PROB 1000000 (always), chosen by @mode.
 */
static void arm(struct vkf_state *st, enum vku_fault_site site, bool on, unsigned int mode)
{
	static const struct vku_fault modes[4] = {
		{ VKU_FAULT_NTH, 1, 0 }, { VKU_FAULT_EVERY, 1, 0 },
		{ VKU_FAULT_PROB, 1000000, 0 }, { VKU_FAULT_PROB, 1000000, 12345 },
	};
	struct vku_fault f = modes[mode & 3u];

	if (!on)
		f.mode = VKU_FAULT_OFF;

	vku_set_fault(st->heap, site, &f);
}

/**
 * LLVMFuzzerTestOneInput - run one operation sequence and compare.
 * @data: the input. @size_bytes: its length.
 *
 * Return: 0 (differences trap).
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size_bytes);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size_bytes)
{
	struct vku_options o = { .flags = VKU_ON_BAD_FREE_RETURN | VKU_QUIET | VKU_FAST_VFREE |
					  VKU_POISON_ALLOC,
				 .profile = VK_PROFILE_LINUX_6_1, .profile_set = true,
				 .direct_bytes = VKF_DIRECT_BYTES, .vmalloc_bytes = VKF_REGION_BYTES };
	static struct vku_heap *heap;
	static struct vkf_state st;
	struct vku_stats stats;
	size_t ops = size_bytes / VKF_REC_BYTES, k;
	unsigned int i;

	/*
	 * One heap for the process, reset after every input (creating and
	 * unmapping a heap per input made page faults dominate the run time).
	 * VKU_POISON_ALLOC: memory not asked zeroed is poison, never what an
	 * earlier input left, so every input replays alone as it ran here.
	 */
	if (!heap) {
		heap = vku_heap_create(&o);
		if (!heap)
			fail("cannot create a heap", 0, 0);
	}
	memset(&st, 0, sizeof(st));
	st.profile = VK_PROFILE_LINUX_6_1;
	st.heap = heap;
	st.layout = vku_heap_layout(st.heap);
	if (!vkm_layout_valid(&st.layout))
		fail("heap layout invalid", 0, 0);
	if (ops > VKF_MAX_OPS)
		ops = VKF_MAX_OPS;
	for (k = 0; k < ops; k++) {
		const uint8_t *r = data + k * VKF_REC_BYTES;
		bool inj_k = (r[1] & 0x40u) != 0u, inj_v = (r[1] & 0x80u) != 0u;

		if (r[1] & 0x20u) {
			st.profile = (r[1] & 0x10u) ? VK_PROFILE_SEED : VK_PROFILE_LINUX_6_1;
			vku_set_profile(st.heap, st.profile);
		}
		arm(&st, VKU_SITE_KMALLOC, inj_k, r[0] >> 3);
		arm(&st, VKU_SITE_VMALLOC, inj_v, r[0] >> 5);
		switch (r[0] % 8u) {
		case 0:
		case 1:
		case 2:
			op_alloc(&st, r, inj_k, inj_v);
			break;
		case 3:
			free_slot(&st, &st.slots[r[1] & (VKF_SLOTS - 1u)], (r[5] >> 3) % 3u);
			break;
		case 4:
			op_realloc(&st, r, inj_k, inj_v);
			break;
		case 5:
			if (st.slots[r[1] & (VKF_SLOTS - 1u)].p)
				write_pattern(&st.slots[r[1] & (VKF_SLOTS - 1u)], r[7]);
			break;
		case 6:
			op_classify(&st, r);
			break;
		default:
			op_bad_free(&st, r);
			break;
		}
	}
	arm(&st, VKU_SITE_KMALLOC, false, 0);
	arm(&st, VKU_SITE_VMALLOC, false, 0);
	for (i = 0; i < VKF_SLOTS; i++)
		free_slot(&st, &st.slots[i], 0);
	vku_get_stats(st.heap, &stats);
	for (i = 0; i < VKU_CLASS_COUNT; i++)
		if (stats.live_count[i] || stats.live_bytes[i] || stats.live_backing_bytes[i])
			fail("leak: live allocations after freeing all (class, count)", i, stats.live_count[i]);
	if (stats.bad_frees != st.bad_frees)
		fail("bad-free count", stats.bad_frees, st.bad_frees);
	for (i = 0; i < VKU_SITE_COUNT; i++)
		if (stats.injected[i] != st.injected[i])
			fail("injected failures (site, count)", i, stats.injected[i]);
	if (vku_heap_reset(st.heap) != 0)
		fail("heap reset refused with nothing live", 0, 0);
	vku_get_stats(st.heap, &stats);
	if (stats.bad_frees || stats.attempts[VKU_SITE_KMALLOC] || stats.attempts[VKU_SITE_VMALLOC])
		fail("counters not zero after a reset", stats.bad_frees, stats.attempts[VKU_SITE_KMALLOC]);
	return 0;
}
