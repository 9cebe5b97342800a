/* test_discover.c — discovery on a real directory tree (names, sniffing, skipped
 * directories and what is said about them, order, errors) and document loading by kind
 * and by content. */
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

#define OCI_CONFIG                                                                                 \
    "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]" \
    "}}"
#define INSPECT                                                                                    \
    "[{\"Id\":\"sha256:1\",\"Config\":{},\"RootFS\":{\"Type\":\"layers\",\"Layers\":[]}},"         \
    "{\"Id\":\"sha256:2\",\"Config\":{},\"RootFS\":{\"Type\":\"layers\",\"Layers\":[]}}]"

static char root[256];

static void put(const char *rel, const char *content) {
    char p[512];
    snprintf(p, sizeof p, "%s/%s", root, rel);
    /* create parent directories */
    for (char *s = p + strlen(root) + 1; (s = strchr(s, '/')); s++) {
        *s = '\0';
        mkdir(p, 0755);
        *s = '/';
    }
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(content, f);
    fclose(f);
}

static int make_tree(void **state) {
    (void)state;
    snprintf(root, sizeof root, "%s/pl-discover-XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(root))
        return -1;
    put("Dockerfile", "FROM alpine\n");
    put("api/Dockerfile.prod", "FROM alpine\n");
    put("api/app.Dockerfile", "FROM alpine\n");
    put("api/worker.dockerfile", "FROM alpine\n");
    put("web/Containerfile", "FROM alpine\n");
    put("web/Containerfile.dev", "FROM alpine\n");
    put("web/package.json", "{\"name\":\"web\",\"version\":\"1.0.0\"}");
    put("web/tsconfig.json", "{\"compilerOptions\":{}}");
    put("img/config.json", OCI_CONFIG);
    put("img/inspect.json", INSPECT);
    put("img/index.json", "{\"schemaVersion\":2,\"manifests\":[]}");
    put(".git/Dockerfile", "FROM alpine\n");
    put("node_modules/pkg/Dockerfile", "FROM alpine\n");
    put("docs/Dockerfile.md", "# notes\n");
    put("docs/Dockerfile.dockerignore", "*\n");
    put("docs/README", "FROM alpine\n");
    put("policies/bundle.yaml", "name: acme\n");
    put("policies/tests/base/fail.Dockerfile", "FROM alpine\n");
    char target[512], link[512];
    snprintf(target, sizeof target, "%s/api", root);
    snprintf(link, sizeof link, "%s/web/loop", root);
    /* a symlinked directory pointing back up the tree */
    if (symlink(root, link) != 0)
        return -1;
    snprintf(link, sizeof link, "%s/api-link", root);
    if (symlink(target, link) != 0)
        return -1;
    return 0;
}

static int remove_tree(void **state) {
    (void)state;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    return system(cmd) == 0 ? 0 : -1;
}

static const char *rel(const char *path) {
    size_t n = strlen(root);
    return strncmp(path, root, n) == 0 && path[n] == '/' ? path + n + 1 : path;
}

static void walks_picks_and_sorts(void **state) {
    (void)state;
    const char *paths[] = {root};
    pl_target_list l;
    pl_error err = {0};
    assert_int_equal(pl_discover(paths, 1, &l, &err), 0);
    const char *want[] = {
        "Dockerfile",      "api/Dockerfile.prod", "api/app.Dockerfile", "api/worker.dockerfile",
        "img/config.json", "img/inspect.json",    "web/Containerfile",  "web/Containerfile.dev"};
    pl_doc_kind kinds[] = {PL_DOC_DOCKERFILE, PL_DOC_DOCKERFILE, PL_DOC_DOCKERFILE,
                           PL_DOC_DOCKERFILE, PL_DOC_IMAGE,      PL_DOC_IMAGE,
                           PL_DOC_DOCKERFILE, PL_DOC_DOCKERFILE};
    size_t nwant = sizeof want / sizeof *want;
    for (size_t i = 0; i < l.n; i++)
        printf("  %s %s\n", pl_doc_kind_name(l.items[i].kind), rel(l.items[i].path));
    assert_int_equal(l.n, nwant);
    for (size_t i = 0; i < nwant; i++) {
        assert_string_equal(rel(l.items[i].path), want[i]);
        assert_int_equal(l.items[i].kind, kinds[i]);
    }
    pl_target_list_free(&l);
    assert_int_equal(l.n, 0);
    assert_null(l.items);
}

static void explicit_paths_are_always_targets(void **state) {
    (void)state;
    char pkg[512], readme[512], cfg[512], dup[512];
    snprintf(pkg, sizeof pkg, "%s/web/package.json", root);
    snprintf(readme, sizeof readme, "%s/docs/README", root);
    snprintf(cfg, sizeof cfg, "%s/img/config.json", root);
    snprintf(dup, sizeof dup, "%s/img", root);
    const char *paths[] = {readme, pkg, cfg, dup, "-"};
    pl_target_list l;
    pl_error err = {0};
    assert_int_equal(pl_discover(paths, 5, &l, &err), 0);
    /* "-" sorts first; img/config.json appears once although named twice */
    assert_int_equal(l.n, 5);
    assert_string_equal(l.items[0].path, "-");
    assert_int_equal(l.items[0].kind, PL_DOC_UNKNOWN);
    assert_string_equal(rel(l.items[1].path), "docs/README");
    assert_int_equal(l.items[1].kind, PL_DOC_DOCKERFILE);
    assert_string_equal(rel(l.items[2].path), "img/config.json");
    assert_int_equal(l.items[2].kind, PL_DOC_IMAGE);
    assert_string_equal(rel(l.items[3].path), "img/inspect.json");
    assert_string_equal(rel(l.items[4].path), "web/package.json");
    assert_int_equal(l.items[4].kind, PL_DOC_UNKNOWN); /* loading says what is wrong */
    pl_target_list_free(&l);
}

static void nested_policy_bundles_are_not_walked(void **state) {
    (void)state;
    /* found while walking the project: a bundle's fixtures are not the project's builds */
    const char *paths[] = {root};
    pl_target_list l;
    pl_error err = {0};
    assert_int_equal(pl_discover(paths, 1, &l, &err), 0);
    for (size_t i = 0; i < l.n; i++)
        assert_null(strstr(rel(l.items[i].path), "policies/"));
    pl_target_list_free(&l);
    /* named on the command line, the bundle is walked like any directory */
    char bundle[512];
    snprintf(bundle, sizeof bundle, "%s/policies", root);
    const char *named[] = {bundle};
    assert_int_equal(pl_discover(named, 1, &l, &err), 0);
    assert_int_equal(l.n, 1);
    assert_string_equal(rel(l.items[0].path), "policies/tests/base/fail.Dockerfile");
    pl_target_list_free(&l);
}

static const pl_discover_issue *issue_at(const pl_target_list *l, const char *relpath) {
    for (size_t i = 0; i < l->nissues; i++)
        if (strcmp(rel(l->issues[i].path), relpath) == 0)
            return &l->issues[i];
    return NULL;
}

static void what_the_walk_leaves_out_is_said(void **state) {
    (void)state;
    /* a bundle and linked directories used to be skipped without a word */
    const char *paths[] = {root};
    pl_target_list l;
    pl_error err = {0};
    assert_int_equal(pl_discover(paths, 1, &l, &err), 0);
    for (size_t i = 0; i < l.nissues; i++)
        printf("  %s %s: %s\n", l.issues[i].error ? "error" : "note", rel(l.issues[i].path),
               l.issues[i].message);
    assert_int_equal(l.nissues, 3);
    const pl_discover_issue *bundle = issue_at(&l, "policies");
    assert_non_null(bundle);
    assert_false(bundle->error);
    assert_non_null(strstr(bundle->message, "policy bundle"));
    const char *links[] = {"api-link", "web/loop"};
    for (size_t i = 0; i < 2; i++) {
        const pl_discover_issue *is = issue_at(&l, links[i]);
        assert_non_null(is);
        assert_false(is->error);
        assert_non_null(strstr(is->message, "symbolic link to a directory"));
    }
    pl_target_list_free(&l);
    assert_int_equal(l.nissues, 0);
    assert_null(l.issues);

    /* named as well, the bundle is walked and not reported as skipped */
    char bundle_dir[512];
    snprintf(bundle_dir, sizeof bundle_dir, "%s/policies/", root);
    const char *both[] = {root, bundle_dir};
    assert_int_equal(pl_discover(both, 2, &l, &err), 0);
    assert_null(issue_at(&l, "policies"));
    bool found = false;
    for (size_t i = 0; i < l.n; i++)
        found = found || strstr(l.items[i].path, "policies/tests/base/fail.Dockerfile");
    assert_true(found);
    pl_target_list_free(&l);
}

static void broken_dockerfile_link_is_an_error(void **state) {
    (void)state;
    char dir[512], link[600];
    snprintf(dir, sizeof dir, "%s/dangling", root);
    assert_int_equal(mkdir(dir, 0755), 0);
    snprintf(link, sizeof link, "%s/Dockerfile", dir);
    assert_int_equal(symlink("../nowhere/Dockerfile", link), 0);
    snprintf(link, sizeof link, "%s/notes.txt", dir);
    assert_int_equal(symlink("nowhere.txt", link), 0); /* not a Dockerfile: not ours */
    const char *paths[] = {dir};
    pl_target_list l;
    pl_error err = {0};
    assert_int_equal(pl_discover(paths, 1, &l, &err), 0);
    assert_int_equal(l.n, 0);
    assert_int_equal(l.nissues, 1);
    assert_true(l.issues[0].error);
    assert_string_equal(rel(l.issues[0].path), "dangling/Dockerfile");
    assert_non_null(strstr(l.issues[0].message, "broken symbolic link to '../nowhere/Dockerfile'"));
    pl_target_list_free(&l);

    /* named, the broken link is a usage error that says what it is */
    const char *named[] = {link};
    snprintf(link, sizeof link, "%s/Dockerfile", dir);
    assert_int_equal(pl_discover(named, 1, &l, &err), -1);
    assert_ptr_equal(err.path, link);
    assert_non_null(strstr(err.message, "broken symbolic link"));
}

static void too_deep_is_an_error_and_the_rest_is_walked(void **state) {
    (void)state;
    /* the depth error used to name a freed path and abort the whole discovery */
    char p[4096];
    int n = snprintf(p, sizeof p, "%s/deep", root);
    assert_int_equal(mkdir(p, 0755), 0);
    for (int i = 0; i <= PL_DISCOVER_MAX_DEPTH + 2; i++) {
        n += snprintf(p + n, sizeof p - (size_t)n, "/d");
        assert_int_equal(mkdir(p, 0755), 0);
    }
    put("deep/Dockerfile", "FROM alpine\n");
    char deep[512];
    snprintf(deep, sizeof deep, "%s/deep", root);
    const char *paths[] = {deep};
    pl_target_list l;
    pl_error err = {0};
    assert_int_equal(pl_discover(paths, 1, &l, &err), 0);
    assert_int_equal(l.n, 1);
    assert_string_equal(rel(l.items[0].path), "deep/Dockerfile");
    assert_int_equal(l.nissues, 1);
    assert_true(l.issues[0].error);
    /* the first directory below the limit is named */
    size_t depth = 0;
    for (const char *s = rel(l.issues[0].path); (s = strstr(s, "/d")); s += 2)
        depth++;
    assert_int_equal(depth, PL_DISCOVER_MAX_DEPTH + 1);
    assert_non_null(strstr(l.issues[0].message, "deeper than 256 levels"));
    pl_target_list_free(&l);
}

static void named_directory_with_nothing_is_noted(void **state) {
    (void)state;
    char empty[512], api[512];
    snprintf(empty, sizeof empty, "%s/empty", root);
    snprintf(api, sizeof api, "%s/api", root);
    assert_int_equal(mkdir(empty, 0755), 0);
    const char *paths[] = {empty, api};
    pl_target_list l;
    pl_error err = {0};
    assert_int_equal(pl_discover(paths, 2, &l, &err), 0);
    assert_int_equal(l.n, 3);
    assert_int_equal(l.nissues, 1);
    assert_string_equal(l.issues[0].path, empty);
    assert_false(l.issues[0].error);
    assert_non_null(strstr(l.issues[0].message, "nothing to check in this directory"));
    pl_target_list_free(&l);
    /* alone, it is the caller's to say that the run found nothing */
    assert_int_equal(pl_discover(paths, 1, &l, &err), 0);
    assert_int_equal(l.n, 0);
    assert_int_equal(l.nissues, 0);
    pl_target_list_free(&l);
    rmdir(empty);
}

static void missing_path_is_an_error(void **state) {
    (void)state;
    char missing[512];
    snprintf(missing, sizeof missing, "%s/nope/Dockerfile", root);
    const char *paths[] = {root, missing};
    pl_target_list l;
    pl_error err = {0};
    assert_int_equal(pl_discover(paths, 2, &l, &err), -1);
    assert_string_equal(err.path, missing);
    char want[600];
    snprintf(want, sizeof want, "no such file or directory: %s", missing);
    assert_string_equal(err.message, want);
    assert_int_equal(l.n, 0);
}

static void kind_by_name(void **state) {
    (void)state;
    bool json;
    assert_int_equal(pl_discover_kind_by_name("Dockerfile", &json), PL_DOC_DOCKERFILE);
    assert_false(json);
    assert_int_equal(pl_discover_kind_by_name("Containerfile", NULL), PL_DOC_DOCKERFILE);
    assert_int_equal(pl_discover_kind_by_name("Dockerfile.alpine", NULL), PL_DOC_DOCKERFILE);
    assert_int_equal(pl_discover_kind_by_name("Containerfile.x", NULL), PL_DOC_DOCKERFILE);
    assert_int_equal(pl_discover_kind_by_name("build.Dockerfile", NULL), PL_DOC_DOCKERFILE);
    assert_int_equal(pl_discover_kind_by_name("build.dockerfile", NULL), PL_DOC_DOCKERFILE);
    /* names people use in practice */
    assert_int_equal(pl_discover_kind_by_name("dockerfile", NULL), PL_DOC_DOCKERFILE);
    assert_int_equal(pl_discover_kind_by_name("Dockerfile-prod", NULL), PL_DOC_DOCKERFILE);
    assert_int_equal(pl_discover_kind_by_name("Containerfile-dev", NULL), PL_DOC_DOCKERFILE);
    assert_int_equal(pl_discover_kind_by_name("Dockerfile-", NULL), PL_DOC_UNKNOWN);
    assert_int_equal(pl_discover_kind_by_name("Dockerfile-lint.py", NULL), PL_DOC_UNKNOWN);
    assert_int_equal(pl_discover_kind_by_name("Dockerfile-ci.yml", NULL), PL_DOC_UNKNOWN);
    assert_int_equal(pl_discover_kind_by_name("dockerfile.go", NULL), PL_DOC_UNKNOWN);
    assert_int_equal(pl_discover_kind_by_name("DOCKERFILE", NULL), PL_DOC_UNKNOWN);
    assert_int_equal(pl_discover_kind_by_name("config.json", &json), PL_DOC_UNKNOWN);
    assert_true(json);
    assert_int_equal(pl_discover_kind_by_name(".Dockerfile", NULL), PL_DOC_UNKNOWN);
    assert_int_equal(pl_discover_kind_by_name("Dockerfile.dockerignore", NULL), PL_DOC_UNKNOWN);
    assert_int_equal(pl_discover_kind_by_name("Dockerfile.md", NULL), PL_DOC_UNKNOWN);
    assert_int_equal(pl_discover_kind_by_name("Dockerfile.j2", NULL), PL_DOC_UNKNOWN);
    assert_int_equal(pl_discover_kind_by_name("Dockerfiles", NULL), PL_DOC_UNKNOWN);
    assert_int_equal(pl_discover_kind_by_name("README", NULL), PL_DOC_UNKNOWN);
    assert_int_equal(pl_discover_kind_by_name("docker-compose.yml", NULL), PL_DOC_UNKNOWN);
}

static void kind_names_round_trip(void **state) {
    (void)state;
    pl_doc_kind k;
    assert_int_equal(pl_doc_kind_parse("dockerfile", &k), 0);
    assert_int_equal(k, PL_DOC_DOCKERFILE);
    assert_int_equal(pl_doc_kind_parse("image", &k), 0);
    assert_int_equal(k, PL_DOC_IMAGE);
    assert_string_equal(pl_doc_kind_name(k), "image");
    assert_string_equal(pl_doc_kind_name(PL_DOC_DOCKERFILE), "dockerfile");
    assert_int_equal(pl_doc_kind_parse("compose", &k), -1);
    assert_int_equal(pl_doc_kind_parse("", &k), -1);
}

static void sniffs_content(void **state) {
    (void)state;
    const char *df = "# syntax=docker/dockerfile:1\n\n  # a comment\nARG BASE=alpine\nFROM $BASE\n";
    assert_int_equal(pl_document_sniff(df, strlen(df)), PL_DOC_DOCKERFILE);
    assert_int_equal(pl_document_sniff("from alpine", 11), PL_DOC_DOCKERFILE);
    assert_int_equal(pl_document_sniff(OCI_CONFIG, strlen(OCI_CONFIG)), PL_DOC_IMAGE);
    assert_int_equal(pl_document_sniff(INSPECT, strlen(INSPECT)), PL_DOC_IMAGE);
    const char *no[] = {"",
                        "\n\n# only comments\n",
                        "#!/bin/sh\necho hi\n",
                        "FROMAGE x\n",
                        "{\"name\":\"x\"}",
                        "services:\n  web:\n    image: nginx\n",
                        "hello FROM x"};
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        if (pl_document_sniff(no[i], strlen(no[i])) != PL_DOC_UNKNOWN)
            fail_msg("sniffed a kind for %s", no[i]);
}

static void loads_by_kind(void **state) {
    (void)state;
    pl_arena a;
    pl_arena_init(&a);
    pl_document *docs;
    size_t n;
    pl_error err = {0};

    assert_int_equal(pl_document_load(&a, PL_DOC_UNKNOWN, "i.json", INSPECT, strlen(INSPECT), NULL,
                                      &docs, &n, &err),
                     0);
    assert_int_equal(n, 2);
    assert_int_equal(docs[1].kind, PL_DOC_IMAGE);
    assert_string_equal(docs[1].image->id, "sha256:2");
    assert_string_equal(docs[1].path, "i.json");

    const char *df = "FROM alpine:3.20 AS base\nUSER app\n";
    assert_int_equal(
        pl_document_load(&a, PL_DOC_UNKNOWN, "Dockerfile", df, strlen(df), NULL, &docs, &n, &err),
        0);
    assert_int_equal(n, 1);
    assert_int_equal(docs[0].kind, PL_DOC_DOCKERFILE);
    assert_non_null(docs[0].dockerfile);
    assert_int_equal(docs[0].dockerfile->ninstructions, 2);
    assert_int_equal(docs[0].dockerfile->nstages, 1);

    const char *pkg = "{\"name\":\"web\"}";
    assert_int_equal(pl_document_load(&a, PL_DOC_UNKNOWN, "package.json", pkg, strlen(pkg), NULL,
                                      &docs, &n, &err),
                     -1);
    assert_string_equal(err.path, "package.json");
    assert_non_null(strstr(err.message, "not a Dockerfile or image configuration"));

    /* told it is an image, a non-image is a parse error, not a silent empty image */
    assert_int_equal(
        pl_document_load(&a, PL_DOC_IMAGE, "package.json", pkg, strlen(pkg), NULL, &docs, &n, &err),
        -1);
    assert_non_null(strstr(err.message, "rootfs"));
    pl_arena_free(&a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(walks_picks_and_sorts),
        cmocka_unit_test(explicit_paths_are_always_targets),
        cmocka_unit_test(nested_policy_bundles_are_not_walked),
        cmocka_unit_test(what_the_walk_leaves_out_is_said),
        cmocka_unit_test(broken_dockerfile_link_is_an_error),
        cmocka_unit_test(too_deep_is_an_error_and_the_rest_is_walked),
        cmocka_unit_test(named_directory_with_nothing_is_noted),
        cmocka_unit_test(missing_path_is_an_error),
        cmocka_unit_test(kind_by_name),
        cmocka_unit_test(kind_names_round_trip),
        cmocka_unit_test(sniffs_content),
        cmocka_unit_test(loads_by_kind),
    };
    return cmocka_run_group_tests(tests, make_tree, remove_tree);
}
