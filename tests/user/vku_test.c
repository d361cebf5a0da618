/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vku_test.c - table-driven tests of the userspace backend: routing and
 * classification of real pointers, zeroing, bad input, checked frees, fault
 * injection against vk_kvmalloc_plan(), statistics, guard pages, threads.
 */
#define _DEFAULT_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "backends/user/vku.h"
#include "core/vk_kmalloc.h"
#include "core/vk_size.h"

static int failures;

#define CHECK(cond, ...)                                                        \
	do {                                                                    \
		if (!(cond)) {                                                  \
			failures++;                                             \
			fprintf(stderr, "%s:%d: CHECK(%s) failed: ", __FILE__, __LINE__, #cond); \
			fprintf(stderr, __VA_ARGS__);                           \
			fputc('\n', stderr);                                    \
		}                                                               \
	} while (0)

#define ZP ((void *)16)

static struct vku_heap *new_heap(uint32_t flags, enum vk_profile profile)
{
	struct vku_options o = { .flags = flags, .profile = profile, .profile_set = true,
				 .direct_bytes = (size_t)256 << 20, .vmalloc_bytes = (size_t)256 << 20 };
	struct vku_heap *h = vku_heap_create(&o);

	if (!h) {
		fprintf(stderr, "cannot create heap\n");
		exit(1);
	}
	return h;
}

static enum vk_addr_class cls_of(struct vku_heap *h, const void *p)
{
	struct vk_layout l = vku_heap_layout(h);

	return vk_addr_classify(&l, (uint64_t)(uintptr_t)p);
}

static void expect_empty(struct vku_heap *h, const char *what)
{
	struct vku_stats s;
	unsigned int c;

	vku_get_stats(h, &s);
	for (c = 0; c < VKU_CLASS_COUNT; c++)
		CHECK(s.live_count[c] == 0 && s.live_bytes[c] == 0 && s.live_backing_bytes[c] == 0,
		      "%s: class %u still has %llu live (%llu bytes)", what, c,
		      (unsigned long long)s.live_count[c], (unsigned long long)s.live_bytes[c]);
}

static void test_layout(void)
{
	struct vku_heap *h = new_heap(0, VK_PROFILE_LINUX_6_1);
	struct vk_layout l = vku_heap_layout(h);

	CHECK(vk_layout_valid(&l), "heap layout not valid");
	CHECK(vk_addr_classify(&l, l.modules.start) == VK_ADDR_MODULE, "modules range");
	vku_heap_destroy(h);
}

/* kmalloc by size: outcome, class, ksize and error code. */
static void test_kmalloc_sizes(void)
{
	static const struct {
		size_t size;
		enum vk_addr_class cls; /* NULL means a NULL result */
		enum vku_err err;
	} cases[] = {
		{ 0, VK_ADDR_ZERO_SIZE, VKU_OK },
		{ 1, VK_ADDR_DIRECT, VKU_OK },
		{ 8, VK_ADDR_DIRECT, VKU_OK },
		{ 9, VK_ADDR_DIRECT, VKU_OK },
		{ 96, VK_ADDR_DIRECT, VKU_OK },
		{ 97, VK_ADDR_DIRECT, VKU_OK },
		{ 192, VK_ADDR_DIRECT, VKU_OK },
		{ 1025, VK_ADDR_DIRECT, VKU_OK },
		{ 8192, VK_ADDR_DIRECT, VKU_OK },
		{ 8193, VK_ADDR_DIRECT, VKU_OK },
		{ 65536, VK_ADDR_DIRECT, VKU_OK },
		{ (size_t)4 << 20, VK_ADDR_DIRECT, VKU_OK },
		{ ((size_t)4 << 20) + 1u, VK_ADDR_NULL, VKU_ERR_TOO_BIG },
		{ SIZE_MAX, VK_ADDR_NULL, VKU_ERR_TOO_BIG },
	};
	struct vku_heap *h = new_heap(0, VK_PROFILE_LINUX_6_1);
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		void *p = vku_kmalloc(h, cases[i].size, VK_GFP_KERNEL);
		struct vk_kmalloc_route r = vk_kmalloc_route(cases[i].size);

		CHECK(cls_of(h, p) == cases[i].cls, "kmalloc(%zu): class %d", cases[i].size, cls_of(h, p));
		CHECK(vku_last_error(h) == cases[i].err, "kmalloc(%zu): err %d", cases[i].size,
		      vku_last_error(h));
		if (cases[i].size == 0)
			CHECK(p == ZP, "kmalloc(0) != ZERO_SIZE_PTR");
		if (cases[i].cls == VK_ADDR_DIRECT) {
			CHECK(vku_ksize(h, p) == r.bytes, "ksize(%zu) = %zu", cases[i].size, vku_ksize(h, p));
			memset(p, 0x5a, cases[i].size);
		}
		CHECK(vku_kfree(h, p) == 0, "kfree");
	}
	expect_empty(h, "kmalloc sizes");
	vku_heap_destroy(h);
}

/* Every API with bad input. */
static void test_bad_input(void)
{
	static const struct {
		enum vk_api api;
		size_t n, elem;
		uint32_t flags;
		enum vku_err err;
	} cases[] = {
		{ VK_API_KCALLOC, SIZE_MAX / 2u + 1u, 2, VK_GFP_KERNEL_BITS, VKU_ERR_OVERFLOW },
		{ VK_API_KMALLOC_ARRAY, SIZE_MAX, SIZE_MAX, VK_GFP_KERNEL_BITS, VKU_ERR_OVERFLOW },
		{ VK_API_KVCALLOC, (size_t)1 << 33, (size_t)1 << 33, VK_GFP_KERNEL_BITS, VKU_ERR_OVERFLOW },
		{ VK_API_KVMALLOC_ARRAY, 3, SIZE_MAX / 2u, VK_GFP_KERNEL_BITS, VKU_ERR_OVERFLOW },
		{ VK_API_KMALLOC, 64, 1, 0x01000000u | VK_GFP_KERNEL_BITS, VKU_ERR_FLAGS },
		{ VK_API_KZALLOC, 64, 1, 0x80000000u, VKU_ERR_FLAGS },
		{ VK_API_KVMALLOC, 1u << 20, 1, 0x02000cc0u, VKU_ERR_FLAGS },
		{ VK_API_VMALLOC, 0, 1, VK_GFP_KERNEL_BITS, VKU_ERR_ZERO_VMALLOC },
		{ VK_API_VZALLOC, SIZE_MAX, 1, VK_GFP_KERNEL_BITS, VKU_ERR_TOO_BIG },
		{ VK_API_KMALLOC, SIZE_MAX, 1, VK_GFP_KERNEL_BITS, VKU_ERR_TOO_BIG },
		{ VK_API_KVMALLOC, SIZE_MAX, 1, VK_GFP_KERNEL_BITS, VKU_ERR_TOO_BIG },
		{ VK_API_KVMALLOC, (size_t)1 << 20, 1, VK_GFP_ATOMIC_BITS, VKU_OK }, /* served by kmalloc */
		{ VK_API_KVMALLOC, (size_t)8 << 20, 1, VK_GFP_ATOMIC_BITS, VKU_ERR_TOO_BIG }, /* no fallback */
		{ (enum vk_api)77, 8, 1, VK_GFP_KERNEL_BITS, VKU_ERR_FLAGS },
	};
	struct vku_heap *h = new_heap(0, VK_PROFILE_LINUX_6_1);
	struct vku_stats before, after;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		void *p;

		vku_get_stats(h, &before);
		p = vku_alloc_api(h, cases[i].api, cases[i].n, cases[i].elem, VK_GFP(cases[i].flags));
		vku_get_stats(h, &after);
		CHECK(vku_last_error(h) == cases[i].err, "case %zu: err %d want %d", i,
		      vku_last_error(h), cases[i].err);
		CHECK((p == NULL) == (cases[i].err != VKU_OK), "case %zu: result %p", i, p);
		if (cases[i].err == VKU_ERR_OVERFLOW || cases[i].err == VKU_ERR_FLAGS)
			CHECK(after.attempts[0] == before.attempts[0] && after.attempts[1] == before.attempts[1],
			      "case %zu: an allocator was called", i);
		vku_kvfree(h, p);
	}
	vku_set_profile(h, (enum vk_profile)9);
	CHECK(vku_kvmalloc(h, 64, VK_GFP_KERNEL) == NULL && vku_last_error(h) == VKU_ERR_PROFILE,
	      "unknown profile");
	expect_empty(h, "bad input");
	vku_heap_destroy(h);
}

/* z-forms zero memory that was dirty before (reused objects). */
static void test_zeroing(void)
{
	static const enum vk_api apis[] = { VK_API_KZALLOC, VK_API_KCALLOC, VK_API_KVZALLOC,
					    VK_API_KVCALLOC, VK_API_VZALLOC };
	static const size_t sizes[] = { 8, 100, 1024, 1500, 4096, 8192, 20000, 100000, (size_t)3 << 20 };
	struct vku_heap *h = new_heap(0, VK_PROFILE_LINUX_6_1);
	size_t a, s, k;

	for (a = 0; a < sizeof(apis) / sizeof(apis[0]); a++) {
		for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
			enum vk_api dirty_api = apis[a] == VK_API_VZALLOC ? VK_API_VMALLOC : VK_API_KVMALLOC;
			uint8_t *d = vku_alloc_api(h, dirty_api, sizes[s], 1, VK_GFP_KERNEL);
			uint8_t *p;
			size_t bad = 0;

			CHECK(d != NULL, "dirty alloc %zu", sizes[s]);
			memset(d, 0xa5, sizes[s]);
			vku_kvfree(h, d);
			p = vku_alloc_api(h, apis[a], sizes[s], 1, VK_GFP_KERNEL);
			CHECK(p != NULL, "api %d size %zu", apis[a], sizes[s]);
			if (!p)
				continue;
			if (apis[a] != VK_API_VZALLOC)
				CHECK(p == d, "api %d size %zu: expected reuse of the dirty object", apis[a], sizes[s]);
			for (k = 0; k < sizes[s]; k++)
				bad += p[k] != 0;
			CHECK(bad == 0, "api %d size %zu: %zu non-zero bytes", apis[a], sizes[s], bad);
			vku_kvfree(h, p);
		}
	}
	expect_empty(h, "zeroing");
	vku_heap_destroy(h);
}

/* Checked frees in RETURN mode. */
static void test_bad_frees(void)
{
	struct vku_heap *h = new_heap(VKU_ON_BAD_FREE_RETURN | VKU_QUIET, VK_PROFILE_LINUX_6_1);
	struct vk_layout l = vku_heap_layout(h);
	int local = 0;
	uint8_t *k = vku_kmalloc(h, 64, VK_GFP_KERNEL);
	uint8_t *v = vku_vmalloc(h, 10000);
	uint8_t *k2 = vku_kmalloc(h, 64, VK_GFP_KERNEL);
	uint8_t *mod = (uint8_t *)(uintptr_t)l.modules.start;
	struct vku_stats s;

	CHECK(k && v && k2, "setup");
	CHECK(vku_kfree(h, &local) == -VKU_ERR_FOREIGN, "kfree(stack)");
	CHECK(vku_kvfree(h, &local) == -VKU_ERR_FOREIGN, "kvfree(stack)");
	CHECK(vku_vfree(h, &local) == -VKU_ERR_FOREIGN, "vfree(stack)");
	CHECK(vku_kfree(h, k + 8) == -VKU_ERR_NOT_ALLOCATED, "kfree(interior)");
	CHECK(vku_vfree(h, v + 4096) == -VKU_ERR_NOT_ALLOCATED, "vfree(interior)");
	CHECK(vku_kvfree(h, mod) == -VKU_ERR_NOT_ALLOCATED, "kvfree(module range)");
	CHECK(vku_kfree(h, v) == -VKU_ERR_WRONG_FREE, "kfree(vmalloc)");
	CHECK(vku_vfree(h, k) == -VKU_ERR_WRONG_FREE, "vfree(kmalloc)");
	CHECK(vku_vfree(h, ZP) == -VKU_ERR_FOREIGN, "vfree(ZERO_SIZE_PTR)");
	CHECK(vku_kvfree(h, NULL) == 0 && vku_kvfree(h, ZP) == 0, "kvfree(NULL/ZERO)");
	CHECK(vku_kfree(h, NULL) == 0 && vku_kfree(h, ZP) == 0 && vku_vfree(h, NULL) == 0, "NULL frees");
	CHECK(vku_kvfree(h, k) == 0, "kvfree(kmalloc)");
	CHECK(vku_kvfree(h, k) == -VKU_ERR_DOUBLE_FREE, "double kvfree");
	CHECK(vku_kfree(h, k) == -VKU_ERR_DOUBLE_FREE, "double kfree");
	CHECK(vku_kvfree(h, v) == 0, "kvfree(vmalloc)");
	CHECK(vku_vfree(h, v) == -VKU_ERR_DOUBLE_FREE, "double vfree");
	CHECK(vku_kvfree_sensitive(h, k2, 64) == 0, "kvfree_sensitive");
	CHECK(vku_kvfree_sensitive(h, k2, 64) == -VKU_ERR_DOUBLE_FREE, "double kvfree_sensitive");
	CHECK(vku_krealloc(h, k2, 128, VK_GFP_KERNEL) == NULL &&
	      vku_last_error(h) == VKU_ERR_DOUBLE_FREE, "krealloc(freed)");
	vku_get_stats(h, &s);
	CHECK(s.bad_frees == 14, "bad_frees = %llu", (unsigned long long)s.bad_frees);
	expect_empty(h, "bad frees");
	vku_heap_destroy(h);
}

/* Default mode: a bad free prints a message and aborts (checked in a child). */
static void test_abort_mode(void)
{
	static const int which[] = { 0, 1, 2 };
	size_t i;

	for (i = 0; i < sizeof(which) / sizeof(which[0]); i++) {
		pid_t pid = fork();
		int status = 0;

		if (pid == 0) {
			struct vku_heap *h = new_heap(0, VK_PROFILE_LINUX_6_1);
			void *p = vku_kmalloc(h, 32, VK_GFP_KERNEL);
			int x;

			(void)freopen("/dev/null", "w", stderr);
			if (which[i] == 0) {
				vku_kfree(h, p);
				vku_kfree(h, p);
			} else if (which[i] == 1) {
				vku_kvfree(h, &x);
			} else {
				vku_kfree(h, vku_vmalloc(h, 100));
			}
			_exit(0);
		}
		waitpid(pid, &status, 0);
		CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT, "case %zu: child status %d", i, status);
	}
}

/* Guard page after each vmalloc area. */
static void test_guard_page(void)
{
	pid_t pid = fork();
	int status = 0;

	if (pid == 0) {
		struct vku_heap *h = new_heap(0, VK_PROFILE_LINUX_6_1);
		volatile uint8_t *v = vku_vmalloc(h, 4096);

		signal(SIGSEGV, SIG_DFL); /* also under ASan, which installs its own handler */
		v[4095] = 1;
		v[4096] = 1; /* guard page */
		_exit(0);
	}
	waitpid(pid, &status, 0);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "guard page: status %d", status);
}

/* Failing the kmalloc attempt makes kvmalloc fall back exactly as the plan says. */
static void test_kv_fallback(void)
{
	static const size_t sizes[] = { 0, 1, 4096, 4097, 65536, (size_t)4 << 20, ((size_t)4 << 20) + 1u,
					(size_t)16 << 20 };
	static const uint32_t flags[] = {
		VK_GFP_KERNEL_BITS, VK_GFP_ATOMIC_BITS, VK_GFP_NOWAIT_BITS, VK_GFP_NOFS_BITS,
		VK_GFP_NOIO_BITS, VK_GFP_KERNEL_BITS | VK___GFP_NOFAIL,
		VK_GFP_KERNEL_BITS | VK___GFP_RETRY_MAYFAIL, VK_GFP_USER_BITS, VK_GFP_KERNEL_ACCOUNT_BITS,
	};
	unsigned int prof;
	size_t s, f;

	for (prof = 0; prof < VK_PROFILE_COUNT; prof++) {
		struct vku_heap *h = new_heap(0, (enum vk_profile)prof);
		struct vku_fault every = { .mode = VKU_FAULT_EVERY, .param = 1, .seed = 0 };

		vku_set_fault(h, VKU_SITE_KMALLOC, &every);
		for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
			for (f = 0; f < sizeof(flags) / sizeof(flags[0]); f++) {
				struct vk_kv_plan plan = vk_kvmalloc_plan((enum vk_profile)prof, sizes[s], VK_GFP(flags[f]));
				struct vk_kmalloc_route r = vk_kmalloc_route(sizes[s]);
				bool kmalloc_nofail = (plan.kmalloc_flags.bits & VK___GFP_NOFAIL) != 0u;
				struct vku_stats b, a;
				enum vk_addr_class want;
				void *p;

				if (r.kind == VK_KMALLOC_ZERO)
					want = VK_ADDR_ZERO_SIZE;
				else if (r.kind != VK_KMALLOC_REFUSE && kmalloc_nofail)
					want = VK_ADDR_DIRECT; /* NOFAIL attempts are never failed */
				else if (plan.on_fail == VK_KV_FAIL_VMALLOC)
					want = VK_ADDR_VMALLOC;
				else
					want = VK_ADDR_NULL;
				vku_get_stats(h, &b);
				p = vku_kvmalloc(h, sizes[s], VK_GFP(flags[f]));
				vku_get_stats(h, &a);
				CHECK(cls_of(h, p) == want, "profile %u size %zu flags %#x: class %d want %d",
				      prof, sizes[s], flags[f], cls_of(h, p), want);
				CHECK(a.kv_fallbacks - b.kv_fallbacks == (want == VK_ADDR_VMALLOC ? 1u : 0u),
				      "profile %u size %zu flags %#x: fallback count", prof, sizes[s], flags[f]);
				if (p && p != ZP)
					memset(p, 1, sizes[s]);
				CHECK(vku_kvfree(h, p) == 0, "kvfree");
			}
		}
		expect_empty(h, "kv fallback");
		vku_heap_destroy(h);
	}
}

/* NTH, EVERY and PROB modes; NOFAIL is never failed; vmalloc site independently. */
static void test_fault_modes(void)
{
	struct vku_heap *h = new_heap(0, VK_PROFILE_LINUX_6_1);
	struct vku_fault nth = { .mode = VKU_FAULT_NTH, .param = 3, .seed = 0 };
	struct vku_fault every = { .mode = VKU_FAULT_EVERY, .param = 4, .seed = 0 };
	struct vku_fault off = { .mode = VKU_FAULT_OFF, .param = 0, .seed = 0 };
	struct vku_fault prob = { .mode = VKU_FAULT_PROB, .param = 500000, .seed = 12345 };
	void *ptrs[100];
	unsigned int i, nulls;
	char pattern_a[100], pattern_b[100];
	struct vku_stats s;

	vku_set_fault(h, VKU_SITE_KMALLOC, &nth);
	for (i = 0, nulls = 0; i < 10; i++) {
		ptrs[i] = vku_kmalloc(h, 32, VK_GFP_KERNEL);
		if (!ptrs[i]) {
			nulls++;
			CHECK(i == 2, "NTH failed attempt %u", i + 1u);
			CHECK(vku_last_error(h) == VKU_ERR_INJECTED, "NTH error");
		}
	}
	CHECK(nulls == 1, "NTH: %u failures", nulls);
	for (i = 0; i < 10; i++)
		vku_kfree(h, ptrs[i]);

	vku_set_fault(h, VKU_SITE_KMALLOC, &every);
	for (i = 0, nulls = 0; i < 100; i++) {
		ptrs[i] = vku_kmalloc(h, 100000, VK_GFP_KERNEL);
		nulls += ptrs[i] == NULL;
	}
	CHECK(nulls == 25, "EVERY 4: %u failures", nulls);
	for (i = 0; i < 100; i++)
		vku_kfree(h, ptrs[i]);
	for (i = 0; i < 100; i++) {
		ptrs[i] = vku_kmalloc(h, 32, VK_GFP(VK_GFP_KERNEL_BITS | VK___GFP_NOFAIL));
		CHECK(ptrs[i] != NULL, "NOFAIL failed");
		vku_kfree(h, ptrs[i]);
	}
	/* vmalloc is not affected by the kmalloc site */
	for (i = 0; i < 10; i++) {
		ptrs[i] = vku_vmalloc(h, 5000);
		CHECK(ptrs[i] != NULL, "vmalloc failed under kmalloc injection");
		vku_vfree(h, ptrs[i]);
	}
	vku_set_fault(h, VKU_SITE_KMALLOC, &off);
	vku_set_fault(h, VKU_SITE_VMALLOC, &nth);
	for (i = 0, nulls = 0; i < 10; i++) {
		ptrs[i] = vku_vmalloc(h, 5000);
		nulls += ptrs[i] == NULL;
	}
	CHECK(nulls == 1 && ptrs[2] == NULL, "vmalloc NTH");
	for (i = 0; i < 10; i++)
		vku_vfree(h, ptrs[i]);
	vku_set_fault(h, VKU_SITE_VMALLOC, &off);

	/* PROB: deterministic from the seed, roughly half */
	vku_set_fault(h, VKU_SITE_KMALLOC, &prob);
	for (i = 0, nulls = 0; i < 100; i++) {
		void *p = vku_kmalloc(h, 16, VK_GFP_KERNEL);

		pattern_a[i] = p ? 'o' : 'x';
		nulls += p == NULL;
		vku_kfree(h, p);
	}
	vku_set_fault(h, VKU_SITE_KMALLOC, &prob);
	for (i = 0; i < 100; i++) {
		void *p = vku_kmalloc(h, 16, VK_GFP_KERNEL);

		pattern_b[i] = p ? 'o' : 'x';
		vku_kfree(h, p);
	}
	CHECK(memcmp(pattern_a, pattern_b, sizeof(pattern_a)) == 0, "PROB not reproducible");
	CHECK(nulls > 25 && nulls < 75, "PROB 50%%: %u failures", nulls);
	vku_get_stats(h, &s);
	CHECK(s.injected[VKU_SITE_KMALLOC] == 1u + 25u + nulls * 2u && s.injected[VKU_SITE_VMALLOC] == 1u,
	      "injected %llu/%llu", (unsigned long long)s.injected[0], (unsigned long long)s.injected[1]);
	expect_empty(h, "fault modes");
	vku_heap_destroy(h);
}

static void test_realloc(void)
{
	struct vku_heap *h = new_heap(0, VK_PROFILE_LINUX_6_1);
	uint8_t *p = vku_kmalloc(h, 40, VK_GFP_KERNEL), *q;
	size_t i;

	for (i = 0; i < 40; i++)
		p[i] = (uint8_t)i;
	q = vku_krealloc(h, p, 64, VK_GFP_KERNEL);
	CHECK(q == p, "krealloc within the bucket moved");
	q = vku_krealloc(h, p, 5000, VK_GFP_KERNEL);
	CHECK(q && q != p, "krealloc grow");
	for (i = 0; i < 40; i++)
		CHECK(q[i] == (uint8_t)i, "krealloc lost byte %zu", i);
	p = vku_kvrealloc(h, q, 5000, 1u << 20, VK_GFP_KERNEL);
	CHECK(p && p != q, "kvrealloc grow");
	for (i = 0; i < 40; i++)
		CHECK(p[i] == (uint8_t)i, "kvrealloc lost byte %zu", i);
	CHECK(vku_kvrealloc(h, p, 1u << 20, 10, VK_GFP_KERNEL) == p, "kvrealloc shrink");
	CHECK(vku_krealloc(h, NULL, 10, VK_GFP_KERNEL) != NULL, "krealloc(NULL)");
	CHECK(vku_krealloc(h, vku_kmalloc(h, 10, VK_GFP_KERNEL), 0, VK_GFP_KERNEL) == ZP, "krealloc(p, 0)");
	vku_kvfree(h, p);
	{
		struct vku_stats s;

		vku_get_stats(h, &s);
		CHECK(s.live_count[VKU_CLASS_SLAB] == 1, "krealloc(NULL) result is live");
	}
	vku_heap_destroy(h);
}

static void *churn(void *arg)
{
	struct vku_heap *h = arg;
	void *live[64] = { 0 };
	unsigned int i, x = 1;

	for (i = 0; i < 20000; i++) {
		unsigned int slot;

		x = x * 1103515245u + 12345u;
		slot = (x >> 8) % 64u;
		if (live[slot]) {
			vku_kvfree(h, live[slot]);
			live[slot] = NULL;
		} else {
			live[slot] = vku_kvmalloc(h, (x >> 12) % 20000u + 1u, VK_GFP_KERNEL);
		}
	}
	for (i = 0; i < 64; i++)
		vku_kvfree(h, live[i]);
	return NULL;
}

static void test_threads(void)
{
	struct vku_heap *h = new_heap(0, VK_PROFILE_LINUX_6_1);
	pthread_t t[4];
	unsigned int i;

	for (i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, churn, h);
	for (i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	expect_empty(h, "threads");
	vku_heap_destroy(h);
}

/* Reset: refused while something is live; afterwards a heap as new, memory reused without faults. */
static void test_reset(void)
{
	struct vku_heap *h = new_heap(VKU_ON_BAD_FREE_RETURN | VKU_QUIET, VK_PROFILE_LINUX_6_1);
	struct vku_fault nth = { VKU_FAULT_NTH, 1, 0 };
	struct vku_stats st;
	void *ptrs[200];
	uint8_t *p, *q, *big[12];
	size_t i;

	p = vku_kmalloc(h, 100, VK_GFP_KERNEL);
	CHECK(vku_heap_reset(h) == -VKU_ERR_NOT_ALLOCATED, "reset with a live allocation");
	CHECK(vku_ksize(h, p) == 128, "refused reset changed the heap");
	CHECK(vku_kfree(h, p) == 0, "kfree after refused reset");
	/* enough entries to grow the address table, a bad free, a profile change, an armed fault */
	for (i = 0; i < 200; i++)
		ptrs[i] = vku_kmalloc(h, i + 1u, VK_GFP_KERNEL);
	for (i = 0; i < 200; i++)
		CHECK(vku_kfree(h, ptrs[i]) == 0, "kfree %zu", i);
	CHECK(vku_kfree(h, ptrs[0]) == -VKU_ERR_DOUBLE_FREE, "double free before reset");
	vku_set_profile(h, VK_PROFILE_SEED);
	vku_set_fault(h, VKU_SITE_KMALLOC, &nth);
	/* more than the direct map a reset keeps committed */
	for (i = 0; i < 12; i++)
		big[i] = vku_kmalloc(h, VK_KMALLOC_MAX_SIZE, VK_GFP(VK_GFP_KERNEL_BITS | VK___GFP_NOFAIL));
	for (i = 0; i < 12; i++) {
		CHECK(big[i] != NULL, "4 MiB block %zu", i);
		big[i][VK_KMALLOC_MAX_SIZE - 1u] = 1;
		vku_kfree(h, big[i]);
	}
	/* and more vmalloc pages than a reset keeps */
	for (i = 0; i < 6; i++) {
		big[i] = vku_vmalloc(h, (size_t)8 << 20);
		CHECK(big[i] != NULL, "8 MiB area %zu", i);
		if (big[i])
			big[i][((size_t)8 << 20) - 1u] = 1;
	}
	for (i = 0; i < 6; i++)
		vku_vfree(h, big[i]);
	CHECK(vku_heap_reset(h) == 0, "reset of an empty heap");
	vku_get_stats(h, &st);
	CHECK(st.bad_frees == 0 && st.attempts[VKU_SITE_KMALLOC] == 0 && st.injected[VKU_SITE_KMALLOC] == 0,
	      "counters after reset");
	expect_empty(h, "after reset");
	CHECK(vku_kvmalloc(h, 64, VK_GFP_KERNEL) != NULL, "fault injection off after reset");
	/* freed addresses are forgotten: the old pointer is not a double free any more */
	CHECK(vku_kfree(h, ptrs[150]) == -VKU_ERR_NOT_ALLOCATED, "forgotten address: %d", vku_kfree(h, ptrs[150]));
	/* the direct map is carved from the start again: same first address */
	q = vku_kmalloc(h, VK_KMALLOC_MAX_SIZE, VK_GFP_KERNEL);
	CHECK(q != NULL, "block after reset");
	q[VK_KMALLOC_MAX_SIZE - 1u] = 2; /* recommitted after the reset dropped it */
	vku_kfree(h, q);
	for (i = 0; i < 6; i++) {
		q = vku_vzalloc(h, (size_t)8 << 20);
		CHECK(q == big[i], "vmalloc area %zu at the same place after reset", i);
		CHECK(q && q[((size_t)8 << 20) - 1u] == 0, "vzalloc after reset reads zero");
		big[i] = q;
	}
	for (i = 0; i < 6; i++)
		vku_vfree(h, big[i]);
	vku_heap_destroy(h);
}

/* vfree makes the area inaccessible, unless VKU_FAST_VFREE (the guard page stays in both). */
static void test_vfree_protection(void)
{
	static const uint32_t flags[2] = { 0, VKU_FAST_VFREE };
	unsigned int f, guard;

	for (f = 0; f < 2; f++) {
		for (guard = 0; guard < 2; guard++) {
			pid_t pid = fork();
			int status = 0;

			if (pid == 0) {
				struct vku_heap *h = new_heap(flags[f], VK_PROFILE_LINUX_6_1);
				volatile uint8_t *v = vku_vmalloc(h, 8192);

				signal(SIGSEGV, SIG_DFL);
				v[0] = 1;
				vku_vfree(h, (void *)(uintptr_t)v);
				v = vku_vmalloc(h, 4096); /* reuses the start of the freed area */
				vku_vfree(h, (void *)(uintptr_t)v);
				v = vku_vmalloc(h, 4096);
				if (guard)
					v[4096] = 1; /* the guard page of the new area */
				vku_vfree(h, (void *)(uintptr_t)v);
				v[0] = 1; /* use after vfree */
				_exit(0);
			}
			waitpid(pid, &status, 0);
			if (guard || f == 0)
				CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
				      "flags %u guard %u: status %d", flags[f], guard, status);
			else
				CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "fast vfree: status %d", status);
		}
	}
}

/* Reused memory is zeroed when asked: vmalloc areas (memset and dropped pages) and slab objects. */
static void test_reuse_zeroing(void)
{
	static const size_t sizes[] = { 5000, (size_t)1 << 20, (size_t)17 << 20 };
	struct vku_heap *h = new_heap(VKU_FAST_VFREE, VK_PROFILE_LINUX_6_1);
	uint8_t *v, *w, *k;
	size_t i, j, bad;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		v = vku_vmalloc(h, sizes[i]);
		CHECK(v != NULL, "vmalloc %zu", sizes[i]);
		memset(v, 0xa5, sizes[i]);
		vku_vfree(h, v);
		w = vku_vzalloc(h, sizes[i]);
		CHECK(w == v, "vzalloc %zu reuses the area", sizes[i]);
		for (j = 0, bad = 0; w && j < sizes[i]; j += 997u)
			bad += w[j] != 0;
		CHECK(bad == 0, "vzalloc %zu after reuse: %zu nonzero samples", sizes[i], bad);
		vku_vfree(h, w);
	}
	vku_heap_destroy(h);
	/* VKU_POISON_ALLOC: memory not asked zeroed is poison, whatever was there before */
	h = new_heap(VKU_FAST_VFREE | VKU_POISON_ALLOC, VK_PROFILE_LINUX_6_1);
	for (i = 0; i < 2; i++) {
		k = vku_kmalloc(h, i ? 20000 : 100, VK_GFP_KERNEL);
		v = vku_vmalloc(h, 5000);
		for (j = 0, bad = 0; k && v && j < 5000; j++)
			bad += (size_t)((j < 100u && k[j] != VKU_POISON_BYTE) + (v[j] != VKU_POISON_BYTE));
		CHECK(k && v && bad == 0, "poison round %zu: %zu bytes differ", i, bad);
		if (k)
			memset(k, 0, i ? 20000 : 100);
		vku_kfree(h, k);
		vku_vfree(h, v);
	}
	vku_heap_destroy(h);
	h = new_heap(0, VK_PROFILE_LINUX_6_1);
	/* kvfree_sensitive clears the object: the same object comes back zero past the free-list link */
	k = vku_kmalloc(h, 64, VK_GFP_KERNEL);
	memset(k, 0xa5, 64);
	CHECK(vku_kvfree_sensitive(h, k, 64) == 0, "kvfree_sensitive");
	v = vku_kmalloc(h, 64, VK_GFP_KERNEL);
	CHECK(v == k, "same object back");
	for (j = sizeof(void *), bad = 0; v && j < 64; j++)
		bad += v[j] != 0;
	CHECK(bad == 0, "kvfree_sensitive left %zu bytes", bad);
	vku_kfree(h, v);
	/* a vmalloc area too: its pages come back to the next vmalloc at the same place */
	k = vku_vmalloc(h, 8192);
	memset(k, 0xa5, 8192);
	CHECK(vku_kvfree_sensitive(h, k, 8192) == 0, "kvfree_sensitive(vmalloc)");
	v = vku_vmalloc(h, 8192);
	CHECK(v == k, "same area back");
	for (j = 0, bad = 0; v && j < 8192; j++)
		bad += v[j] != 0;
	CHECK(bad == 0, "kvfree_sensitive left %zu bytes of a vmalloc area", bad);
	vku_vfree(h, v);
	vku_heap_destroy(h);
}

int main(void)
{
	test_layout();
	test_kmalloc_sizes();
	test_bad_input();
	test_zeroing();
	test_bad_frees();
	test_abort_mode();
	test_guard_page();
	test_kv_fallback();
	test_fault_modes();
	test_realloc();
	test_threads();
	test_reset();
	test_vfree_protection();
	test_reuse_zeroing();
	if (failures) {
		fprintf(stderr, "%d check(s) failed\n", failures);
		return 1;
	}
	printf("vku_test: all checks passed\n");
	return 0;
}
