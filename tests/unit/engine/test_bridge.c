/* test_bridge.c — the tables a rule receives (src/engine/bridge.c, seen through
 * pl_engine_inspect_json), for hand-built C models and for documents the real parsers
 * load, and a check that docs/input-model.md and the bridge name the same fields. */
#include <jansson.h>

#include "engine_test.h"

/* ---- hand-built models ------------------------------------------------------------- */

static const char **strs(pl_arena *a, size_t n, ...) {
    const char **v = pl_arena_alloc(a, (n ? n : 1) * sizeof *v);
    va_list ap;
    va_start(ap, n);
    for (size_t i = 0; i < n; i++)
        v[i] = va_arg(ap, const char *);
    va_end(ap);
    return v;
}

/* Every optional field set somewhere, so the field census sees all of them. */
static pl_document *build_dockerfile(pl_arena *a) {
    pl_dockerfile *df = pl_arena_alloc(a, sizeof *df);
    df->path = "Dockerfile";
    df->escape = '\\';
    df->start_line = 2;
    df->end_line = 12;
    df->crlf = true;
    df->ndirectives = 1;
    df->directives = pl_arena_alloc(a, sizeof *df->directives);
    df->directives[0] = (pl_df_directive){"syntax", "docker/dockerfile:1", 1, 0};
    df->ncomments = 1;
    df->comments = pl_arena_alloc(a, sizeof *df->comments);
    df->comments[0] = (pl_df_comment){1, "syntax=docker/dockerfile:1"};
    df->nwarnings = 1;
    df->warnings = pl_arena_alloc(a, sizeof *df->warnings);
    df->warnings[0] = (pl_df_warning){7, "empty-continuation", "empty continuation line"};
    df->nglobal_args = 1;
    df->global_args = pl_arena_alloc(a, sizeof *df->global_args);
    df->global_args[0] = (pl_df_pair){"BASE", "alpine", "=", "BASE", "alpine", 0, 0, 0};

    df->ninstructions = 7;
    pl_df_instruction *in = df->instructions = pl_arena_alloc(a, 7 * sizeof *in);
    for (int i = 0; i < 7; i++) {
        in[i].index = i + 1;
        in[i].stage = 1;
        in[i].line = in[i].end_line = i + 2;
        in[i].column = 1;
        in[i].posix = true;
        in[i].workdir = "/";
        in[i].shell = strs(a, 2, "/bin/sh", "-c");
        in[i].nshell = 2;
    }
    /* 1: FROM ${BASE}:3.19 AS build */
    in[0].cmd = "from", in[0].keyword = "FROM", in[0].raw = "FROM ${BASE}:3.19 AS build";
    in[0].value = "${BASE}:3.19 AS build";
    in[0].args = strs(a, 3, "${BASE}:3.19", "AS", "build"), in[0].nargs = 3;
    in[0].comments = strs(a, 1, "the base"), in[0].ncomments = 1;
    in[0].unresolved = strs(a, 1, "NOPE"), in[0].nunresolved = 1;
    in[0].expanded = "alpine:3.19 AS build";
    in[0].nflags = 1;
    in[0].flags = pl_arena_alloc(a, sizeof *in[0].flags);
    in[0].flags[0] = (pl_df_flag){"platform", "linux/amd64", "--platform=linux/amd64", 0, 0, 0};
    in[0].from = pl_arena_alloc(a, sizeof *in[0].from);
    *in[0].from =
        (pl_df_image_ref){"${BASE}:3.19", "alpine:3.19", "docker.io",   "library/alpine", "alpine",
                          "3.19",         "sha256:abc",  "linux/amd64", "build",          0,
                          false,          "alpine"};
    /* 2: RUN --mount=type=cache,target=/root/.cache,readonly --network=none apt-get ... > /log */
    in[1].cmd = "run", in[1].keyword = "Run", in[1].end_line = 4;
    in[1].raw =
        "RUN --mount=type=cache,target=/root/.cache,readonly apt-get install -y curl > /log";
    in[1].value = "apt-get install -y curl > /log";
    in[1].user = "builder";
    in[1].nflags = 3;
    in[1].flags = pl_arena_alloc(a, 3 * sizeof *in[1].flags);
    in[1].flags[0] =
        (pl_df_flag){"mount", "type=cache,target=/root/.cache,readonly", "--mount=...", 0, 0, 0};
    in[1].flags[1] = (pl_df_flag){"mount", "dst=/src,from=build,id=x", "--mount=...", 0, 0, 0};
    in[1].flags[2] = (pl_df_flag){"network", NULL, "--network", 0, 0, 0};
    /* the analysis reads each --mount; the bridge only converts what it read */
    in[1].nmounts = 2;
    in[1].mounts = pl_arena_alloc(a, 2 * sizeof *in[1].mounts);
    for (int k = 0; k < 2; k++)
        pl_df_mount_parse(a, in[1].flags[k].value, strlen(in[1].flags[k].value), NULL, NULL,
                          &in[1].mounts[k]);
    in[1].nheredocs = 1;
    in[1].heredocs = pl_arena_alloc(a, sizeof *in[1].heredocs);
    in[1].heredocs[0] = (pl_df_heredoc){"EOF", "echo hi\n", 4, 5, 0, true, false, 0, 0};
    pl_sh_command *c = pl_arena_alloc(a, 2 * sizeof *c);
    c[0].argv = strs(a, 4, "apt-get", "install", "-y", "curl"), c[0].argc = 4;
    c[0].raw = strs(a, 4, "apt-get", "install", "-y", "'curl'");
    c[0].name = "apt-get", c[0].op = "&&", c[0].line = 3, c[0].column = 5, c[0].keyword = "if";
    c[0].assignments = strs(a, 1, "DEBIAN_FRONTEND=noninteractive"), c[0].nassignments = 1;
    c[0].nredirects = 1;
    c[0].redirects = pl_arena_alloc(a, sizeof *c[0].redirects);
    c[0].redirects[0] = (pl_sh_redirect){1, ">", "/log"};
    c[1].argv = strs(a, 3, "sudo", "apt-get", "clean"), c[1].argc = 3;
    c[1].raw = c[1].argv, c[1].name = "sudo", c[1].line = 4, c[1].depth = 1, c[1].subst = 1;
    in[1].script = (pl_sh_script){c, 2, true};
    /* 3: CMD ["sh", "-c", "x"] */
    in[2].cmd = "cmd", in[2].keyword = "CMD", in[2].raw = "CMD [\"sh\"]", in[2].json = true;
    in[2].args = strs(a, 1, "sh"), in[2].nargs = 1;
    /* 4: ENV A=1 */
    in[3].cmd = "env", in[3].keyword = "ENV", in[3].raw = "ENV A=\"1\"";
    in[3].npairs = 1;
    in[3].pairs = pl_arena_alloc(a, sizeof *in[3].pairs);
    in[3].pairs[0] = (pl_df_pair){"A", "\"1\"", "=", "A", "1", 0, 0, 0};
    /* 5: HEALTHCHECK --interval=30s CMD curl -f http://x/ */
    in[4].cmd = "healthcheck", in[4].keyword = "HEALTHCHECK", in[4].raw = "HEALTHCHECK ...";
    in[4].args = strs(a, 2, "CMD", "curl -f http://x/"), in[4].nargs = 2;
    in[4].nflags = 1;
    in[4].flags = pl_arena_alloc(a, sizeof *in[4].flags);
    in[4].flags[0] = (pl_df_flag){"interval", "30s", "--interval=30s", 0, 0, 0};
    /* 6: ONBUILD RUN make */
    in[5].cmd = "onbuild", in[5].keyword = "ONBUILD", in[5].raw = "ONBUILD RUN make";
    in[5].sub = pl_arena_alloc(a, sizeof *in[5].sub);
    in[5].sub->cmd = "run", in[5].sub->keyword = "RUN", in[5].sub->raw = "RUN make";
    in[5].sub->line = in[5].sub->end_line = 7;
    /* 7: USER app:staff */
    in[6].cmd = "user", in[6].keyword = "USER", in[6].raw = "USER app:staff";
    in[6].value = "app:staff", in[6].expanded = "app:staff";
    in[6].args = strs(a, 1, "app:staff"), in[6].nargs = 1;

    df->nstages = 1;
    df->stages = pl_arena_alloc(a, sizeof *df->stages);
    int *copies = pl_arena_alloc(a, sizeof(int));
    /* ships and user (instruction 7, the USER) are the analysis's facts: the bridge reads them */
    df->stages[0] = (pl_df_stage){1, "build", 2, 8, 0, 7, 0, copies, 0, true, true, true, 7};
    df->stages[0].base_stage = 0;

    pl_document *doc = pl_arena_alloc(a, sizeof *doc);
    doc->kind = PL_DOC_DOCKERFILE;
    doc->path = "Dockerfile";
    doc->dockerfile = df;
    return doc;
}

static pl_image_list list(pl_arena *a, const char *ptr, size_t n, ...) {
    pl_image_list l = {0};
    l.present = true;
    l.loc = (pl_json_loc){ptr, 3, 5};
    l.n = n;
    l.items = pl_arena_alloc(a, (n ? n : 1) * sizeof *l.items);
    va_list ap;
    va_start(ap, n);
    for (size_t i = 0; i < n; i++)
        l.items[i].value = va_arg(ap, const char *);
    va_end(ap);
    return l;
}

static pl_document *build_image(pl_arena *a) {
    pl_image *im = pl_arena_alloc(a, sizeof *im);
    im->path = "image.json";
    im->format = "oci-config";
    im->id = "sha256:1";
    im->architecture = "amd64", im->os = "linux", im->variant = "v8";
    im->created = "2024-01-01T00:00:00Z", im->author = "me";
    im->config_loc = (pl_json_loc){"/config", 2, 3};
    im->user = (pl_image_str){"app", {"/config/User", 4, 13}};
    im->working_dir = (pl_image_str){"/app", {"/config/WorkingDir", 5, 19}};
    im->stop_signal = (pl_image_str){"SIGTERM", {"/config/StopSignal", 6, 19}};
    im->nenv = 2;
    im->env = pl_arena_alloc(a, 2 * sizeof *im->env);
    im->env[0] = (pl_image_kv){"PATH", "/usr/bin", "PATH=/usr/bin", {"/config/Env/0", 8, 7}};
    im->env[1] = (pl_image_kv){"EMPTY", NULL, "EMPTY", {"/config/Env/1", 9, 7}};
    im->entrypoint = list(a, "/config/Entrypoint", 1, "/init");
    im->cmd = list(a, "/config/Cmd", 2, "serve", "--port=80");
    im->shell = list(a, "/config/Shell", 2, "/bin/sh", "-c");
    im->onbuild = list(a, "/config/OnBuild", 0);
    im->exposed_ports = list(a, "/config/ExposedPorts", 1, "80/tcp");
    im->volumes = list(a, "/config/Volumes", 1, "/data");
    im->nlabels = 1;
    im->labels = pl_arena_alloc(a, sizeof *im->labels);
    im->labels[0] = (pl_image_kv){"org.opencontainers.image.title",
                                  "x",
                                  NULL,
                                  {"/config/Labels/org.opencontainers.image.title", 12, 9}};
    im->healthcheck = pl_arena_alloc(a, sizeof *im->healthcheck);
    im->healthcheck->test =
        list(a, "/config/Healthcheck/Test", 2, "CMD-SHELL", "curl -f localhost");
    im->healthcheck->interval_ns = 30000000000LL;
    im->healthcheck->timeout_ns = 5000000000LL;
    im->healthcheck->start_period_ns = 1000000000LL;
    im->healthcheck->start_interval_ns = 2000000000LL;
    im->healthcheck->retries = 3;
    im->healthcheck->loc = (pl_json_loc){"/config/Healthcheck", 14, 5};
    im->has_history = true;
    im->nhistory = 1;
    im->history = pl_arena_alloc(a, sizeof *im->history);
    im->history[0] =
        (pl_image_history){"2024", "RUN x", "me", "c", true, "sha256:d", {"/history/0", 20, 5}};
    im->diff_ids = list(a, "/rootfs/diff_ids", 1, "sha256:d");
    im->repo_tags = list(a, "/0/RepoTags", 1, "app:1");
    im->repo_digests = list(a, "/0/RepoDigests", 1, "app@sha256:e");
    im->nlegacy_env = 1;
    im->legacy_env = im->env;
    im->legacy_cmd = list(a, "/container_config/Cmd", 1, "/bin/sh");
    pl_document *doc = pl_arena_alloc(a, sizeof *doc);
    doc->kind = PL_DOC_IMAGE;
    doc->path = "image.json";
    doc->image = im;
    return doc;
}

static json_t *inspect(pl_engine *e, const pl_document *doc) {
    pl_error err;
    char *text = pl_engine_inspect_json(e, doc, &err);
    assert_non_null(text);
    json_error_t jerr;
    json_t *j = json_loads(text, 0, &jerr);
    if (!j)
        fprintf(stderr, "bad JSON: %s at %d\n%s\n", jerr.text, jerr.line, text);
    assert_non_null(j);
    free(text);
    return j;
}

#define STR(j, path) json_string_value(json_path(j, path))
#define INT(j, path) json_integer_value(json_path(j, path))

/* "a.b.2.c": object keys and 1-based array indexes, like a Lua path. */
static json_t *json_path(json_t *j, const char *path) {
    char buf[256];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *tok = strtok(buf, "."); tok && j; tok = strtok(NULL, ".")) {
        if (json_is_array(j))
            j = json_array_get(j, (size_t)atoi(tok) - 1);
        else
            j = json_object_get(j, tok);
    }
    if (!j)
        fprintf(stderr, "no %s\n", path);
    return j;
}

static void dockerfile_tables(void **state) {
    (void)state;
    pl_arena a;
    pl_arena_init(&a);
    pl_engine *e = pl_engine_new(NULL);
    json_t *j = inspect(e, build_dockerfile(&a));
    assert_string_equal(STR(j, "kind"), "dockerfile");
    assert_string_equal(STR(j, "escape"), "\\");
    assert_string_equal(STR(j, "directives.syntax.value"), "docker/dockerfile:1");
    assert_int_equal(INT(j, "directives.syntax.line"), 1);
    assert_string_equal(STR(j, "global_args.1.key"), "BASE");
    assert_string_equal(STR(j, "instructions.1.from.image"), "alpine");
    assert_int_equal(INT(j, "instructions.1.from.line"), 2);
    assert_string_equal(STR(j, "stages.1.from.raw"), "${BASE}:3.19");
    assert_string_equal(STR(j, "instructions.1.flags.platform"), "linux/amd64");
    /* RUN: form, flags (last repeat wins), flag_list, mounts */
    assert_string_equal(STR(j, "instructions.2.form"), "shell");
    assert_true(json_is_true(json_path(j, "instructions.2.flags.network")));
    assert_string_equal(STR(j, "instructions.2.flags.mount"), "dst=/src,from=build,id=x");
    assert_int_equal(json_array_size(json_path(j, "instructions.2.flag_list")), 3);
    assert_null(json_object_get(json_path(j, "instructions.2.flag_list.3"), "value"));
    assert_string_equal(STR(j, "instructions.2.mounts.1.type"), "cache");
    assert_string_equal(STR(j, "instructions.2.mounts.1.target"), "/root/.cache");
    assert_true(json_is_true(json_path(j, "instructions.2.mounts.1.readonly")));
    assert_string_equal(STR(j, "instructions.2.mounts.2.type"), "bind");
    assert_string_equal(STR(j, "instructions.2.mounts.2.target"), "/src");
    assert_string_equal(STR(j, "instructions.2.mounts.2.from"), "build");
    assert_string_equal(STR(j, "instructions.2.heredocs.1.body"), "echo hi\n");
    /* commands, with the back-reference as the instruction's index */
    assert_string_equal(STR(j, "instructions.2.commands.1.argv.4"), "curl");
    assert_string_equal(STR(j, "instructions.2.commands.1.raw.4"), "'curl'");
    assert_int_equal(INT(j, "instructions.2.commands.1.instruction"), 2);
    assert_int_equal(INT(j, "instructions.2.commands.1.line"), 3);
    assert_string_equal(STR(j, "instructions.2.commands.1.redirects.1.target"), "/log");
    assert_string_equal(STR(j, "instructions.2.commands.1.assignments.1"),
                        "DEBIAN_FRONTEND=noninteractive");
    assert_int_equal(INT(j, "instructions.2.commands.2.subst"), 1);
    /* exec form */
    assert_string_equal(STR(j, "instructions.3.form"), "exec");
    assert_string_equal(STR(j, "instructions.3.exec.1"), "sh");
    assert_null(json_object_get(json_path(j, "instructions.4"), "form"));
    /* pairs: expanded value, raw value, the instruction's line */
    assert_string_equal(STR(j, "instructions.4.pairs.1.value"), "1");
    assert_string_equal(STR(j, "instructions.4.pairs.1.raw_value"), "\"1\"");
    assert_int_equal(INT(j, "instructions.4.pairs.1.line"), 5);
    assert_string_equal(STR(j, "instructions.5.healthcheck.type"), "CMD");
    assert_string_equal(STR(j, "instructions.5.healthcheck.options.interval"), "30s");
    assert_string_equal(STR(j, "instructions.6.sub.raw"), "RUN make");
    assert_string_equal(STR(j, "instructions.7.name"), "app");
    assert_string_equal(STR(j, "instructions.7.group"), "staff");
    /* stage: its instructions, the USER in effect, and final */
    assert_int_equal(json_array_size(json_path(j, "stages.1.instructions")), 7);
    assert_string_equal(STR(j, "stages.1.user.raw"), "USER app:staff");
    assert_string_equal(STR(j, "stages.1.workdir"), "/");
    assert_true(json_equal(json_path(j, "final"), json_path(j, "stages.1")));
    json_decref(j);
    pl_engine_free(e);
    pl_arena_free(&a);
}

static void image_tables(void **state) {
    (void)state;
    pl_arena a;
    pl_arena_init(&a);
    pl_engine *e = pl_engine_new(NULL);
    json_t *j = inspect(e, build_image(&a));
    assert_string_equal(STR(j, "kind"), "image");
    assert_string_equal(STR(j, "user.value"), "app");
    assert_string_equal(STR(j, "user.pointer"), "/config/User");
    assert_int_equal(INT(j, "user.line"), 4);
    assert_string_equal(STR(j, "env.PATH"), "/usr/bin");
    assert_null(json_object_get(json_path(j, "env"), "EMPTY")); /* no '=': not in the map */
    assert_string_equal(STR(j, "env_list.2.raw"), "EMPTY");
    assert_string_equal(STR(j, "env_list.1.pointer"), "/config/Env/0");
    assert_string_equal(STR(j, "cmd.2"), "--port=80");
    assert_string_equal(STR(j, "cmd.pointer"), "/config/Cmd");
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "labels"),
                                                          "org.opencontainers.image.title")),
                        "x");
    assert_true(json_number_value(json_path(j, "healthcheck.interval")) == 30.0);
    assert_int_equal(INT(j, "healthcheck.retries"), 3);
    assert_string_equal(STR(j, "healthcheck.test.1"), "CMD-SHELL");
    assert_true(json_is_true(json_path(j, "history.1.empty_layer")));
    assert_string_equal(STR(j, "config.pointer"), "/config");
    json_decref(j);
    pl_engine_free(e);
    pl_arena_free(&a);
}

/* ---- docs/input-model.md and the bridge name the same fields ------------------------ */

typedef struct names {
    char items[128][40];
    size_t n;
} names;

static void add_name(names *s, const char *p, size_t n) {
    if (n == 0 || n >= 40)
        return;
    for (size_t i = 0; i < s->n; i++)
        if (strlen(s->items[i]) == n && memcmp(s->items[i], p, n) == 0)
            return;
    assert_true(s->n < 128);
    memcpy(s->items[s->n], p, n);
    s->items[s->n++][n] = 0;
}

static bool has_name(const names *s, const char *name) {
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->items[i], name) == 0)
            return true;
    return false;
}

static bool ident(char c) {
    return (c >= 'a' && c <= 'z') || c == '_';
}

/* The fields documented under the heading that starts with `heading`: first-column
 * names of table rows, or `name =` in a section without a table. */
static void documented(const char *md, const char *heading, names *out) {
    memset(out, 0, sizeof *out);
    const char *h = md;
    size_t hl = strlen(heading);
    while ((h = strstr(h, "\n#"))) {
        h++;
        const char *t = h;
        while (*t == '#')
            t++;
        while (*t == ' ')
            t++;
        if (strncmp(t, heading, hl) == 0 && (t[hl] == ' ' || t[hl] == '\n'))
            break;
    }
    assert_non_null(h);
    const char *body = strchr(h, '\n') + 1;
    const char *end = strstr(body, "\n#");
    if (!end)
        end = body + strlen(body);
    bool table = false;
    for (const char *l = body; l < end; l = strchr(l, '\n') + 1) {
        if (strncmp(l, "| `", 3) == 0) {
            table = true;
            const char *cell_end = strchr(l + 1, '|');
            for (const char *p = l; p < cell_end; p++) {
                if (*p == '`') {
                    const char *q = strchr(p + 1, '`');
                    add_name(out, p + 1, (size_t)(q - p - 1));
                    p = q;
                }
            }
        }
    }
    if (table)
        return;
    for (const char *p = body; p + 2 < end; p++) {
        if (ident(*p) && (p == body || !ident(p[-1]))) {
            const char *q = p;
            while (ident(*q))
                q++;
            if (q[0] == ' ' && q[1] == '=' && q[2] != '=')
                add_name(out, p, (size_t)(q - p));
            p = q;
        }
    }
}

static void emitted_keys(json_t *obj, names *out) {
    const char *k;
    json_t *v;
    json_object_foreach(obj, k, v) add_name(out, k, strlen(k));
}

static void same_fields(const char *what, const names *doc, const names *bridge) {
    bool ok = true;
    for (size_t i = 0; i < doc->n; i++)
        if (!has_name(bridge, doc->items[i]))
            fprintf(stderr, "%s: documented but not in the tables: %s\n", what, doc->items[i]),
                ok = false;
    for (size_t i = 0; i < bridge->n; i++)
        if (!has_name(doc, bridge->items[i]))
            fprintf(stderr, "%s: in the tables but not documented: %s\n", what, bridge->items[i]),
                ok = false;
    assert_true(ok);
}

static void docs_name_every_field(void **state) {
    (void)state;
    pl_arena a;
    pl_arena_init(&a);
    char *md;
    size_t len;
    pl_error err;
    assert_int_equal(pl_file_read(&a, PL_SOURCE_DIR "/docs/input-model.md", 0, &md, &len, &err), 0);
    pl_engine *e = pl_engine_new(NULL);
    json_t *df = inspect(e, build_dockerfile(&a));
    json_t *im = inspect(e, build_image(&a));
    names doc, got;

    documented(md, "Dockerfile", &doc);
    memset(&got, 0, sizeof got);
    emitted_keys(df, &got);
    add_name(&got, "context", 7); /* nil unless read from a file (pl_document_attach_context) */
    same_fields("dockerfile", &doc, &got);

    documented(md, "instruction", &doc);
    memset(&got, 0, sizeof got);
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(df, "instructions"), i, v) {
        emitted_keys(v, &got);
        if (json_object_get(v, "sub"))
            emitted_keys(json_object_get(v, "sub"), &got);
    }
    same_fields("instruction", &doc, &got);

    documented(md, "command", &doc);
    memset(&got, 0, sizeof got);
    json_array_foreach(json_path(df, "instructions.2.commands"), i, v) emitted_keys(v, &got);
    same_fields("command", &doc, &got);

    documented(md, "pair", &doc);
    memset(&got, 0, sizeof got);
    emitted_keys(json_path(df, "instructions.4.pairs.1"), &got);
    same_fields("pair", &doc, &got);

    documented(md, "image ref", &doc);
    memset(&got, 0, sizeof got);
    emitted_keys(json_path(df, "instructions.1.from"), &got);
    add_name(&got, "stage", 5); /* nil unless the base is a stage */
    same_fields("image ref", &doc, &got);

    documented(md, "stage", &doc);
    memset(&got, 0, sizeof got);
    emitted_keys(json_path(df, "stages.1"), &got);
    add_name(&got, "base_stage", 10); /* nil unless based on a stage */
    same_fields("stage", &doc, &got);

    documented(md, "Image", &doc);
    memset(&got, 0, sizeof got);
    emitted_keys(im, &got);
    same_fields("image", &doc, &got);

    json_decref(df);
    json_decref(im);
    pl_engine_free(e);
    pl_arena_free(&a);
}

/* ---- through the real parsers ----------------------------------------------------- */

static void parsed_dockerfile_as_a_rule_sees_it(void **state) {
    (void)state;
    static const char *const files[] = {
        "dockerfile/probe.lua",
        "return { title = 't', severity = 'low', input = 'dockerfile', check = function(df, "
        "report)\n"
        "  local function say(s) report { message = s } end\n"
        "  say('stages=' .. #df.stages .. ' final=' .. df.final.index .. ' name=' .. "
        "tostring(df.stages[1].name))\n"
        "  say('from=' .. df.stages[2].from.raw .. ' base_stage=' .. "
        "tostring(df.stages[2].base_stage))\n"
        "  say('user=' .. df.final.user.name .. ':' .. tostring(df.final.user.group))\n"
        "  for cmd in df:commands() do say('cmd ' .. cmd.name .. '@' .. cmd.line .. ' in ' .. "
        "cmd.instruction.cmd) end\n"
        "  for _, ins in df:each('run') do say('run@' .. ins.line .. '-' .. ins.end_line .. ' "
        "form=' .. ins.form) end\n"
        "  for _, c in df.stages[1]:commands('apt-get', 'install') do\n"
        "    say('args=' .. table.concat(c:args(), ' ') .. ' y=' .. tostring(c:has_flag('-y', "
        "'--yes')) ..\n"
        "        ' o=' .. tostring(c:flag_value('-o')))\n"
        "  end\n"
        "  say('mount=' .. df.instructions[2].mounts[1].type .. ' ' .. "
        "df.instructions[2].mounts[1].target)\n"
        "  say('exec=' .. table.concat(df.instructions[#df.instructions].exec, '|'))\n"
        "end }",
        NULL};
    pl_results res;
    pl_results_init(&res);
    pl_engine *e = engine_from(NULL, &res, files);
    pl_arena a;
    pl_arena_init(&a);
    const char *text = "FROM debian:12 AS base\n"
                       "RUN --mount=type=cache,target=/var/cache/apt apt-get update \\\n"
                       "    && apt-get install -qy -o Dpkg::Options::=--force-confnew curl\n"
                       "FROM base\n"
                       "USER app:staff\n"
                       "CMD [\"curl\", \"-f\"]\n";
    pl_engine_evaluate(e, load_doc(&a, PL_DOC_DOCKERFILE, "Dockerfile", text), &res);
    dump_results(&res);
    assert_int_equal(res.nproblems, 0);
    static const char *const want[] = {
        "stages=2 final=2 name=base",
        "from=base base_stage=1",
        "user=app:staff",
        "cmd apt-get@2 in run",
        "cmd apt-get@3 in run",
        "run@2-3 form=shell",
        "args=install curl y=true o=Dpkg::Options::=--force-confnew",
        "mount=cache /var/cache/apt",
        "exec=curl|-f",
    };
    assert_int_equal(res.nfindings, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        assert_string_equal(res.findings[i].message, want[i]);
    pl_arena_free(&a);
    pl_engine_free(e);
    pl_results_free(&res);
}

static void parsed_image_as_a_rule_sees_it(void **state) {
    (void)state;
    static const char *const files[] = {
        "image/probe.lua",
        "return { title = 't', severity = 'low', input = 'image', check = function(im, report)\n"
        "  report { message = 'user ' .. im.user.value .. ' path ' .. im.env.PATH, at = im.user }\n"
        "  report { message = 'env1 ' .. im.env_list[1].key, at = im.env_list[1] }\n"
        "end }",
        NULL};
    pl_results res;
    pl_results_init(&res);
    pl_engine *e = engine_from(NULL, &res, files);
    pl_arena a;
    pl_arena_init(&a);
    const char *text = "{\n  \"architecture\": \"amd64\",\n  \"os\": \"linux\",\n  \"config\": {\n"
                       "    \"User\": \"app\",\n    \"Env\": [\"PATH=/bin\"]\n  },\n"
                       "  \"rootfs\": {\"type\": \"layers\", \"diff_ids\": []}\n}\n";
    pl_engine_evaluate(e, load_doc(&a, PL_DOC_IMAGE, "image.json", text), &res);
    dump_results(&res);
    assert_int_equal(res.nfindings, 2);
    const pl_finding *f = finding_of(&res, "probe", 0);
    assert_string_equal(f->message, "user app path /bin");
    assert_string_equal(f->pointer, "/config/User");
    assert_int_equal(f->line, 5);
    f = finding_of(&res, "probe", 1);
    assert_string_equal(f->pointer, "/config/Env/0");
    assert_int_equal(f->line, 6);
    pl_arena_free(&a);
    pl_engine_free(e);
    pl_results_free(&res);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(dockerfile_tables),
        cmocka_unit_test(image_tables),
        cmocka_unit_test(docs_name_every_field),
        cmocka_unit_test(parsed_dockerfile_as_a_rule_sees_it),
        cmocka_unit_test(parsed_image_as_a_rule_sees_it),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
