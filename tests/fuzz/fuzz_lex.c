/* fuzz_lex.c — libFuzzer target for the word lexer. The first byte picks the options
 * and escape character; the rest is lexed both as one word and as words, with a small
 * environment holding a set, an empty and an undecidable variable. */
#include <stddef.h>
#include <stdint.h>

#include "plimsoll/shell.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0)
        return 0;
    uint8_t m = data[0];
    pl_arena a;
    pl_arena_init(&a);
    pl_env env = {0};
    pl_env_set(&a, &env, "A", "a b/c*d");
    pl_env_set(&a, &env, "E", "");
    pl_env_set(&a, &env, "U", NULL);
    pl_lex_opts o = {.escape = (m & 1) ? '`' : '\\',
                     .raw_quotes = (m & 2) != 0,
                     .raw_escapes = (m & 4) != 0,
                     .skip_process_quotes = (m & 8) != 0,
                     .skip_unset_env = (m & 16) != 0,
                     .env = (m & 32) ? NULL : &env};
    pl_lex_info info = {0};
    pl_error err;
    char *out;
    pl_vec words = {0};
    (void)pl_lex_word(&a, (const char *)data + 1, size - 1, &o, &out, &info, &err);
    (void)pl_lex_words(&a, (const char *)data + 1, size - 1, &o, &words, NULL, &err);
    pl_arena_free(&a);
    return 0;
}
