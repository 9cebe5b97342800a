/* fuzz_lock.c — libFuzzer target: any bytes through pl_lock_check_text, the plimsoll.lock
 * reader (JSON, version, and every bundle entry's shape), as pl_lock_verify reads a
 * lockfile before it touches any bundle. */
#include <stddef.h>
#include <stdint.h>

#include "plimsoll/lock.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    pl_results res;
    pl_results_init(&res);
    pl_lock_check_text("fuzz/plimsoll.lock", (const char *)data, size, &res);
    pl_results_free(&res);
    return 0;
}
