/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * check.h - a tiny check macro for the core's table-driven unit tests: it
 * counts checks and failures and prints file:line, the row, and both values.
 */
#ifndef VK_TESTS_CORE_CHECK_H
#define VK_TESTS_CORE_CHECK_H

#include <stdio.h>

static unsigned long vk_check_total;
static unsigned long vk_check_failed;

/*
 * CHECK_EQ - compare @got with the literal @want (both widened to 64 bits);
 * @row names the table row (an index, or -1 for a standalone check).
 */
#define CHECK_EQ(row, got, want)                                                     \
	do {                                                                         \
		unsigned long long got_ = (unsigned long long)(got);                 \
		unsigned long long want_ = (unsigned long long)(want);               \
		vk_check_total++;                                                    \
		if (got_ != want_) {                                                 \
			vk_check_failed++;                                           \
			fprintf(stderr, "%s:%d: row %ld: %s = 0x%llx, expected %s = 0x%llx\n", \
				__FILE__, __LINE__, (long)(row), #got, got_, #want, want_); \
		}                                                                    \
	} while (0)

/**
 * vk_check_report - print the totals and turn them into an exit status.
 * @name: the test's name.
 *
 * Return: 0 when every check passed (and at least one ran), 1 otherwise.
 */
static inline int vk_check_report(const char *name)
{
	printf("%s: %lu checks, %lu failed\n", name, vk_check_total, vk_check_failed);
	return (vk_check_failed == 0 && vk_check_total > 0) ? 0 : 1;
}

#define ROWS(t) (sizeof(t) / sizeof((t)[0]))

#endif /* VK_TESTS_CORE_CHECK_H */
