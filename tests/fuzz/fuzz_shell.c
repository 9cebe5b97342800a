/* fuzz_shell.c — libFuzzer target for the sh reader: any bytes, no crash, no hang, no
 * read outside the script, and every listed command well formed. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "plimsoll/shell.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    pl_arena a;
    pl_arena_init(&a);
    /* an exact-size copy, so ASan sees any read past the end */
    char *s = malloc(size ? size : 1);
    if (size)
        memcpy(s, data, size);
    pl_sh_script sc;
    pl_sh_parse(&a, s, size, NULL, 1, &sc);
    for (size_t i = 0; i < sc.ncommands; i++) {
        const pl_sh_command *c = &sc.commands[i];
        if (!c->name || c->line < 1 || c->depth < 0 || c->subst < 0)
            abort();
        for (size_t k = 0; k < c->argc; k++)
            if (!c->argv[k] || !c->raw[k])
                abort();
        for (size_t k = 0; k < c->nredirects; k++)
            if (!c->redirects[k].op || !c->redirects[k].target)
                abort();
    }
    free(s);
    pl_arena_free(&a);
    return 0;
}
