/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vk_kmod_main.c - module entry, check counters and the debugfs interface.
 *
 * /sys/kernel/debug/vkalloc/sweep  write a sweep name (gfp, size, kmalloc,
 *                                  addr, kvmalloc, inject, all) to run it
 * /sys/kernel/debug/vkalloc/ops    write "kvmalloc <size> <gfp-hex> <inject>"
 *                                  to run one core-driven allocation
 * /sys/kernel/debug/vkalloc/result read the running totals
 * /sys/kernel/debug/vkalloc/seq    write op records (vk_kmod_ops.h), read
 *                                  back one result record per op
 * /sys/kernel/debug/vkalloc/layout read the host layout: six hex numbers,
 *                                  direct, vmalloc, modules [start, end)
 *
 * At unload the module checks that every allocation was freed, prints one
 * "vkalloc: check <name>: N checks, M mismatches" line per group and
 * "VKALLOC-RESULT: PASS checks=<n>" or "VKALLOC-RESULT: FAIL ...".
 */
#include <linux/debugfs.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "vk_kmod.h"
#include "vk_kmod_ops.h"

#define VK_KMOD_MAX_REPORTS_PER_GROUP 8
#define VK_KMOD_CMD_BYTES 96

struct vk_kmod_group {
	const char *name;
	u64 checks;
	u64 mismatches;
};

static struct vk_kmod_group vk_groups[VK_GRP_COUNT] = {
	[VK_GRP_GFP_ZONE] = { .name = "gfp_zone" },
	[VK_GRP_GFP_MIGRATETYPE] = { .name = "gfp_migratetype" },
	[VK_GRP_GFP_ALLOW_BLOCKING] = { .name = "gfp_allow_blocking" },
	[VK_GRP_GFP_SCOPE] = { .name = "gfp_scope" },
	[VK_GRP_SIZE_MUL] = { .name = "size_mul" },
	[VK_GRP_SIZE_ADD] = { .name = "size_add" },
	[VK_GRP_SIZE_SUB] = { .name = "size_sub" },
	[VK_GRP_ARRAY_SIZE] = { .name = "array_size" },
	[VK_GRP_ARRAY3_SIZE] = { .name = "array3_size" },
	[VK_GRP_STRUCT_SIZE] = { .name = "struct_size" },
	[VK_GRP_ARRAY_BYTES] = { .name = "array_bytes" },
	[VK_GRP_KMALLOC_ROUTE] = { .name = "kmalloc_route" },
	[VK_GRP_ADDR_LAYOUT] = { .name = "addr_layout" },
	[VK_GRP_ADDR_CLASS] = { .name = "addr_class" },
	[VK_GRP_ADDR_BOUNDARY] = { .name = "addr_boundary" },
	[VK_GRP_PAGE_ROUTE] = { .name = "page_route" },
	[VK_GRP_KVMALLOC_KERNEL] = { .name = "kvmalloc_kernel" },
	[VK_GRP_KVMALLOC_CORE] = { .name = "kvmalloc_core" },
	[VK_GRP_KVMALLOC_INJECT] = { .name = "kvmalloc_inject" },
	[VK_GRP_ARRAY_ALLOC] = { .name = "array_alloc" },
	[VK_GRP_KVFREE_ROUTE] = { .name = "kvfree_route" },
	[VK_GRP_OPS] = { .name = "ops" },
	[VK_GRP_BALANCE] = { .name = "balance" },
};

/* Serialises sweeps and ops; the counters are only touched under it. */
static DEFINE_MUTEX(vk_kmod_lock);
static struct dentry *vk_kmod_dir;

/**
 * vk_kmod_check - count one check of @group and report it if it failed.
 * @group: the check group.
 * @ok: the outcome agreed with the oracle.
 * @what: short description printed on a mismatch.
 * @arg0: first input value, printed on a mismatch.
 * @arg1: second input value, printed on a mismatch.
 */
void vk_kmod_check(enum vk_kmod_group_id group, bool ok, const char *what,
		   u64 arg0, u64 arg1)
{
	struct vk_kmod_group *g = &vk_groups[group];

	g->checks++;
	if (ok)
		return;
	g->mismatches++;
	if (g->mismatches <= VK_KMOD_MAX_REPORTS_PER_GROUP)
		pr_err("vkalloc: MISMATCH %s: %s (0x%llx, 0x%llx)\n",
		       g->name, what, arg0, arg1);
}

/**
 * vk_kmod_group_report - print the running totals of one group after a sweep
 * (the final "check" lines are printed at unload).
 * @group: the check group.
 */
void vk_kmod_group_report(enum vk_kmod_group_id group)
{
	const struct vk_kmod_group *g = &vk_groups[group];

	pr_info("vkalloc: progress %s: %llu checks, %llu mismatches\n",
		g->name, g->checks, g->mismatches);
}

static void vk_kmod_totals(u64 *checks, u64 *mismatches)
{
	int i;

	*checks = 0;
	*mismatches = 0;
	for (i = 0; i < VK_GRP_COUNT; i++) {
		*checks += vk_groups[i].checks;
		*mismatches += vk_groups[i].mismatches;
	}
}

static int vk_kmod_run_sweep(const char *name)
{
	bool all = strcmp(name, "all") == 0;
	bool known = all;

	if (all || strcmp(name, "gfp") == 0) {
		vk_kmod_sweep_gfp();
		known = true;
	}
	if (all || strcmp(name, "size") == 0) {
		vk_kmod_sweep_size();
		known = true;
	}
	if (all || strcmp(name, "kmalloc") == 0) {
		vk_kmod_sweep_kmalloc();
		known = true;
	}
	if (all || strcmp(name, "addr") == 0) {
		vk_kmod_sweep_addr();
		known = true;
	}
	if (all || strcmp(name, "kvmalloc") == 0) {
		vk_kmod_sweep_kvmalloc();
		known = true;
	}
	if (all || strcmp(name, "inject") == 0) {
		vk_kmod_sweep_inject();
		known = true;
	}
	if (!known)
		return -EINVAL;
	pr_info("vkalloc: sweep %s done\n", name);
	return 0;
}

static int vk_kmod_read_cmd(const char __user *ubuf, size_t count, char *cmd)
{
	if (count == 0 || count >= VK_KMOD_CMD_BYTES)
		return -EINVAL;
	if (copy_from_user(cmd, ubuf, count))
		return -EFAULT;
	cmd[count] = '\0';
	strim(cmd);
	return 0;
}

static ssize_t vk_kmod_sweep_write(struct file *file, const char __user *ubuf,
				   size_t count, loff_t *ppos)
{
	char cmd[VK_KMOD_CMD_BYTES];
	int ret = vk_kmod_read_cmd(ubuf, count, cmd);

	if (ret)
		return ret;
	mutex_lock(&vk_kmod_lock);
	ret = vk_kmod_run_sweep(strim(cmd));
	mutex_unlock(&vk_kmod_lock);
	return ret ? ret : (ssize_t)count;
}

static ssize_t vk_kmod_ops_write(struct file *file, const char __user *ubuf,
				 size_t count, loff_t *ppos)
{
	char cmd[VK_KMOD_CMD_BYTES];
	unsigned long long size_bytes;
	unsigned int gfp_bits, inject;
	int ret = vk_kmod_read_cmd(ubuf, count, cmd);

	if (ret)
		return ret;
	if (sscanf(cmd, "kvmalloc %llu %x %u", &size_bytes, &gfp_bits, &inject) != 3)
		return -EINVAL;
	mutex_lock(&vk_kmod_lock);
	ret = vk_kmod_op_kvmalloc((size_t)size_bytes, gfp_bits, inject != 0);
	mutex_unlock(&vk_kmod_lock);
	return ret ? ret : (ssize_t)count;
}

static struct vk_kmod_op_result vk_seq_results[VK_OPS_MAX_RECORDS];
static size_t vk_seq_result_count;
static u8 vk_seq_recs[VK_OPS_MAX_RECORDS * VK_OPS_REC_BYTES];

static ssize_t vk_kmod_seq_write(struct file *file, const char __user *ubuf,
				 size_t count, loff_t *ppos)
{
	if (count == 0 || count % VK_OPS_REC_BYTES != 0 || count > sizeof(vk_seq_recs))
		return -EINVAL;
	mutex_lock(&vk_kmod_lock);
	if (copy_from_user(vk_seq_recs, ubuf, count)) {
		mutex_unlock(&vk_kmod_lock);
		return -EFAULT;
	}
	vk_seq_result_count = count / VK_OPS_REC_BYTES;
	vk_kmod_seq_run(vk_seq_recs, vk_seq_result_count, vk_seq_results);
	mutex_unlock(&vk_kmod_lock);
	return (ssize_t)count;
}

static ssize_t vk_kmod_seq_read(struct file *file, char __user *ubuf, size_t count,
				loff_t *ppos)
{
	ssize_t ret;

	mutex_lock(&vk_kmod_lock);
	ret = simple_read_from_buffer(ubuf, count, ppos, vk_seq_results,
				      vk_seq_result_count * sizeof(vk_seq_results[0]));
	mutex_unlock(&vk_kmod_lock);
	return ret;
}

static int vk_kmod_layout_show(struct seq_file *m, void *unused)
{
	const struct vk_layout *l = vk_kmod_layout();

	seq_printf(m, "%llx %llx %llx %llx %llx %llx\n", l->direct.start, l->direct.end,
		   l->vmalloc.start, l->vmalloc.end, l->modules.start, l->modules.end);
	return 0;
}

static int vk_kmod_layout_open(struct inode *inode, struct file *file)
{
	return single_open(file, vk_kmod_layout_show, NULL);
}

static int vk_kmod_result_show(struct seq_file *m, void *unused)
{
	u64 checks, mismatches;
	int i;

	mutex_lock(&vk_kmod_lock);
	vk_kmod_totals(&checks, &mismatches);
	seq_printf(m, "checks=%llu mismatches=%llu live=%llu\n",
		   checks, mismatches, vk_kmod_live_allocs());
	for (i = 0; i < VK_GRP_COUNT; i++)
		seq_printf(m, "%s %llu %llu\n", vk_groups[i].name,
			   vk_groups[i].checks, vk_groups[i].mismatches);
	mutex_unlock(&vk_kmod_lock);
	return 0;
}

static int vk_kmod_result_open(struct inode *inode, struct file *file)
{
	return single_open(file, vk_kmod_result_show, NULL);
}

static const struct file_operations vk_kmod_sweep_fops = {
	.owner = THIS_MODULE,
	.write = vk_kmod_sweep_write,
};

static const struct file_operations vk_kmod_ops_fops = {
	.owner = THIS_MODULE,
	.write = vk_kmod_ops_write,
};

static const struct file_operations vk_kmod_seq_fops = {
	.owner = THIS_MODULE,
	.write = vk_kmod_seq_write,
	.read = vk_kmod_seq_read,
	.llseek = default_llseek,
};

static const struct file_operations vk_kmod_layout_fops = {
	.owner = THIS_MODULE,
	.open = vk_kmod_layout_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
};

static const struct file_operations vk_kmod_result_fops = {
	.owner = THIS_MODULE,
	.open = vk_kmod_result_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
};

static int __init vk_kmod_init(void)
{
	vk_kmod_layout_init();
	vk_kmod_dir = debugfs_create_dir("vkalloc", NULL);
	if (IS_ERR(vk_kmod_dir))
		return PTR_ERR(vk_kmod_dir);
	debugfs_create_file("sweep", 0200, vk_kmod_dir, NULL, &vk_kmod_sweep_fops);
	debugfs_create_file("ops", 0200, vk_kmod_dir, NULL, &vk_kmod_ops_fops);
	debugfs_create_file("result", 0400, vk_kmod_dir, NULL, &vk_kmod_result_fops);
	debugfs_create_file("seq", 0600, vk_kmod_dir, NULL, &vk_kmod_seq_fops);
	debugfs_create_file("layout", 0400, vk_kmod_dir, NULL, &vk_kmod_layout_fops);
	pr_info("vkalloc: loaded, direct [0x%llx,0x%llx) vmalloc [0x%llx,0x%llx) modules [0x%llx,0x%llx)\n",
		vk_kmod_layout()->direct.start, vk_kmod_layout()->direct.end,
		vk_kmod_layout()->vmalloc.start, vk_kmod_layout()->vmalloc.end,
		vk_kmod_layout()->modules.start, vk_kmod_layout()->modules.end);
	return 0;
}

static void __exit vk_kmod_exit(void)
{
	char failed[160] = "";
	size_t used = 0;
	u64 checks, mismatches, left;
	int i;

	debugfs_remove_recursive(vk_kmod_dir);
	mutex_lock(&vk_kmod_lock);
	left = vk_kmod_seq_release();
	vk_kmod_check(VK_GRP_OPS, left == 0, "seq: allocations left in slots at unload", left, 0);
	vk_kmod_check(VK_GRP_BALANCE, vk_kmod_live_allocs() == 0,
		      "allocations not freed (alloc, free)",
		      vk_kmod_alloc_count(), vk_kmod_free_count());
	for (i = 0; i < VK_GRP_COUNT; i++) {
		const struct vk_kmod_group *g = &vk_groups[i];
		bool bad = g->mismatches != 0 || (g->checks == 0 && i != VK_GRP_OPS);

		pr_info("vkalloc: check %s: %llu checks, %llu mismatches\n",
			g->name, g->checks, g->mismatches);
		if (bad && used < sizeof(failed))
			used += scnprintf(failed + used, sizeof(failed) - used, "%s%s%s",
					  used ? "," : "", g->name,
					  g->checks == 0 ? "(not run)" : "");
	}
	vk_kmod_totals(&checks, &mismatches);
	mutex_unlock(&vk_kmod_lock);
	if (used == 0)
		pr_info("VKALLOC-RESULT: PASS checks=%llu\n", checks);
	else
		pr_err("VKALLOC-RESULT: FAIL checks=%llu mismatches=%llu failed=%s\n",
		       checks, mismatches, failed);
}

module_init(vk_kmod_init);
module_exit(vk_kmod_exit);
MODULE_LICENSE("Dual MIT/GPL");
MODULE_DESCRIPTION("vkalloc: the verified allocation core driven against the running kernel");
