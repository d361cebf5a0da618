/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * target.c - differential fuzz target: every core/ function against its
 * spec/model/ counterpart.  The input is a sequence of 32-byte records:
 *
 *   byte 0      op selector (% VKF_OP_COUNT)
 *   bytes 1..3  bias selectors for the three 64-bit fields
 *   bytes 4..7  u32 (flags / index / order / scope), little-endian
 *   bytes 8..31 three u64 fields a, b, c, little-endian
 *
 * A bias selector either keeps the raw field or replaces it with an edge
 * value (0, 1, PAGE_SIZE +- 1, 8 KiB, KMALLOC_MAX_SIZE +- 1, INT_MAX,
 * SIZE_MAX, ...), possibly +- 1, or a small value.  Layout ops set the
 * layout later address ops use (presets, built from fields, or raw); each
 * layout set is also checked with vk_layout_valid().
 * Any difference prints the function and its inputs, then traps.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/vk_addr.h"
#include "core/vk_gfp.h"
#include "core/vk_kmalloc.h"
#include "core/vk_kvmalloc.h"
#include "core/vk_size.h"
#include "spec/model/vk_model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size_bytes);

#define VKF_RECORD_BYTES 32u

enum vkf_op {
	VKF_OP_GFP = 0,        /* allow_blocking, zone, migratetype, slab_fix, problems */
	VKF_OP_SCOPE,
	VKF_OP_API,
	VKF_OP_SIZE2,          /* mul, add, sub, array_size, flex, array_bytes */
	VKF_OP_SIZE3,          /* array3, struct_size */
	VKF_OP_KMALLOC,        /* index, get_order, route */
	VKF_OP_BUCKET_ORDER,   /* bucket_bytes, order_bytes */
	VKF_OP_KVMALLOC,
	VKF_OP_LAYOUT_PRESET,
	VKF_OP_LAYOUT_BUILT,
	VKF_OP_LAYOUT_RAW,
	VKF_OP_ADDR,
	VKF_OP_COUNT,
};

static const uint64_t vkf_edges[] = {
	0, 1, 2, 7, 8, 9, 16, 17, 64, 65, 96, 97, 128, 129, 192, 193, 256, 257,
	4095, 4096, 4097, 8191, 8192, 8193, 16384, 16385, 4194303, 4194304, 4194305,
	2147483647u, 2147483648u, 4294967295u, 4294967296u,
	UINT64_MAX, UINT64_MAX / 2u, UINT64_MAX / 2u + 1u, UINT64_MAX - 4095u,
	UINT64_MAX / 4096u, UINT64_MAX / 4096u + 1u,
};

#define VKF_NEDGES (sizeof(vkf_edges) / sizeof(vkf_edges[0]))

static const uint32_t vkf_flag_presets[] = {
	VK_GFP_KERNEL_BITS, VK_GFP_KERNEL_ACCOUNT_BITS, VK_GFP_ATOMIC_BITS,
	VK_GFP_NOWAIT_BITS, VK_GFP_NOIO_BITS, VK_GFP_NOFS_BITS, VK_GFP_USER_BITS,
	VK_GFP_DMA_BITS, VK_GFP_DMA32_BITS, VK_GFP_HIGHUSER_BITS,
	VK_GFP_HIGHUSER_MOVABLE_BITS, VK_GFP_TRANSHUGE_LIGHT_BITS, VK_GFP_TRANSHUGE_BITS, 0,
};

#define VKF_NPRESETS (sizeof(vkf_flag_presets) / sizeof(vkf_flag_presets[0]))

/**
 * vkf_le - read a little-endian unsigned integer.
 * @p: the bytes.
 * @n_bytes: how many (at most 8).
 *
 * Return: the value.
 */
static uint64_t vkf_le(const uint8_t *p, unsigned int n_bytes)
{
	uint64_t v = 0;
	unsigned int i;

	for (i = 0; i < n_bytes; i++)
		v |= (uint64_t)p[i] << (8u * i);
	return v;
}

/**
 * vkf_bias - bias a raw field towards edge values.
 * @sel: the selector byte.
 * @raw: the raw field.
 *
 * Return: raw, an edge value, an edge value +- 1, or a small value.
 */
static uint64_t vkf_bias(uint8_t sel, uint64_t raw)
{
	uint64_t edge = vkf_edges[(unsigned int)(sel >> 2) % VKF_NEDGES];

	switch (sel & 3u) {
	case 0:
		return raw;
	case 1:
		return edge;
	case 2:
		return edge + (raw % 3u) - 1u; /* wraps on purpose at 0 and UINT64_MAX */
	default:
		return raw % 16384u;
	}
}

/**
 * vkf_flags - flags from a selector and a raw u32.
 * @sel: the selector byte.
 * @raw: the raw u32.
 *
 * Return: raw flags, a composite preset, or a preset with some raw bits added.
 */
static vk_gfp_t vkf_flags(uint8_t sel, uint32_t raw)
{
	uint32_t preset = vkf_flag_presets[(unsigned int)(sel >> 2) % VKF_NPRESETS];

	switch (sel & 3u) {
	case 0:
		return VK_GFP(raw);
	case 1:
		return VK_GFP(preset);
	case 2:
		return VK_GFP(preset | (raw & 0x0001e02fu)); /* zone, HIGH, NOWARN.., NOFAIL, NORETRY */
	default:
		return VK_GFP(raw & VK_GFP_KNOWN_MASK);
	}
}

/*
 * The core-vs-model equality test and its report are kept out of the coverage
 * instrumentation (clang's no_sanitize("coverage")).  With -fsanitize=fuzzer an
 * inline test costs a traced comparison (trace-cmp) whose operands are results,
 * not input bytes, plus a counter for the block after it; libFuzzer then spent
 * most of each execution collecting those useless features.  The comparison
 * itself is unchanged: a difference prints the function and inputs, then traps.
 */
#if defined(__clang__)
#define VKF_NO_COVERAGE __attribute__((noinline, no_sanitize("coverage")))
#else
#define VKF_NO_COVERAGE __attribute__((noinline))
#endif

/**
 * vkf_expect - trap when a core result differs from the model's.
 * @fn: the function compared (for the report).
 * @core: the core result (widened).
 * @model: the model result (widened).
 * @fmt: printf format of the inputs (for the report).
 * @...: the inputs.
 */
static VKF_NO_COVERAGE __attribute__((format(printf, 4, 5))) void
vkf_expect(const char *fn, uint64_t core, uint64_t model, const char *fmt, ...)
{
	va_list ap;

	if (core == model)
		return;
	fprintf(stderr, "core_vs_model: %s differs: core=%llu model=%llu ", fn,
		(unsigned long long)core, (unsigned long long)model);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	__builtin_trap();
}

#define VKF_EQ(fn, core, model, fmt, ...) \
	vkf_expect(fn, (uint64_t)(core), (uint64_t)(model), fmt, __VA_ARGS__)

/**
 * vkf_check_gfp - the flag predicates.
 * @f: flags.
 * @order: order for vk_gfp_problems().
 */
static void vkf_check_gfp(vk_gfp_t f, unsigned int order)
{
	struct vk_gfp_problems c = vk_gfp_problems(f, order), m = vkm_gfp_problems(f, order);

	VKF_EQ("vk_gfp_allow_blocking", vk_gfp_allow_blocking(f), vkm_gfp_allow_blocking(f),
	       "flags=%#x", f.bits);
	VKF_EQ("vk_gfp_zone", (int64_t)vk_gfp_zone(f), (int64_t)vkm_gfp_zone(f), "flags=%#x", f.bits);
	VKF_EQ("vk_gfp_migratetype", vk_gfp_migratetype(f), vkm_gfp_migratetype(f), "flags=%#x",
	       f.bits);
	VKF_EQ("vk_gfp_slab_fix", vk_gfp_slab_fix(f).bits, vkm_gfp_slab_fix(f).bits, "flags=%#x",
	       f.bits);
	VKF_EQ("vk_gfp_problems.unknown_bits", c.unknown_bits, m.unknown_bits, "flags=%#x order=%u",
	       f.bits, order);
	VKF_EQ("vk_gfp_problems.bad_zone", c.bad_zone, m.bad_zone, "flags=%#x order=%u", f.bits,
	       order);
	VKF_EQ("vk_gfp_problems.nofail_without_reclaim", c.nofail_without_reclaim,
	       m.nofail_without_reclaim, "flags=%#x order=%u", f.bits, order);
	VKF_EQ("vk_gfp_problems.nofail_high_order", c.nofail_high_order, m.nofail_high_order,
	       "flags=%#x order=%u", f.bits, order);
	VKF_EQ("vk_gfp_problems.movable_and_reclaimable", c.movable_and_reclaimable,
	       m.movable_and_reclaimable, "flags=%#x order=%u", f.bits, order);
	VKF_EQ("vk_gfp_problems.slab_strips", c.slab_strips, m.slab_strips, "flags=%#x order=%u",
	       f.bits, order);
}

/**
 * vkf_check_api - vk_api_flags() on an api value (including unknown ones).
 * @api_raw: the api value.
 * @f: caller flags.
 */
static void vkf_check_api(uint32_t api_raw, vk_gfp_t f)
{
	enum vk_api api = (enum vk_api)(api_raw % (VK_API_COUNT + 3u));
	vk_gfp_t co = VK_GFP(0xdeadbeefu), mo = VK_GFP(0x12345678u);
	bool cr = vk_api_flags(api, f, &co), mr = vkm_api_flags(api, f, &mo);

	VKF_EQ("vk_api_flags.result", cr, mr, "api=%u flags=%#x", (unsigned int)api, f.bits);
	VKF_EQ("vk_api_flags.out", co.bits, mo.bits, "api=%u flags=%#x", (unsigned int)api, f.bits);
}

/**
 * vkf_check_size2 - the two-operand size helpers.
 * @a: first operand.
 * @b: second operand.
 */
static void vkf_check_size2(size_t a, size_t b)
{
	size_t cb = 1, mb = 2;
	bool cr = vk_array_bytes(a, b, &cb), mr = vkm_array_bytes(a, b, &mb);

	VKF_EQ("vk_size_mul", vk_size_mul(a, b), vkm_size_mul(a, b), "a=%zu b=%zu", a, b);
	VKF_EQ("vk_size_add", vk_size_add(a, b), vkm_size_add(a, b), "a=%zu b=%zu", a, b);
	VKF_EQ("vk_size_sub", vk_size_sub(a, b), vkm_size_sub(a, b), "a=%zu b=%zu", a, b);
	VKF_EQ("vk_array_size", vk_array_size(a, b), vkm_array_size(a, b), "a=%zu b=%zu", a, b);
	VKF_EQ("vk_flex_array_size", vk_flex_array_size(a, b), vkm_flex_array_size(a, b),
	       "a=%zu b=%zu", a, b);
	VKF_EQ("vk_array_bytes.result", cr, mr, "n=%zu elem=%zu", a, b);
	VKF_EQ("vk_array_bytes.bytes", cb, mb, "n=%zu elem=%zu", a, b);
}

/**
 * vkf_check_size3 - the three-operand size helpers.
 * @a: first operand.
 * @b: second operand.
 * @c: third operand.
 */
static void vkf_check_size3(size_t a, size_t b, size_t c)
{
	VKF_EQ("vk_array3_size", vk_array3_size(a, b, c), vkm_array3_size(a, b, c),
	       "a=%zu b=%zu c=%zu", a, b, c);
	VKF_EQ("vk_struct_size", vk_struct_size(a, b, c), vkm_struct_size(a, b, c),
	       "header=%zu n=%zu elem=%zu", a, b, c);
}

/**
 * vkf_check_kmalloc - kmalloc routing of one size.
 * @s: requested bytes.
 */
static void vkf_check_kmalloc(size_t s)
{
	struct vk_kmalloc_route c = vk_kmalloc_route(s), m = vkm_kmalloc_route(s);

	VKF_EQ("vk_kmalloc_index", vk_kmalloc_index(s), vkm_kmalloc_index(s), "size=%zu", s);
	VKF_EQ("vk_get_order", vk_get_order(s), vkm_get_order(s), "size=%zu", s);
	VKF_EQ("vk_kmalloc_route.kind", c.kind, m.kind, "size=%zu", s);
	VKF_EQ("vk_kmalloc_route.index", c.index, m.index, "size=%zu", s);
	VKF_EQ("vk_kmalloc_route.bytes", c.bytes, m.bytes, "size=%zu", s);
}

/**
 * vkf_check_kvmalloc - the kvmalloc_node plan.
 * @profile_raw: profile value (unknown values included).
 * @s: requested bytes.
 * @f: caller flags.
 */
static void vkf_check_kvmalloc(uint64_t profile_raw, size_t s, vk_gfp_t f)
{
	enum vk_profile p = (enum vk_profile)(profile_raw % (VK_PROFILE_COUNT + 2u));
	struct vk_kv_plan c = vk_kvmalloc_plan(p, s, f), m = vkm_kvmalloc_plan(p, s, f);

#define VKF_PLAN_EQ(field)                                                              \
	VKF_EQ("vk_kvmalloc_plan." #field, c.field, m.field, "profile=%u size=%zu flags=%#x", \
	       (unsigned int)p, s, f.bits)
	VKF_PLAN_EQ(try_kmalloc);
	VKF_PLAN_EQ(kmalloc_flags.bits);
	VKF_PLAN_EQ(on_fail);
	VKF_PLAN_EQ(reason);
	VKF_PLAN_EQ(vmalloc_flags.bits);
	VKF_PLAN_EQ(warn);
#undef VKF_PLAN_EQ
}

/**
 * vkf_layout_presets - compare the presets, then pick one.
 * @sel: which preset.
 *
 * Return: the chosen preset.
 */
static struct vk_layout vkf_layout_presets(uint8_t sel)
{
	struct vk_layout c4 = vk_layout_x86_64_4level(), m4 = vkm_layout_x86_64_4level();
	struct vk_layout c5 = vk_layout_x86_64_5level(), m5 = vkm_layout_x86_64_5level();
	const struct vk_range *cv[2][3] = { { &c4.direct, &c4.vmalloc, &c4.modules },
					    { &c5.direct, &c5.vmalloc, &c5.modules } };
	const struct vk_range *mv[2][3] = { { &m4.direct, &m4.vmalloc, &m4.modules },
					    { &m5.direct, &m5.vmalloc, &m5.modules } };
	unsigned int l, r;

	for (l = 0; l < 2u; l++) {
		for (r = 0; r < 3u; r++) {
			VKF_EQ("vk_layout_x86_64_preset.start", cv[l][r]->start, mv[l][r]->start,
			       "level=%u range=%u", l ? 5u : 4u, r);
			VKF_EQ("vk_layout_x86_64_preset.end", cv[l][r]->end, mv[l][r]->end,
			       "level=%u range=%u", l ? 5u : 4u, r);
		}
	}
	return (sel & 1u) ? c5 : c4;
}

/**
 * vkf_layout_built - a layout from fields: page-aligned ranges, usually valid.
 * @a: direct map seed.
 * @b: vmalloc seed.
 * @c: modules seed.
 * @shape: bits choosing lengths and an inclusive end.
 *
 * Return: the layout (may overlap, i.e. be invalid).
 */
static struct vk_layout vkf_layout_built(uint64_t a, uint64_t b, uint64_t c, uint32_t shape)
{
	struct vk_layout l;
	uint64_t base = (a & ~(uint64_t)0xfff) | 0x1000u;

	l.direct.start = base;
	l.direct.end = base + ((b % 64u) + 1u) * 4096u;
	l.vmalloc.start = l.direct.end + ((shape & 0xffu) * 4096u);
	l.vmalloc.end = l.vmalloc.start + ((c % 64u) + 1u) * 4096u - ((shape >> 8) & 1u);
	l.modules.start = (shape & 0x200u) ? (c & ~(uint64_t)0xfff)
					   : l.vmalloc.start + ((c % 64u) + 1u) * 4096u + 4096u;
	l.modules.end = l.modules.start + (((shape >> 12) & 0xffu) + 1u) * 4096u;
	return l;
}

/**
 * vkf_check_layout - vk_layout_valid() on a layout just set.
 * @l: the layout.
 *
 * Return: @l, for chaining into the layout the next records use.
 */
static struct vk_layout vkf_check_layout(struct vk_layout l)
{
	VKF_EQ("vk_layout_valid", vk_layout_valid(&l), vkm_layout_valid(&l),
	       "direct=[%#llx,%#llx) vmalloc=[%#llx,%#llx) modules=[%#llx,%#llx)",
	       (unsigned long long)l.direct.start, (unsigned long long)l.direct.end,
	       (unsigned long long)l.vmalloc.start, (unsigned long long)l.vmalloc.end,
	       (unsigned long long)l.modules.start, (unsigned long long)l.modules.end);
	return l;
}

/**
 * vkf_check_addr - every address function on one layout and address.
 * @l: the layout.
 * @addr: the address.
 */
static void vkf_check_addr(const struct vk_layout *l, uint64_t addr)
{
	VKF_EQ("vk_addr_classify", vk_addr_classify(l, addr), vkm_addr_classify(l, addr),
	       "addr=%#llx direct=[%#llx,%#llx)", (unsigned long long)addr,
	       (unsigned long long)l->direct.start, (unsigned long long)l->direct.end);
	VKF_EQ("vk_is_vmalloc_addr", vk_is_vmalloc_addr(l, addr), vkm_is_vmalloc_addr(l, addr),
	       "addr=%#llx vmalloc=[%#llx,%#llx)", (unsigned long long)addr,
	       (unsigned long long)l->vmalloc.start, (unsigned long long)l->vmalloc.end);
	VKF_EQ("vk_free_route", vk_free_route(l, addr), vkm_free_route(l, addr), "addr=%#llx",
	       (unsigned long long)addr);
	VKF_EQ("vk_page_route", vk_page_route(l, addr), vkm_page_route(l, addr), "addr=%#llx",
	       (unsigned long long)addr);
	VKF_EQ("vk_direct_pfn", vk_direct_pfn(l, addr), vkm_direct_pfn(l, addr),
	       "addr=%#llx direct=[%#llx,%#llx)", (unsigned long long)addr,
	       (unsigned long long)l->direct.start, (unsigned long long)l->direct.end);
}

/**
 * vkf_pick_addr - an address near a layout boundary, or a raw one.
 * @l: the layout.
 * @sel: selector byte.
 * @raw: raw address field.
 *
 * Return: the address.
 */
static uint64_t vkf_pick_addr(const struct vk_layout *l, uint8_t sel, uint64_t raw)
{
	const struct vk_range *r[3] = { &l->direct, &l->vmalloc, &l->modules };
	const struct vk_range *pick = r[(unsigned int)(sel >> 3) % 3u];
	uint64_t delta = raw % 8u;
	uint64_t span = pick->end - pick->start + 1u; /* 0 when the range wraps fully */

	switch (sel & 7u) {
	case 0: return raw;
	case 1: return pick->start + delta - 4u;
	case 2: return pick->end + delta - 4u;
	case 3: return raw % 32u;
	case 4: return span != 0 ? pick->start + raw % span : raw;
	default: return vkf_bias(sel, raw);
	}
}

/**
 * LLVMFuzzerTestOneInput - run every record of the input through core and model.
 * @data: the input.
 * @size_bytes: its length.
 *
 * Return: 0 (a difference traps instead).
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size_bytes)
{
	struct vk_layout layout = vk_layout_x86_64_4level();
	size_t off;

	for (off = 0; off + VKF_RECORD_BYTES <= size_bytes; off += VKF_RECORD_BYTES) {
		const uint8_t *rec = data + off;
		uint32_t u = (uint32_t)vkf_le(rec + 4, 4);
		uint64_t ra = vkf_le(rec + 8, 8), rb = vkf_le(rec + 16, 8), rc = vkf_le(rec + 24, 8);
		uint64_t a = vkf_bias(rec[1], ra), b = vkf_bias(rec[2], rb), c = vkf_bias(rec[3], rc);
		vk_gfp_t f = vkf_flags(rec[3], u);

		switch (rec[0] % VKF_OP_COUNT) {
		case VKF_OP_GFP:
			vkf_check_gfp(f, (rec[2] & 1u) ? (unsigned int)rb : (unsigned int)(rb % 16u));
			break;
		case VKF_OP_SCOPE:
			VKF_EQ("vk_gfp_scope", vk_gfp_scope(f, (uint32_t)ra).bits,
			       vkm_gfp_scope(f, (uint32_t)ra).bits, "flags=%#x scope=%#x", f.bits,
			       (uint32_t)ra);
			break;
		case VKF_OP_API:
			vkf_check_api((uint32_t)ra, f);
			break;
		case VKF_OP_SIZE2:
			vkf_check_size2((size_t)a, (rec[2] == 0xffu && a != 0) ?
				(size_t)(SIZE_MAX / a + rb % 3u - 1u) : (size_t)b);
			break;
		case VKF_OP_SIZE3:
			vkf_check_size3((size_t)a, (size_t)b, (size_t)c);
			break;
		case VKF_OP_KMALLOC:
			vkf_check_kmalloc((size_t)a);
			break;
		case VKF_OP_BUCKET_ORDER: {
			unsigned int i = (rec[1] & 1u) ? u : u % 24u;

			VKF_EQ("vk_kmalloc_bucket_bytes", vk_kmalloc_bucket_bytes(i),
			       vkm_kmalloc_bucket_bytes(i), "index=%u", i);
			VKF_EQ("vk_order_bytes", vk_order_bytes(i), vkm_order_bytes(i), "order=%u", i);
			break;
		}
		case VKF_OP_KVMALLOC:
			vkf_check_kvmalloc(rc, (size_t)a, f);
			break;
		case VKF_OP_LAYOUT_PRESET:
			layout = vkf_check_layout(vkf_layout_presets(rec[1]));
			break;
		case VKF_OP_LAYOUT_BUILT:
			layout = vkf_check_layout(vkf_layout_built(ra, rb, rc, u));
			break;
		case VKF_OP_LAYOUT_RAW:
			layout.direct.start = a;
			layout.direct.end = b;
			layout.vmalloc.start = c;
			layout.vmalloc.end = c + (uint64_t)u * 4096u - (rec[1] & 1u);
			layout.modules.start = ra ^ rb;
			layout.modules.end = (ra ^ rb) + ((uint64_t)u << 12);
			layout = vkf_check_layout(layout);
			break;
		default:
			vkf_check_addr(&layout, vkf_pick_addr(&layout, rec[1], ra));
			break;
		}
	}
	return 0;
}
