/* fuzz_manifest.c — libFuzzer target: any bytes through pl_manifest_parse, the bundle.yaml
 * reader (libyaml, every field checked, version constraints evaluated). Every problem
 * goes to the results; the manifest is always safe to free. */
#include <stddef.h>
#include <stdint.h>

#include "plimsoll/bundle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    pl_results res;
    pl_results_init(&res);
    pl_manifest m;
    pl_manifest_parse("fuzz/bundle.yaml", (const char *)data, size, &m, &res);
    pl_manifest_free(&m);
    pl_results_free(&res);
    return 0;
}
