/* use_plimsoll.c — a program built against an installed libplimsoll, through pkg-config
 * only (tests/package/test_install.sh): it parses a Dockerfile, hashes, and loads the
 * built-in rules, so the headers, the static library and every library it needs link. */
#include <stdio.h>
#include <string.h>

#include <plimsoll/bundle.h>
#include <plimsoll/core.h>
#include <plimsoll/dockerfile.h>
#include <plimsoll/engine.h>
#include <plimsoll/result.h>

int main(void) {
    const char *text = "FROM alpine:3.20\nRUN echo hi\n";
    pl_arena a;
    pl_arena_init(&a);
    pl_dockerfile *df = NULL;
    pl_error err = {0};
    if (pl_dockerfile_parse(&a, "Dockerfile", text, strlen(text), &df, &err) != 0)
        return 1;
    pl_buf ast = {0};
    pl_dockerfile_dump_ast(df, &ast);
    char hex[65];
    pl_sha256_hex("abc", 3, hex);
    pl_limits l;
    pl_limits_default(&l);
    pl_engine *e = pl_engine_new(&l);
    pl_results res;
    pl_results_init(&res);
    pl_engine_add_builtin(e, &res);
    printf("plimsoll %s\n%s%s\nrules %s\n", PL_VERSION, ast.data, hex,
           pl_engine_rule_count(e) > 50 ? "loaded" : "missing");
    pl_results_free(&res);
    pl_engine_free(e);
    pl_buf_free(&ast);
    pl_arena_free(&a);
    return 0;
}
