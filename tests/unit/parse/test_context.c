/* test_context.c — which ignore file a Dockerfile's context uses, and its patterns read
 * as BuildKit reads them (comments, white space, `!`, path cleaning, line numbers). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "plimsoll/document.h"

typedef struct fixture {
    pl_arena arena;
    char dir[64];
} fixture;

static void put(const fixture *f, const char *name, const char *text) {
    char path[128];
    snprintf(path, sizeof path, "%s/%s", f->dir, name);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

static int setup(void **state) {
    fixture *f = calloc(1, sizeof *f);
    pl_arena_init(&f->arena);
    strcpy(f->dir, "/tmp/pl-context-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    put(f, "Dockerfile", "FROM scratch\n");
    *state = f;
    return 0;
}

static int teardown(void **state) {
    fixture *f = *state;
    const char *names[] = {"Dockerfile", ".dockerignore", "Dockerfile.dockerignore"};
    for (size_t i = 0; i < 3; i++) {
        char path[128];
        snprintf(path, sizeof path, "%s/%s", f->dir, names[i]);
        unlink(path);
    }
    rmdir(f->dir);
    pl_arena_free(&f->arena);
    free(f);
    return 0;
}

static pl_build_context *attach(fixture *f) {
    char path[128];
    snprintf(path, sizeof path, "%s/Dockerfile", f->dir);
    pl_document doc = {.kind = PL_DOC_DOCKERFILE, .path = path};
    pl_error err = {0};
    assert_int_equal(pl_document_attach_context(&f->arena, &doc, path, &err), 0);
    assert_non_null(doc.context);
    assert_string_equal(doc.context->dir, f->dir);
    return doc.context;
}

static void no_ignore_file_is_known_and_empty(void **state) {
    /* "no .dockerignore" is a fact a rule can act on, unlike "not looked up" */
    pl_build_context *c = attach(*state);
    assert_null(c->dockerignore);
    assert_int_equal(c->npatterns, 0);
}

static void patterns_read_as_buildkit_reads_them(void **state) {
    fixture *f = *state;
    put(f, ".dockerignore",
        "\xEF\xBB\xBF# a comment\n"
        "  .git  \n"
        "\n"
        "! /keep//sub/./x/\n"
        "a/../b\n"
        "/\n"
        " # not a comment once indented\n"
        "**/*.pem\r\n");
    pl_build_context *c = attach(f);
    assert_non_null(c->dockerignore);
    assert_int_equal(c->npatterns, 6);
    assert_string_equal(c->patterns[0].pattern, ".git");
    assert_int_equal(c->patterns[0].line, 2);
    assert_false(c->patterns[0].negate);
    assert_string_equal(c->patterns[1].pattern, "keep/sub/x");
    assert_true(c->patterns[1].negate);
    assert_int_equal(c->patterns[1].line, 4);
    assert_string_equal(c->patterns[2].pattern, "b");
    assert_string_equal(c->patterns[3].pattern, "/"); /* the root stays the root */
    assert_string_equal(c->patterns[4].pattern, "# not a comment once indented");
    assert_string_equal(c->patterns[5].pattern, "**/*.pem");
    assert_int_equal(c->patterns[5].line, 8);
}

static void per_dockerfile_ignore_file_wins(void **state) {
    fixture *f = *state;
    put(f, ".dockerignore", ".git\n");
    put(f, "Dockerfile.dockerignore", ".env\nsecrets\n");
    pl_build_context *c = attach(f);
    assert_non_null(strstr(c->dockerignore, "Dockerfile.dockerignore"));
    assert_int_equal(c->npatterns, 2);
    assert_string_equal(c->patterns[0].pattern, ".env");
}

static void standard_input_has_no_context(void **state) {
    fixture *f = *state;
    pl_document doc = {.kind = PL_DOC_DOCKERFILE, .path = "-"};
    pl_error err = {0};
    assert_int_equal(pl_document_attach_context(&f->arena, &doc, "-", &err), 0);
    assert_null(doc.context);
    pl_document img = {.kind = PL_DOC_IMAGE, .path = "x.json"};
    assert_int_equal(pl_document_attach_context(&f->arena, &img, "x.json", &err), 0);
    assert_null(img.context);
}

static void unreadable_ignore_file_is_an_error(void **state) {
    /* a directory named .dockerignore exists but cannot be read as a file */
    fixture *f = *state;
    char path[128];
    snprintf(path, sizeof path, "%s/.dockerignore", f->dir);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/Dockerfile", f->dir);
    pl_document doc = {.kind = PL_DOC_DOCKERFILE, .path = path};
    pl_error err = {0};
    assert_int_equal(pl_document_attach_context(&f->arena, &doc, path, &err), -1);
    assert_true(err.message[0] != 0);
    snprintf(path, sizeof path, "%s/.dockerignore", f->dir);
    rmdir(path);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(no_ignore_file_is_known_and_empty, setup, teardown),
        cmocka_unit_test_setup_teardown(patterns_read_as_buildkit_reads_them, setup, teardown),
        cmocka_unit_test_setup_teardown(per_dockerfile_ignore_file_wins, setup, teardown),
        cmocka_unit_test_setup_teardown(standard_input_has_no_context, setup, teardown),
        cmocka_unit_test_setup_teardown(unreadable_ignore_file_is_an_error, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
