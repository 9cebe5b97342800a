/* test_image.c — image configs and docker inspect output into the pl_image model: the
 * formats.md examples, every type rule, error positions, and the development corpus
 * (every image config and inspect file parses; sniff says no to everything else). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dirent.h>
#include <sys/stat.h>

#include <cmocka.h>
#include <jansson.h>

#include "plimsoll/image.h"

static pl_arena arena;

static int setup(void **state) {
    (void)state;
    pl_arena_init(&arena);
    return 0;
}

static int teardown(void **state) {
    (void)state;
    pl_arena_free(&arena);
    return 0;
}

static pl_image **parse_ok(const char *text, size_t *n) {
    pl_image **imgs = NULL;
    pl_error err = {0};
    if (pl_image_parse(&arena, "t.json", text, strlen(text), &imgs, n, &err) != 0)
        fail_msg("unexpected error: %d:%d %s", err.line, err.column, err.message);
    return imgs;
}

static pl_image *parse_one(const char *text) {
    size_t n = 0;
    pl_image **imgs = parse_ok(text, &n);
    assert_int_equal(n, 1);
    return imgs[0];
}

/* Parsing must fail at line:column with a message that contains want. */
static void parse_err(const char *text, int line, int column, const char *want) {
    pl_image **imgs = NULL;
    size_t n = 0;
    pl_error err = {0};
    if (pl_image_parse(&arena, "bad.json", text, strlen(text), &imgs, &n, &err) != -1)
        fail_msg("expected an error containing \"%s\"", want);
    assert_string_equal(err.path, "bad.json");
    if (!strstr(err.message, want))
        fail_msg("message \"%s\" lacks \"%s\"", err.message, want);
    if (err.line != line || err.column != column)
        fail_msg("\"%s\" at %d:%d, want %d:%d", err.message, err.line, err.column, line, column);
}

static void loc_is(pl_json_loc l, const char *pointer, int line, int column) {
    assert_string_equal(l.pointer, pointer);
    if (l.line != line || l.column != column)
        fail_msg("%s at %d:%d, want %d:%d", pointer, l.line, l.column, line, column);
}

#define MINIMAL                                                                                    \
    "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":"   \
    "[\"sha256:c6f988f4874bb0add23a778f753c65efe992244e148a1d2ec2a8b664fb66bbd1\"]}}"

static void minimal_config(void **state) {
    /* formats.md 1.4: only the required fields */
    (void)state;
    pl_image *img = parse_one(MINIMAL);
    assert_string_equal(img->format, "oci-config");
    assert_string_equal(img->path, "t.json");
    assert_int_equal(img->element, 0);
    /* ImageID is the digest of the exact bytes (sha256sum of the text) */
    assert_string_equal(img->id,
                        "sha256:86830fcc8872c95f6044bca83490097ce99176f03190744f3747e6d9d255c633");
    assert_string_equal(img->architecture, "amd64");
    assert_string_equal(img->os, "linux");
    assert_null(img->variant);
    assert_null(img->user.value);
    loc_is(img->user.loc, "/config/User", 0, 0);
    loc_is(img->config_loc, "/config", 0, 0);
    assert_int_equal(img->nenv, 0);
    assert_false(img->cmd.present);
    assert_null(img->healthcheck);
    assert_false(img->has_history);
    assert_int_equal(img->diff_ids.n, 1);
    loc_is(img->diff_ids.items[0].loc, "/rootfs/diff_ids/0", 1, 76);
}

static const char *realistic =
    "{\n"
    "  \"architecture\": \"arm64\",\n"
    "  \"variant\": \"v8\",\n"
    "  \"os\": \"linux\",\n"
    "  \"created\": \"2025-03-02T10:11:12.345678901Z\",\n"
    "  \"author\": \"ops@example.com\",\n"
    "  \"docker_version\": \"24.0.7\",\n"
    "  \"container\": \"3f1c0a0d4b1e\",\n"
    "  \"config\": {\n"
    "    \"User\": \"\",\n"
    "    \"ExposedPorts\": {\"8080/tcp\": {}, \"9090\": {}},\n"
    "    \"Env\": [\n"
    "      \"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\",\n"
    "      \"APP_ENV=production\",\n"
    "      \"DB_PASSWORD=changeme\"\n"
    "    ],\n"
    "    \"Entrypoint\": [\"/usr/local/bin/docker-entrypoint.sh\"],\n"
    "    \"Cmd\": [\"app\", \"--port\", \"8080\"],\n"
    "    \"Volumes\": {\"/data\": {}},\n"
    "    \"WorkingDir\": \"/srv/app\",\n"
    "    \"Labels\": {\n"
    "      \"org.opencontainers.image.source\": \"https://github.com/example/app\",\n"
    "      \"org.opencontainers.image.revision\": \"45a939b2999782a3f005621a8d0f29aa387e1d6b\",\n"
    "      \"maintainer\": \"ops@example.com\"\n"
    "    },\n"
    "    \"StopSignal\": \"SIGTERM\",\n"
    "    \"Healthcheck\": {\"Test\": [\"CMD-SHELL\", \"wget -qO- http://localhost:8080/health || "
    "exit 1\"],\n"
    "                    \"Interval\": 30000000000, \"Timeout\": 5000000000, \"StartPeriod\": "
    "10000000000, \"Retries\": 3},\n"
    "    \"OnBuild\": null,\n"
    "    \"Shell\": [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n"
    "  },\n"
    "  \"container_config\": {\n"
    "    \"Hostname\": \"3f1c0a0d4b1e\", \"Domainname\": \"\", \"User\": \"\",\n"
    "    \"AttachStdin\": false, \"AttachStdout\": false, \"AttachStderr\": false,\n"
    "    \"Tty\": false, \"OpenStdin\": false, \"StdinOnce\": false,\n"
    "    \"Env\": [\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"],\n"
    "    \"Cmd\": [\"/bin/sh\", \"-c\", \"#(nop) \", \"CMD [\\\"app\\\" \\\"--port\\\" "
    "\\\"8080\\\"]\"],\n"
    "    \"Image\": \"sha256:1111111111111111111111111111111111111111111111111111111111111111\",\n"
    "    \"Volumes\": null, \"WorkingDir\": \"/srv/app\", \"Entrypoint\": null, \"OnBuild\": null, "
    "\"Labels\": {}\n"
    "  },\n"
    "  \"rootfs\": {\"type\": \"layers\", \"diff_ids\": [\n"
    "    \"sha256:2222222222222222222222222222222222222222222222222222222222222222\",\n"
    "    \"sha256:3333333333333333333333333333333333333333333333333333333333333333\",\n"
    "    \"sha256:4444444444444444444444444444444444444444444444444444444444444444\"]},\n"
    "  \"history\": [\n"
    "    {\"created\": \"2025-02-14T00:00:00Z\", \"created_by\": \"/bin/sh -c #(nop) ADD file:5555 "
    "in / \"},\n"
    "    {\"created\": \"2025-02-14T00:00:01Z\", \"created_by\": \"/bin/sh -c #(nop)  CMD "
    "[\\\"sh\\\"]\", \"empty_layer\": true},\n"
    "    {\"created\": \"2025-03-02T10:11:00Z\", \"created_by\": \"|1 NPM_TOKEN=npm_XXXX /bin/sh "
    "-c npm ci && rm -f .npmrc\"},\n"
    "    {\"created\": \"2025-03-02T10:11:05Z\", \"created_by\": \"COPY . /srv/app # buildkit\", "
    "\"comment\": \"buildkit.dockerfile.v0\"},\n"
    "    {\"created\": \"2025-03-02T10:11:06Z\", \"created_by\": \"ENV DB_PASSWORD=changeme\", "
    "\"comment\": \"buildkit.dockerfile.v0\", \"empty_layer\": true}\n"
    "  ]\n"
    "}\n";

static void realistic_config(void **state) {
    /* formats.md 1.5, mixing legacy and BuildKit history */
    (void)state;
    pl_image *img = parse_one(realistic);
    assert_string_equal(img->id,
                        "sha256:9deb581ed379faf169c73bc13e2c002321341a0ea19e9fa46d6a5c1f454f0a7b");
    assert_string_equal(img->architecture, "arm64");
    assert_string_equal(img->variant, "v8");
    assert_string_equal(img->created, "2025-03-02T10:11:12.345678901Z");
    assert_string_equal(img->author, "ops@example.com");
    loc_is(img->config_loc, "/config", 9, 13);

    /* "" is present but empty: a rule treats it as root like absent */
    assert_non_null(img->user.value);
    assert_string_equal(img->user.value, "");
    loc_is(img->user.loc, "/config/User", 10, 13);

    assert_int_equal(img->nenv, 3);
    assert_string_equal(img->env[2].key, "DB_PASSWORD");
    assert_string_equal(img->env[2].value, "changeme");
    assert_string_equal(img->env[2].raw, "DB_PASSWORD=changeme");
    loc_is(img->env[2].loc, "/config/Env/2", 15, 7);
    assert_string_equal(img->env[0].value,
                        "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");

    assert_int_equal(img->entrypoint.n, 1);
    assert_string_equal(img->entrypoint.items[0].value, "/usr/local/bin/docker-entrypoint.sh");
    assert_int_equal(img->cmd.n, 3);
    assert_string_equal(img->cmd.items[1].value, "--port");
    assert_string_equal(img->working_dir.value, "/srv/app");
    assert_string_equal(img->stop_signal.value, "SIGTERM");

    assert_int_equal(img->exposed_ports.n, 2);
    assert_string_equal(img->exposed_ports.items[0].value, "8080/tcp");
    loc_is(img->exposed_ports.items[0].loc, "/config/ExposedPorts/8080~1tcp", 11, 34);
    assert_string_equal(img->exposed_ports.items[1].value, "9090");
    assert_int_equal(img->volumes.n, 1);
    assert_string_equal(img->volumes.items[0].value, "/data");

    assert_int_equal(img->nlabels, 3);
    assert_string_equal(img->labels[2].key, "maintainer");
    assert_string_equal(img->labels[2].value, "ops@example.com");
    loc_is(img->labels[2].loc, "/config/Labels/maintainer", 24, 21);

    assert_non_null(img->healthcheck);
    loc_is(img->healthcheck->loc, "/config/Healthcheck", 27, 20);
    assert_int_equal(img->healthcheck->test.n, 2);
    assert_string_equal(img->healthcheck->test.items[0].value, "CMD-SHELL");
    loc_is(img->healthcheck->test.items[1].loc, "/config/Healthcheck/Test/1", 27, 43);
    assert_true(img->healthcheck->interval_ns == INT64_C(30000000000));
    assert_true(img->healthcheck->timeout_ns == INT64_C(5000000000));
    assert_true(img->healthcheck->start_period_ns == INT64_C(10000000000));
    assert_true(img->healthcheck->start_interval_ns == 0);
    assert_int_equal(img->healthcheck->retries, 3);

    assert_false(img->onbuild.present); /* "OnBuild": null */
    loc_is(img->onbuild.loc, "/config/OnBuild", 29, 16);
    assert_int_equal(img->shell.n, 4);
    assert_string_equal(img->shell.items[2].value, "pipefail");

    assert_int_equal(img->nlegacy_env, 1);
    assert_string_equal(img->legacy_env[0].key, "PATH");
    assert_int_equal(img->legacy_cmd.n, 4);
    assert_string_equal(img->legacy_cmd.items[3].value, "CMD [\"app\" \"--port\" \"8080\"]");
    loc_is(img->legacy_cmd.items[3].loc, "/container_config/Cmd/3", 37, 41);

    assert_int_equal(img->diff_ids.n, 3);
    loc_is(img->diff_ids.items[2].loc, "/rootfs/diff_ids/2", 44, 5);
    assert_false(img->repo_tags.present);
}

static void history_lines_up_with_diff_ids(void **state) {
    /* non-empty entries consume diff_ids in order; empty_layer entries get none */
    (void)state;
    pl_image *img = parse_one(realistic);
    assert_true(img->has_history);
    assert_int_equal(img->nhistory, 5);
    const char *want[] = {
        "sha256:2222222222222222222222222222222222222222222222222222222222222222", NULL,
        "sha256:3333333333333333333333333333333333333333333333333333333333333333",
        "sha256:4444444444444444444444444444444444444444444444444444444444444444", NULL};
    for (int i = 0; i < 5; i++) {
        if (want[i])
            assert_string_equal(img->history[i].diff_id, want[i]);
        else
            assert_null(img->history[i].diff_id);
    }
    assert_true(img->history[1].empty_layer);
    assert_false(img->history[2].empty_layer);
    assert_string_equal(img->history[2].created_by,
                        "|1 NPM_TOKEN=npm_XXXX /bin/sh -c npm ci && rm -f .npmrc");
    assert_string_equal(img->history[3].comment, "buildkit.dockerfile.v0");
    assert_null(img->history[0].comment);
    loc_is(img->history[3].loc, "/history/3", 49, 5);

    /* more layers in history than diff_ids: the extra entries stay unmatched */
    pl_image *t = parse_one("{\"architecture\":\"amd64\",\"os\":\"linux\","
                            "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:aa\"]},"
                            "\"history\":[{\"created_by\":\"a\"},{\"created_by\":\"b\"}]}");
    assert_string_equal(t->history[0].diff_id, "sha256:aa");
    assert_null(t->history[1].diff_id);
}

static void null_is_absent(void **state) {
    (void)state;
    pl_image *img = parse_one("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":null,"
                              "\"history\":null,\"author\":null,"
                              "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":null}}");
    assert_null(img->user.value);
    assert_string_equal(img->config_loc.pointer, "/config");
    assert_null(img->author);
    assert_false(img->has_history);
    assert_false(img->diff_ids.present);

    img = parse_one(
        "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\"},"
        "\"config\":{\"User\":null,\"Env\":null,\"Cmd\":null,\"Labels\":{\"a\":null,\"b\":\"x\"},"
        "\"Healthcheck\":null,\"ExposedPorts\":null}}");
    assert_null(img->user.value);
    assert_int_equal(img->nenv, 0);
    assert_false(img->cmd.present);
    assert_null(img->healthcheck);
    assert_false(img->exposed_ports.present);
    assert_int_equal(img->nlabels, 1);
    assert_string_equal(img->labels[0].key, "b");
}

static void bare_string_cmd_and_entrypoint(void **state) {
    /* legacy producers wrote a string where an array belongs; moby accepts both */
    (void)state;
    pl_image *img = parse_one("{\"architecture\":\"amd64\",\"os\":\"linux\","
                              "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},"
                              "\"config\":{\"Cmd\":\"echo hi\",\"Entrypoint\":\"/init\"}}");
    assert_true(img->cmd.present);
    assert_int_equal(img->cmd.n, 1);
    assert_string_equal(img->cmd.items[0].value, "echo hi");
    loc_is(img->cmd.items[0].loc, "/config/Cmd", 1, 95);
    assert_string_equal(img->entrypoint.items[0].value, "/init");
    assert_true(img->diff_ids.present);
    assert_int_equal(img->diff_ids.n, 0);
}

static void env_split_at_first_equals(void **state) {
    (void)state;
    pl_image *img = parse_one("{\"architecture\":\"amd64\",\"os\":\"linux\","
                              "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},"
                              "\"config\":{\"Env\":[\"UNSET_ME\",\"A=b=c\",\"=x\",\"E=\"]}}");
    assert_int_equal(img->nenv, 4);
    assert_string_equal(img->env[0].key, "UNSET_ME");
    assert_null(img->env[0].value); /* no '=': the API's "remove the variable" */
    assert_string_equal(img->env[0].raw, "UNSET_ME");
    assert_string_equal(img->env[1].key, "A");
    assert_string_equal(img->env[1].value, "b=c");
    assert_string_equal(img->env[2].key, "");
    assert_string_equal(img->env[2].value, "x");
    assert_string_equal(img->env[3].value, "");
}

static const char *inspect_two =
    "[\n"
    "  {\n"
    "    \"Id\": \"sha256:aaaa\",\n"
    "    \"RepoTags\": [\"app:1\"],\n"
    "    \"RepoDigests\": [\"app@sha256:bbbb\"],\n"
    "    \"ContainerConfig\": {\"Env\": [\"SECRET=x\"], \"Cmd\": \"legacy\"},\n"
    "    \"Config\": {\"User\": \"1000\", \"Env\": [\"A=1\"]},\n"
    "    \"Architecture\": \"amd64\", \"Os\": \"linux\",\n"
    "    \"RootFS\": {\"Type\": \"layers\", \"Layers\": [\"sha256:cccc\", \"sha256:dddd\"]}\n"
    "  },\n"
    "  {\n"
    "    \"Id\": \"sha256:eeee\", \"RepoTags\": [],\n"
    "    \"Config\": {\"Env\": [\"B=2\", \"C=3\"], \"Entrypoint\": [\"/bin/b\"]},\n"
    "    \"Architecture\": \"arm64\", \"Variant\": \"v8\", \"Os\": \"linux\",\n"
    "    \"RootFS\": {\"Type\": \"layers\", \"Layers\": [\"sha256:ffff\"]}\n"
    "  }\n"
    "]\n";

static void inspect_array_two_images(void **state) {
    (void)state;
    size_t n = 0;
    pl_image **imgs = parse_ok(inspect_two, &n);
    assert_int_equal(n, 2);
    pl_image *a = imgs[0], *b = imgs[1];
    assert_string_equal(a->format, "docker-inspect");
    assert_int_equal(a->element, 0);
    assert_int_equal(b->element, 1);
    assert_string_equal(a->id, "sha256:aaaa");
    assert_string_equal(a->architecture, "amd64");
    assert_string_equal(a->user.value, "1000");
    loc_is(a->user.loc, "/0/Config/User", 7, 24);
    loc_is(a->config_loc, "/0/Config", 7, 15);
    assert_int_equal(a->repo_tags.n, 1);
    assert_string_equal(a->repo_tags.items[0].value, "app:1");
    assert_string_equal(a->repo_digests.items[0].value, "app@sha256:bbbb");
    assert_int_equal(a->diff_ids.n, 2);
    assert_string_equal(a->diff_ids.items[1].value, "sha256:dddd");
    loc_is(a->diff_ids.items[1].loc, "/0/RootFS/Layers/1", 9, 60);
    assert_int_equal(a->nlegacy_env, 1);
    assert_string_equal(a->legacy_env[0].value, "x");
    assert_string_equal(a->legacy_cmd.items[0].value, "legacy");
    assert_false(a->has_history);

    assert_string_equal(b->id, "sha256:eeee");
    assert_string_equal(b->variant, "v8");
    assert_null(b->user.value);
    loc_is(b->user.loc, "/1/Config/User", 0, 0);
    assert_int_equal(b->nenv, 2);
    loc_is(b->env[1].loc, "/1/Config/Env/1", 13, 31);
    assert_true(b->repo_tags.present);
    assert_int_equal(b->repo_tags.n, 0);
    assert_string_equal(b->entrypoint.items[0].value, "/bin/b");
}

static void inspect_single_object(void **state) {
    /* the Engine API's /images/{name}/json answers with one object, not an array */
    (void)state;
    pl_image *img = parse_one("{\"Id\":\"sha256:12\",\"Config\":{\"User\":\"nobody\"},"
                              "\"Os\":\"linux\",\"RootFS\":{\"Type\":\"layers\",\"Layers\":[]}}");
    assert_string_equal(img->format, "docker-inspect");
    loc_is(img->user.loc, "/Config/User", 1, 36);
    assert_string_equal(img->id, "sha256:12");
}

static void wrong_types_name_the_pointer(void **state) {
    (void)state;
#define CFG(body)                                                                                  \
    "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\"},\n"             \
    "\"config\":{" body "}}"
    parse_err(CFG("\"User\": 5"), 2, 19, "/config/User: expected a string, found a number");
    parse_err(CFG("\"Env\": \"x\""), 2, 18,
              "/config/Env: expected an array of strings, found a string");
    parse_err(CFG("\"Env\": [\"A=1\", 7]"), 2, 26, "/config/Env/1: expected a string");
    parse_err(CFG("\"Env\": [null]"), 2, 19, "/config/Env/0: expected a string");
    parse_err(CFG("\"Cmd\": {}"), 2, 18, "/config/Cmd: expected an array of strings or a string");
    parse_err(CFG("\"Labels\": {\"a\": 1}"), 2, 27, "/config/Labels/a: expected a string");
    parse_err(CFG("\"ExposedPorts\": [\"80\"]"), 2, 27, "/config/ExposedPorts: expected an object");
    parse_err(CFG("\"Healthcheck\": {\"Interval\": 1.5}"), 2, 39,
              "/config/Healthcheck/Interval: expected an integer (nanoseconds)");
    parse_err(CFG("\"Healthcheck\": {\"Retries\": 99999999999}"), 2, 38,
              "/config/Healthcheck/Retries");
    parse_err(CFG("\"Labels\": {\"a~/b\": true}"), 2, 30,
              "/config/Labels/a~0~1b: expected a string, found a boolean");
    parse_err("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\"},"
              "\"config\":[]}",
              1, 74, "/config: expected an object, found an array");
    parse_err("{\"architecture\":5,\"rootfs\":{\"type\":\"layers\"}}", 1, 17,
              "/architecture: expected a string");
    parse_err("{\"rootfs\":{\"type\":\"layers\"},\"history\":[{\"empty_layer\":\"yes\"}]}", 1, 55,
              "/history/0/empty_layer: expected true or false");
    parse_err("{\"rootfs\":{\"type\":\"layers\"},\"history\":[\"x\"]}", 1, 40,
              "/history/0: expected an object");
    parse_err("[\n {\"Id\": \"x\", \"Config\": {\"User\": []}}\n]", 2, 33,
              "/0/Config/User: expected a string, found an array");
    parse_err("[{\"Id\": \"x\", \"RootFS\": {\"Type\": \"layers\"}}, 3]", 1, 45,
              "/1: expected an object");
#undef CFG
}

static void malformed_json_has_a_position(void **state) {
    (void)state;
    parse_err("{\n  \"architecture\": \"amd64\",\n  \"os\": linux\n}", 3, 9, "invalid JSON");
    parse_err("{\"a\": 1,}", 1, 9, "invalid JSON");
    parse_err("", 1, 1, "invalid JSON");
    parse_err("{\"rootfs\": {\"type\": \"layers\"}} trailing", 1, 32, "invalid JSON");
    /* a repeated key could hide a setting from a scanner that reads the other copy */
    parse_err("{\"config\": {\"User\": \"root\", \"User\": \"app\"}}", 1, 29,
              "duplicate object key");
}

static void rootfs_rules(void **state) {
    (void)state;
    parse_err("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"tar\"}}", 1, 55,
              "/rootfs/type: unsupported rootfs type \"tar\": it must be \"layers\"");
    parse_err("{\"rootfs\":{\"diff_ids\":[]}}", 1, 11, "/rootfs: missing \"type\"");
    parse_err("{\"architecture\":\"amd64\",\"os\":\"linux\"}", 1, 1, "missing \"rootfs\"");
    parse_err("{\"name\":\"left-pad\",\"version\":\"1.0.0\"}", 1, 1, "missing \"rootfs\"");
    parse_err("[{\"Id\":\"x\",\"RootFS\":{\"Type\":\"zfs\"}}]", 1, 29,
              "/0/RootFS/Type: unsupported rootfs type");
}

static void inspect_of_a_container_is_refused(void **state) {
    (void)state;
    parse_err("[{\"Id\":\"c\",\"State\":{\"Running\":true},\"Config\":{\"User\":\"\"}}]", 1, 2,
              "output for a container");
    parse_err("[]", 1, 1, "holds no image");
    parse_err("[{\"Names\":[\"/x\"]}]", 1, 2, "no Config or RootFS");
}

static void healthcheck_durations(void **state) {
    (void)state;
    pl_image *img = parse_one("{\"rootfs\":{\"type\":\"layers\"},\"config\":{\"Healthcheck\":"
                              "{\"Test\":[\"NONE\"],\"StartInterval\":9223372036854775807,"
                              "\"Interval\":-1}}}");
    assert_int_equal(img->healthcheck->test.n, 1);
    assert_string_equal(img->healthcheck->test.items[0].value, "NONE");
    assert_true(img->healthcheck->start_interval_ns == INT64_MAX);
    assert_true(img->healthcheck->interval_ns == -1);
    assert_int_equal(img->healthcheck->retries, 0);
    /* Test is a plain []string in moby: a bare string is an error, unlike Cmd */
    parse_err("{\"rootfs\":{\"type\":\"layers\"},\"config\":{\"Healthcheck\":{\"Test\":\"x\"}}}", 1,
              61, "/config/Healthcheck/Test: expected an array of strings");
}

static void sniff_small_cases(void **state) {
    (void)state;
    assert_true(pl_image_sniff(MINIMAL, strlen(MINIMAL)));
    assert_true(pl_image_sniff(realistic, strlen(realistic)));
    assert_true(pl_image_sniff(inspect_two, strlen(inspect_two)));
    const char *no[] = {
        "{\"name\":\"x\",\"version\":\"1.0.0\",\"dependencies\":{}}",
        "{\"compilerOptions\":{\"strict\":true}}",
        "{\"imageLayoutVersion\":\"1.0.0\"}",
        ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
         "\"config\":{\"mediaType\":\"x\",\"digest\":\"sha256:1\",\"size\":1},\"layers\":[]}"),
        "{\"schemaVersion\":2,\"manifests\":[]}",
        "{\"schemaVersion\":1,\"architecture\":\"amd64\",\"fsLayers\":[],\"history\":[]}",
        "[{\"Config\":\"blobs/sha256/aa\",\"RepoTags\":[\"a:1\"],\"Layers\":[\"x/layer.tar\"]}]",
        "[{\"Id\":\"c\",\"Config\":{},\"State\":{},\"HostConfig\":{}}]",
        "{\"architecture\":\"amd64\",\"os\":\"linux\"}",
        "[]",
        "{}",
        "",
        "   ",
        "FROM alpine\n",
        "[1,2]",
        "\"rootfs\"",
        "{\"rootfs\":\"x\"}",
    };
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        if (pl_image_sniff(no[i], strlen(no[i])))
            fail_msg("sniff accepted %s", no[i]);
    /* a truncated buffer (discovery reads 64 KiB) still shows the leading keys */
    const char *cut =
        "{\"architecture\":\"amd64\",\"config\":{\"User\":\"a\"},\"history\":[{\"created_by\":\"x";
    assert_true(pl_image_sniff(cut, strlen(cut)));
}

/* ---- the development corpus ------------------------------------------------------ */

typedef enum { C_OTHER, C_CONFIG, C_INSPECT } corpus_kind;

/* What a file is, decided from the full parse rather than from the sniffing heuristics:
 * an OCI config has rootfs and architecture; an inspect element has RootFS and Config. */
static bool is_inspect_image(json_t *o) {
    return json_is_object(o) && json_is_object(json_object_get(o, "RootFS")) &&
           json_is_object(json_object_get(o, "Config")) && !json_object_get(o, "State");
}

static corpus_kind classify(const char *text, size_t len) {
    json_t *j = json_loadb(text, len, 0, NULL);
    corpus_kind k = C_OTHER;
    if (json_is_object(j)) {
        if (json_is_object(json_object_get(j, "rootfs")) &&
            json_is_string(json_object_get(j, "architecture")) &&
            !json_object_get(j, "schemaVersion"))
            k = C_CONFIG;
        else if (is_inspect_image(j))
            k = C_INSPECT;
    } else if (json_is_array(j) && json_array_size(j) > 0) {
        k = C_INSPECT;
        for (size_t i = 0; i < json_array_size(j); i++)
            if (!is_inspect_image(json_array_get(j, i)))
                k = C_OTHER;
    }
    json_decref(j);
    return k;
}

typedef struct tally {
    int files, configs, inspects, others, sniff_yes, images;
} tally;

static void check_file(const char *path, tally *t) {
    pl_arena a;
    pl_arena_init(&a);
    char *text;
    size_t len;
    pl_error err = {0};
    if (pl_file_read(&a, path, 0, &text, &len, &err) != 0)
        fail_msg("%s: %s", path, err.message);
    corpus_kind k = classify(text, len);
    bool yes = pl_image_sniff(text, len);
    t->files++;
    t->sniff_yes += yes;
    if (k == C_OTHER) {
        t->others++;
        if (yes)
            fail_msg("sniff accepted %s, which is not an image config", path);
    } else {
        if (k == C_CONFIG)
            t->configs++;
        else
            t->inspects++;
        if (!yes)
            fail_msg("sniff rejected the image file %s", path);
        /* and discovery's 64 KiB prefix says the same */
        if (len > 65536 && !pl_image_sniff(text, 65536))
            fail_msg("sniff rejected the first 64 KiB of %s", path);
        pl_image **imgs;
        size_t n;
        if (pl_image_parse(&a, path, text, len, &imgs, &n, &err) != 0)
            fail_msg("%s:%d:%d: %s", path, err.line, err.column, err.message);
        t->images += (int)n;
        for (size_t i = 0; i < n; i++) {
            pl_image *img = imgs[i];
            assert_string_equal(img->format, k == C_CONFIG ? "oci-config" : "docker-inspect");
            assert_non_null(img->os);
            assert_true(img->diff_ids.n > 0);
            /* every placed value agrees with a fresh pointer walk */
            for (size_t e = 0; e < img->nenv; e++) {
                int l, c;
                assert_int_equal(pl_json_locate(text, len, img->env[e].loc.pointer, &l, &c), 0);
                assert_int_equal(l, img->env[e].loc.line);
                assert_int_equal(c, img->env[e].loc.column);
            }
            for (size_t h = 0; h < img->nhistory; h++)
                assert_true(img->history[h].loc.line > 0);
        }
    }
    pl_arena_free(&a);
}

static void walk(const char *dir, tally *t) {
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *de;
    while ((de = readdir(d))) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        char p[4096];
        snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
        struct stat st;
        assert_int_equal(stat(p, &st), 0);
        if (S_ISDIR(st.st_mode))
            walk(p, t);
        else if (S_ISREG(st.st_mode))
            check_file(p, t);
    }
    closedir(d);
}

/* How many files of a kind MANIFEST.tsv lists: an independent count to hold ours to. */
static int manifest_count(const char *kind) {
    FILE *f = fopen(PL_SHARED_DIR "/corpus/MANIFEST.tsv", "r");
    if (!f)
        return -1;
    char line[8192];
    int n = 0;
    size_t kl = strlen(kind);
    while (fgets(line, sizeof line, f))
        if (strncmp(line, kind, kl) == 0 && line[kl] == '\t')
            n++;
    fclose(f);
    return n;
}

static void corpus_images(void **state) {
    (void)state;
    struct stat st;
    if (stat(PL_SHARED_DIR "/corpus/images", &st) != 0)
        skip();
    tally t = {0};
    walk(PL_SHARED_DIR "/corpus/images", &t);
    printf("corpus/images: %d files: %d configs, %d inspect files (%d images), %d others; "
           "sniff accepted %d\n",
           t.files, t.configs, t.inspects, t.images - t.configs, t.others, t.sniff_yes);
    assert_int_equal(t.configs, manifest_count("image-config"));
    assert_int_equal(t.inspects, manifest_count("image-inspect-image"));
    assert_int_equal(t.sniff_yes, t.configs + t.inspects);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(minimal_config),
        cmocka_unit_test(realistic_config),
        cmocka_unit_test(history_lines_up_with_diff_ids),
        cmocka_unit_test(null_is_absent),
        cmocka_unit_test(bare_string_cmd_and_entrypoint),
        cmocka_unit_test(env_split_at_first_equals),
        cmocka_unit_test(inspect_array_two_images),
        cmocka_unit_test(inspect_single_object),
        cmocka_unit_test(wrong_types_name_the_pointer),
        cmocka_unit_test(malformed_json_has_a_position),
        cmocka_unit_test(rootfs_rules),
        cmocka_unit_test(inspect_of_a_container_is_refused),
        cmocka_unit_test(healthcheck_durations),
        cmocka_unit_test(sniff_small_cases),
        cmocka_unit_test(corpus_images),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
