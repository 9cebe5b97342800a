/* test_analyze.c — the dispatch layer: BuildKit's ARG/ENV scoping, FROM references,
 * effective USER/WORKDIR/SHELL, shell commands with their lines, and the stage graph. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "plimsoll/dockerfile.h"

static pl_arena arena;

static int setup(void **state) {
    pl_arena_init(&arena);
    return 0;
}
static int teardown(void **state) {
    pl_arena_free(&arena);
    return 0;
}

static pl_dockerfile *analyze_with(const char *text, const char *const *bargs, size_t nb) {
    pl_dockerfile *df = NULL;
    pl_error err = {0};
    int rc = pl_dockerfile_parse(&arena, "Dockerfile", text, strlen(text), &df, &err);
    if (rc != 0)
        fail_msg("parse failed: %s", err.message);
    pl_build_args ba = {bargs, nb};
    rc = pl_dockerfile_analyze(&arena, df, &ba, &err);
    if (rc != 0)
        fail_msg("analyze failed: %s", err.message);
    return df;
}
static pl_dockerfile *analyze(const char *text) {
    return analyze_with(text, NULL, 0);
}

/* the n-th (1-based) instruction */
static pl_df_instruction *ins(pl_dockerfile *df, size_t n) {
    assert_true(n >= 1 && n <= df->ninstructions);
    return &df->instructions[n - 1];
}

static bool has_warning(const pl_dockerfile *df, const char *code, const char *needle, int line) {
    for (size_t i = 0; i < df->nwarnings; i++)
        if (strcmp(df->warnings[i].code, code) == 0 && strstr(df->warnings[i].message, needle) &&
            (line == 0 || df->warnings[i].line == line))
            return true;
    return false;
}

static void global_arg_in_from(void **state) {
    pl_dockerfile *df = analyze("ARG BASE=debian\nARG TAG=bookworm-slim\n"
                                "FROM ${BASE}:$TAG AS build\nRUN true\n");
    assert_int_equal(df->nglobal_args, 2);
    assert_string_equal(df->global_args[0].key_expanded, "BASE");
    assert_string_equal(df->global_args[0].value_expanded, "debian");
    pl_df_image_ref *r = ins(df, 3)->from;
    assert_non_null(r);
    assert_string_equal(r->raw, "${BASE}:$TAG");
    assert_string_equal(r->expanded, "debian:bookworm-slim");
    assert_string_equal(r->image, "debian");
    assert_string_equal(r->tag, "bookworm-slim");
    assert_string_equal(r->registry, "docker.io");
    assert_string_equal(r->repository, "library/debian");
    assert_string_equal(r->alias, "build");
    assert_int_equal(df->nwarnings, 0);
}

static void global_arg_needs_redeclaration(void **state) {
    pl_dockerfile *df = analyze("ARG VERSION=1.2\nFROM alpine\nLABEL v=$VERSION\n"
                                "ARG VERSION\nLABEL w=$VERSION\n");
    /* not visible in the stage until declared again; an external base could still
     * define it, so the value is not decidable, and the use is reported */
    assert_null(ins(df, 3)->pairs[0].value_expanded);
    assert_null(ins(df, 3)->expanded);
    assert_int_equal(ins(df, 3)->nunresolved, 1);
    assert_string_equal(ins(df, 3)->unresolved[0], "VERSION");
    assert_true(has_warning(df, "undefined-var", "VERSION", 3));
    /* redeclared without default: takes the global value */
    assert_string_equal(ins(df, 4)->pairs[0].value_expanded, "1.2");
    assert_string_equal(ins(df, 5)->pairs[0].value_expanded, "1.2");
    assert_string_equal(ins(df, 5)->expanded, "w=1.2");
    assert_false(has_warning(df, "undefined-var", "VERSION", 5));
}

static void env_inherited_from_parent_stage(void **state) {
    pl_dockerfile *df = analyze("FROM scratch AS base\nENV APP=/opt/app DEBUG=0\n"
                                "ARG ONLY_HERE=x\n"
                                "FROM base\nWORKDIR $APP/bin\nLABEL a=$ONLY_HERE\n");
    assert_string_equal(ins(df, 5)->expanded, "/opt/app/bin");
    assert_string_equal(ins(df, 5)->workdir, "/opt/app/bin");
    /* ARGs are not inherited; the root is scratch, so unset means empty */
    assert_string_equal(ins(df, 6)->expanded, "a=");
    assert_true(has_warning(df, "undefined-var", "ONLY_HERE", 6));
    assert_int_equal(df->stages[1].base_stage, 1);
}

static void env_pairs_see_previous_scope(void **state) {
    pl_dockerfile *df = analyze("FROM scratch\nENV A=1\nENV A=2 B=$A C=\"x y\" D=z\\ w\n");
    pl_df_instruction *e = ins(df, 3);
    assert_int_equal(e->npairs, 4);
    assert_string_equal(e->pairs[1].value_expanded, "1");
    assert_string_equal(e->pairs[2].value_expanded, "x y");
    assert_string_equal(e->pairs[3].value_expanded, "z w");
    assert_string_equal(e->pairs[2].value, "\"x y\"");
}

static void build_arg_overrides(void **state) {
    const char *bargs[] = {"TAG=3.19", "MODE=release", "UNUSED=1"};
    pl_dockerfile *df = analyze_with("ARG TAG=3.18\nFROM alpine:${TAG}\nARG MODE=debug\n"
                                     "ARG TAG\nENV M=$MODE T=$TAG\n",
                                     bargs, 3);
    assert_string_equal(ins(df, 2)->from->expanded, "alpine:3.19");
    assert_string_equal(ins(df, 2)->from->tag, "3.19");
    assert_string_equal(ins(df, 3)->pairs[0].value_expanded, "release");
    assert_string_equal(ins(df, 5)->expanded, "M=release T=3.19");
}

static void undecidable_arg(void **state) {
    pl_dockerfile *df = analyze("ARG BASE\nFROM $BASE\nARG TOKEN\nENV T=$TOKEN\n"
                                "ENV U=${TOKEN:-fallback}\n");
    assert_null(df->global_args[0].value_expanded);
    pl_df_image_ref *r = ins(df, 2)->from;
    assert_null(r->expanded);
    assert_null(ins(df, 2)->expanded);
    assert_null(r->registry);
    assert_null(ins(df, 3)->pairs[0].value_expanded);
    assert_null(ins(df, 4)->pairs[0].value_expanded);
    assert_string_equal(ins(df, 4)->pairs[0].key_expanded, "T");
    assert_null(ins(df, 4)->expanded);
    assert_int_equal(ins(df, 4)->nunresolved, 1);
    assert_string_equal(ins(df, 4)->unresolved[0], "TOKEN");
    /* declared: no warning, only undecidable */
    assert_false(has_warning(df, "undefined-var", "TOKEN", 0));
    assert_null(ins(df, 5)->pairs[0].value_expanded);
}

static void default_modifiers(void **state) {
    pl_dockerfile *df = analyze("FROM scratch\nARG EMPTY=\nARG SET=v\n"
                                "ENV A=${EMPTY:-dflt} B=${SET:-no} C=${SET:+yes} D=${EMPTY-x}\n");
    pl_df_instruction *e = ins(df, 4);
    assert_string_equal(e->pairs[0].value_expanded, "dflt");
    assert_string_equal(e->pairs[1].value_expanded, "v");
    assert_string_equal(e->pairs[2].value_expanded, "yes");
    assert_string_equal(e->pairs[3].value_expanded, "");
}

static void env_overrides_arg(void **state) {
    pl_dockerfile *df = analyze("FROM scratch\nENV X=env\nARG X=arg\nLABEL x=$X\n");
    assert_string_equal(ins(df, 4)->expanded, "x=env");
}

static void image_refs(void **state) {
    pl_dockerfile *df = analyze(
        "FROM nginx\nFROM nginx:1.25\n"
        "FROM "
        "library/nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n"
        "FROM ghcr.io/org/app:1\nFROM localhost:5000/x\nFROM registry:5000/x:tag\n"
        "FROM scratch\nFROM --platform=$BUILDPLATFORM golang:1.22-alpine AS builder\n"
        "FROM builder\nFROM 0\nFROM docker.io/nginx\nFROM BUILDER AS again\n");
    pl_df_image_ref *r;
    r = ins(df, 1)->from;
    assert_string_equal(r->registry, "docker.io");
    assert_string_equal(r->repository, "library/nginx");
    assert_string_equal(r->image, "nginx");
    assert_null(r->tag);
    assert_null(r->digest);
    r = ins(df, 2)->from;
    assert_string_equal(r->tag, "1.25");
    r = ins(df, 3)->from;
    assert_string_equal(r->image, "library/nginx");
    assert_string_equal(r->repository, "library/nginx");
    assert_null(r->tag);
    assert_string_equal(r->digest,
                        "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    r = ins(df, 4)->from;
    assert_string_equal(r->registry, "ghcr.io");
    assert_string_equal(r->repository, "org/app");
    assert_string_equal(r->image, "ghcr.io/org/app");
    assert_string_equal(r->tag, "1");
    r = ins(df, 5)->from;
    assert_string_equal(r->registry, "localhost:5000");
    assert_string_equal(r->repository, "x");
    assert_null(r->tag);
    r = ins(df, 6)->from;
    assert_string_equal(r->registry, "registry:5000");
    assert_string_equal(r->image, "registry:5000/x");
    assert_string_equal(r->tag, "tag");
    r = ins(df, 7)->from;
    assert_true(r->scratch);
    assert_null(r->registry);
    r = ins(df, 8)->from;
    assert_string_equal(r->platform, "linux/amd64");
    assert_string_equal(r->alias, "builder");
    r = ins(df, 9)->from;
    assert_int_equal(r->stage, 8);
    assert_null(r->registry);
    assert_null(r->tag);
    r = ins(df, 10)->from;
    assert_int_equal(r->stage, 1);
    r = ins(df, 11)->from;
    assert_string_equal(r->registry, "docker.io");
    assert_string_equal(r->repository, "library/nginx");
    r = ins(df, 12)->from;
    assert_int_equal(r->stage, 8); /* stage names are case-insensitive */
}

static void stage_graph(void **state) {
    pl_dockerfile *df = analyze("FROM golang:1.22 AS build\nRUN go build -o /app\n"
                                "FROM alpine AS unused\nRUN echo unused\n"
                                "FROM alpine AS certs\nRUN apk add ca-certificates\n"
                                "FROM build AS test\nRUN go test ./...\n"
                                "FROM scratch\nCOPY --from=build /app /app\n"
                                "COPY --from=build /etc/passwd /etc/passwd\n"
                                "COPY --from=2 /etc/ssl /etc/ssl\n"
                                "RUN --mount=type=bind,from=unused,target=/x true\n"
                                "COPY --from=nginx:latest /a /b\n");
    assert_int_equal(df->nstages, 5);
    pl_df_stage *fin = &df->stages[4];
    assert_true(fin->is_final);
    assert_int_equal(fin->ncopies_from, 3);
    assert_int_equal(fin->copies_from[0], 1);
    assert_int_equal(fin->copies_from[1], 3);
    assert_int_equal(fin->copies_from[2], 2);
    assert_int_equal(df->stages[3].base_stage, 1);
    assert_true(df->stages[0].reaches_final);
    assert_true(df->stages[1].reaches_final);
    assert_true(df->stages[2].reaches_final);
    assert_false(df->stages[3].reaches_final); /* test stage: nothing depends on it */
    assert_true(fin->reaches_final);
    assert_false(df->stages[0].is_final);
}

static void effective_user_workdir_shell(void **state) {
    pl_dockerfile *df =
        analyze("FROM debian AS base\nUSER app\nWORKDIR /srv\nWORKDIR data\n"
                "WORKDIR ../logs/./x\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n"
                "RUN make\nFROM base\nRUN id\nFROM alpine\nRUN id\n");
    assert_string_equal(ins(df, 2)->user, "app");
    assert_string_equal(ins(df, 4)->workdir, "/srv/data");
    assert_string_equal(ins(df, 5)->workdir, "/srv/logs/x");
    pl_df_instruction *r = ins(df, 7);
    assert_int_equal(r->nshell, 4);
    assert_string_equal(r->shell[0], "/bin/bash");
    assert_string_equal(r->user, "app");
    /* inherited through FROM base */
    r = ins(df, 9);
    assert_string_equal(r->user, "app");
    assert_string_equal(r->workdir, "/srv/logs/x");
    assert_string_equal(r->shell[2], "pipefail");
    /* a fresh image starts as root in / with /bin/sh -c */
    r = ins(df, 11);
    assert_null(r->user);
    assert_string_equal(r->workdir, "/");
    assert_int_equal(r->nshell, 2);
    assert_string_equal(r->shell[0], "/bin/sh");
}

static void powershell_is_not_posix(void **state) {
    pl_dockerfile *df = analyze("FROM mcr.microsoft.com/windows/servercore:ltsc2022\n"
                                "SHELL [\"powershell\", \"-Command\"]\n"
                                "RUN Invoke-WebRequest -Uri $url -OutFile x; Remove-Item x\n"
                                "SHELL [\"cmd.exe\", \"/S\", \"/C\"]\nRUN dir\n"
                                "SHELL [\"/bin/sh\", \"-c\"]\nRUN ls\n");
    assert_false(ins(df, 3)->posix);
    assert_int_equal(ins(df, 3)->script.ncommands, 0);
    assert_false(ins(df, 5)->posix);
    assert_true(ins(df, 7)->posix);
    assert_int_equal(ins(df, 7)->script.ncommands, 1);
    /* a Windows base runs RUN under cmd by default */
    df = analyze("# escape=`\nFROM mcr.microsoft.com/dotnet/runtime:8.0-nanoserver-ltsc2022\n"
                 "RUN powershell -Command `\n    $ErrorActionPreference = 'Stop'\n");
    assert_false(ins(df, 2)->posix);
    assert_string_equal(ins(df, 2)->shell[0], "cmd");
    assert_int_equal(ins(df, 2)->script.ncommands, 0);
}

static void commands_with_lines(void **state) {
    pl_dockerfile *df =
        analyze("FROM debian\n"
                "RUN set -eux; \\\n"
                "    apt-get update \\\n"
                "    # a comment line inside the continuation\n"
                "    && apt-get install -y curl \\\n"
                "    && rm -rf /var/lib/apt/lists/*\n"
                "CMD [\"nginx\"]\n"
                "HEALTHCHECK --interval=30s CMD curl -f http://localhost/ || exit 1\n"
                "ENTRYPOINT exec /entry.sh\n");
    pl_df_instruction *r = ins(df, 2);
    assert_true(r->posix);
    assert_true(r->script.complete);
    assert_int_equal(r->script.ncommands, 4);
    assert_string_equal(r->script.commands[0].name, "set");
    assert_int_equal(r->script.commands[0].line, 2);
    assert_int_equal(r->script.commands[1].line, 3);
    assert_string_equal(r->script.commands[2].argv[1], "install");
    assert_int_equal(r->script.commands[2].line, 5);
    assert_int_equal(r->script.commands[3].line, 6);
    /* columns are byte columns on the physical line, continuation indents included */
    assert_int_equal(r->script.commands[0].column, 5);
    assert_int_equal(r->script.commands[1].column, 5);
    assert_int_equal(r->script.commands[2].column, 8);
    assert_int_equal(r->script.commands[3].column, 8);
    assert_null(r->expanded);                          /* RUN is not expanded by BuildKit */
    assert_int_equal(ins(df, 3)->script.ncommands, 0); /* exec form */
    pl_df_instruction *h = ins(df, 4);
    assert_int_equal(h->script.ncommands, 2);
    assert_string_equal(h->script.commands[0].name, "curl");
    assert_string_equal(h->script.commands[0].op, "||");
    assert_int_equal(h->script.commands[1].line, 8);
    assert_int_equal(h->script.commands[0].column, 32);
    assert_int_equal(h->script.commands[1].column, 61);
    assert_string_equal(ins(df, 5)->script.commands[0].argv[1], "/entry.sh");
}

static void run_heredocs(void **state) {
    pl_dockerfile *df = analyze("FROM debian\n"
                                "RUN <<EOF\n"
                                "set -e\n"
                                "apt-get update\n"
                                "EOF\n"
                                "RUN python3 <<EOF\n"
                                "import os\n"
                                "EOF\n"
                                "RUN bash -e <<'SCRIPT' && echo after\n"
                                "curl -fsSL x | sh\n"
                                "SCRIPT\n"
                                "RUN <<EOF\n"
                                "#!/usr/bin/env python3\n"
                                "print(1)\n"
                                "EOF\n");
    pl_df_instruction *r = ins(df, 2);
    assert_int_equal(r->script.ncommands, 2);
    assert_string_equal(r->script.commands[0].name, "set");
    assert_int_equal(r->script.commands[0].line, 3);
    assert_string_equal(r->script.commands[1].name, "apt-get");
    assert_int_equal(r->script.commands[1].line, 4);
    r = ins(df, 3);
    assert_int_equal(r->script.ncommands, 1);
    assert_string_equal(r->script.commands[0].name, "python3");
    assert_int_equal(r->script.commands[0].line, 6);
    r = ins(df, 4);
    assert_int_equal(r->script.ncommands, 4);
    assert_string_equal(r->script.commands[0].name, "bash");
    assert_string_equal(r->script.commands[1].name, "echo");
    assert_string_equal(r->script.commands[2].name, "curl");
    assert_int_equal(r->script.commands[2].line, 10);
    assert_string_equal(r->script.commands[3].name, "sh");
    r = ins(df, 5);
    assert_int_equal(r->script.ncommands, 0); /* a python script by its #! line */
}

static void expanded_instructions(void **state) {
    pl_dockerfile *df =
        analyze("FROM scratch\nARG PORT=8080\nARG DIR=/data\n"
                "ENV U=app\nEXPOSE $PORT 9090/udp\nVOLUME $DIR\n"
                "COPY --chown=$U:$U src/ \"$DIR/x\"\nUSER ${U}\nSTOPSIGNAL SIGTERM\n"
                "RUN echo $PORT\nCMD echo $PORT\nONBUILD RUN echo $PORT\n");
    assert_string_equal(ins(df, 5)->expanded, "8080 9090/udp");
    assert_string_equal(ins(df, 6)->expanded, "/data");
    assert_string_equal(ins(df, 7)->expanded, "src/ /data/x");
    assert_string_equal(ins(df, 8)->expanded, "app");
    assert_string_equal(ins(df, 8)->user, "app");
    assert_string_equal(ins(df, 9)->expanded, "SIGTERM");
    assert_null(ins(df, 10)->expanded);
    assert_null(ins(df, 11)->expanded);
    assert_null(ins(df, 12)->expanded);
    assert_int_equal(ins(df, 10)->script.ncommands, 1);
    assert_string_equal(ins(df, 10)->script.commands[0].argv[1], "$PORT");
    /* the nested ONBUILD instruction has its commands too */
    assert_non_null(ins(df, 12)->sub);
    assert_int_equal(ins(df, 12)->sub->script.ncommands, 1);
}

static void platform_args_scope(void **state) {
    pl_dockerfile *df = analyze("FROM --platform=$BUILDPLATFORM alpine\n"
                                "LABEL a=$TARGETARCH\nARG TARGETARCH\nLABEL b=$TARGETARCH\n");
    assert_string_equal(ins(df, 1)->from->platform, "linux/amd64");
    assert_true(has_warning(df, "undefined-var", "ARG TARGETARCH", 2));
    assert_null(ins(df, 2)->expanded);
    assert_string_equal(ins(df, 4)->expanded, "b=amd64");
}

static void dispatch_errors(void **state) {
    pl_error err = {0};
    pl_dockerfile *df = NULL;
    const char *t = "FROM alpine\nENV =x\n";
    assert_int_equal(pl_dockerfile_parse(&arena, "Dockerfile", t, strlen(t), &df, &err), 0);
    assert_int_equal(pl_dockerfile_analyze(&arena, df, NULL, &err), -1);
    assert_int_equal(err.line, 2);
    assert_string_equal(err.path, "Dockerfile");
    assert_non_null(strstr(err.message, "ENV names can not be blank"));
    t = "FROM\nRUN x\n";
    df = NULL;
    memset(&err, 0, sizeof err);
    if (pl_dockerfile_parse(&arena, "Dockerfile", t, strlen(t), &df, &err) == 0) {
        assert_int_equal(pl_dockerfile_analyze(&arena, df, NULL, &err), -1);
        assert_int_equal(err.line, 1);
        assert_non_null(strstr(err.message, "FROM"));
    }
}

/* analyze_error: the analysis of t fails at line:column; returns the message */
static const char *analyze_error(const char *t, int line, int column) {
    static pl_error err;
    pl_dockerfile *df = NULL;
    memset(&err, 0, sizeof err);
    assert_int_equal(pl_dockerfile_parse(&arena, "Dockerfile", t, strlen(t), &df, &err), 0);
    assert_int_equal(pl_dockerfile_analyze(&arena, df, NULL, &err), -1);
    assert_string_equal(err.path, "Dockerfile");
    assert_int_equal(err.line, line);
    assert_int_equal(err.column, column);
    return err.message;
}

static void unknown_flags_are_data(void **state) {
    pl_dockerfile *df = analyze("FROM alpine\nCOPY --bogus=1 a b\nRUN --weird x\n");
    assert_string_equal(ins(df, 2)->expanded, "a b");
    assert_int_equal(ins(df, 3)->script.ncommands, 1);
    assert_true(ins(df, 1)->known);
}

static void what_buildkit_refuses_is_an_error(void **state) {
    /* BuildKit's instructions.Parse refuses these before building: they were findings of
     * a rule, so --fail-on critical let a README given as a Dockerfile pass */
    const char *m = analyze_error("FROM alpine\nRUNN apk add curl\n", 2, 1);
    assert_non_null(strstr(m, "unknown instruction: RUNN (did you mean RUN?)"));
    m = analyze_error("FROM alpine\n  FOO bar\n", 2, 3);
    assert_non_null(strstr(m, "unknown instruction: FOO;"));
    assert_null(strstr(m, "did you mean"));
    m = analyze_error("# plimsoll\n\nplimsoll is a policy engine\nfor container builds\n", 3, 1);
    assert_non_null(strstr(m, "is it a Dockerfile?"));
    m = analyze_error("ARG A=1\nLABEL x=y\nFROM alpine\n", 2, 1);
    assert_non_null(strstr(m, "no build stage in current context: LABEL"));
    m = analyze_error("ARG A=1\nARG B=2\n", 1, 1);
    assert_non_null(strstr(m, "dockerfile contains no stages to build"));
    /* the first refusal wins, as in BuildKit */
    m = analyze_error("ENV A=1\nFOO\n", 1, 1);
    assert_non_null(strstr(m, "no build stage"));
}

static void unknown_onbuild_trigger_is_data(void **state) {
    /* BuildKit stores a trigger as text: only images built FROM this one fail */
    pl_dockerfile *df = analyze("FROM alpine\nONBUILD COPI . /app\n");
    assert_true(ins(df, 2)->known);
    assert_non_null(ins(df, 2)->sub);
    assert_false(ins(df, 2)->sub->known);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(global_arg_in_from, setup, teardown),
        cmocka_unit_test_setup_teardown(global_arg_needs_redeclaration, setup, teardown),
        cmocka_unit_test_setup_teardown(env_inherited_from_parent_stage, setup, teardown),
        cmocka_unit_test_setup_teardown(env_pairs_see_previous_scope, setup, teardown),
        cmocka_unit_test_setup_teardown(build_arg_overrides, setup, teardown),
        cmocka_unit_test_setup_teardown(undecidable_arg, setup, teardown),
        cmocka_unit_test_setup_teardown(default_modifiers, setup, teardown),
        cmocka_unit_test_setup_teardown(env_overrides_arg, setup, teardown),
        cmocka_unit_test_setup_teardown(image_refs, setup, teardown),
        cmocka_unit_test_setup_teardown(stage_graph, setup, teardown),
        cmocka_unit_test_setup_teardown(effective_user_workdir_shell, setup, teardown),
        cmocka_unit_test_setup_teardown(powershell_is_not_posix, setup, teardown),
        cmocka_unit_test_setup_teardown(commands_with_lines, setup, teardown),
        cmocka_unit_test_setup_teardown(run_heredocs, setup, teardown),
        cmocka_unit_test_setup_teardown(expanded_instructions, setup, teardown),
        cmocka_unit_test_setup_teardown(platform_args_scope, setup, teardown),
        cmocka_unit_test_setup_teardown(dispatch_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(unknown_flags_are_data, setup, teardown),
        cmocka_unit_test_setup_teardown(what_buildkit_refuses_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(unknown_onbuild_trigger_is_data, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
