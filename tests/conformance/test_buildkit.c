/* test_buildkit.c — BuildKit's own parser and lexer test data, run against our parser.
 *
 * Walks PL_SHARED_DIR/conformance/buildkit (see its README): every parser case must dump
 * byte for byte as upstream's `result`, every negative case must be rejected, the line
 * numbers of testfile-line must match, and every A/U line of envVarTest and every
 * wordsTest line must expand as upstream expects. A missing data directory is a failure,
 * not a skip: a conformance suite that silently runs nothing proves nothing. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "plimsoll/dockerfile.h"

#define BK_DIR PL_SHARED_DIR "/conformance/buildkit"

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t r;
    while ((r = fread(buf + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap)
            buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* Sorted list of the case directories under BK_DIR/sub. */
static int cmpstr(const void *x, const void *y) {
    return strcmp(*(char *const *)x, *(char *const *)y);
}
static size_t list_cases(const char *sub, char ***out) {
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/%s", BK_DIR, sub);
    DIR *d = opendir(dir);
    if (!d)
        fail_msg("conformance data missing: cannot open %s", dir);
    size_t n = 0, cap = 16;
    char **names = malloc(cap * sizeof *names);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap)
            names = realloc(names, (cap *= 2) * sizeof *names);
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmpstr);
    *out = names;
    return n;
}

static void free_cases(char **names, size_t n) {
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

static void show_first_difference(const char *name, const char *want, const char *got) {
    int line = 1;
    const char *w = want, *g = got;
    while (*w && *w == *g) {
        if (*w == '\n')
            line++;
        w++, g++;
    }
    const char *ws = w, *gs = g;
    while (ws > want && ws[-1] != '\n')
        ws--;
    while (gs > got && gs[-1] != '\n')
        gs--;
    int wl = (int)(strchr(ws, '\n') ? strchr(ws, '\n') - ws : (ptrdiff_t)strlen(ws));
    int gl = (int)(strchr(gs, '\n') ? strchr(gs, '\n') - gs : (ptrdiff_t)strlen(gs));
    fprintf(stderr, "MISMATCH %s at line %d\n  want: %.*s\n  got:  %.*s\n", name, line, wl, ws, gl,
            gs);
}

static void parser_cases(void **state) {
    char **names;
    size_t n = list_cases("parser", &names), pass = 0;
    for (size_t i = 0; i < n; i++) {
        char p[2048];
        size_t dlen = 0, rlen = 0;
        snprintf(p, sizeof p, "%s/parser/%s/Dockerfile", BK_DIR, names[i]);
        char *df_text = slurp(p, &dlen);
        snprintf(p, sizeof p, "%s/parser/%s/result", BK_DIR, names[i]);
        char *want = slurp(p, &rlen);
        if (!df_text || !want) {
            fprintf(stderr, "MISSING FILES %s\n", names[i]);
            free(df_text), free(want);
            continue;
        }
        pl_arena a;
        pl_arena_init(&a);
        pl_dockerfile *df = NULL;
        pl_error err;
        if (pl_dockerfile_parse(&a, names[i], df_text, dlen, &df, &err) < 0) {
            fprintf(stderr, "REJECTED %s: line %d: %s\n", names[i], err.line, err.message);
        } else {
            pl_buf b;
            pl_buf_init(&b);
            pl_dockerfile_dump_ast(df, &b);
            if (b.len == rlen && memcmp(b.data ? b.data : "", want, rlen) == 0)
                pass++;
            else
                show_first_difference(names[i], want, b.data ? b.data : "");
            pl_buf_free(&b);
        }
        pl_arena_free(&a);
        free(df_text);
        free(want);
    }
    fprintf(stderr, "parser cases: %zu/%zu pass\n", pass, n);
    free_cases(names, n);
    assert_true(n > 0);
    assert_int_equal(pass, n);
}

static void negative_cases(void **state) {
    char **names;
    size_t n = list_cases("negative", &names), rejected = 0;
    for (size_t i = 0; i < n; i++) {
        char p[2048];
        size_t dlen = 0;
        snprintf(p, sizeof p, "%s/negative/%s/Dockerfile", BK_DIR, names[i]);
        char *text = slurp(p, &dlen);
        assert_non_null(text);
        pl_arena a;
        pl_arena_init(&a);
        pl_dockerfile *df = NULL;
        pl_error err = {0};
        if (pl_dockerfile_parse(&a, names[i], text, dlen, &df, &err) < 0) {
            rejected++;
            assert_true(err.message[0] != '\0');
            assert_true(err.line >= 1);
        } else {
            fprintf(stderr, "ACCEPTED negative case %s\n", names[i]);
        }
        pl_arena_free(&a);
        free(text);
    }
    fprintf(stderr, "negative cases: %zu/%zu rejected\n", rejected, n);
    free_cases(names, n);
    assert_true(n > 0);
    assert_int_equal(rejected, n);
}

static void line_numbers(void **state) {
    size_t dlen = 0, elen = 0;
    char *text = slurp(BK_DIR "/line/testfile-line/Dockerfile", &dlen);
    char *exp = slurp(BK_DIR "/line/testfile-line/expected", &elen);
    assert_non_null(text);
    assert_non_null(exp);
    pl_arena a;
    pl_arena_init(&a);
    pl_dockerfile *df = NULL;
    pl_error err;
    assert_int_equal(pl_dockerfile_parse(&a, "testfile-line", text, dlen, &df, &err), 0);
    int checked = 0;
    for (char *line = strtok(exp, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == '#' || line[0] == '\0')
            continue;
        char node[32];
        int start, end;
        assert_int_equal(sscanf(line, "%31s %d %d", node, &start, &end), 3);
        if (strcmp(node, "root") == 0) {
            assert_int_equal(df->start_line, start);
            assert_int_equal(df->end_line, end);
        } else {
            size_t k = (size_t)atoi(node);
            assert_true(k < df->ninstructions);
            assert_int_equal(df->instructions[k].line, start);
            assert_int_equal(df->instructions[k].end_line, end);
        }
        checked++;
    }
    fprintf(stderr, "line numbers: %d nodes checked, %zu instructions\n", checked,
            df->ninstructions);
    assert_true(checked >= 2);
    pl_arena_free(&a);
    free(text);
    free(exp);
}

static char *trim(char *s) {
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

static void env_var_test(void **state) {
    size_t len;
    char *text = slurp(BK_DIR "/shell/envVarTest", &len);
    assert_non_null(text);
    pl_arena a;
    pl_arena_init(&a);
    pl_env env = {0};
    pl_env_set(&a, &env, "PWD", "/home");
    pl_env_set(&a, &env, "SHELL", "bash");
    pl_env_set(&a, &env, "KOREAN", "\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4");
    pl_env_set(&a, &env, "NULL", "");
    pl_lex_opts o = {.escape = '\\', .env = &env};
    int run = 0, pass = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (line[0] == '#')
            continue;
        char *t = trim(line);
        if (!*t)
            continue;
        char *f1 = strchr(t, '|');
        assert_non_null(f1);
        char *f2 = strchr(f1 + 1, '|');
        assert_non_null(f2);
        *f1 = *f2 = '\0';
        char *plat = trim(t), *src = trim(f1 + 1), *want = trim(f2 + 1);
        if (strcmp(plat, "W") == 0)
            continue;
        run++;
        char *got = NULL;
        pl_error err;
        int rc = pl_lex_word(&a, src, strlen(src), &o, &got, NULL, &err);
        bool ok = strcmp(want, "error") == 0 ? rc < 0 : (rc == 0 && strcmp(got, want) == 0);
        if (ok)
            pass++;
        else
            fprintf(stderr, "envVarTest FAIL: %s -> %s (want %s)\n", src,
                    rc < 0 ? err.message : got, want);
    }
    fprintf(stderr, "envVarTest: %d/%d pass\n", pass, run);
    pl_arena_free(&a);
    free(text);
    assert_true(run > 100);
    assert_int_equal(pass, run);
}

static void words_test(void **state) {
    size_t len;
    char *text = slurp(BK_DIR "/shell/wordsTest", &len);
    assert_non_null(text);
    pl_arena a;
    pl_arena_init(&a);
    pl_env env = {0};
    pl_lex_opts o = {.escape = '\\', .env = &env};
    int run = 0, pass = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (line[0] == '#')
            continue;
        if (strncmp(line, "ENV ", 4) == 0) {
            char *p = line + 3;
            while (*p == ' ')
                p++;
            char *eq = strchr(p, '=');
            assert_non_null(eq);
            pl_env_set(&a, &env, pl_arena_strndup(&a, p, (size_t)(eq - p)),
                       pl_arena_strdup(&a, eq + 1));
            continue;
        }
        char *bar = strchr(line, '|');
        if (!bar)
            continue;
        *bar = '\0';
        char *src = trim(line), *want = bar + 1;
        while (*want == ' ')
            want++;
        run++;
        pl_vec words = {0};
        pl_error err;
        const char *got[64];
        size_t ngot = 0;
        if (pl_lex_words(&a, src, strlen(src), &o, &words, NULL, &err) < 0) {
            got[ngot++] = "error";
        } else {
            for (size_t i = 0; i < words.len && ngot < 64; i++)
                got[ngot++] = PL_VEC_AT(words, const char *, i);
        }
        const char *exp[64];
        size_t nexp = 0;
        for (char *p = want;;) {
            char *c = strchr(p, ',');
            if (c)
                *c = '\0';
            if (nexp < 64)
                exp[nexp++] = p;
            if (!c)
                break;
            p = c + 1;
        }
        bool ok = ngot == nexp;
        for (size_t i = 0; ok && i < nexp; i++)
            ok = strcmp(got[i], exp[i]) == 0;
        if (ok) {
            pass++;
        } else {
            fprintf(stderr, "wordsTest FAIL: %s ->", src);
            for (size_t i = 0; i < ngot; i++)
                fprintf(stderr, " [%s]", got[i]);
            fprintf(stderr, "\n");
        }
    }
    fprintf(stderr, "wordsTest: %d/%d pass\n", pass, run);
    pl_arena_free(&a);
    free(text);
    assert_true(run > 10);
    assert_int_equal(pass, run);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parser_cases), cmocka_unit_test(negative_cases),
        cmocka_unit_test(line_numbers), cmocka_unit_test(env_var_test),
        cmocka_unit_test(words_test),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
