/* fuzz_dockerfile.c — libFuzzer target: any bytes through pl_dockerfile_parse and, when
 * they parse, the AST dump; the arena is freed each time so leaks show up as leaks. */
#include <stddef.h>
#include <stdint.h>

#include "plimsoll/dockerfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    pl_arena a;
    pl_arena_init(&a);
    pl_dockerfile *df = NULL;
    pl_error err;
    if (pl_dockerfile_parse(&a, "fuzz", (const char *)data, size, &df, &err) == 0) {
        pl_buf b;
        pl_buf_init(&b);
        pl_dockerfile_dump_ast(df, &b);
        pl_buf_free(&b);
    }
    pl_arena_free(&a);
    return 0;
}
